// `attache check`: analyse files and report findings as text, JSON (the contract in
// docs/analysis-json.md) or SARIF. Large runs are spread over worker threads, which read,
// analyse and format their batches; the main thread writes the batches' bytes in order.

import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { Analyzer } from "../core/analyze";
import { TOOL, type FileJson } from "../core/export/json";
import { toSarif } from "../core/export/sarif";
import { runBatch, type BatchOptions, type BatchRequest, type BatchResult } from "./batch";
import { walkTargets, type Target } from "./files";
import { tuneForWorkers } from "./jit";
import { addTally, type Tally } from "./report";

export interface CheckOptions {
  readonly format: "text" | "json" | "sarif";
  readonly maxWarnings?: number;
  readonly jobs?: number;
  readonly quiet?: boolean;
  /** Characters analysed at most per file (as the editor's `attache.maxFileSize`). */
  readonly maxFileSize?: number;
}

export interface Io {
  /** Writes a line to stdout (a newline is added unless there is one). */
  out: (s: string) => void;
  /** Writes a line to stderr. */
  err: (s: string) => void;
  /** Writes report bytes as they are; false when stdout is buffering them (see `drained`). */
  write: (stream: "out" | "err", bytes: Uint8Array) => boolean;
  /** Resolves once stdout has written out what it buffered. */
  drained: () => Promise<void>;
}

/** Below this many files, starting worker threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 64;
/** Files per batch at most: enough that messages are few, few enough that output flows. */
const MAX_BATCH = 32;
/** Batches queued at each worker, so that it never waits for the main thread between two. */
const QUEUE_DEPTH = 2;

export async function runCheck(paths: readonly string[], opts: CheckOptions, io: Io): Promise<number> {
  const options: BatchOptions = { format: opts.format, maxFileSize: opts.maxFileSize };
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const jobs = Math.max(1, Math.min(opts.jobs ?? cores, 8));
  // The workers start as soon as there are enough files for them, and boot while the rest of
  // the tree is walked.
  const walk = walkTargets(paths, (p, message) => io.err(`${p}: note: ${message}`));
  const targets: Target[] = [];
  for (let t = walk.next(); !t.done; t = walk.next()) if (targets.push(t.value) === MIN_FILES_FOR_WORKERS) break;
  const pool = targets.length >= MIN_FILES_FOR_WORKERS && jobs > 1 ? startWorkers(jobs, cores, options) : undefined;
  try {
    for (const t of walk) targets.push(t);
  } catch (e) {
    for (const job of pool ?? []) void job.worker.terminate();
    throw e;
  }
  const tally: Tally = { errors: 0, findings: 0, warnings: 0 };
  const sarifFiles: FileJson[] = [];
  /** Writes a batch's report; false when stdout asks us to wait. */
  const write = (r: BatchResult): boolean => {
    addTally(tally, r.tally);
    for (const f of r.sarifFiles) sarifFiles.push(f);
    let ok = true;
    r.segments.forEach((bytes, i) => {
      if (bytes.length === 0) return;
      if (i % 2 === 0) ok = io.write("out", bytes) && ok;
      else io.write("err", bytes); // stderr is not waited for: `drained` follows stdout
    });
    return ok;
  };

  if (opts.format === "json") io.out(`{"tool":${JSON.stringify(TOOL)},"files":[`);
  if (pool) await runInWorkers(pool, targets, write, io);
  else await runHere(targets, options, write, io);

  if (opts.format === "json") io.out("]}\n");
  else if (opts.format === "sarif") io.out(JSON.stringify(toSarif(sarifFiles), null, 2) + "\n");
  else if (!opts.quiet) io.err(summary(targets.length, tally));
  if (targets.length === 0) io.err("attache: no release files found (looked for *.release and *.readout).");
  if (tally.errors) return 2;
  if (opts.maxWarnings !== undefined && tally.warnings > opts.maxWarnings) {
    io.err(`attache: ${tally.warnings} warnings, more than --max-warnings ${opts.maxWarnings}.`);
    return 1;
  }
  return 0;
}

function summary(files: number, t: Tally): string {
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${s(files, "file")} checked, ${s(t.findings, "finding")}${t.errors ? `, ${s(t.errors, "file")} could not be analysed` : ""}.`;
}

/** Small runs: batches in this thread (no worker start-up to pay). */
async function runHere(targets: readonly Target[], options: BatchOptions, write: (r: BatchResult) => boolean, io: Io): Promise<void> {
  const analyzer = new Analyzer();
  for (let from = 0, seq = 0; from < targets.length; from += MAX_BATCH, seq++) {
    if (!write(runBatch(analyzer, { seq, from, targets: targets.slice(from, from + MAX_BATCH) }, options))) await io.drained();
  }
}

/** Files in the next batch: smaller towards the end, so that the workers finish together. */
function batchSize(remaining: number, jobs: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(remaining / (jobs * QUEUE_DEPTH * 4))));
}

interface Job {
  readonly worker: Worker;
  inFlight: number;
  stopping: boolean;
}

function startWorkers(jobs: number, cores: number, options: BatchOptions): Job[] {
  tuneForWorkers(jobs, cores);
  return Array.from({ length: jobs }, () => ({
    worker: new Worker(path.join(__dirname, "cli-worker.js"), { workerData: options }),
    inFlight: 0,
    stopping: false,
  }));
}

/**
 * Spreads the targets over worker threads in batches and writes the batches' reports in input
 * order as they complete. At most `jobs × QUEUE_DEPTH` batches are out at a time, so memory
 * stays small however many files there are; while stdout is buffering, no batch is sent.
 */
function runInWorkers(pool: readonly Job[], targets: readonly Target[], write: (r: BatchResult) => boolean, io: Io): Promise<void> {
  const jobs = pool.length;
  return new Promise((resolve, reject) => {
    const done = new Map<number, BatchResult>();
    let nextTarget = 0;
    let nextSeq = 0;
    let nextToWrite = 0;
    let waiting = false; // for stdout to drain
    let live = jobs;

    const send = (job: Job) => {
      while (!waiting && job.inFlight < QUEUE_DEPTH && nextTarget < targets.length) {
        const size = batchSize(targets.length - nextTarget, jobs);
        const req: BatchRequest = { seq: nextSeq++, from: nextTarget, targets: targets.slice(nextTarget, nextTarget + size) };
        nextTarget += size;
        job.inFlight++;
        job.worker.postMessage(req);
      }
      if (job.inFlight === 0 && nextTarget >= targets.length && !job.stopping) {
        job.stopping = true;
        void job.worker.terminate();
      }
    };
    /** Writes the completed batches that are next in order; false when stdout is buffering. */
    const flush = (): boolean => {
      let ok = true;
      for (let r = done.get(nextToWrite); r; r = done.get(nextToWrite)) {
        done.delete(nextToWrite++);
        ok = write(r) && ok;
      }
      return ok;
    };
    const fail = (e: Error) => {
      for (const job of pool) void job.worker.terminate();
      reject(e);
    };

    for (const job of pool) {
      job.worker.on("message", (r: BatchResult) => {
        job.inFlight--;
        done.set(r.seq, r);
        if (!flush() && !waiting) {
          waiting = true;
          void io.drained().then(() => {
            waiting = false;
            for (const j of pool) send(j);
          });
        }
        send(job);
      });
      job.worker.on("error", fail);
      job.worker.on("exit", () => {
        if (--live > 0) return;
        if (nextToWrite < nextSeq || nextTarget < targets.length) fail(new Error("a worker thread stopped before it had analysed its files"));
        else resolve();
      });
      send(job);
    }
  });
}
