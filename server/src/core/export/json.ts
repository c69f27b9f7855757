// The analysis JSON contract (docs/analysis-json.md): what `attache check --format json`
// prints for each file and what the editor's "Export Annotations" command writes.

import { LineIndex, type Position } from "../positions";
import type { ReleaseAnalysis, Span } from "../types";

export interface JsonRange {
  readonly start: Position;
  readonly end: Position;
}

export interface FileJson {
  readonly path: string;
  readonly entities?: unknown[];
  readonly mentions?: unknown[];
  readonly statements?: unknown[];
  readonly diagnostics?: unknown[];
  readonly error?: string;
  readonly warnings?: string[];
}

export const TOOL = { name: "attache", version: "0.1.0" } as const;

/**
 * The JSON form of one file's analysis. With `diagnosticsOnly`, only the path, diagnostics and
 * warnings: what the text and SARIF reports print, without the cost of the rest.
 */
export function fileToJson(path: string, a: ReleaseAnalysis, warnings: readonly string[] = [], diagnosticsOnly = false): FileJson {
  const lines = new LineIndex(a.text);
  const range = (s: Span): JsonRange => ({ start: lines.positionAt(s.offset), end: lines.positionAt(s.offset + s.length) });
  if (diagnosticsOnly) return { path, diagnostics: diagnosticsJson(a, range), ...(warnings.length ? { warnings: [...warnings] } : {}) };
  return {
    path,
    entities: a.entities.map((e) => ({
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases: e.aliases,
      titles: e.titles,
      ...(e.members ? { members: e.members } : {}),
      ...(e.country ? { country: e.country } : {}),
      ...(e.gender ? { gender: e.gender } : {}),
    })),
    mentions: a.mentions.map((m) => ({ entity: m.entity, kind: m.kind, offset: m.offset, length: m.length, text: m.text, range: range(m) })),
    statements: a.statements.map((s) => ({
      offset: s.offset,
      length: s.length,
      speaker: s.speaker,
      cue: s.cue ? { offset: s.cue.offset, length: s.cue.length, text: s.cue.text } : null,
      source: s.source,
      range: range(s),
    })),
    diagnostics: diagnosticsJson(a, range),
    ...(warnings.length ? { warnings: [...warnings] } : {}),
  };
}

function diagnosticsJson(a: ReleaseAnalysis, range: (s: Span) => JsonRange): unknown[] {
  return a.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, offset: f.offset, length: f.length, range: range(f) }));
}
