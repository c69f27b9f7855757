// brat standoff export: every line is a well-formed T/A/N/R/*/# line, spans are code points
// and quote the text they cover.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { Analyzer } from "../../server/src/core/analyze";
import { BRAT_ANNOTATION_CONF, codePointMapper, toBrat } from "../../server/src/core/export/brat";

const SEED = readFileSync(path.join(__dirname, "..", "..", "examples", "seed-putin-meets-wang-yi.release"), "utf8");
const FLAGGED = readFileSync(path.join(__dirname, "..", "..", "examples", "flagged-talks.release"), "utf8");

/** Parses an .ann file and checks every text-bound annotation against `text` (code point offsets). */
function parseAnn(ann: string, text: string) {
  const cps = [...text];
  const t = new Map<string, { type: string; text: string }>();
  const other: string[][] = [];
  for (const line of ann.trimEnd().split("\n")) {
    const cols = line.split("\t");
    if (cols[0].startsWith("T")) {
      assert.equal(cols.length, 3, line);
      const [type, ...rest] = cols[1].split(" ");
      const frags = rest
        .join(" ")
        .split(";")
        .map((f) => f.split(" ").map(Number));
      const covered = frags.map(([s, e]) => cps.slice(s, e).join("")).join(" ");
      assert.equal(covered, cols[2], `span text of ${line}`);
      t.set(cols[0], { type, text: cols[2] });
    } else {
      assert.match(cols[0], /^(?:[ANR#]\d+|\*)$/, line);
      other.push(cols);
    }
  }
  return { t, other };
}

describe("brat export", () => {
  it("writes typed mentions with their kind, entity and coreference chains", () => {
    const a = new Analyzer().analyze(SEED);
    const { t, other } = parseAnn(toBrat(a), SEED);
    const wang = [...t.entries()].filter(([, v]) => v.text === "Wang Yi");
    assert.equal(wang.length, 6);
    assert.ok(wang.every(([, v]) => v.type === "Person"));
    const he = [...t.entries()].filter(([, v]) => v.text === "He");
    assert.equal(he.length, 2);
    for (const [id] of he) assert.ok(other.some((c) => c[1] === `MentionKind ${id} pronoun`));
    const norms = other.filter((c) => c[0].startsWith("N") && c[2] === "Wang Yi");
    assert.equal(norms.length, 6 + 2 + 1); // names, titles, one pronoun
    const chains = other.filter((c) => c[0] === "*");
    assert.ok(chains.some((c) => wang.every(([id]) => c[1].split(" ").includes(id))));
  });

  it("writes statements with cue and speaker relations, and findings with rule and message", () => {
    const a = new Analyzer().analyze(FLAGGED);
    const { t, other } = parseAnn(toBrat(a), FLAGGED);
    const statements = [...t.entries()].filter(([, v]) => v.type === "Statement");
    assert.equal(statements.length, a.statements.length);
    const spoken = other.filter((c) => c[0].startsWith("R") && c[1].startsWith("SpokenBy"));
    const target = t.get(/Arg2:(T\d+)/.exec(spoken[0][1])![1])!;
    assert.equal(target.text, "Amara Okafor");
    const findings = [...t.entries()].filter(([, v]) => v.type === "Finding");
    assert.equal(findings.length, 4);
    const rules = other.filter((c) => c[1].startsWith("Rule ")).map((c) => c[1].split(" ")[2]);
    assert.deepEqual(rules, ["unattributed-statement", "unattributed-statement", "vague-attribution", "vague-attribution"]);
    assert.ok(other.some((c) => c[1].startsWith("AnnotatorNotes ") && /names no one/.test(c[2])));
  });

  it("counts code points, not UTF-16 units, and splits spans at line breaks", () => {
    const text =
      "Home > News\n🌍 Talks\n2025-01-10\n\n🤝 On Monday, Antony Blinken met\nwith Sergey Lavrov in Geneva.\n\nAntony Blinken said that 🕊 peace matters.\n";
    const a = new Analyzer().analyze(text);
    const { t } = parseAnn(toBrat(a), text);
    assert.ok([...t.values()].some((v) => v.text === "Sergey Lavrov"));
    assert.ok([...t.values()].some((v) => v.type === "Statement" && v.text.includes("🕊 peace")));
    const map = codePointMapper("a😀b");
    assert.deepEqual([0, 1, 3, 4].map(map), [0, 1, 2, 3]);
  });

  it("ships an annotation.conf that declares every type it writes", () => {
    const a = new Analyzer().analyze(FLAGGED);
    const types = new Set([...parseAnn(toBrat(a), FLAGGED).t.values()].map((v) => v.type));
    for (const type of types) assert.match(BRAT_ANNOTATION_CONF, new RegExp(`^${type}$`, "m"));
  });
});
