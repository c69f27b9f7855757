// Hover cards: who a name, alias, title, pronoun or organization refers to.

import { MarkupKind, type Hover } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Entity, Mention, ReleaseAnalysis } from "../core/types";
import { contains, toRange } from "./convert";

export function mentionAt(a: ReleaseAnalysis, offset: number): Mention | undefined {
  // The shortest mention under the cursor is the most specific one.
  let best: Mention | undefined;
  for (const m of a.mentions) {
    if (m.offset > offset) break;
    if (contains(m, offset) && (!best || m.length < best.length)) best = m;
  }
  return best;
}

export function provideHover(doc: TextDocument, a: ReleaseAnalysis, offset: number): Hover | null {
  const m = mentionAt(a, offset);
  if (!m) return null;
  const e = a.entities.find((x) => x.id === m.entity);
  if (!e) return null;
  return { contents: { kind: MarkupKind.Markdown, value: describe(doc, a, e, m) }, range: toRange(doc, m) };
}

const KIND_LABEL: Record<Entity["kind"], string> = { person: "person", organization: "organization", country: "country", group: "group of speakers" };

export function describe(doc: TextDocument, a: ReleaseAnalysis, e: Entity, m?: Mention): string {
  const byId = new Map(a.entities.map((x) => [x.id, x]));
  const lines: string[] = [];
  const via =
    m?.kind === "pronoun"
      ? ` — “${m.text}” refers to this person`
      : m?.kind === "title"
        ? ` — “${m.text}” is held by`
        : m?.kind === "description"
          ? ` — “${m.text}”`
          : "";
  lines.push(`**${escape(e.name)}** · ${KIND_LABEL[e.kind]}${via}`);
  if (e.titles.length) lines.push("", `Titles in this release: ${e.titles.map((t) => `*${escape(t)}*`).join("; ")}`);
  if (e.country) lines.push("", `Country: ${escape(byId.get(e.country)?.name ?? e.country)}`);
  if (e.members?.length) lines.push("", `Members: ${e.members.map((id) => escape(byId.get(id)?.name ?? id)).join(", ")}`);
  if (e.aliases.length) lines.push("", `Also written: ${e.aliases.map((x) => `“${escape(x)}”`).join(", ")}`);
  const mentions = a.mentions.filter((x) => x.entity === e.id).length;
  const statements = a.statements.filter((s) => s.speaker === e.id || (s.speaker && byId.get(s.speaker)?.members?.includes(e.id)));
  const own = statements.filter((s) => s.speaker === e.id).length;
  const stats = [`${mentions} mention${mentions === 1 ? "" : "s"}`, `${own} statement${own === 1 ? "" : "s"}`];
  if (statements.length > own) stats.push(`${statements.length - own} more as part of a group`);
  lines.push("", stats.join(" · "));
  if (statements.length) {
    const paragraphs = [...new Set(statements.map((s) => doc.positionAt(s.offset).line + 1))];
    lines.push("", `Speaks on line${paragraphs.length === 1 ? "" : "s"} ${paragraphs.slice(0, 12).join(", ")}${paragraphs.length > 12 ? ", …" : ""}`);
  }
  if (e.introduced.length)
    lines.push(
      "",
      `Introduced on line ${doc.positionAt(e.introduced.offset).line + 1}: “${escape(a.text.slice(e.introduced.offset, e.introduced.offset + e.introduced.length))}”`,
    );
  return lines.join("\n");
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, "\\$1");
}
