// Semantic tokens for what only the analysis knows: people, titles, organizations,
// countries, pronouns that refer to people, and reporting cues.
//
// An editor asks for the tokens after every keystroke, so the work is kept small: the tokens
// of an analysis are sorted and encoded once (cached while the analysis is), positions come
// from one pass over the lines, and a client that sends the result id of its last answer gets
// only the edit between the two (`semanticTokens/full/delta`, which VS Code uses when offered).

import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReleaseAnalysis, Span } from "../core/types";
import { PositionCursor } from "./convert";

export const TOKEN_TYPES = ["person", "title", "organization", "country", "pronounReference", "reportingCue"] as const;
export const TOKEN_MODIFIERS = ["speaker", "declaration"] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

interface Tok extends Span {
  type: number;
  mods: number;
}

const sortedTokens = new WeakMap<ReleaseAnalysis, Tok[]>();
const fullData = new WeakMap<ReleaseAnalysis, number[]>();

/** The tokens of the document, or of `range` only. */
export function provideSemanticTokens(doc: TextDocument, a: ReleaseAnalysis, range?: Span): SemanticTokens {
  if (range) return { data: encode(doc, tokensOf(a), range) };
  let data = fullData.get(a);
  if (!data) fullData.set(a, (data = encode(doc, tokensOf(a))));
  return { data };
}

/**
 * The last full answer per document, so that a delta request can be answered with the edit
 * between it and the current tokens. Result ids are unique per server run.
 */
export class SemanticTokensResults {
  private readonly last = new Map<string, { resultId: string; data: number[] }>();
  private counter = 0;

  full(doc: TextDocument, a: ReleaseAnalysis): SemanticTokens {
    const { data } = provideSemanticTokens(doc, a);
    const resultId = String(++this.counter);
    this.last.set(doc.uri, { resultId, data });
    return { resultId, data };
  }

  delta(doc: TextDocument, a: ReleaseAnalysis, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const previous = this.last.get(doc.uri);
    const next = this.full(doc, a);
    if (!previous || previous.resultId !== previousResultId) return next;
    return { resultId: next.resultId, edits: diff(previous.data, next.data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** One edit replacing what differs between the common head and the common tail (none when equal). */
export function diff(before: readonly number[], after: readonly number[]): SemanticTokensEdit[] {
  let head = 0;
  const shortest = Math.min(before.length, after.length);
  while (head < shortest && before[head] === after[head]) head++;
  if (head === before.length && head === after.length) return [];
  let tail = 0;
  while (tail < shortest - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [{ start: head, deleteCount: before.length - head - tail, data: after.slice(head, after.length - tail) }];
}

/** The analysis's tokens, sorted by offset (longest first at one offset). */
function tokensOf(a: ReleaseAnalysis): Tok[] {
  const cached = sortedTokens.get(a);
  if (cached) return cached;
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
  sortedTokens.set(a, toks);
  return toks;
}

/** The relative encoding of the LSP: five numbers per token, line by line. */
function encode(doc: TextDocument, toks: readonly Tok[], range?: Span): number[] {
  const positions = new PositionCursor(doc);
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
      const pos = positions.positionAt(start);
      const lineEnd = positions.lineEnd(start);
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
  return data;
}
