import { parentPort } from "node:worker_threads";
import { readSnapshotRows, type ParseJob } from "./snapshot-row";

/**
 * A worker thread's job (`readSnapshotRowsInWorker`): reads, parses and checks its share of the
 * files a content snapshot's sync found changed, and sends back their rows. At a cold start
 * (every file new) the sync splits the files between this thread and its own.
 */
parentPort?.once("message", (job: ParseJob) => {
  void readSnapshotRows(job.dir, job.files).then((read) => parentPort?.postMessage(read));
});
