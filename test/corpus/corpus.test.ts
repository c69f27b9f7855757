// Corpus tests: runs the scorer (../shared/tools/score.mjs) over the dev corpus beside the
// project, and over the team's own held-out corpus, and guards the scores reached.
// The shared folder is not part of the project: where it is absent, the test skips.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

const ROOT = path.resolve(__dirname, "..", "..");
const SCORER = path.resolve(ROOT, "..", "shared", "tools", "score.mjs");
const DEV = path.resolve(ROOT, "..", "shared", "corpus", "dev");
const HELDOUT = path.join(ROOT, "test", "fixtures", "heldout");
const HELDOUT2 = path.join(ROOT, "test", "fixtures", "heldout2");
const HELDOUT3 = path.join(ROOT, "test", "fixtures", "heldout3");
const HELDOUT4 = path.join(ROOT, "test", "fixtures", "heldout4");
const HELDOUT5 = path.join(ROOT, "test", "fixtures", "heldout5");

interface Score {
  score: number;
  measures: Record<string, { f1: number }>;
  attribution: { accuracy: number };
  problems: string[];
}

function score(corpus: string): Score {
  const out = execFileSync(process.execPath, [SCORER, "--json", corpus], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  return JSON.parse(out) as Score;
}

describe("accuracy on the dev corpus", () => {
  const absent = !existsSync(SCORER) || !existsSync(DEV);
  it(
    "reaches score ≥ 0.95 with every measure ≥ 0.90",
    { skip: absent && "../shared/corpus/dev is not beside the project (it is only in the team's CI); skipped" },
    () => {
      const s = score(DEV);
      for (const [k, m] of Object.entries(s.measures)) assert.ok(m.f1 >= 0.9, `${k} F1 ${m.f1.toFixed(3)} < 0.90\n${s.problems.join("\n")}`);
      assert.ok(s.attribution.accuracy >= 0.9, `attribution ${s.attribution.accuracy}`);
      assert.ok(s.score >= 0.95, `score ${s.score.toFixed(3)} < 0.95\n${s.problems.join("\n")}`);
    },
  );
});

describe("accuracy on the team's held-out corpora", () => {
  for (const [dir, floor] of [
    [HELDOUT, 0.98],
    [HELDOUT2, 0.95],
    [HELDOUT3, 0.97],
    [HELDOUT4, 0.95],
    [HELDOUT5, 0.92],
  ] as const) {
    const absent = !existsSync(SCORER) || !existsSync(dir);
    it(
      `${path.basename(dir)} stays at or above ${floor}`,
      { skip: absent && "the scorer (../shared/tools/score.mjs) is not beside the project; skipped" },
      () => {
        const s = score(dir);
        assert.ok(s.score >= floor, `${path.basename(dir)} score ${s.score.toFixed(3)} < ${floor}\n${s.problems.join("\n")}`);
      },
    );
  }
});

// The floors are raised as the analyzer improves; never lowered to make a change pass.
