// A worker thread of `attache check`: analyses batches of files sent by the main thread.

import { parentPort } from "node:worker_threads";
import { Analyzer } from "../core/analyze";
import type { Target } from "./files";
import { checkOne } from "./check";

const analyzer = new Analyzer();
parentPort?.on("message", (msg: { from: number; items: Target[] }) => {
  parentPort!.postMessage({ from: msg.from, files: msg.items.map((t) => checkOne(analyzer, t)) });
});
