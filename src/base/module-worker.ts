import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** A worker thread started ahead of its job, so that it boots (imports its modules) meanwhile. */
export interface ModuleWorker<T> {
  /** Hands the worker its job; resolves with the first message it posts, then ends it. Once only. */
  run(job: unknown): Promise<T>;
  /** Ends the worker without a job (or before it answered). */
  stop(): void;
}

/**
 * Starts the module at `moduleUrl` (a `.ts` file, or beside compiled code its `.js` twin) in a
 * worker thread. The module takes its job from its first message on `parentPort` and answers
 * with one message; the worker is then ended, so that nothing it allocated outlives its answer.
 * `run` rejects if the worker fails or stops before answering.
 */
export function startModuleWorker<T>(moduleUrl: URL): ModuleWorker<T> {
  // Run from TypeScript source (tsx): the worker registers tsx before importing its module,
  // since Node 20 does not hand `--import tsx`'s hooks to a worker's first module.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = fromSource ? moduleUrl.href : moduleUrl.href.replace(/\.ts$/, ".js");
  // tsx found from here, not from the working directory (an eval'd worker resolves from there);
  // require finds its CommonJS entry, whose ES module twin sits beside it.
  const tsx = fromSource ? pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href : "";
  const boot = fromSource
    ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`
    : `import(${JSON.stringify(url)})`;
  const worker = new Worker(boot, { eval: true, execArgv: [] });
  let settled = false;
  const answer = new Promise<T>((resolve, reject) => {
    worker.once("message", (message: T) => {
      settled = true;
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the worker ${moduleUrl.pathname} stopped (exit code ${code}) before it answered`));
    });
  });
  // A worker stopped without a job is no failure: nobody waits on its answer.
  answer.catch(() => {});
  return {
    run(job) {
      // Queued on the port until the module, once imported, listens.
      worker.postMessage(job);
      return answer;
    },
    stop() {
      settled = true;
      void worker.terminate();
    },
  };
}

/** `startModuleWorker(moduleUrl).run(job)`: a worker for one job, started now. */
export function runModuleWorker<T>(moduleUrl: URL, job: unknown): Promise<T> {
  return startModuleWorker<T>(moduleUrl).run(job);
}
