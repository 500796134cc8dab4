/**
 * Worker-thread entry of the parallel task-execution fold: runs {@link foldPart} on the input the
 * parent sent and posts the result. Not imported by the library; loaded by path (see
 * `FOLD_WORKER_SCRIPT`), and it does nothing in any other thread.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { FOLD_WORKER_KIND, foldPart, type FoldWorkerInput, type FoldWorkerResult } from "./fold-part";

if (!isMainThread && parentPort && (workerData as { kind?: string } | null)?.kind === FOLD_WORKER_KIND) {
  const port = parentPort;
  foldPart(workerData as FoldWorkerInput).then(
    (result) => port.postMessage(result),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        stoppedAt: `an error: ${error instanceof Error ? error.message : String(error)}`,
        rows: 0,
        count: 0,
        conflict: false,
        agentLists: [],
      } satisfies FoldWorkerResult),
  );
}
