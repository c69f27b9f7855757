import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Analyzer, sameDocument, type Stage } from "../../server/src/core/analyze";
import { normWord, tokenize } from "../../server/src/core/tokens";
import { release } from "./helpers";

const SEED = fs.readFileSync(path.join(__dirname, "..", "..", "examples", "seed-putin-meets-wang-yi.release"), "utf8");

describe("Analyzer", () => {
  it("reports each stage once, in order, through onStage", () => {
    const stages: Stage[] = [];
    new Analyzer().analyze(SEED, { onStage: (s) => stages.push(s) });
    assert.deepEqual(stages, ["segment", "recognize", "resolve", "attribute", "lint"]);
  });

  it("gives the same analysis from its paragraph cache as a fresh analyzer", () => {
    const shared = new Analyzer();
    shared.analyze(SEED);
    const edited = SEED.replace("Wang Yi", "Wang Yi,").replace("\n\n", "\n\nA new first paragraph. It says little.\n\n");
    shared.analyze(edited);
    assert.deepEqual(JSON.parse(JSON.stringify(shared.analyze(SEED))), JSON.parse(JSON.stringify(new Analyzer().analyze(SEED))));
    assert.deepEqual(JSON.parse(JSON.stringify(shared.analyze(edited))), JSON.parse(JSON.stringify(new Analyzer().analyze(edited))));
  });

  it("recognizes again only the paragraphs an edit touched", () => {
    const shared = new Analyzer();
    shared.analyze(SEED);
    const total = shared.blocks.recognized;
    assert.ok(total > 5, `${total} blocks`);
    assert.deepEqual(shared.blocks, { recognized: total, reused: 0 });
    // One paragraph edited; one inserted; one deleted; the release unchanged.
    const paragraphs = SEED.split("\n\n");
    const edited = SEED.replace("Wang Yi", "Wang Yi,");
    shared.analyze(edited);
    assert.deepEqual(shared.blocks, { recognized: 1, reused: total - 1 });
    const inserted = [...paragraphs.slice(0, 3), "A new paragraph. It says little.", ...paragraphs.slice(3)].join("\n\n");
    shared.analyze(SEED);
    shared.analyze(inserted);
    assert.deepEqual(shared.blocks, { recognized: 1, reused: total });
    shared.analyze([...paragraphs.slice(0, 3), ...paragraphs.slice(4)].join("\n\n"));
    assert.deepEqual(shared.blocks, { recognized: 0, reused: total - 1 });
    shared.analyze(SEED);
    shared.analyze(SEED);
    assert.deepEqual(shared.blocks, { recognized: 0, reused: total });
  });

  it("recognizes and attributes again when only the words change, not their lengths or places", () => {
    // Same length, same mentions at the same places: only the text tells the sentences apart.
    const shared = new Analyzer();
    for (const text of [
      SEED,
      SEED.replace("Wang Yi said that", "Wang Yi sang that"),
      SEED.replace("He noted that", "He voted that"),
      // A paragraph of the same length whose name changes: its recognition must not be reused.
      SEED.replace("Wang Yi conveyed to Putin", "Wang Yu conveyed to Putin"),
      SEED,
    ]) {
      assert.equal(JSON.stringify(shared.analyze(text)), JSON.stringify(new Analyzer().analyze(text)));
    }
  });

  it("gives the same analysis as a fresh analyzer after any sequence of edits (paragraph cache and subject memo)", () => {
    const texts = [SEED, fs.readFileSync(path.join(__dirname, "..", "..", "examples", "press-briefing.release"), "utf8")];
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("insert", "delete", "cue", "name", "undo"),
      length: fc.integer({ min: 1, max: 30 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(edit, { minLength: 2, maxLength: 6 }), (base, edits) => {
        const shared = new Analyzer();
        let text = base;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === "insert") text = text.slice(0, at) + "x" + text.slice(at);
          else if (e.kind === "delete") text = text.slice(0, at) + text.slice(at + e.length);
          else if (e.kind === "cue") text = text.slice(0, at) + " Mr Wang said that " + text.slice(at);
          else if (e.kind === "name") text = text.slice(0, at) + "\n\nForeign Minister Ana Lima said she was pleased.\n\n" + text.slice(at);
          else text = base;
          assert.equal(JSON.stringify(shared.analyze(text)), JSON.stringify(new Analyzer().analyze(text)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("does not reuse a paragraph's recognition for the same words as another kind of block", () => {
    // The same text as a headline (where "Meets" breaks a name) and as a body paragraph.
    const words = "President Ana Lima Meets Foreign Minister Rui Costa";
    const asHeadline = release(words, "President Ana Lima said the talks were useful.");
    const asParagraph = release("Talks in Lisbon", words, "President Ana Lima said the talks were useful.");
    const shared = new Analyzer();
    for (const text of [asHeadline, asParagraph, asHeadline]) {
      const names = (a: ReturnType<Analyzer["analyze"]>) => a.entities.map((e) => `${e.kind}:${e.name}`).sort();
      assert.deepEqual(names(shared.analyze(text)), names(new Analyzer().analyze(text)));
    }
  });
});

describe("sameDocument", () => {
  const other = fs.readFileSync(path.join(__dirname, "..", "..", "examples", "flagged-talks.release"), "utf8");
  it("sees an edit anywhere as the same document, and another release as another", () => {
    for (const at of [0, 100, Math.floor(SEED.length / 2), SEED.length]) {
      assert.ok(sameDocument(SEED, SEED.slice(0, at) + "typed words" + SEED.slice(at)), `insert at ${at}`);
      assert.ok(sameDocument(SEED, SEED.slice(0, at) + SEED.slice(at + 40)), `delete at ${at}`);
    }
    assert.ok(!sameDocument(SEED, other));
    assert.ok(!sameDocument("", SEED));
  });
});

describe("tokenize", () => {
  // The char-code scanner must find exactly the words of the reference pattern.
  const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’.][\p{L}\p{M}\p{N}]+)*/gu;
  const spans = (text: string) => [...text.matchAll(TOKEN_RE)].map((m) => m.index);

  it("agrees with the reference pattern on ASCII, curly apostrophes, accents and astral letters", () => {
    for (const text of [
      "Xi’s visit to Brazil’s capital; U.S.-China talks (G20) at 10.30.",
      "Lula da Silva’s café-owner met Pérez-Molina’s aide, Müller.",
      "The 𝐁old word, 中文名字 and naïve co‑operation — ‘quoted’ O'Neil’s",
      "A’é b’ c'- d.- e.f. g-h-i j’k’l 'm n’",
      "China-Russia one-China Korea-Japan-China ex- -pre co-Président Franco-German’s",
    ]) {
      const got = tokenize(text, [0]);
      assert.deepEqual(
        got.map((t) => t.start),
        spans(text),
        text,
      );
      for (const t of got) {
        assert.equal(t.key, t.text.replace(/’/g, "'"), t.text);
        assert.equal(t.hyphen, t.text.includes("-"), t.text);
      }
    }
  });

  it("gives every word its lower case, capitals inside the word included", () => {
    // The scanner skips toLowerCase for words it saw no capital in; a capital after a hyphen,
    // an apostrophe or a full stop must count.
    const text = "anti-American o'Neill x.Y a’B McDonald iPhone plain G20 20G Ünal über-Chef";
    for (const t of tokenize(text, [0])) assert.equal(t.lower, t.key.toLowerCase(), t.text);
  });

  it("normalizes name words as the reference does", () => {
    for (const w of ["wang", "Wang", "O’Neill", "‘Ali", "d'Souza", "ÜNAL", "x", "", "McDONALD"])
      assert.equal(normWord(w), w.replace(/[’‘]/g, "'").toLowerCase(), w);
  });

  it("marks only the first word of each sentence as sentence-initial", () => {
    const text = "“Peace matters,” he said. Then Wang Yi spoke.";
    const initial = tokenize(text, [0, text.indexOf("Then")])
      .filter((t) => t.sentenceInitial)
      .map((t) => t.text);
    assert.deepEqual(initial, ["Peace", "Then"]);
  });
});
