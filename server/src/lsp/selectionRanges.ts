// Selection ranges (expand selection): word → mention ("Wang Yi", "the Chinese side") →
// sentence → paragraph or turn → document.

import type { SelectionRange } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReleaseAnalysis, Span } from "../core/types";
import { contains, toRange } from "./convert";
import { mentionAt } from "./hover";

export function provideSelectionRanges(doc: TextDocument, a: ReleaseAnalysis, offsets: readonly number[]): SelectionRange[] {
  return offsets.map((o) => selectionAt(doc, a, o));
}

function selectionAt(doc: TextDocument, a: ReleaseAnalysis, offset: number): SelectionRange {
  const spans: Span[] = [{ offset: 0, length: a.text.length }];
  const block = a.blocks.find((b) => contains(b, offset));
  if (block) spans.push(block);
  const sentence = block?.sentences.find((s) => contains(s, offset));
  if (sentence) spans.push(sentence);
  const mention = mentionAt(a, offset);
  if (mention) spans.push(mention);
  const word = wordAt(a.text, offset);
  if (word) spans.push(word);
  // Innermost last; keep only strictly growing, nested spans.
  let parent: SelectionRange | undefined;
  let outer: Span | undefined;
  for (const s of spans) {
    if (outer && (s.offset < outer.offset || s.offset + s.length > outer.offset + outer.length || (s.offset === outer.offset && s.length === outer.length)))
      continue;
    parent = { range: toRange(doc, s), ...(parent ? { parent } : {}) };
    outer = s;
  }
  return parent!;
}

function wordAt(text: string, offset: number): Span | undefined {
  const isWord = (c: string | undefined) => !!c && /[\p{L}\p{N}'’-]/u.test(c);
  let start = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isWord(text[end])) end++;
  return end > start ? { offset: start, length: end - start } : undefined;
}
