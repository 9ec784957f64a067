import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { IndexJob } from "./index-worker";

const workerUrl = new URL("./index-worker.ts", import.meta.url);
const workerJs = new URL("./index-worker.js", import.meta.url);

/**
 * The search index of `job.files`' articles in the content snapshot, built in a worker thread
 * and returned saved as its arrays (`loadSearchIndex` takes it back). Building the index of
 * 10,000 articles takes 5–15 s of CPU: on the main thread it stopped every answer meanwhile.
 */
export function buildIndexInWorker(job: IndexJob): Promise<Buffer> {
  // Run from TypeScript source (tsx): the worker registers tsx before importing its module,
  // since Node 20 does not hand `--import tsx`'s hooks to a worker's first module.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = (fromSource ? workerUrl : workerJs).href;
  // tsx found from here, not from the working directory (an eval'd worker resolves from there);
  // require finds its CommonJS entry, whose ES module twin sits beside it.
  const tsx = fromSource ? pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href : "";
  const boot = fromSource
    ? `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`
    : `import(${JSON.stringify(url)})`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: job, execArgv: [] });
    let settled = false;
    worker.once("message", (bytes: Uint8Array) => {
      settled = true;
      resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the index worker stopped (exit code ${code}) before it sent an index`));
    });
  });
}
