// Position and diagnostic conversion between the core's UTF-16 offsets and LSP types.
// The only place that maps core data to protocol ranges.

import { DiagnosticSeverity, type Diagnostic, type Range } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Finding, Severity, Span } from "../core/types";

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.offset), end: doc.positionAt(span.offset + span.length) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: toRange(doc, f),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `https://github.com/attache-tools/attache/blob/main/README.md#${f.code}` },
    source: "attache",
    message: f.message,
    data: { code: f.code, sentence: f.sentence, candidates: f.candidates, subject: f.subject },
  };
}

/** True when `offset` lies in `span` (inclusive of its end, as a cursor after a word is "on" it). */
export function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}
