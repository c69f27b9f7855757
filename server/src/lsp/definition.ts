// Go to definition: from any mention of an entity (name, alias, pronoun, title, "the Chinese
// side") to where the release introduces it — its first mention by name in the body (the
// headline is furniture), else its recorded introduction.

import type { Location } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReleaseAnalysis } from "../core/types";
import { toRange } from "./convert";
import { mentionAt } from "./hover";
import { introduction } from "./workspaceIndex";

export function provideDefinition(doc: TextDocument, a: ReleaseAnalysis, offset: number): Location | null {
  const m = mentionAt(a, offset);
  if (!m) return null;
  const e = a.entities.find((x) => x.id === m.entity);
  if (!e) return null;
  const at = introduction(a, e.id) ?? (e.introduced.length ? e.introduced : m);
  return { uri: doc.uri, range: toRange(doc, at) };
}
