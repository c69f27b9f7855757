// Find references: every mention of the entity under the cursor, pronouns and titles
// included, in document order.

import type { Location } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Mention, ReleaseAnalysis } from "../core/types";
import { toRange } from "./convert";
import { mentionAt } from "./hover";
import { introduction } from "./workspaceIndex";

/** The mentions of the entity under the cursor, or an empty list. */
export function mentionsOfEntityAt(a: ReleaseAnalysis, offset: number): Mention[] {
  const m = mentionAt(a, offset);
  if (!m) return [];
  return a.mentions.filter((x) => x.entity === m.entity);
}

export function provideReferences(doc: TextDocument, a: ReleaseAnalysis, offset: number, includeDeclaration: boolean): Location[] {
  const all = mentionsOfEntityAt(a, offset);
  if (all.length === 0) return [];
  const intro = introduction(a, all[0].entity);
  return all.filter((m) => includeDeclaration || !intro || m.offset !== intro.offset).map((m) => ({ uri: doc.uri, range: toRange(doc, m) }));
}
