// One batch of `attache check`: consecutive files read, analysed and formatted into the bytes
// of the report. Worker threads run batches for large runs, the main thread for small ones.

import type { Analyzer } from "../core/analyze";
import { fileToJson, type FileJson } from "../core/export/json";
import { readRelease, type Target } from "./files";
import { encodeSegment, ReportChunk, type Format, type Tally } from "./report";

/** What every batch of a run shares (the worker's `workerData`). */
export interface BatchOptions {
  readonly format: Format;
  /** Characters analysed at most per file (as the editor's `attache.maxFileSize`). */
  readonly maxFileSize?: number;
}

/** The main thread's request: the targets at positions `from`… of the run. */
export interface BatchRequest {
  readonly seq: number;
  readonly from: number;
  readonly targets: readonly Target[];
}

/** A batch's report: `segments` alternate stdout and stderr bytes (see `ReportChunk`). */
export interface BatchResult {
  readonly seq: number;
  readonly segments: Uint8Array[];
  readonly tally: Tally;
  /** For SARIF only, which is written as one document at the end. */
  readonly sarifFiles: FileJson[];
}

/** Reads, analyses and formats a batch; the bytes are ready to be written (or transferred). */
export function runBatch(analyzer: Analyzer, req: BatchRequest, opts: BatchOptions): BatchResult {
  const chunk = new ReportChunk(opts.format);
  req.targets.forEach((t, i) => chunk.add(req.from + i, checkOne(analyzer, t, opts)));
  return { seq: req.seq, segments: chunk.segments.map(encodeSegment), tally: chunk.tally, sarifFiles: chunk.sarifFiles };
}

/**
 * Analyses one target into its JSON form. Only `--format json` prints the whole analysis; the
 * text and SARIF reports need the diagnostics alone, which are much cheaper to build.
 */
export function checkOne(analyzer: Analyzer, target: Target, opts: BatchOptions): FileJson {
  if (target.error) return { path: target.path, error: target.error };
  const read = readRelease(target.path);
  if ("error" in read) return { path: target.path, error: read.error };
  try {
    const analysis = analyzer.analyze(read.text, opts.maxFileSize === undefined ? {} : { maxLength: opts.maxFileSize });
    return fileToJson(target.path, analysis, read.warnings, opts.format !== "json");
  } catch (e) {
    return { path: target.path, error: `internal error while analysing: ${(e as Error).message}` };
  }
}
