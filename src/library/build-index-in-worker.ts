import { startModuleWorker, type ModuleWorker } from "../base/module-worker";
import type { IndexJob } from "./index-worker";

/** An index worker started ahead of its job (a cold start: it boots while the files are parsed). */
export type IndexWorker = ModuleWorker<Uint8Array>;

/** Starts an index worker now, for `buildIndexInWorker` to give a job later. */
export function startIndexWorker(): IndexWorker {
  return startModuleWorker<Uint8Array>(new URL("./index-worker.ts", import.meta.url));
}

/**
 * The search index of `job.files`' articles in the content snapshot, built in a worker thread
 * (`started`, or one started now) and returned saved as its arrays (`loadSearchIndex` takes it
 * back). Building the index of 10,000 articles takes 5–15 s of CPU: on the main thread it
 * stopped every answer meanwhile.
 */
export async function buildIndexInWorker(job: IndexJob, started: IndexWorker = startIndexWorker()): Promise<Buffer> {
  const bytes = await started.run(job);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
