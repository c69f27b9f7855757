// A worker thread of `attache check`: runs the batches the main thread sends, and sends back the
// report's bytes, transferred rather than copied, so the main thread only has to write them.

import { parentPort, workerData } from "node:worker_threads";
import { Analyzer } from "../core/analyze";
import { runBatch, type BatchOptions, type BatchRequest } from "./batch";

const options = workerData as BatchOptions;
const analyzer = new Analyzer();
parentPort?.on("message", (req: BatchRequest) => {
  const result = runBatch(analyzer, req, options);
  parentPort!.postMessage(
    result,
    result.segments.map((s) => s.buffer as ArrayBuffer),
  );
});
