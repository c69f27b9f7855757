// Folding ranges (per paragraph and Q&A turn, and per Q&A exchange) and selection ranges
// (word → mention → sentence → paragraph → document), through the real server.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { FoldingRangeRequest, SelectionRangeRequest, type SelectionRange } from "vscode-languageserver-protocol/node";
import { ROOT, startClient, type TestClient } from "./lspClient";
import { positionOf, textAt } from "./editorHelpers";

const WRAPPED = [
  "Home > News",
  "Foreign Minister Amara Okafor Holds Talks with Tomasz Wrona",
  "2025-03-04",
  "",
  "On March 4, 2025, Foreign Minister Amara Okafor held talks",
  "with Polish Foreign Minister Tomasz Wrona in Abuja.",
  "",
  "Amara Okafor said that the two countries share a commitment",
  "to open trade. She noted that Nigeria is ready to deepen",
  "cooperation with Poland.",
  "",
  "Tomasz Wrona thanked the Nigerian side for its hospitality. He stressed",
  "that Poland values the partnership.",
  "",
].join("\n");
const BRIEFING = readFileSync(path.join(ROOT, "examples", "press-briefing.release"), "utf8");

describe("folding and selection ranges", () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open("file:///s/wrapped.release", WRAPPED);
    client.open("file:///s/briefing.release", BRIEFING);
  });
  after(async () => {
    await client.stop();
  });

  it("one folding range per paragraph, from its first line to its last", async () => {
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: "file:///s/wrapped.release" } }))!;
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine]),
      [
        [4, 5],
        [7, 9],
        [11, 12],
      ],
    );
  });

  it("in a briefing: one per turn, and one per question with its answers", async () => {
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: "file:///s/briefing.release" } }))!;
    const lines = BRIEFING.split("\n");
    const turnLines = lines.map((l, i) => (/^(?:[A-Z][\w ]*|Q|A):/.test(l) ? i : -1)).filter((i) => i >= 0);
    const single = ranges.filter((r) => r.startLine === r.endLine);
    assert.deepEqual(
      single.map((r) => r.startLine),
      turnLines,
    );
    const exchanges = ranges.filter((r) => r.endLine > r.startLine).map((r) => [lines[r.startLine].split(":")[0], lines[r.endLine].split(":")[0]]);
    assert.deepEqual(exchanges, [
      ["Reuters", "Daniel Reyes"],
      ["Q", "A"],
    ]);
  });

  it("selection ranges grow word → mention → sentence → paragraph → document", async () => {
    const uri = "file:///s/wrapped.release";
    const [sel] = (await client.connection.sendRequest(SelectionRangeRequest.type, {
      textDocument: { uri },
      positions: [positionOf(WRAPPED, "Okafor said", 0, 2)],
    }))!;
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) chain.push(textAt(WRAPPED, s.range));
    assert.deepEqual(chain.slice(0, 3), ["Okafor", "Amara Okafor", "Amara Okafor said that the two countries share a commitment\nto open trade."]);
    assert.equal(
      chain[3],
      "Amara Okafor said that the two countries share a commitment\nto open trade. She noted that Nigeria is ready to deepen\ncooperation with Poland.",
    );
    assert.equal(chain[4], WRAPPED);
    assert.equal(chain.length, 5);
  });

  it("outside a mention the chain starts with the word; one result per position", async () => {
    const uri = "file:///s/wrapped.release";
    const res = (await client.connection.sendRequest(SelectionRangeRequest.type, {
      textDocument: { uri },
      positions: [positionOf(WRAPPED, "hospitality", 0, 3), positionOf(WRAPPED, "Nigeria is", 0, 1)],
    }))!;
    assert.equal(res.length, 2);
    assert.equal(textAt(WRAPPED, res[0].range), "hospitality");
    assert.equal(textAt(WRAPPED, res[0].parent!.range), "Tomasz Wrona thanked the Nigerian side for its hospitality.");
    assert.equal(
      textAt(WRAPPED, res[0].parent!.parent!.range),
      "Tomasz Wrona thanked the Nigerian side for its hospitality. He stressed\nthat Poland values the partnership.",
    );
    assert.equal(textAt(WRAPPED, res[1].range), "Nigeria");
  });
});
