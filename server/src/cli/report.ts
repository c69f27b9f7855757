// The report of `attache check`, formatted where the files are analysed: in a worker thread for
// large runs, so that the main thread receives finished bytes (and only writes them) instead of
// analyses to copy, format and encode. Small runs use the same code in the main thread.

import type { FileJson } from "../core/export/json";

export type Format = "text" | "json" | "sarif";

/** What a run of files adds up to, for the summary line and the exit status. */
export interface Tally {
  /** Files that could not be analysed. */
  errors: number;
  findings: number;
  /** Findings of severity warning or error (what --max-warnings counts). */
  warnings: number;
}

/** The diagnostic fields the reports read (docs/analysis-json.md). */
interface Diagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
}

/**
 * The output of consecutive files. `segments` alternates stdout (even indices) and stderr (odd
 * indices), so that, written in turn, the lines of both streams interleave exactly as a
 * file-by-file run writes them. SARIF is one document over all files, so its files are kept.
 */
export class ReportChunk {
  /**
   * Each segment is a list of pieces, encoded one by one (`encodeSegment`): one string with a
   * single character beyond Latin-1 (the “ ” of a lint message) is stored two bytes per
   * character, and encoding it is five to seven times slower than a one-byte string. So a
   * file's JSON is kept as one piece per field: the entities, mentions and statements stay
   * one-byte in most releases, and only the diagnostics pay.
   */
  readonly segments: string[][] = [[]];
  readonly sarifFiles: FileJson[] = [];
  readonly tally: Tally = { errors: 0, findings: 0, warnings: 0 };

  constructor(private readonly format: Format) {}

  /** Adds the file at position `index` of the whole run (the JSON array needs no comma before 0). */
  add(index: number, f: FileJson): void {
    if (f.error) {
      this.tally.errors++;
      this.err(`${f.path}: error: ${f.error}\n`);
    }
    for (const w of f.warnings ?? []) this.err(`${f.path}: note: ${w}\n`);
    const diags = (f.diagnostics ?? []) as Diagnostic[];
    this.tally.findings += diags.length;
    for (const d of diags) if (d.severity === "warning" || d.severity === "error") this.tally.warnings++;
    if (this.format === "json") {
      // JSON.stringify(f), field by field: the same bytes, in pieces.
      let sep = index === 0 ? "{" : ",{";
      for (const [key, value] of Object.entries(f)) {
        if (value === undefined) continue;
        this.out(`${sep}${JSON.stringify(key)}:${JSON.stringify(value)}`);
        sep = ",";
      }
      this.out(sep === "," ? "}\n" : `${sep}}\n`);
    } else if (this.format === "sarif") this.sarifFiles.push(f);
    else for (const d of diags) this.out(line(`${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.code}  ${d.message}`));
  }

  private out(s: string): void {
    if (this.segments.length % 2 === 0) this.segments.push([]);
    this.segments[this.segments.length - 1].push(s);
  }

  private err(s: string): void {
    if (this.segments.length % 2 === 1) this.segments.push([]);
    this.segments[this.segments.length - 1].push(s);
  }
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of a segment's pieces, one after the other (see `ReportChunk.segments`). */
export function encodeSegment(pieces: readonly string[]): Uint8Array {
  if (pieces.length === 1) return encoder.encode(pieces[0]);
  const parts = pieces.map((p) => encoder.encode(p));
  let size = 0;
  for (const p of parts) size += p.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/** A line as `Io.out` writes it: a newline is added unless there is one. */
function line(s: string): string {
  return s.endsWith("\n") ? s : s + "\n";
}

/** Adds `b` into `a`. */
export function addTally(a: Tally, b: Tally): void {
  a.errors += b.errors;
  a.findings += b.findings;
  a.warnings += b.warnings;
}
