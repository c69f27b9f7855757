// Position and diagnostic conversion between the core's UTF-16 offsets and LSP types.
// The only place that maps core data to protocol ranges.

import { DiagnosticSeverity, type Diagnostic, type Position, type Range } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding, Severity, Span } from "../core/types";

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.offset), end: doc.positionAt(span.offset + span.length) };
}

/**
 * Offsets → positions for many offsets in (mostly) increasing order: the outline, the
 * diagnostics and the semantic tokens of a long release convert thousands of offsets, and
 * walking on from the last line is cheaper than a binary search over all lines for each.
 * An offset before the current line, or far after it, falls back to `doc.positionAt`.
 */
export class PositionCursor {
  private line = 0;
  private start = 0;
  private next: number;

  private readonly text: string;

  constructor(private readonly doc: TextDocument) {
    this.text = doc.getText();
    this.next = this.lineStart(1);
  }

  positionAt(offset: number): Position {
    if (offset < this.start || offset >= this.next) this.moveTo(offset);
    // The end of the text, or inside a line break ("\r|\n"), which `doc.positionAt` moves
    // to the end of the line: the same answer as it gives, always.
    if (offset < this.start || offset >= this.next || (offset > this.start && isLineBreak(this.text.charCodeAt(offset - 1))))
      return this.doc.positionAt(offset);
    return { line: this.line, character: offset - this.start };
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.offset), end: this.positionAt(span.offset + span.length) };
  }

  /** Where the line holding `offset` ends (the start of the next line, or the end of the text). */
  lineEnd(offset: number): number {
    this.positionAt(offset);
    return this.next;
  }

  private moveTo(offset: number): void {
    // A few lines ahead: step; anywhere else: one binary search.
    for (let steps = 0; steps < 4 && offset >= this.next && this.next < this.text.length; steps++) this.setLine(this.line + 1);
    if (offset >= this.start && offset < this.next) return;
    this.setLine(this.doc.positionAt(offset).line);
  }

  private setLine(line: number): void {
    this.line = line;
    this.start = this.lineStart(line);
    this.next = this.lineStart(line + 1);
  }

  private lineStart(line: number): number {
    return line >= this.doc.lineCount ? this.text.length : this.doc.offsetAt({ line, character: 0 });
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The findings as diagnostics, their positions found in one pass over the text. */
export function toDiagnostics(doc: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  const positions = new PositionCursor(doc);
  return findings.map((f) => toDiagnostic(doc, f, positions));
}

export function toDiagnostic(doc: TextDocument, f: Finding, positions?: PositionCursor): Diagnostic {
  return {
    range: positions ? positions.range(f) : toRange(doc, f),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `https://github.com/attache-tools/attache/blob/main/README.md#${f.code}` },
    source: "attache",
    message: f.message,
    // No `data`: the quick fixes are computed from the analysis, not from the diagnostic,
    // and on a 200 KB release it was a sixth of every publishDiagnostics message.
  };
}

/** True when `offset` lies in `span` (inclusive of its end, as a cursor after a word is "on" it). */
export function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}
