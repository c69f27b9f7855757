// Rename a person or organization at every mention — for fixing a transliteration across a
// release. Full-name mentions get the new name; aliases are adjusted word by word ("Wang"
// stays "Wang" when "Wang Yi" becomes "Wang Yee"; "Putin" becomes "Poutine" when "Vladimir
// Putin" becomes "Vladimir Poutine"); an organization's acronyms are kept; pronouns, titles and
// descriptions are never touched. Countries and groups cannot be renamed.

import { ErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Entity, Mention, ReleaseAnalysis } from "../core/types";
import { toRange } from "./convert";
import { mentionAt } from "./hover";

function renameTarget(a: ReleaseAnalysis, offset: number): { m: Mention; e: Entity } {
  const m = mentionAt(a, offset);
  const e = m && a.entities.find((x) => x.id === m.entity);
  if (!m || !e) throw new ResponseError(ErrorCodes.InvalidRequest, "Put the cursor on the name of a person or an organization to rename it.");
  if (e.kind !== "person" && e.kind !== "organization")
    throw new ResponseError(ErrorCodes.InvalidRequest, `“${e.name}” is a ${e.kind}: only people and organizations can be renamed.`);
  return { m, e };
}

export function prepareRename(doc: TextDocument, a: ReleaseAnalysis, offset: number): { range: Range; placeholder: string } {
  const { m, e } = renameTarget(a, offset);
  return { range: toRange(doc, m), placeholder: m.kind === "name" || m.kind === "alias" ? m.text : e.name };
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

export function provideRename(doc: TextDocument, a: ReleaseAnalysis, offset: number, newName: string): WorkspaceEdit {
  const { e } = renameTarget(a, offset);
  const name = newName.replace(/\s+/g, " ").trim();
  if (!name) throw new ResponseError(ErrorCodes.InvalidParams, "The new name is empty.");
  const edits: TextEdit[] = [];
  const words = wordMap(e.name, name);
  for (const m of a.mentions) {
    if (m.entity !== e.id) continue;
    let replacement: string | undefined;
    if (m.kind === "name") replacement = e.kind === "organization" || norm(m.text) === norm(e.name) ? name : mapWords(m.text, words);
    else if (m.kind === "alias") replacement = norm(m.text) === norm(e.name) ? name : e.kind === "person" ? mapWords(m.text, words) : undefined;
    if (replacement !== undefined && replacement !== m.text) edits.push({ range: toRange(doc, m), newText: replacement });
  }
  return { changes: { [doc.uri]: edits } };
}

/** How each word of the old name maps to the new one: word by word when they have as many words, else first and last. */
function wordMap(oldName: string, newName: string): Map<string, string> {
  const o = oldName.split(" ");
  const n = newName.split(" ");
  const map = new Map<string, string>();
  if (o.length === n.length) o.forEach((w, i) => map.set(w.toLowerCase(), n[i]));
  else if (o.length === 1) map.set(o[0].toLowerCase(), newName);
  else {
    map.set(o[0].toLowerCase(), n[0]);
    map.set(o[o.length - 1].toLowerCase(), n[n.length - 1]);
  }
  return map;
}

function mapWords(text: string, map: Map<string, string>): string {
  return text.replace(/[\p{L}\p{M}][\p{L}\p{M}'’.-]*/gu, (w) => {
    const bare = w.replace(/['’]s$/, "");
    const to = map.get(bare.toLowerCase());
    return to === undefined ? w : to + w.slice(bare.length);
  });
}
