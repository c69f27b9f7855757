// Property-based tests of the analysis core over generated text: random Unicode (lone
// surrogates included), releases assembled from sentence fragments, names with combining
// marks, emoji, right-to-left text, every line break LSP and the segmenter know, BOMs, NUL
// bytes and very long lines. Whatever the text, the analysis must not throw, must finish,
// and every span it returns must lie inside the text, on UTF-16 boundaries that do not split
// a surrogate pair or a CRLF, in order, with mentions inside their sentences.
// No timed assertions: each test has a generous `timeout` that only guards against a hang.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { TextDocument } from "vscode-languageserver-textdocument";
import { Analyzer } from "../../server/src/core/analyze";
import { LineIndex } from "../../server/src/core/positions";
import type { ReleaseAnalysis, Span } from "../../server/src/core/types";

const ROOT = path.resolve(__dirname, "..", "..");
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

// ---------------------------------------------------------------------------------------
// Invariants

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` does not fall between the halves of a surrogate pair or of a CRLF. */
function onBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (isHigh(before) && isLow(after)) return false;
  if (before === 13 && after === 10) return false;
  return true;
}

function checkSpan(text: string, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.offset) && Number.isInteger(s.length), `${what}: offset/length must be integers (${s.offset}, ${s.length})`);
  assert.ok(s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length, `${what}: [${s.offset}, +${s.length}) outside text of length ${text.length}`);
  assert.ok(onBoundary(text, s.offset), `${what}: starts inside a surrogate pair or CRLF at ${s.offset}`);
  assert.ok(onBoundary(text, s.offset + s.length), `${what}: ends inside a surrogate pair or CRLF at ${s.offset + s.length}`);
}

const inside = (inner: Span, outer: Span) => inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;

/** Checks every structural promise of a ReleaseAnalysis about `text`. */
export function checkAnalysis(text: string, a: ReleaseAnalysis): void {
  assert.equal(a.text, text, "the analysis keeps the text it was given");
  const limit = a.truncatedAt ?? text.length;
  assert.ok(limit <= text.length);

  // Blocks: in order, not overlapping, each inside the text; sentences inside their block.
  let end = 0;
  a.blocks.forEach((b, i) => {
    checkSpan(text, b, `block ${i} (${b.kind})`);
    assert.equal(b.index, i, "block indexes are positions");
    assert.ok(b.offset >= end, `block ${i} overlaps block ${i - 1}`);
    assert.ok(b.length > 0, `block ${i} is empty`);
    end = b.offset + b.length;
    if (b.label) {
      checkSpan(text, b.label, `turn label of block ${i}`);
      assert.ok(inside(b.label, b), `turn label outside block ${i}`);
      const written = text.slice(b.label.offset, b.label.offset + b.label.length);
      if (!written.includes("<!--")) assert.equal(b.label.text, written, `turn label text of block ${i}`);
    }
    for (const s of b.sentences) {
      assert.equal(s.block, i, "a block's sentences point back to it");
      assert.ok(inside(s, b), `sentence ${s.index} outside its block ${i}`);
      assert.equal(a.sentences[s.index], s, "block sentences are the analysis's sentences");
    }
  });
  assert.ok(end <= limit, "no block beyond the analysed prefix");

  // Sentences: in order, not overlapping, not empty.
  end = 0;
  a.sentences.forEach((s, i) => {
    checkSpan(text, s, `sentence ${i}`);
    assert.equal(s.index, i);
    assert.ok(s.length > 0, `sentence ${i} is empty`);
    assert.ok(s.offset >= end, `sentence ${i} overlaps sentence ${i - 1}`);
    assert.ok(a.blocks[s.block]?.sentences.includes(s), `sentence ${i} is not listed by block ${s.block}`);
    end = s.offset + s.length;
  });

  // Entities: unique ids; references between them resolve.
  const ids = new Set(a.entities.map((e) => e.id));
  assert.equal(ids.size, a.entities.length, "entity ids are unique");
  for (const e of a.entities) {
    checkSpan(text, e.introduced, `introduction of ${e.id}`);
    for (const m of e.members ?? []) assert.ok(ids.has(m), `member ${m} of ${e.id} is an entity`);
    if (e.country) assert.ok(typeof e.country === "string" && e.country.length > 0);
    assert.ok(typeof e.name === "string");
  }

  // Mentions: sorted, inside the text, the text they claim, inside a block; in a body block,
  // inside one of its sentences (or its turn label).
  let previous = -1;
  a.mentions.forEach((m, i) => {
    checkSpan(text, m, `mention ${i} “${m.text}”`);
    assert.ok(m.length > 0, `mention ${i} is empty`);
    assert.ok(m.offset >= previous, `mentions out of order at ${i}`);
    previous = m.offset;
    // A comment is blanked before recognition, so a mention may span one; otherwise its text is the document's.
    const written = text.slice(m.offset, m.offset + m.length);
    if (!written.includes("<!--")) assert.equal(m.text, written, `mention ${i} text`);
    assert.ok(ids.has(m.entity), `mention ${i} refers to unknown entity ${m.entity}`);
    const block = a.blocks.find((b) => inside(m, b));
    assert.ok(block, `mention ${i} “${m.text}” at ${m.offset} is in no block`);
    if (block.sentences.length) {
      const inSentence = block.sentences.some((s) => inside(m, s));
      const inLabel = block.label !== undefined && inside(m, block.label);
      assert.ok(inSentence || inLabel, `mention ${i} “${m.text}” at ${m.offset} is in no sentence of block ${block.index}`);
    }
  });

  // Statements: inside their sentence, cue inside the statement's sentence, speakers known.
  a.statements.forEach((s, i) => {
    checkSpan(text, s, `statement ${i}`);
    const sentence = a.sentences[s.sentence];
    assert.ok(sentence, `statement ${i} names sentence ${s.sentence}, which does not exist`);
    assert.ok(inside(s, sentence), `statement ${i} is outside sentence ${s.sentence}`);
    if (s.speaker !== null) assert.ok(ids.has(s.speaker), `statement ${i} speaker ${s.speaker} is not an entity`);
    if (s.cue) {
      checkSpan(text, s.cue, `cue of statement ${i}`);
      assert.equal(s.cue.text, text.slice(s.cue.offset, s.cue.offset + s.cue.length), `cue text of statement ${i}`);
      const block = a.blocks[sentence.block];
      assert.ok(inside(s.cue, block), `cue of statement ${i} is outside its block`);
    }
    if (i > 0) assert.ok(s.offset >= a.statements[i - 1].offset, "statements are in order");
  });

  // Findings: inside the text, known sentences, a message.
  a.findings.forEach((f, i) => {
    checkSpan(text, f, `finding ${i} (${f.code})`);
    assert.ok(f.message.length > 0);
    assert.ok(["error", "warning", "information", "hint"].includes(f.severity));
    if (f.sentence !== undefined) assert.ok(a.sentences[f.sentence], `finding ${i} names sentence ${f.sentence}`);
    if (f.subject) checkSpan(text, f.subject, `subject of finding ${i}`);
  });
  assert.equal(
    a.findings.some((f) => f.code === "file-too-large"),
    a.truncatedAt !== undefined,
    "file-too-large exactly when truncated",
  );

  if (a.headline) checkSpan(text, a.headline, "headline");
  if (a.dateline) checkSpan(text, a.dateline, "dateline");
}

/** The core's LineIndex agrees with the LSP library's TextDocument at every span boundary. */
function checkPositions(text: string, a: ReleaseAnalysis): void {
  const lines = new LineIndex(text);
  const doc = TextDocument.create("file:///p.release", "diplomatic-release", 1, text);
  const offsets = new Set<number>([0, text.length]);
  for (const s of [...a.blocks, ...a.sentences, ...a.mentions, ...a.statements, ...a.findings]) offsets.add(s.offset).add(s.offset + s.length);
  for (const o of offsets) {
    const p = lines.positionAt(o);
    assert.deepEqual(p, doc.positionAt(o), `LineIndex and TextDocument disagree at offset ${o}`);
    assert.equal(lines.offsetAt(p), o, `offsetAt(positionAt(${o})) round trip`);
  }
}

function analyzeAndCheck(text: string, analyzer = new Analyzer(), maxLength?: number): ReleaseAnalysis {
  const a = analyzer.analyze(text, maxLength === undefined ? {} : { maxLength });
  checkAnalysis(text, a);
  return a;
}

// ---------------------------------------------------------------------------------------
// Generators

const LINE_BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\n\n", "\r\n\r\n", "\r\r", "\n\r"];
const NAMES = [
  "Wang Yi",
  "Vladimir Putin",
  "Amara Okafor",
  "Tomasz Wrona",
  "José Ramos-Horta",
  "Nguye\u0302\u0303n Phu\u0301 Tro\u0323ng", // NFD: combining marks
  "Zoë Ångström",
  "Mohammed bin Salman",
  "محمد بن سلمان", // Arabic, right to left
  "בנימין נתניהו", // Hebrew
  "\u202eRTL override\u202c",
  "Олаф Шольц",
  "習近平",
  "Ursula von der Leyen",
  "Antony J. Blinken",
  "Lula da Silva",
  "O’Brien",
  "Dr. Ng",
];
const TITLES = [
  "President",
  "Foreign Minister",
  "Prime Minister",
  "Spokesperson",
  "Ambassador",
  "Member of the Political Bureau of the CPC Central Committee",
  "Director of the Office",
];
const PLACES = [
  "China",
  "Russia",
  "the Chinese side",
  "the two sides",
  "Nigeria",
  "Poland",
  "the United States",
  "the U.S.",
  "the European Union",
  "BRICS",
  "the WTO",
];
const VERBS = ["said", "noted", "stressed", "conveyed", "emphasized", "told reporters", "added", "according to", "welcomed", "pointed out that"];
const PRONOUNS = ["He", "She", "They", "he", "she", "It", "We", "I", "his", "her"];
const PUNCT = [".", ",", "!", "?", ":", ";", "…", "“", "”", '"', "'", "’", "(", ")", "[", "]", "—", "-", ". ", "... ", "U.S.", "a.m.", "Mr.", "No."];
const FURNITURE = [
  "Home > News",
  "2025-01-15 10:00",
  "Published 18 October 2024",
  "Print",
  "Suggest To A Friend:",
  "Q:",
  "A:",
  "Reuters:",
  "Mao Ning:",
  "The following is attributable to Spokesperson Jane Roe:",
  "Lisbon, January 2, 2024",
  "© 2025",
];
const SUPPRESSIONS = [
  "<!-- attache-disable -->",
  "<!-- attache-enable unattributed-statement -->",
  "<!-- attache-disable-line -->",
  "<!-- attache-disable-next-line vague-attribution -->",
  "<!--",
  "-->",
  "<!-- unclosed",
];
const ODD = [
  "\ufeff",
  "\u0000",
  "\u200b",
  "\u00a0",
  "\t",
  "\u000b",
  "\u000c",
  "\u3000",
  "😀",
  "👍🏽",
  "👩‍👩‍👧",
  "🇨🇳",
  "\ud83d",
  "\ude00",
  "\ufffd",
  "e\u0301",
  "\u0301",
  "𝐀",
  "ﬁ",
  "İ",
  "ß",
  "Σ",
];

function fromExamples(): string[] {
  const dir = path.join(ROOT, "examples");
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    if (!/\.(release|readout)$/.test(f)) continue;
    for (const s of readFileSync(path.join(dir, f), "utf8").split(/(?<=[.!?])\s+|\n+/)) if (s.trim()) out.push(s.trim());
  }
  return out;
}
const SENTENCES = fromExamples();

const pick = (xs: readonly string[]) => fc.constantFrom(...xs);
/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const asciiWord = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), minLength: 1, maxLength: 10 });

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: pick(NAMES) },
  { weight: 3, arbitrary: pick(TITLES) },
  { weight: 3, arbitrary: pick(PLACES) },
  { weight: 4, arbitrary: pick(VERBS) },
  { weight: 3, arbitrary: pick(PRONOUNS) },
  { weight: 5, arbitrary: pick(PUNCT) },
  { weight: 3, arbitrary: pick(LINE_BREAKS) },
  { weight: 2, arbitrary: pick(FURNITURE) },
  { weight: 1, arbitrary: pick(SUPPRESSIONS) },
  { weight: 2, arbitrary: pick(ODD) },
  { weight: 4, arbitrary: SENTENCES.length ? pick(SENTENCES) : asciiWord },
  { weight: 3, arbitrary: asciiWord },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 4 }) },
);

/** A release-like text: fragments joined by spaces, line breaks or nothing. */
const releaseText = fc
  .array(fc.tuple(fragment, fc.constantFrom(" ", " ", " ", "", "\n", "\n\n", "\r\n", " ")), { maxLength: 120 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(""));

/** A structured release: furniture, then paragraphs of sentences about people. */
const sentenceArb = fc
  .tuple(
    fc.constantFrom("", "“"),
    pick(
      NAMES.concat(
        PRONOUNS,
        TITLES.map((t) => `${t} ${NAMES[0]}`),
      ),
    ),
    pick(VERBS),
    fc.array(fc.oneof(pick(PLACES), asciiWord, pick(ODD)), { maxLength: 8 }),
    fc.constantFrom(".", "!", "?", ".”", "", "…"),
  )
  .map(([q, who, verb, rest, end]) => `${q}${who} ${verb} ${rest.join(" ")}${end}`);
const structuredRelease = fc
  .tuple(
    fc.constantFrom("", "\ufeff"),
    fc.array(pick(FURNITURE), { maxLength: 3 }),
    fc.array(fc.array(sentenceArb, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
    pick(LINE_BREAKS),
  )
  .map(([bom, furniture, paragraphs, nl]) => bom + [...furniture, "", ...paragraphs.map((p) => p.join(" "))].join(nl + (nl.length === 1 ? nl : "")));

// ---------------------------------------------------------------------------------------
// Properties

const params = { numRuns: RUNS };

describe("analysis core over generated text (property-based)", () => {
  it("random Unicode code points: never throws; spans well formed", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        analyzeAndCheck(text);
      }),
      params,
    );
  });

  it("LineIndex agrees with the LSP library at every offset, with and without carriage returns", () => {
    const unit = fc.constantFrom("a", "b", " ", "\n", "\n", "\r", "\u2028", "\u0085", "é");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.boolean(), (raw, noCr) => {
        const text = noCr ? raw.replace(/\r/g, "") : raw;
        const lines = new LineIndex(text);
        const doc = TextDocument.create("file:///p.release", "diplomatic-release", 1, text);
        assert.equal(lines.lineCount, doc.lineCount, JSON.stringify(text));
        for (let o = 0; o <= text.length; o++) {
          // Inside a CRLF the library moves back before the CR; no span of ours ends there.
          if (text[o - 1] === "\r" && text[o] === "\n") continue;
          assert.deepEqual(lines.positionAt(o), doc.positionAt(o), `${JSON.stringify(text)} at ${o}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("random UTF-16 code units (lone surrogates, NUL, controls): never throws; spans well formed", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 400 }), (text) => {
        analyzeAndCheck(text);
      }),
      params,
    );
  });

  it("releases assembled from random fragments: spans well formed, positions agree with the LSP library", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(releaseText, (text) => {
        checkPositions(text, analyzeAndCheck(text));
      }),
      params,
    );
  });

  it("structured releases with BOMs, every line break, combining marks, emoji and RTL names", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(structuredRelease, (text) => {
        checkPositions(text, analyzeAndCheck(text));
      }),
      params,
    );
  });

  it("the per-block cache never changes the result: an edited text analysed by a warm Analyzer equals a fresh analysis", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(structuredRelease, releaseText, fc.nat(), fc.nat(), (before, insert, at, del) => {
        const pos = before.length ? at % (before.length + 1) : 0;
        const after = before.slice(0, pos) + insert + before.slice(Math.min(before.length, pos + (del % 20)));
        const warm = new Analyzer();
        warm.analyze(before);
        const a = warm.analyze(after);
        checkAnalysis(after, a);
        assert.deepEqual(a, new Analyzer().analyze(after));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("a size limit cuts on a boundary and reports file-too-large", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(releaseText, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const a = analyzeAndCheck(text, new Analyzer(), max);
        if (text.length > max) {
          assert.ok(a.truncatedAt !== undefined && a.truncatedAt <= max, "truncated at or before the limit");
          assert.ok(!(isHigh(text.charCodeAt(a.truncatedAt - 1)) && isLow(text.charCodeAt(a.truncatedAt))), "the cut does not split a surrogate pair");
          assert.equal(a.findings[0].code, "file-too-large");
          assert.equal(a.findings[0].severity, "information");
        } else assert.equal(a.truncatedAt, undefined);
      }),
      params,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Large inputs: termination is guarded by each test's timeout, never asserted as a time.

/** Deterministic pseudo-random text of `n` UTF-16 units from the fragment pools. */
function bigText(n: number, seed: number, withBreaks: boolean): string {
  const pools = [NAMES, TITLES, PLACES, VERBS, PRONOUNS, PUNCT, ODD, SENTENCES.length ? SENTENCES : ["Text."], SUPPRESSIONS];
  let x = seed >>> 0 || 1;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x / 2 ** 32);
  const parts: string[] = [];
  let len = 0;
  while (len < n) {
    const pool = pools[Math.floor(rnd() * pools.length)];
    let piece = pool[Math.floor(rnd() * pool.length)];
    if (!withBreaks) piece = piece.replace(/[\n\r\u2028\u2029\u0085]/g, " ");
    const sep = withBreaks && rnd() < 0.05 ? (rnd() < 0.5 ? "\n\n" : "\r\n") : " ";
    parts.push(piece, sep);
    len += piece.length + sep.length;
  }
  return parts.join("").slice(0, n);
}

describe("analysis core on large inputs", () => {
  it("a single 50,000-character line of release fragments", { timeout: 60_000 }, () => {
    const text = bigText(50_000, 7, false);
    assert.ok(!/[\n\r]/.test(text));
    checkPositions(text, analyzeAndCheck(text));
  });

  it("a single 50,000-character line of one repeated sentence, of capitals, of dots, of quotes", { timeout: 60_000 }, () => {
    for (const unit of [
      "Foreign Minister Wang Yi said that China and Russia agree, ",
      "Aaa Bbb ",
      "a.",
      "A. ",
      "“",
      "<!--",
      "<!-- attache-disable ",
      "Q: ",
      "😀",
      "\ud83d",
    ]) {
      const text = unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000);
      analyzeAndCheck(text);
    }
  });

  it("50,000 empty lines in every line-break style", { timeout: 60_000 }, () => {
    for (const nl of ["\n", "\r", "\r\n", "\u2028"]) analyzeAndCheck(`Headline\n\n${nl.repeat(50_000)}He said so.`);
  });

  it("1 MB of random release text, and the same text ten times smaller, both finish", { timeout: 300_000 }, () => {
    const big = bigText(1_000_000, 11, true);
    const a = analyzeAndCheck(big);
    assert.ok(a.sentences.length > 1000, "a real analysis, not an early exit");
    analyzeAndCheck(big.slice(0, 100_000));
  });

  it("text over the default limit is cut at the limit, on a boundary, and says so", { timeout: 120_000 }, () => {
    const text = "😀 He said so.\n\n".repeat(10_000); // 160,000 units; limit lowered to 50,003 (odd, to hit a surrogate)
    const a = analyzeAndCheck(text, new Analyzer(), 50_003);
    assert.ok(a.truncatedAt! <= 50_003);
    assert.equal(a.findings[0].code, "file-too-large");
    assert.match(a.findings[0].message, /160,000 characters/);
  });
});
