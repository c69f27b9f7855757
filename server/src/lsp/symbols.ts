// The outline: the release (headline) → dateline, participants with their titles,
// organizations, countries, and statements grouped by speaker.

import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Entity, ReleaseAnalysis, Span } from "../core/types";
import { toRange } from "./convert";

// The outline of an analysis, kept while the analysis is: an editor asks for it again and
// again on the same version (outline view, breadcrumbs, sticky scroll). The analysis is of
// the document's text, so its positions are the document's.
const outlines = new WeakMap<ReleaseAnalysis, DocumentSymbol[]>();

export function provideDocumentSymbols(doc: TextDocument, a: ReleaseAnalysis): DocumentSymbol[] {
  let outline = outlines.get(a);
  if (!outline) outlines.set(a, (outline = buildOutline(doc, a)));
  return outline;
}

function buildOutline(doc: TextDocument, a: ReleaseAnalysis): DocumentSymbol[] {
  const whole: Span = { offset: 0, length: a.text.length };
  const sym = (name: string, kind: SymbolKind, span: Span, detail?: string, children?: DocumentSymbol[], selection?: Span): DocumentSymbol => ({
    name: name.trim() || "(untitled)",
    kind,
    range: toRange(doc, span),
    selectionRange: toRange(doc, selection ?? span),
    ...(detail ? { detail } : {}),
    ...(children ? { children } : {}),
  });
  // Mentions are sorted by offset, so the first one seen per entity is its first mention.
  const first = new Map<string, Span>();
  for (const m of a.mentions) if (!first.has(m.entity)) first.set(m.entity, m);
  const firstMention = (id: string): Span => first.get(id) ?? { offset: 0, length: 0 };
  const children: DocumentSymbol[] = [];
  if (a.dateline) children.push(sym(a.text.slice(a.dateline.offset, a.dateline.offset + a.dateline.length), SymbolKind.Event, a.dateline));

  // One node per kind of entity, listing each where it is first mentioned.
  const group = (label: string, kind: Entity["kind"], symbolKind: SymbolKind, detail: (e: Entity) => string | undefined) => {
    const list = a.entities.filter((e) => e.kind === kind);
    if (!list.length) return;
    children.push(
      sym(
        label,
        SymbolKind.Namespace,
        spanOf(list.map((e) => firstMention(e.id))),
        `${list.length}`,
        list.map((e) => sym(e.name, symbolKind, firstMention(e.id), detail(e))),
      ),
    );
  };
  group("Participants", "person", SymbolKind.Constructor, (p) => p.titles.join("; "));
  group("Organizations", "organization", SymbolKind.Module, (o) => o.aliases.join(", "));
  group("Countries", "country", SymbolKind.Enum, () => undefined);

  const bySpeaker = new Map<string, (typeof a.statements)[number][]>();
  for (const s of a.statements) {
    const key = s.speaker ?? "";
    const list = bySpeaker.get(key) ?? [];
    list.push(s);
    bySpeaker.set(key, list);
  }
  if (a.statements.length) {
    const names = new Map(a.entities.map((e) => [e.id, e.name]));
    const groups = [...bySpeaker.entries()].map(([speaker, list]) =>
      sym(
        speaker ? (names.get(speaker) ?? speaker) : "No speaker",
        speaker ? SymbolKind.Object : SymbolKind.Null,
        spanOf(list),
        `${list.length} statement${list.length === 1 ? "" : "s"}`,
        list.map((s) =>
          sym(firstWords(a.text.slice(s.offset, s.offset + s.length)), SymbolKind.String, s, s.cue ? `“${s.cue.text}”` : (s.source ?? undefined)),
        ),
      ),
    );
    children.push(sym("Statements", SymbolKind.Namespace, spanOf(a.statements), `${a.statements.length}`, groups));
  }
  const title = a.headline ? a.text.slice(a.headline.offset, a.headline.offset + a.headline.length) : "Release";
  return [sym(title, SymbolKind.File, whole, undefined, children, a.headline ?? { offset: 0, length: 0 })];
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

function firstWords(s: string, n = 8): string {
  const words = s.split(/\s+/, n + 1); // the first n + 1 words tell whether there are more
  return words.length <= n ? s : words.slice(0, n).join(" ") + " …";
}
