// The composition root of the analysis: segment → recognize → resolve → attribute → lint.
// Text in, a ReleaseAnalysis out; pure and editor-independent. An `Analyzer` keeps a cache
// of per-block recognition so that an edit re-recognizes only the paragraphs it touched.

import { attribute, SubjectMemo } from "./attribute";
import { lint, type RuleSettings } from "./lint/index";
import { recognizeBlock, titleCaseIfShouting, type BlockRecognition } from "./recognize";
import { finalizeEntities, resolve, type GazetteerEntry } from "./resolve";
import { InOrderCache } from "./inOrderCache";
import { segment } from "./segment";
import type { Finding, Mention, ReleaseAnalysis } from "./types";

export interface AnalyzeOptions {
  readonly rules?: RuleSettings;
  readonly gazetteer?: readonly GazetteerEntry[];
  /** Characters analysed at most; the rest is reported, not silently dropped. */
  readonly maxLength?: number;
  /**
   * Called as each stage ends, for profiling (`npm run bench` times the stages with it). The
   * core takes no time itself: it stays free of clocks and I/O.
   */
  readonly onStage?: (stage: Stage) => void;
}

/** The stages, in order. */
export type Stage = "segment" | "recognize" | "resolve" | "attribute" | "lint";

/** Releases are a few KB; beyond this the analysis covers a prefix and says so. */
export const DEFAULT_MAX_LENGTH = 5_000_000;
const RECOGNIZED_KINDS = new Set(["headline", "lede", "paragraph", "turn", "attribution-line"]);

interface CacheEntry {
  readonly kind: string;
  readonly starts: readonly number[];
  readonly rec: BlockRecognition;
}

/** Whether `starts` are the block's sentence starts, relative to the block. */
function sameStarts(starts: readonly number[], block: { offset: number; sentences: readonly { offset: number }[] }): boolean {
  const sentences = block.sentences;
  if (starts.length !== sentences.length) return false;
  for (let i = 0; i < starts.length; i++) if (starts[i] !== sentences[i].offset - block.offset) return false;
  return true;
}

export class Analyzer {
  private subjects = new SubjectMemo();
  private lastText: string | undefined;
  /** The recognition of each block, by its text, kept for the next analysis. */
  private recognitions = new InOrderCache<CacheEntry>();
  /** Blocks of the last analysis recognized anew, and taken from the previous analysis. */
  readonly blocks = { recognized: 0, reused: 0 };

  analyze(input: string, options: AnalyzeOptions = {}): ReleaseAnalysis {
    const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
    const truncated = input.length > max;
    const text = truncated ? input.slice(0, cutPoint(input, max)) : input;
    const masked = maskComments(text);
    const onStage = options.onStage;
    const seg = segment(masked);
    onStage?.("segment");
    const recs = [];
    // Afresh, even if the last call threw before `rotate`.
    this.recognitions.begin();
    this.blocks.recognized = this.blocks.reused = 0;
    for (const block of seg.blocks) {
      if (!RECOGNIZED_KINDS.has(block.kind)) continue;
      recs.push({ block, rec: this.recognize(masked, block) });
    }
    this.recognitions.rotate();
    onStage?.("recognize");
    const res = resolve(masked, seg, recs, options.gazetteer);
    onStage?.("resolve");
    // Sentence subjects are remembered only while this analyzer re-analyses versions of one
    // document (an editor's): for a first analysis, or a different file (a CLI worker's next
    // file), the memo would only cost keys that are never read back.
    const memo = this.lastText !== undefined && sameDocument(this.lastText, masked) ? this.subjects : undefined;
    const attr = attribute(masked, seg, res, memo);
    this.subjects.rotate();
    this.lastText = masked;
    onStage?.("attribute");
    const mentions = mergeMentions(res.mentions, attr.pronounMentions);
    const used = new Set<string>();
    for (const m of mentions) used.add(m.entity);
    for (const g of attr.usedGroups) used.add(g);
    for (const s of attr.statements) if (s.speaker) used.add(s.speaker);
    const countryIds = new Map<string, string>();
    for (const e of res.entities) if (e.kind === "country") countryIds.set(e.name, e.id);
    const entities = finalizeEntities(res.entities, used).map((e) => (e.country ? { ...e, country: countryIds.get(e.country) ?? e.country } : e));
    const names = new Map<string, string>();
    for (const e of entities) names.set(e.id, e.name);
    const findings: Finding[] = lint({ text, sentences: seg.sentences, issues: attr.issues, nameOf: (id) => names.get(id) ?? id }, options.rules);
    if (truncated) {
      findings.unshift({
        code: "file-too-large",
        severity: "information",
        message: `This file has ${input.length.toLocaleString("en")} characters; Attaché analysed the first ${text.length.toLocaleString("en")} (the limit is ${max.toLocaleString("en")}). Split the file to analyse the rest.`,
        offset: 0,
        // The first line, up to (not into) its line break: never between the CR and LF of a CRLF.
        length: firstLineLength(text),
      });
    }
    onStage?.("lint");
    return {
      text: input,
      blocks: seg.blocks,
      sentences: seg.sentences,
      entities,
      mentions,
      statements: attr.statements,
      findings,
      headline: seg.headline,
      dateline: seg.dateline,
      ...(truncated ? { truncatedAt: text.length } : {}),
    };
  }

  private recognize(text: string, block: { offset: number; length: number; kind: string; sentences: readonly { offset: number }[] }): BlockRecognition {
    const blockText = text.slice(block.offset, block.offset + block.length);
    // The recognition depends on the block's kind and sentence starts too (compared in place:
    // most blocks are reused, and their starts need no array).
    let entry = this.recognitions.find(blockText, (e) => e.kind === block.kind && sameStarts(e.starts, block));
    if (entry) this.blocks.reused++;
    else {
      this.blocks.recognized++;
      const starts = block.sentences.map((s) => s.offset - block.offset);
      const shouting = block.kind === "headline" || block.kind === "lede" ? titleCaseIfShouting(blockText) : blockText;
      entry = { kind: block.kind, starts, rec: recognizeBlock(shouting, starts.length ? starts : [0], block.kind === "headline") };
    }
    this.recognitions.keep(blockText, entry);
    return entry.rec;
  }
}

const shared = new Analyzer();

/** Analyses one release. */
export function analyze(text: string, options: AnalyzeOptions = {}): ReleaseAnalysis {
  return shared.analyze(text, options);
}

const byPlace = (a: Mention, b: Mention) => a.offset - b.offset || b.length - a.length;

/**
 * The two lists in one, by offset (longer first at the same offset). Both come sorted (the
 * resolver sorts its mentions; pronouns come sentence by sentence), so a merge does; a list
 * found out of order is sorted first.
 */
function mergeMentions(a: readonly Mention[], b: readonly Mention[]): Mention[] {
  const sorted = (xs: readonly Mention[]) => (xs.every((x, i) => i === 0 || byPlace(xs[i - 1], x) <= 0) ? xs : [...xs].sort(byPlace));
  const x = sorted(a);
  const y = sorted(b);
  const out: Mention[] = [];
  let i = 0;
  let j = 0;
  // On a tie the first list goes first, as a stable sort of [...a, ...b] would keep it.
  while (i < x.length && j < y.length) out.push(byPlace(x[i], y[j]) <= 0 ? x[i++] : y[j++]);
  while (i < x.length) out.push(x[i++]);
  while (j < y.length) out.push(y[j++]);
  return out;
}

/**
 * Whether `b` is an edited version of `a`: the first or the last 40% of the shorter text is
 * the same in both. One edit of less than a fifth of the text always leaves one of the two
 * whole; another release shares little beyond its first line. Two native string comparisons,
 * not a loop over characters (which cost a millisecond on 200 KB).
 */
export function sameDocument(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  if (n === 0) return false;
  const k = Math.ceil(n * 0.4);
  return a.slice(0, k) === b.slice(0, k) || a.slice(a.length - k) === b.slice(b.length - k);
}

function firstLineLength(text: string): number {
  const br = text.search(/[\r\n]/);
  return br < 0 ? text.length : br;
}

/** Cuts at a line break near `max`, never inside a surrogate pair. */
function cutPoint(text: string, max: number): number {
  const nl = text.lastIndexOf("\n", max);
  let cut = nl > max * 0.9 ? nl : max;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return cut;
}

/** Blanks out HTML-style comments (suppression comments) so they are never analysed. */
function maskComments(text: string): string {
  // An indexOf scan, not a lazy regex: with many unclosed "<!--" a regex rescans to the end
  // from each one (quadratic). Once one "<!--" is unclosed, so are all later ones.
  let from = text.indexOf("<!--");
  if (from < 0) return text;
  let out = "";
  let last = 0;
  while (from >= 0) {
    const end = text.indexOf("-->", from + 4);
    if (end < 0) break;
    out += text.slice(last, from) + text.slice(from, end + 3).replace(/[^\r\n]/g, " ");
    last = end + 3;
    from = text.indexOf("<!--", last);
  }
  return out + text.slice(last);
}
