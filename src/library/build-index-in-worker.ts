import { runModuleWorker } from "../base/module-worker";
import type { IndexJob } from "./index-worker";

/**
 * The search index of `job.files`' articles in the content snapshot, built in a worker thread
 * and returned saved as its arrays (`loadSearchIndex` takes it back). Building the index of
 * 10,000 articles takes 5–15 s of CPU: on the main thread it stopped every answer meanwhile.
 */
export async function buildIndexInWorker(job: IndexJob): Promise<Buffer> {
  const bytes = await runModuleWorker<Uint8Array>(new URL("./index-worker.ts", import.meta.url), job);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
