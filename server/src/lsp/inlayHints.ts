// Inlay hints (setting `attache.inlayHints.enabled`, off by default): after a pronoun or a
// short alias, the name it resolves to — "He → Vladimir Putin", "Putin → Vladimir Putin".

import { InlayHintKind, type InlayHint } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReleaseAnalysis, Span } from "../core/types";

export function provideInlayHints(doc: TextDocument, a: ReleaseAnalysis, range: Span): InlayHint[] {
  const names = new Map(a.entities.map((e) => [e.id, e]));
  const out: InlayHint[] = [];
  for (const m of a.mentions) {
    if (m.offset + m.length < range.offset) continue;
    if (m.offset > range.offset + range.length) break;
    if (m.kind !== "pronoun" && m.kind !== "alias") continue;
    const e = names.get(m.entity);
    if (!e || (e.kind !== "person" && e.kind !== "organization")) continue;
    // Only short aliases: a variant as long as the name says nothing new.
    if (m.kind === "alias" && m.text.length >= e.name.length) continue;
    out.push({
      position: doc.positionAt(m.offset + m.length),
      label: `→ ${e.name}`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: m.kind === "pronoun" ? `“${m.text}” refers to ${e.name}` : `“${m.text}” is ${e.name}`,
    });
  }
  return out;
}
