// The outline: the release (headline) → dateline, participants with their titles,
// organizations, countries, and statements grouped by speaker.
//
// The outline of a long release is the largest answer the server sends (a 200 KB release has
// about 1,600 statements and 220 speakers), and the editor asks for it again after edits, so:
// each statement is a compact leaf (its first words, at most STATEMENT_NAME_CHARS characters,
// and no detail), and the statements section holds at most STATEMENT_NODE_BUDGET nodes. Each
// speaker lists its first k statements, k as large as the budget allows for every speaker
// alike, then one "… N more statements" node spanning the rest; when not even one statement
// per speaker fits, the speakers are listed without leaves (each still spans its statements
// and counts them). Participants, organizations and countries list their first
// MAX_ENTITIES_PER_GROUP, then "… N more people" (the 200 KB bench release names 387 people,
// two thirds of its outline otherwise). Ordinary releases keep everything (README, "Outline").

import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Entity, ReleaseAnalysis, Span, Statement } from "../core/types";
import { PositionCursor } from "./convert";

/** Characters of a statement shown as its name in the outline, ellipsis included. */
export const STATEMENT_NAME_CHARS = 60;
/** Statement nodes (leaves and "… N more statements") in the outline at most. */
export const STATEMENT_NODE_BUDGET = 300;
/** People, organizations or countries listed at most (the first the analysis found); then "… N more people". */
export const MAX_ENTITIES_PER_GROUP = 150;

// The outline of an analysis, kept while the analysis is: an editor asks for it again and
// again on the same version (outline view, breadcrumbs, sticky scroll). The analysis is of
// the document's text, so its positions are the document's.
const outlines = new WeakMap<ReleaseAnalysis, DocumentSymbol[]>();

export function provideDocumentSymbols(doc: TextDocument, a: ReleaseAnalysis): DocumentSymbol[] {
  let outline = outlines.get(a);
  if (!outline) outlines.set(a, (outline = buildOutline(doc, a)));
  return outline;
}

type Sym = (name: string, kind: SymbolKind, span: Span, detail?: string, children?: DocumentSymbol[], selection?: Span) => DocumentSymbol;

function buildOutline(doc: TextDocument, a: ReleaseAnalysis): DocumentSymbol[] {
  const positions = new PositionCursor(doc);
  const sym: Sym = (name, kind, span, detail, children, selection) => ({
    name: name.trim() || "(untitled)",
    kind,
    range: positions.range(span),
    selectionRange: positions.range(selection ?? span),
    ...(detail ? { detail } : {}),
    ...(children ? { children } : {}),
  });
  const children: DocumentSymbol[] = [];
  if (a.dateline) children.push(sym(a.text.slice(a.dateline.offset, a.dateline.offset + a.dateline.length), SymbolKind.Event, a.dateline));
  children.push(...entityGroups(a, sym));
  if (a.statements.length) children.push(statementGroups(a, sym));
  const title = a.headline ? a.text.slice(a.headline.offset, a.headline.offset + a.headline.length) : "Release";
  return [sym(title, SymbolKind.File, { offset: 0, length: a.text.length }, undefined, children, a.headline ?? { offset: 0, length: 0 })];
}

/** One node per kind of entity, listing each where it is first mentioned (the first MAX_ENTITIES_PER_GROUP). */
function entityGroups(a: ReleaseAnalysis, sym: Sym): DocumentSymbol[] {
  // Mentions are sorted by offset, so the first one seen per entity is its first mention.
  const first = new Map<string, Span>();
  for (const m of a.mentions) if (!first.has(m.entity)) first.set(m.entity, m);
  const firstMention = (id: string): Span => first.get(id) ?? { offset: 0, length: 0 };
  const out: DocumentSymbol[] = [];
  const group = (label: string, noun: string, kind: Entity["kind"], symbolKind: SymbolKind, detail: (e: Entity) => string | undefined) => {
    const list = a.entities.filter((e) => e.kind === kind);
    if (!list.length) return;
    const spans = list.map((e) => firstMention(e.id));
    const shown = list.slice(0, MAX_ENTITIES_PER_GROUP);
    const children = shown.map((e, i) => sym(e.name, symbolKind, spans[i], detail(e)));
    const rest = spans.slice(shown.length);
    if (rest.length) children.push(sym(`… ${rest.length} more ${noun}`, symbolKind, spanOf(rest)));
    out.push(sym(label, SymbolKind.Namespace, spanOf(spans), `${list.length}`, children));
  };
  group("Participants", "people", "person", SymbolKind.Constructor, (p) => p.titles.join("; "));
  group("Organizations", "organizations", "organization", SymbolKind.Module, (o) => o.aliases.join(", "));
  group("Countries", "countries", "country", SymbolKind.Enum, () => undefined);
  return out;
}

/** "Statements" → one node per speaker (and "No speaker") → the statements, capped per speaker. */
function statementGroups(a: ReleaseAnalysis, sym: Sym): DocumentSymbol {
  const bySpeaker = new Map<string, Statement[]>();
  for (const s of a.statements) {
    const key = s.speaker ?? "";
    const list = bySpeaker.get(key);
    if (list) list.push(s);
    else bySpeaker.set(key, [s]);
  }
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  const perSpeaker = statementsPerSpeaker([...bySpeaker.values()].map((l) => l.length));
  const groups = [...bySpeaker.entries()].map(([speaker, list]) =>
    sym(
      speaker ? (names.get(speaker) ?? speaker) : "No speaker",
      speaker ? SymbolKind.Object : SymbolKind.Null,
      spanOf(list),
      plural(list.length, "statement"),
      perSpeaker > 0 ? statementLeaves(a.text, list, perSpeaker, sym) : undefined,
    ),
  );
  return sym("Statements", SymbolKind.Namespace, spanOf(a.statements), `${a.statements.length}`, groups);
}

/**
 * The most statements every speaker may list so that the leaves, with one "… N more" node per
 * speaker cut short, stay within the budget; 0 when not even one each fits.
 */
export function statementsPerSpeaker(sizes: readonly number[], budget = STATEMENT_NODE_BUDGET): number {
  const nodes = (k: number) => sizes.reduce((n, size) => n + Math.min(size, k) + (size > k ? 1 : 0), 0);
  const largest = sizes.reduce((m, size) => Math.max(m, size), 0);
  let k = 0;
  while (k < largest && nodes(k + 1) <= budget) k++;
  return k;
}

function statementLeaves(text: string, list: readonly Statement[], perSpeaker: number, sym: Sym): DocumentSymbol[] {
  const shown = list.slice(0, perSpeaker);
  const leaves = shown.map((s) => sym(statementName(text, s), SymbolKind.String, s));
  const rest = list.length - shown.length;
  // The rest stay reachable: the node spans them, so selecting it goes to the first of them.
  if (rest > 0) leaves.push(sym(`… ${plural(rest, "more statement")}`, SymbolKind.String, spanOf(list.slice(shown.length))));
  return leaves;
}

/** The first words of a statement, on one line, cut at a word boundary with an ellipsis. */
export function statementName(text: string, s: Span, max = STATEMENT_NAME_CHARS): string {
  // Only a little more than `max` characters is ever looked at, however long the statement.
  const head = text
    .slice(s.offset, s.offset + Math.min(s.length, max * 2))
    .replace(/\s+/g, " ")
    .trim();
  if (head.length <= max && s.length <= max * 2) return head;
  const cut = head.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : cut) + "…";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function spanOf(spans: readonly Span[]): Span {
  if (spans.length === 0) return { offset: 0, length: 0 };
  let start = Infinity;
  let end = 0;
  for (const s of spans) {
    start = Math.min(start, s.offset);
    end = Math.max(end, s.offset + s.length);
  }
  return { offset: start, length: end - start };
}
