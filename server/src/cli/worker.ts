// A worker thread of `attache check`: analyses batches of files sent by the main thread.

import { parentPort } from "node:worker_threads";
import { Analyzer } from "../core/analyze";
import type { Target } from "./files";
import { checkOne, serialized } from "./check";

const analyzer = new Analyzer();
parentPort?.on("message", (msg: { from: number; items: Target[]; maxFileSize?: number; serialize?: boolean }) => {
  // `serialize` is set for `--format json`, the one report that prints the whole analysis.
  const files = msg.items.map((t) => checkOne(analyzer, t, msg.maxFileSize, !!msg.serialize));
  parentPort!.postMessage({ from: msg.from, files: msg.serialize ? files.map(serialized) : files });
});
