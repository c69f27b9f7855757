// Folding ranges: one per body paragraph and Q&A turn (from its first line to its last), and
// one per Q&A exchange (a question with the answers that follow it). Editors fold ranges
// spanning at least two lines, so a one-line paragraph folds only with its exchange.

import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Block, ReleaseAnalysis } from "../core/types";

const BODY = new Set<Block["kind"]>(["lede", "paragraph", "turn"]);

export function provideFoldingRanges(doc: TextDocument, a: ReleaseAnalysis): FoldingRange[] {
  const lineOf = (o: number) => doc.positionAt(o).line;
  const lastLine = (b: Block) => lineOf(b.offset + Math.max(0, b.length - 1));
  const out: FoldingRange[] = [];
  for (const b of a.blocks) if (BODY.has(b.kind)) out.push({ startLine: lineOf(b.offset), endLine: lastLine(b), kind: FoldingRangeKind.Region });
  // Q&A exchanges: a question turn through the last turn before the next question.
  const turns = a.blocks.filter((b) => b.kind === "turn");
  for (let i = 0; i < turns.length; i++) {
    if (turns[i].label?.role === "answer" || !isQuestion(a, turns[i])) continue;
    let j = i;
    while (j + 1 < turns.length && !isQuestion(a, turns[j + 1])) j++;
    if (j > i)
      out.push({
        startLine: lineOf(turns[i].offset),
        endLine: lastLine(turns[j]),
        kind: FoldingRangeKind.Region,
        collapsedText: a.text.slice(turns[i].offset, turns[i].offset + Math.min(turns[i].length, 80)),
      });
  }
  return out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
}

function isQuestion(a: ReleaseAnalysis, b: Block): boolean {
  if (b.label?.role === "question") return true;
  return (
    b.label?.role === "named" &&
    a.text
      .slice(b.offset, b.offset + b.length)
      .trimEnd()
      .endsWith("?")
  );
}
