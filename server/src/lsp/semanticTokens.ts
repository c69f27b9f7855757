// Semantic tokens for what only the analysis knows: people, titles, organizations,
// countries, pronouns that refer to people, and reporting cues.

import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReleaseAnalysis, Span } from "../core/types";

export const TOKEN_TYPES = ["person", "title", "organization", "country", "pronounReference", "reportingCue"] as const;
export const TOKEN_MODIFIERS = ["speaker", "declaration"] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

interface Tok extends Span {
  type: number;
  mods: number;
}

export function provideSemanticTokens(doc: TextDocument, a: ReleaseAnalysis, range?: Span): SemanticTokens {
  const kindOf = new Map(a.entities.map((e) => [e.id, e.kind]));
  const intro = new Map(a.entities.map((e) => [e.id, e.introduced.offset]));
  const toks: Tok[] = [];
  for (const m of a.mentions) {
    const kind = kindOf.get(m.entity);
    let type: number;
    if (m.kind === "pronoun") type = 4;
    else if (m.kind === "title") type = 1;
    else if (kind === "person") type = 0;
    else if (kind === "organization") type = 2;
    else if (kind === "country") type = 3;
    else continue;
    toks.push({ offset: m.offset, length: m.length, type, mods: intro.get(m.entity) === m.offset ? 2 : 0 });
  }
  for (const s of a.statements) if (s.cue) toks.push({ offset: s.cue.offset, length: s.cue.length, type: 5, mods: 0 });
  toks.sort((x, y) => x.offset - y.offset || y.length - x.length);

  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  const from = range?.offset ?? 0;
  const to = range ? range.offset + range.length : Infinity;
  for (const t of toks) {
    if (t.offset < lastEnd) continue; // tokens never overlap
    if (t.offset + t.length < from || t.offset > to) continue;
    // A token may not span lines; split it at line breaks.
    let start = t.offset;
    const end = t.offset + t.length;
    while (start < end) {
      const pos = doc.positionAt(start);
      const lineEnd = doc.offsetAt({ line: pos.line + 1, character: 0 });
      const stop = Math.min(end, lineEnd > start ? lineEnd : end);
      const len = stop - start;
      if (len > 0) {
        data.push(pos.line - prevLine, pos.line === prevLine ? pos.character - prevChar : pos.character, len, t.type, t.mods);
        prevLine = pos.line;
        prevChar = pos.character;
      }
      if (stop <= start) break;
      start = stop;
    }
    lastEnd = end;
  }
  return { data };
}
