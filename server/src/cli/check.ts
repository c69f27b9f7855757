// `attache check`: analyse files and report findings as text, JSON (the contract in
// docs/analysis-json.md) or SARIF. Large batches are spread over worker threads.

import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { Analyzer } from "../core/analyze";
import { fileToJson, TOOL, type FileJson } from "../core/export/json";
import { toSarif } from "../core/export/sarif";
import { collectTargets, readRelease, type Target } from "./files";

export interface CheckOptions {
  readonly format: "text" | "json" | "sarif";
  readonly maxWarnings?: number;
  readonly jobs?: number;
  readonly quiet?: boolean;
  /** Characters analysed at most per file (as the editor's `attache.maxFileSize`). */
  readonly maxFileSize?: number;
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * A file's result as a worker sends it: for `--format json` the worker serializes the file
 * (`json`) and sends only what the summary needs, so the main thread neither copies nor
 * stringifies the whole analysis.
 */
export type Checked = FileJson & { readonly json?: string };

/** The worker's side of `Checked`: the serialized file, its path, problems and diagnostics. */
export function serialized(f: FileJson): Checked {
  return { path: f.path, error: f.error, warnings: f.warnings, diagnostics: f.diagnostics, json: JSON.stringify(f) };
}

/**
 * Analyses one target into its JSON form (also used by the worker threads). `full` is for
 * `--format json`; the text and SARIF reports need only the diagnostics.
 */
export function checkOne(analyzer: Analyzer, target: Target, maxFileSize?: number, full = true): FileJson {
  if (target.error) return { path: target.path, error: target.error };
  const read = readRelease(target.path);
  if ("error" in read) return { path: target.path, error: read.error };
  try {
    return fileToJson(target.path, analyzer.analyze(read.text, maxFileSize === undefined ? {} : { maxLength: maxFileSize }), read.warnings, !full);
  } catch (e) {
    return { path: target.path, error: `internal error while analysing: ${(e as Error).message}` };
  }
}

export async function runCheck(paths: readonly string[], opts: CheckOptions, io: Io): Promise<number> {
  const targets = collectTargets(paths, (p, message) => io.err(`${p}: note: ${message}`));
  let errors = 0;
  let warnings = 0;
  let findings = 0;
  const json = opts.format === "json";
  const sarifFiles: FileJson[] = [];
  let first = true;
  if (json) io.out(`{"tool":${JSON.stringify(TOOL)},"files":[`);
  const emit = (f: Checked) => {
    if (f.error) {
      errors++;
      io.err(`${f.path}: error: ${f.error}`);
    }
    for (const w of f.warnings ?? []) io.err(`${f.path}: note: ${w}`);
    const diags = (f.diagnostics ?? []) as { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[];
    findings += diags.length;
    warnings += diags.filter((d) => d.severity === "warning" || d.severity === "error").length;
    if (json) {
      io.out((first ? "" : ",") + (f.json ?? JSON.stringify(f)));
      first = false;
    } else if (opts.format === "sarif") sarifFiles.push(f);
    else if (!opts.quiet || diags.length) {
      for (const d of diags) io.out(`${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.code}  ${d.message}`);
    }
  };

  const jobs = Math.max(1, Math.min(opts.jobs ?? os.availableParallelism?.() ?? os.cpus().length, 8));
  if (targets.length >= 64 && jobs > 1) await runInWorkers(targets, jobs, opts.maxFileSize, json, emit);
  else {
    const analyzer = new Analyzer();
    for (const t of targets) emit(checkOne(analyzer, t, opts.maxFileSize, json));
  }

  if (json) io.out("]}\n");
  else if (opts.format === "sarif") io.out(JSON.stringify(toSarif(sarifFiles), null, 2) + "\n");
  else if (!opts.quiet)
    io.err(
      `${targets.length} file${targets.length === 1 ? "" : "s"} checked, ${findings} finding${findings === 1 ? "" : "s"}${errors ? `, ${errors} file${errors === 1 ? "" : "s"} could not be analysed` : ""}.`,
    );
  if (targets.length === 0) io.err("attache: no release files found (looked for *.release and *.readout).");
  if (errors) return 2;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.err(`attache: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}.`);
    return 1;
  }
  return 0;
}

/** Splits the targets over worker threads; results are emitted in input order. */
function runInWorkers(
  targets: readonly Target[],
  jobs: number,
  maxFileSize: number | undefined,
  serialize: boolean,
  emit: (f: Checked) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const results = new Map<number, Checked>();
    let nextToEmit = 0;
    let nextToSend = 0;
    let live = jobs;
    const batch = 32;
    const flush = () => {
      while (results.has(nextToEmit)) {
        emit(results.get(nextToEmit)!);
        results.delete(nextToEmit);
        nextToEmit++;
      }
    };
    for (let w = 0; w < jobs; w++) {
      const worker = new Worker(path.join(__dirname, "cli-worker.js"));
      const send = () => {
        if (nextToSend >= targets.length) {
          void worker.terminate();
          return;
        }
        const from = nextToSend;
        const items = targets.slice(from, from + batch);
        nextToSend += items.length;
        worker.postMessage({ from, items, maxFileSize, serialize });
      };
      worker.on("message", (msg: { from: number; files: Checked[] }) => {
        msg.files.forEach((f, i) => results.set(msg.from + i, f));
        flush();
        send();
      });
      worker.on("error", reject);
      worker.on("exit", () => {
        if (--live === 0) {
          flush();
          resolve();
        }
      });
      send();
    }
  });
}
