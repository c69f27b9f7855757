// Document highlight: all mentions of the entity under the cursor. The introduction is
// marked as a write (where the entity is declared), the other mentions as reads.

import { DocumentHighlightKind, type DocumentHighlight } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReleaseAnalysis } from "../core/types";
import { toRange } from "./convert";
import { mentionsOfEntityAt } from "./references";
import { introduction } from "./workspaceIndex";

export function provideDocumentHighlights(doc: TextDocument, a: ReleaseAnalysis, offset: number): DocumentHighlight[] {
  const all = mentionsOfEntityAt(a, offset);
  if (all.length === 0) return [];
  const intro = introduction(a, all[0].entity);
  return all.map((m) => ({ range: toRange(doc, m), kind: intro && m.offset === intro.offset ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
