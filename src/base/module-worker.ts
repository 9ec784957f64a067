import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * Runs the module at `moduleUrl` (a `.ts` file, or beside compiled code its `.js` twin) in a
 * worker thread with `workerData`, and resolves with the first message it posts; the worker is
 * then ended, so that nothing it allocated outlives its answer. Rejects if it fails or stops
 * before answering.
 */
export function runModuleWorker<T>(moduleUrl: URL, workerData: unknown): Promise<T> {
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
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData, execArgv: [] });
    let settled = false;
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
}
