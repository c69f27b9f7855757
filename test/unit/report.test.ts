import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Analyzer } from "../../server/src/core/analyze";
import { fileToJson, type FileJson } from "../../server/src/core/export/json";
import { encodeSegment, ReportChunk } from "../../server/src/cli/report";
import { release } from "./helpers";

/** What the chunk writes on stdout, decoded. */
function stdout(chunk: ReportChunk): string {
  return chunk.segments
    .filter((_, i) => i % 2 === 0)
    .map((s) => new TextDecoder().decode(encodeSegment(s)))
    .join("");
}

describe("ReportChunk (the JSON report, in pieces)", () => {
  it("writes each file exactly as JSON.stringify does, whatever its characters", () => {
    const text = release(
      "Talks in Lisbon",
      "Foreign Minister Ana Lima said the talks were “useful”.",
      "It was noted that the talks went well. Officials said so.",
    );
    const files: FileJson[] = [
      fileToJson("a/one.release", new Analyzer().analyze(text)),
      fileToJson("b/twö “quoted”.release", new Analyzer().analyze(text), ["a note — with a dash"]),
      { path: "c/bad.release", error: "not a text file" },
      { path: "d/odd.release", entities: undefined, diagnostics: [] },
    ];
    const chunk = new ReportChunk("json");
    files.forEach((f, i) => chunk.add(i, f));
    assert.equal(stdout(chunk), files.map((f, i) => `${i === 0 ? "" : ","}${JSON.stringify(f)}\n`).join(""));
    // And the pieces are what made it: more than one per file.
    assert.ok(chunk.segments[0].length > files.length);
  });

  it("encodes pieces beyond Latin-1 and astral characters as one UTF-8 run", () => {
    const pieces = ["ascii ", "“curly” … ", "café ", "𝐁old", ""];
    assert.deepEqual(encodeSegment(pieces), new TextEncoder().encode(pieces.join("")));
    assert.deepEqual(encodeSegment(["only one"]), new TextEncoder().encode("only one"));
    assert.deepEqual(encodeSegment([]), new Uint8Array(0));
  });
});
