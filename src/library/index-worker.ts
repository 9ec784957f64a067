import { parentPort } from "node:worker_threads";
import { readSnapshotArticles } from "../content/content-snapshot";
import { createSearchIndex, saveSearchIndex } from "../search/search-articles";

/**
 * A worker thread's job (`buildIndexInWorker`): the search index of the snapshot's articles in
 * these files, built here so that the bot keeps answering from the old one meanwhile, and sent
 * back saved as its arrays (`saveSearchIndex`), to be loaded without rebuilding. The job comes
 * as the first message, so that the worker can be started (its modules imported) ahead of it.
 */
export interface IndexJob {
  snapshotPath: string;
  files: readonly string[];
  key: string;
}

parentPort?.once("message", (job: IndexJob) => {
  const saved = saveSearchIndex(createSearchIndex(readSnapshotArticles(job.snapshotPath, job.files)), job.key);
  // Handed over rather than copied when the Buffer owns its memory (an index is tens of MB).
  const owns = saved.byteOffset === 0 && saved.byteLength === saved.buffer.byteLength;
  const bytes = owns ? saved : Buffer.from(saved);
  parentPort?.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
});
