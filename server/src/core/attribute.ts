// Stage 4 — attribute: decides, sentence by sentence, which sentences are statements and who
// speaks them (annotation guidelines §4): the subject of a reporting cue, a pronoun resolved
// to the previous subject, a definite description, a group ("the two sides"), a country
// ("the Chinese side"), a Q&A turn label, or continuation to the end of the paragraph.
// Sentences that need a flag carry an `issue` for the lint stage.

import { InOrderCache } from "./inOrderCache";
import { LEXICON, type VerbKind } from "./lexicon";
import type { EntityDraft, Resolution } from "./resolve";
import type { Segmentation } from "./segment";
import { isSpace } from "./tokens";
import type { Cue, Mention, Sentence, Span, Statement } from "./types";

export type IssueKind = "unattributed" | "ambiguous" | "vague";

export interface StatementIssue {
  readonly sentence: number;
  readonly kind: IssueKind;
  /** The words that name nobody or too many: "He", "It was noted", "the minister". */
  readonly subject?: Span;
  readonly candidates?: readonly string[];
}

export interface Attribution {
  readonly statements: Statement[];
  readonly issues: StatementIssue[];
  /** Pronoun mentions resolved on the way. */
  readonly pronounMentions: Mention[];
  /** Group entities used as speakers (ids). */
  readonly usedGroups: Set<string>;
}

interface Subject {
  /** Entities named by the subject (one, or several joined by "and"). */
  entities: string[];
  kind: "person" | "country" | "bare-country" | "organization" | "group" | "pronoun" | "ambiguous" | "vague" | "according-to";
  span: Span;
  verb?: { span: Span; text: string; kind: VerbKind | "generic" };
  candidates?: string[];
  pronoun?: string;
  /** The pronoun itself, when the subject is one. */
  pronounSpan?: Span;
  /** For a group phrase ("the two sides"): the group it made, so a remembered subject can make it again. */
  groupOf?: { members: string[]; description: string };
}

const QUOTE_PAIRS: Record<string, string> = { "“": "”", '"': '"', "«": "»" };
/** Adverbs and auxiliaries that may stand between a subject and its verb ("Wang Yi also said"). */
const FILLERS = [
  "also",
  "further",
  "then",
  "again",
  "once again",
  "both",
  "all",
  "jointly",
  "firmly",
  "fully",
  "have",
  "has",
  "had",
  "will",
  "would",
  "later",
  "subsequently",
  "respectively",
  "too",
  "each",
  "personally",
  "separately",
  "specifically",
  "additionally",
  "particularly",
  "strongly",
  "highly",
  "warmly",
  "sincerely",
  "deeply",
  "repeatedly",
  "in turn",
  "however",
  "meanwhile",
  "already",
  "briefly",
  "formally",
  "officially",
  "publicly",
  "previously",
  "earlier",
  "likewise",
  "similarly",
  "equally",
  "explicitly",
  "clearly",
  "positively",
  "actively",
  "readily",
  "together",
];
const VERB_DIRECT_RE = /^\s*,?\s+(\p{Ll}[\p{Ll}'’-]*(?:\s+\p{Ll}[\p{Ll}'’-]*){0,7})/u;
const VERB_RE = /^\s*,[^,]{1,160},\s+(\p{Ll}[\p{Ll}'’-]*(?:\s+\p{Ll}[\p{Ll}'’-]*){0,7})/u;

/** The reporting or narration verb at the start of `rest` (after adverbs and auxiliaries). */
function verbAt(rest: string, end: number, re: RegExp): Subject["verb"] {
  const m = re.exec(rest);
  if (!m) return undefined;
  const words = m[1].split(/\s+/);
  if (m[1].includes("’")) for (let i = 0; i < words.length; i++) words[i] = words[i].replace(/’/g, "'");
  const base = end + m[0].length - m[1].length;
  let charAt = 0;
  let aux: Subject["verb"];
  for (let p = 0; p < words.length; p++) {
    const lookup = LEXICON.verbs.match(words, p);
    if (lookup) {
      const vText = words.slice(p, p + lookup.length).join(" ");
      return { span: { offset: base + charAt, length: vText.length }, text: vText, kind: lookup.value };
    }
    if (!FILLER_SET.has(words[p]) && !/^\p{Ll}{3,}ly$|^(?:today|yesterday|again|once)$/u.test(words[p])) {
      // "will coordinate": the auxiliary carries the clause when the verb is not in the lexicon.
      return GENERIC_VERB_RE.test(words[p]) ? { span: { offset: base + charAt, length: words[p].length }, text: words[p], kind: "generic" } : aux;
    }
    if (!aux && /^(?:will|would|shall|has|have|had)$/.test(words[p]))
      aux = { span: { offset: base + charAt, length: words[p].length }, text: words[p], kind: "generic" };
    charAt += words[p].length + 1;
  }
  return undefined;
}
const GENERIC_VERB_RE = /^(?:is|are|was|were|remain|remains|will|can|could|should|must|may|might|shall|would|has|have|had|does|do|did)$|^\p{Ll}{3,}ed$/u;
const FILLER_SET = new Set(FILLERS);
const MASK = "\u0001";

/**
 * Sentence subjects remembered across analyses of one document (an `Analyzer` keeps one), so
 * that an edit re-reads only the sentences it changed. A subject depends on the sentence's
 * text and on what the resolver found in it (spans, entity ids and kinds, pronouns, group
 * phrases with the members they stand for, ambiguous descriptions): a sentence is found by its
 * text, and its subject is used only if all the rest is the same (`rememberedSubject`). A
 * remembered group subject makes its group again, as finding it did. Like the paragraph
 * cache, it keeps what the last analysis used and forgets the rest.
 */
export class SubjectMemo extends InOrderCache<MemoEntry> {}

interface MemoEntry {
  /** What the resolver found in the sentence, flattened (see `signature`). */
  readonly signature: readonly (string | number | undefined)[];
  /** Where the sentence was: the subject's offsets are absolute for that place. */
  readonly offset: number;
  readonly subject: Subject | undefined;
}

export function attribute(text: string, seg: Segmentation, res: Resolution, memo?: SubjectMemo): Attribution {
  const statements: Statement[] = [];
  const issues: StatementIssue[] = [];
  const pronounMentions: Mention[] = [];
  const usedGroups = new Set<string>();
  const mentions = res.mentions;
  const index = sentenceIndex(res);

  // Recent sentence subjects that name people, newest last: for pronouns (§4.2).
  const history: { people: string[]; block: number }[] = [];
  let weGroup: string | undefined;
  let lastGroup: { id: string; block: number } | undefined;
  let paragraphIndex = -1;

  let mi = 0; // moving index into the sorted mentions
  for (const block of seg.blocks) {
    if (block.sentences.length === 0) continue;
    paragraphIndex++;
    // Continuation within the paragraph: the speaker, or the flag, carried to the next sentence.
    let carried: { speaker: string | null; issue?: IssueKind; candidates?: readonly string[] } | undefined;
    const turn = block.label;
    for (const s of block.sentences) {
      while (mi < mentions.length && mentions[mi].offset < s.offset) mi++;
      let mj = mi;
      while (mj < mentions.length && mentions[mj].offset < s.offset + s.length) mj++;
      const inSentence = mentions.slice(mi, mj);
      const body0 = text.slice(s.offset, s.offset + s.length);
      // "We, the G7 Foreign Ministers of Canada, France …, condemn …": a communiqué's "we".
      if (!weGroup) weGroup = defineWe(body0, s, inSentence, res);
      // "We will work together …" in a statement the leaders make together: the participants.
      if (!weGroup && res.participants.length >= 2 && !carried?.speaker && weSubject(body0)) weGroup = res.addGroup(res.participants, "we", s);
      let subject =
        weGroup && weSubject(body0)
          ? ({ entities: [weGroup], kind: "group", span: { offset: s.offset + body0.indexOf("We"), length: 2 } } as Subject)
          : memo
            ? rememberedSubject(memo, text, s, inSentence, res, index)
            : findSubject(text, s, inSentence, res, index);
      // Countries and bodies speak only through a reporting cue ("The Foreign Ministry said");
      // inside reported speech, only a new cue starts a new statement (§4.4).
      const cueLess = subject && subject.verb?.kind === "generic";
      if (subject && cueLess && (carried || subject.kind === "organization" || subject.kind === "bare-country")) subject = undefined;
      // “… at sea. Today’s measures …,” said Minister Anand. — the speaker comes after the quote.
      if (!subject && !carried?.speaker && /^[\s]*[“"]/.test(body0) && !/[”]|"[^"]*"/.test(body0.slice(body0.search(/[“"]/) + 1))) {
        const ahead = quoteSpeakerAhead(text, block.sentences, s, res, mentions, index);
        if (ahead) subject = ahead;
      }
      const resolved = resolveSubject(subject, res, history, lastGroup, paragraphIndex, pronounMentions, usedGroups);
      if (resolved.people.length) history.push({ people: resolved.people, block: paragraphIndex });
      if (resolved.speaker && res.byId.get(resolved.speaker)?.kind === "group" && subject?.pronoun !== "they")
        lastGroup = { id: resolved.speaker, block: paragraphIndex };
      while (history.length && paragraphIndex - history[0].block > 1) history.shift();

      const cue = subject?.verb ? cueOf(text, subject.verb.span) : null;
      // §4.5: in a transcript, the turn label decides.
      if (turn) {
        if (turn.role === "question") continue;
        const speaker = turn.role === "answer" ? res.answerer : res.turnSpeakers.get(block.index);
        // An answer whose spokesperson the release never names is still the spokesperson's:
        // a statement without a named speaker, but not an unattributed claim.
        statements.push(stmt(s, speaker ?? null, null, "turn"));
        continue;
      }
      if (subject?.kind === "vague") {
        statements.push(stmt(s, null, cue, null));
        issues.push({ sentence: s.index, kind: "vague", subject: subject.span });
        carried = { speaker: null, issue: "vague" };
        continue;
      }
      if (subject && subject.verb?.kind === "narration" && subject.kind !== "according-to") {
        carried = undefined; // a narrated act ends reported speech
        continue;
      }
      // "The Spanish side is willing …" inside the Spanish minister's speech continues it; so it
      // does inside the speech of someone whose country the release does not say. Only another
      // country's side, or one after a country's own statement, speaks anew.
      if (subject && carried?.speaker && subject.kind === "country" && subject.entities.length === 1) {
        const carrier = res.byId.get(carried.speaker) as EntityDraft | undefined;
        if (carrier?.kind === "person" && (!carrier.country || res.countryId(carrier.country) === subject.entities[0])) subject = undefined;
      }
      // A country named bare inside a person's reported speech is part of that speech;
      // after another country's statement (a joint statement) it is a new speaker.
      const carriedIsPerson = !!carried?.speaker && res.byId.get(carried.speaker)?.kind === "person";
      // Likewise a body ("The CPC is willing to …") inside a person's speech.
      if (subject?.kind === "organization" && carriedIsPerson) subject = undefined;
      if (subject && !(subject.kind === "bare-country" && carried && (carriedIsPerson || !carried.speaker))) {
        if (resolved.ambiguous && resolved.ambiguous.length === 0) {
          // "The Deputy Minister said" with no such person introduced: a speaker we cannot name.
          statements.push(stmt(s, null, cue, null));
          carried = { speaker: null };
          continue;
        }
        if (resolved.ambiguous) {
          statements.push(stmt(s, null, cue, null));
          issues.push({ sentence: s.index, kind: "ambiguous", subject: subject.span, candidates: resolved.ambiguous });
          carried = { speaker: null, issue: "ambiguous", candidates: resolved.ambiguous };
          continue;
        }
        if (resolved.speaker) {
          const source = subject.kind === "pronoun" ? "pronoun" : subject.kind === "according-to" ? "according-to" : subject.kind === "group" ? "group" : "cue";
          statements.push(stmt(s, resolved.speaker, cue, source));
          carried = { speaker: resolved.speaker };
          continue;
        }
      }
      if (carried) {
        statements.push(stmt(s, carried.speaker, null, carried.speaker ? "continuation" : null));
        if (!carried.speaker && carried.issue) issues.push({ sentence: s.index, kind: carried.issue, candidates: carried.candidates });
        continue;
      }
      if (isEvaluative(body0) && !isNarrative(body0)) {
        statements.push(stmt(s, null, null, null));
        issues.push({ sentence: s.index, kind: "unattributed" });
        carried = { speaker: null, issue: "unattributed" };
      }
    }
  }
  return { statements, issues, pronounMentions, usedGroups };
}

/** Where the appositive of "We, the G7 Foreign Ministers of …, condemn" ends: the comma before a verb. */
function weAppositiveEnd(body: string): number {
  const start = /^[^\p{L}]*We,\s+/u.exec(body);
  if (!start) return -1;
  const comma = /,\s+((?:also|further|again|jointly|strongly|firmly)\s+)?(\p{Ll}+)(?:\s+(\p{Ll}+))?/gu;
  comma.lastIndex = start[0].length;
  for (let m = comma.exec(body); m && m.index < 600; m = comma.exec(body)) {
    if (LEXICON.verbs.match([m[2], m[3] ?? ""].filter(Boolean), 0)) return m.index;
  }
  return -1;
}

/** A sentence whose subject is "We", with or without an appositive. */
function weSubject(body: string): boolean {
  // The first letter must begin "We" (checked by char codes first: this runs for every sentence).
  let i = 0;
  while (i < body.length && !isLetterAt(body, i)) i++;
  if (i + 1 >= body.length || body.charCodeAt(i) !== 87 /* W */ || body.charCodeAt(i + 1) !== 101 /* e */) return false;
  // "We" inside a quotation is the quoted speaker's, not the communiqué's.
  if (/^[^\p{L}]*[“"‘]/u.test(body)) return false;
  if (/^[^\p{L}]*We,/u.test(body)) return weAppositiveEnd(body) >= 0;
  if (/^[^\p{L}]*We\s+(?:also\s+|further\s+)?(?:will|would|shall|are|remain|have|must|should|can|stand)\b/u.test(body)) return true;
  const m = /^[^\p{L}]*We\s+(?:(?:also|further|again|jointly|strongly|firmly)\s+)?(\p{Ll}+)/u.exec(body);
  return !!m && (!!LEXICON.verbs.match([m[1]], 0) || GENERIC_VERB_RE.test(m[1]));
}

/** `/\p{L}/u` at `body[i]`, by char codes on ASCII. */
function isLetterAt(body: string, i: number): boolean {
  const c = body.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /^\p{L}/u.test(body.slice(i, i + 2));
}

function defineWe(body: string, s: Sentence, inSentence: readonly Mention[], res: Resolution): string | undefined {
  const end = weAppositiveEnd(body);
  if (end < 0) return undefined;
  const from = s.offset + /^[^\p{L}]*We,\s+/u.exec(body)![0].length;
  const to = s.offset + end;
  const ids: string[] = [];
  let sawCountry = false;
  for (const x of inSentence) {
    if (x.offset < from || x.offset >= to) continue;
    const kind = res.byId.get(x.entity)?.kind;
    if (kind === "country") sawCountry = true;
    // The body the group is named after ("the G7 Foreign Ministers") comes before its members.
    if ((kind === "country" || (kind === "organization" && sawCountry)) && !ids.includes(x.entity)) ids.push(x.entity);
  }
  return ids.length >= 2 ? res.addGroup(ids, "we", { offset: from, length: to - from }) : undefined;
}

/** The speaker named after a quotation that closes in a later sentence of the paragraph. */
function quoteSpeakerAhead(
  text: string,
  sentences: readonly Sentence[],
  from: Sentence,
  res: Resolution,
  mentions: readonly Mention[],
  index: SentenceIndex,
): Subject | undefined {
  for (const t of sentences) {
    if (t.offset <= from.offset) continue;
    const body = text.slice(t.offset, t.offset + t.length);
    if (!/[”"]/.test(body)) continue;
    const inT = mentions.filter((m) => m.offset >= t.offset && m.offset < t.offset + t.length);
    const subject = findSubject(text, t, inT, res, index);
    return subject && subject.verb?.kind === "cue" && (subject.kind === "person" || subject.kind === "group") ? { ...subject, kind: subject.kind } : undefined;
  }
  return undefined;
}

/** `findSubject` through the memo: the same answer, computed only for sentences not seen before. */
function rememberedSubject(
  memo: SubjectMemo,
  text: string,
  s: Sentence,
  inSentence: readonly Mention[],
  res: Resolution,
  index: SentenceIndex,
): Subject | undefined {
  // The sentence, and the three characters after it, which one test reads.
  const sentence = text.slice(s.offset, s.offset + s.length + 3);
  const length = signature(s, inSentence, res, index);
  const entry = memo.find(sentence);
  if (entry && sameSignature(entry.signature, length)) {
    memo.keep(sentence, entry);
    const subject = !entry.subject || entry.offset === s.offset ? entry.subject : moveSubject(entry.subject, s.offset - entry.offset);
    // A group subject makes its group, as finding it did: the same call, in the same order.
    if (subject?.groupOf) return { ...subject, entities: [res.addGroup(subject.groupOf.members, subject.groupOf.description, subject.span)] };
    return subject;
  }
  const subject = findSubject(text, s, inSentence, res, index);
  memo.keep(sentence, { signature: SIGNATURE.slice(0, length), offset: s.offset, subject });
  return subject;
}

/**
 * Every candidate subject in the sentence: place (relative), length, kind and entity; for a
 * group phrase, also the members it stands for (they come from the whole release). Written
 * into `SIGNATURE`; returns its length.
 */
function signature(s: Sentence, inSentence: readonly Mention[], res: Resolution, index: SentenceIndex): number {
  const sig = SIGNATURE;
  let n = 0;
  for (const m of inSentence) {
    sig[n++] = m.offset - s.offset;
    sig[n++] = m.length;
    sig[n++] = m.kind;
    sig[n++] = m.entity;
    sig[n++] = res.byId.get(m.entity)?.kind;
  }
  for (const p of index.pronouns.in(s)) {
    sig[n++] = "p";
    sig[n++] = p.span.offset - s.offset;
    sig[n++] = p.span.length;
    sig[n++] = p.text;
    sig[n++] = p.pronoun;
  }
  for (const g of index.groups.in(s)) {
    sig[n++] = "g";
    sig[n++] = g.span.offset - s.offset;
    sig[n++] = g.span.length;
    sig[n++] = g.text;
    sig[n++] = g.count;
    sig[n++] = g.noun;
    sig[n++] = groupMembers(g, res)?.join(",") ?? "-";
  }
  for (const a of index.ambiguous.in(s)) {
    sig[n++] = "a";
    sig[n++] = a.offset - s.offset;
    sig[n++] = a.length;
    sig[n++] = a.candidates.join(",");
  }
  return n;
}

/**
 * The signature of the sentence being looked up, in its first `signature(…)` places: written
 * over at every sentence, and copied only into the entries the memo keeps (most sentences of
 * a keystroke find their entry, and allocate nothing).
 */
const SIGNATURE: (string | number | undefined)[] = [];

function sameSignature(kept: readonly (string | number | undefined)[], length: number): boolean {
  if (kept.length !== length) return false;
  for (let i = 0; i < length; i++) if (kept[i] !== SIGNATURE[i]) return false;
  return true;
}

/** A copy of `subject` with every offset moved by `delta`. */
function moveSubject(subject: Subject, delta: number): Subject {
  const moved: Subject = { ...subject, entities: [...subject.entities], span: { offset: subject.span.offset + delta, length: subject.span.length } };
  if (subject.verb) moved.verb = { ...subject.verb, span: { offset: subject.verb.span.offset + delta, length: subject.verb.span.length } };
  if (subject.pronounSpan) moved.pronounSpan = { offset: subject.pronounSpan.offset + delta, length: subject.pronounSpan.length };
  if (subject.candidates) moved.candidates = [...subject.candidates];
  if (subject.groupOf) moved.groupOf = { members: [...subject.groupOf.members], description: subject.groupOf.description };
  return moved;
}

/** What the resolver found besides mentions, each listed per sentence. */
interface SentenceIndex {
  readonly pronouns: SpanIndex<Resolution["pronouns"][number]>;
  readonly groups: SpanIndex<Resolution["groupPhrases"][number]>;
  readonly ambiguous: SpanIndex<Resolution["ambiguousDescriptions"][number]>;
}

function sentenceIndex(res: Resolution): SentenceIndex {
  return {
    pronouns: spanIndex(res.pronouns, (p) => p.span.offset),
    groups: spanIndex(res.groupPhrases, (g) => g.span.offset),
    ambiguous: spanIndex(res.ambiguousDescriptions, (d) => d.offset),
  };
}

/** Items sorted by offset, listed per sentence by binary search. */
interface SpanIndex<T> {
  in(s: Span): T[];
}

function spanIndex<T>(items: readonly T[], offsetOf: (t: T) => number): SpanIndex<T> {
  const sorted = [...items].sort((a, b) => offsetOf(a) - offsetOf(b));
  return {
    in(s) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (offsetOf(sorted[mid]) < s.offset) lo = mid + 1;
        else hi = mid;
      }
      const out: T[] = [];
      for (let i = lo; i < sorted.length && offsetOf(sorted[i]) < s.offset + s.length; i++) out.push(sorted[i]);
      return out;
    },
  };
}

function stmt(s: Sentence, speaker: string | null, cue: Cue | null, source: Statement["source"]): Statement {
  return { offset: s.offset, length: s.length, sentence: s.index, speaker, cue, source };
}

function cueOf(text: string, span: Span): Cue {
  return { offset: span.offset, length: span.length, text: text.slice(span.offset, span.offset + span.length) };
}

/** Replaces quoted passages by a mask character, keeping offsets. */
function maskQuotes(body: string): string {
  if (!/[“"«”]/.test(body)) return body;
  let out = "";
  let i = 0;
  // The end of a quotation opened in an earlier sentence: `… possible,” said Minister Anand.`
  const close = body.indexOf("”");
  const open = body.indexOf("“");
  const straight = body.split('"').length - 1;
  const firstStraight = body.indexOf('"');
  const closesEarlier =
    close >= 0 && (open < 0 || close < open) ? close : straight % 2 === 1 && /[,.!?]$/.test(body.slice(0, firstStraight)) ? firstStraight : -1;
  if (closesEarlier >= 0) {
    out = MASK.repeat(closesEarlier + 1);
    i = closesEarlier + 1;
  }
  // Copy unquoted stretches whole and mask quoted ones; a character-by-character copy made
  // long sentences with quotes the slowest part of attribution.
  let copied = i;
  while (i < body.length) {
    const close = QUOTE_PAIRS[body[i]];
    if (close) {
      const j = body.indexOf(close, i + 1);
      if (j > i) {
        out += body.slice(copied, i) + MASK.repeat(j - i + 1);
        i = j + 1;
        copied = i;
        continue;
      }
    }
    i++;
  }
  return out + body.slice(copied);
}

/**
 * Removes an honorific at the end of `tail` ("… said Mr ") as `LEXICON.honorificTail` does.
 * The end-anchored pattern is tried only when the last word could end an honorific: it
 * scans from every position, and this runs for every candidate subject.
 */
function stripHonorificTail(tail: string): string {
  let e = tail.length;
  while (e > 0 && isSpace(tail.charCodeAt(e - 1))) e--;
  if (e === tail.length) return tail; // the pattern needs trailing space
  let b = e;
  while (b > 0 && !isSpace(tail.charCodeAt(b - 1))) b--;
  const last = tail.charCodeAt(e - 1) === 46 ? tail.slice(b, e - 1) : tail.slice(b, e);
  if (!LEXICON.honorificLastWords.has(last) && !LEXICON.honorificLastWords.has(tail.slice(b, e))) return tail;
  return tail.replace(LEXICON.honorificTail, (m) => (/^\s/.test(m) ? " " : ""));
}

/** Words the clause-start patterns below can end with (before the subject). */
const CLAUSE_END_WORDS = new Set([
  "the",
  "The",
  "and",
  "but",
  "said",
  "added",
  "noted",
  "stressed",
  "stated",
  "continued",
  "concluded",
  "explained",
  "emphasized",
  "underscored",
]);

/**
 * False when none of CLAUSE_START_RE, CLAUSE_PREFIX_RE and INVERTED_CUE_RE can match the
 * 100 characters before `rel`, even after an honorific is stripped: the word right before
 * (a plain word between spaces) is neither one those patterns end with nor the end of an
 * honorific. Most mentions stand mid-sentence ("talks with Minister X"), and this spares
 * them the slice and the three end-anchored patterns; anything else goes to the patterns.
 */
function mayFollowClauseStart(masked: string, rel: number): boolean {
  const from = Math.max(0, rel - 100);
  let e = rel;
  while (e > from && isSpace(masked.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > from && isPlainWordChar(masked.charCodeAt(b - 1))) b--;
  if (b === e || b === from || !isSpace(masked.charCodeAt(b - 1))) return true;
  const word = masked.slice(b, e);
  return CLAUSE_END_WORDS.has(word) || LEXICON.honorificLastWords.has(word) || (word.endsWith(".") && LEXICON.honorificLastWords.has(word.slice(0, -1)));
}

/** [A-Za-z.'’]: what honorifics and the clause-end words are made of. */
function isPlainWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 39 || c === 0x2019;
}

const CLAUSE_START_RE = /^[^\p{L}\p{N}]*(?:[Tt]he\s+)?$/u;
const CLAUSE_PREFIX_RE = new RegExp(`(?:,\\s*(?:and\\s+|but\\s+)?|[${MASK}]\\s*)(?:[Tt]he\\s+)?$`);
/** `“…,” said Wang Yi.`: the cue between the quote and its speaker. */
const INVERTED_CUE_RE = new RegExp(`${MASK}\\s*,?\\s*(said|added|noted|stressed|stated|continued|concluded|explained|emphasized|underscored)\\s+$`);

function findSubject(text: string, s: Sentence, inSentence: readonly Mention[], res: Resolution, index: SentenceIndex): Subject | undefined {
  const body = text.slice(s.offset, s.offset + s.length);
  const masked = maskQuotes(body);

  // "It was noted that …", "Officials said …", "Observers believe …" (§5 vague-attribution).
  const vague = vagueAt(masked);
  if (vague) return vague(s.offset);

  // Subject candidates: mentions, pronouns, group phrases and ambiguous descriptions, in order.
  type Item = {
    offset: number;
    end: number;
    entity?: string;
    kind: Subject["kind"];
    candidates?: string[];
    pronoun?: string;
    group?: { count?: number; noun: string; text: string };
  };
  const items: Item[] = [];
  for (const m of inSentence) {
    const e = res.byId.get(m.entity);
    if (!e) continue;
    const kind: Subject["kind"] =
      e.kind === "person"
        ? "person"
        : e.kind === "organization"
          ? "organization"
          : e.kind === "group"
            ? "group"
            : m.kind === "description"
              ? "country"
              : "bare-country";
    items.push({ offset: m.offset, end: m.offset + m.length, entity: e.id, kind });
  }
  for (const p of index.pronouns.in(s))
    if (/^(?:he|she|they)$/i.test(p.text)) items.push({ offset: p.span.offset, end: p.span.offset + p.span.length, kind: "pronoun", pronoun: p.pronoun });
  for (const g of index.groups.in(s)) items.push({ offset: g.span.offset, end: g.span.offset + g.span.length, kind: "group", group: g });
  for (const a of index.ambiguous.in(s)) items.push({ offset: a.offset, end: a.offset + a.length, kind: "ambiguous", candidates: [...a.candidates] });
  items.sort((x, y) => x.offset - y.offset || y.end - x.end);
  // Drop items nested in a longer one ("Chinese" inside "the Chinese side").
  const flat: Item[] = [];
  for (const it of items) {
    const last = flat[flat.length - 1];
    if (last && it.offset < last.end) {
      if (last.kind === "bare-country" && it.kind === "group") flat[flat.length - 1] = it;
      continue;
    }
    flat.push(it);
  }

  // "According to X, …"
  // A plain search first: most sentences have no "according to", and the anchored pattern
  // costs more to fail.
  const acc = /according to/i.test(masked) ? /^(?:[^,]{0,80},\s*)?according to\s+/i.exec(masked) : null;
  if (acc) {
    const hon = /^(?:(?:Mr|Mrs|Ms|Dr|Madam|Madame|Sir|Dame|Lord|Lady|H\.E)\.?\s+)?/.exec(masked.slice(acc[0].length))![0];
    const at = s.offset + acc[0].length + hon.length;
    let first = flat.find((x) => x.offset === at);
    // "According to Nigeria's Ministry of Foreign Affairs, …": the body, not its country.
    if (first?.kind === "bare-country" && /^['’]s\s/.test(text.slice(first.end, first.end + 3)))
      first = flat.find((x) => x.offset > first!.end && x.offset <= first!.end + 4) ?? first;
    if (first && first.kind !== "bare-country") {
      return {
        entities: first.entity ? [first.entity] : [],
        kind: first.kind === "person" ? "according-to" : first.kind,
        span: { offset: first.offset, length: first.end - first.offset },
        verb: { span: { offset: s.offset + acc.index + acc[0].search(/according/i), length: 12 }, text: "according to", kind: "cue" },
        candidates: first.candidates,
      };
    }
  }

  for (let k = 0; k < flat.length; k++) {
    const it = flat[k];
    if (masked[it.offset - s.offset] === MASK) continue;
    // Only the end of the prefix matters (and whether it is all space or quotes): testing a
    // short tail keeps this linear on long sentences.
    const rel = it.offset - s.offset;
    if (!mayFollowClauseStart(masked, rel)) continue;
    const tail = stripHonorificTail(masked.slice(Math.max(0, rel - 100), rel));
    const inverted = INVERTED_CUE_RE.exec(tail);
    const atStart = rel <= 100 && CLAUSE_START_RE.test(tail);
    if (!atStart && !CLAUSE_PREFIX_RE.test(tail) && !inverted) continue;
    // Build the chain: "Secretary Blinken and Secretary Mayorkas", "Xi Jinping, President of …,".
    const chain: Item[] = [it];
    let end = it.end;
    for (let q = k + 1; q < flat.length; q++) {
      const n = flat[q];
      const gap = text.slice(end, n.offset);
      const last = chain[chain.length - 1];
      const sameEntity = n.entity && n.entity === last.entity;
      if (/^\s*(?:(?:Mr|Mrs|Ms|Dr|Madam|Madame|Sir|Dame|H\.E)\.?\s+)?$/.test(gap) && (sameEntity || last.kind === n.kind)) {
        chain.push(n);
        end = n.end;
      } else if (/^\s*(?:\([^)]{1,12}\))?\s*,\s*$/.test(gap) && sameEntity) {
        chain.push(n);
        end = n.end;
      } else if (
        /^\s*,?\s*and\s+(?:the\s+|(?:Mr|Mrs|Ms|Dr|Madam|Madame|Sir|Dame|H\.E)\.?\s+)?$/.test(gap) &&
        (n.kind !== "bare-country") === (last.kind !== "bare-country")
      ) {
        chain.push(n);
        end = n.end;
      } else break;
    }
    // A trailing appositive title: "Xi Jinping, President of …, paid".
    const rest = masked.slice(end - s.offset);
    let verb: Subject["verb"];
    if (inverted) {
      const v = inverted[1];
      const at = s.offset + Math.max(0, rel - 100) + tail.lastIndexOf(v);
      verb = { span: { offset: at, length: v.length }, text: v, kind: "cue" };
    } else {
      // The verb right after the subject, or after an appositive: "X, Secretary-General of …, said".
      verb = verbAt(rest, end, VERB_DIRECT_RE) ?? verbAt(rest, end, VERB_RE);
      if (!verb) continue;
    }
    const entities = [...new Set(chain.map((c) => c.entity).filter((x): x is string => !!x))];
    const span = { offset: it.offset, length: end - it.offset };
    const kinds = new Set(chain.map((c) => c.kind));
    if (kinds.has("ambiguous")) return { entities, kind: "ambiguous", span, verb, candidates: chain.find((c) => c.candidates)!.candidates };
    if (kinds.has("pronoun"))
      return { entities: [], kind: "pronoun", span, verb, pronoun: it.pronoun, pronounSpan: { offset: it.offset, length: it.end - it.offset } };
    if (kinds.has("group")) {
      // One or two group phrases ("the two sides"), or "the Secretary and the Foreign Minister".
      const g = chain.find((c) => c.group)!.group!;
      const members = groupMembers(g, res);
      if (!members) continue;
      const id = res.addGroup(members, g.text, span);
      return { entities: [id], kind: "group", span, verb, groupOf: { members, description: g.text } };
    }
    const first = chain[0].kind;
    if (entities.length > 1) {
      const persons = entities.filter((e) => res.byId.get(e)?.kind === "person");
      if (persons.length === entities.length) return { entities, kind: "person", span, verb };
      const countries = entities.filter((e) => res.byId.get(e)?.kind === "country");
      if (countries.length === entities.length) return { entities, kind: first === "bare-country" ? "bare-country" : "country", span, verb };
      return { entities: [entities[0]], kind: first, span, verb };
    }
    return { entities, kind: first, span, verb };
  }
  return undefined;
}

const VAGUE_ADJECTIVES = new Set([
  "diplomatic",
  "western",
  "informed",
  "local",
  "foreign",
  "senior",
  "other",
  "several",
  "some",
  "many",
  "unnamed",
  "anonymous",
  "political",
  "industry",
  "regional",
  "international",
  "independent",
]);
const VAGUE_FIRST_WORDS = (w: string) => LEXICON.vaguePassive.startsWith(w) || LEXICON.vagueSubjects.startsWith(w) || VAGUE_ADJECTIVES.has(w);

/** The first word of `s` from `at`, as `s.slice(at).split(/[\s,]+/)[0]` gives it. */
function firstWord(s: string, at: number): string {
  let e = at;
  while (e < s.length && s.charCodeAt(e) !== 44 && !isSpace(s.charCodeAt(e))) e++;
  return s.slice(at, e);
}

function vagueAt(masked: string): ((base: number) => Subject) | undefined {
  // Vague openings are within the first words: lower-case only those, and only when needed.
  let lowered: string | undefined;
  const lower = () => (lowered ??= masked.slice(0, 300).toLowerCase());
  // Look at the sentence start, or right after an introductory phrase ending with a comma.
  const starts = [0];
  // Plain searches first (the patterns below match only with a comma in the first 81
  // characters, or with "according to"): most sentences have neither.
  const firstComma = masked.indexOf(",");
  const comma = firstComma >= 0 && firstComma <= 80 ? /^[^,]{0,80},\s*/.exec(masked) : null;
  if (comma) starts.push(comma[0].length);
  // "According to diplomats, …" names no one either.
  const acc = /according to/i.test(masked) && lower().includes("according to") ? /^(?:[^,]{0,80},\s*)?according to\s+/.exec(lower()) : null;
  if (acc) starts.push(acc[0].length);
  for (const at of starts) {
    // Every vague opening starts with a word of the two tables or an adjective before one.
    if (!VAGUE_FIRST_WORDS(firstWord(masked, at).toLowerCase())) continue;
    const head = lower().slice(at);
    const words = head.split(/[\s,]+/, 12);
    const passive = LEXICON.vaguePassive.match(words, 0);
    if (passive) {
      const len = words.slice(0, passive.length).join(" ").length;
      return (base) => ({ entities: [], kind: "vague", span: { offset: base + at, length: len }, verb: undefined });
    }
    const subj =
      LEXICON.vagueSubjects.match(words, 0) ??
      (VAGUE_ADJECTIVES.has(words[0] ?? "") ? ((m) => m && { ...m, length: m.length + 1 })(LEXICON.vagueSubjects.match(words, 1)) : undefined);
    if (subj && acc && at === acc[0].length) {
      const len = words.slice(0, subj.length).join(" ").length;
      return (base) => ({ entities: [], kind: "vague", span: { offset: base + at, length: len } });
    }
    if (subj) {
      // "Sources at the Foreign Ministry said", "Officials in Beijing believe".
      const after = words.slice(subj.length);
      let verb: { value: VerbKind } | undefined;
      let inPhrase = false;
      for (let q = 0; q < Math.min(after.length, 7) && !verb; q++) {
        const m = LEXICON.verbs.match(after, q);
        if (m && m.value === "cue") verb = m;
        else if (m) break;
        else if (/^(?:at|in|of|from|with|within|inside|close|familiar|on|for|to)$/.test(after[q])) inPhrase = true;
        else if (!inPhrase && !/^(?:have|had|has|also|reportedly)$/.test(after[q])) break;
      }
      if (verb && verb.value === "cue") {
        const len = words.slice(0, subj.length).join(" ").length;
        return (base) => ({ entities: [], kind: "vague", span: { offset: base + at, length: len } });
      }
    }
  }
  return undefined;
}

const PERSON_HEADS: Record<string, RegExp> = {
  ministers: /minister|secretary/,
  "foreign ministers": /minister|secretary/,
  secretaries: /secretary/,
  "foreign secretaries": /secretary/,
  presidents: /president/,
  leaders: /president|premier|prime minister|chancellor|king|emir|sultan|leader|chairman/,
  "heads of state": /president|king|emir|sultan|queen|chairman/,
  "heads of government": /premier|prime minister|chancellor/,
  premiers: /premier|prime minister/,
  "prime ministers": /prime minister|premier/,
  chancellors: /chancellor/,
};

const groupCache = new WeakMap<Resolution, Map<string, string[] | undefined>>();

/** Members of a group phrase; the same phrase means the same people throughout a release. */
function groupMembers(g: { count?: number; noun: string }, res: Resolution): string[] | undefined {
  let cache = groupCache.get(res);
  if (!cache) groupCache.set(res, (cache = new Map()));
  const key = `${g.noun}|${g.count ?? ""}`;
  if (!cache.has(key)) cache.set(key, computeGroupMembers(g, res));
  return cache.get(key);
}

function computeGroupMembers(g: { count?: number; noun: string }, res: Resolution): string[] | undefined {
  // Guidelines §2: the states of a joint statement between governments; otherwise the people
  // who met or spoke, narrowed to those who hold the office the phrase names.
  const STATE_NOUNS = new Set(["sides", "parties", "countries", "nations", "states", "governments", "delegations", "leaderships"]);
  const participants = res.participants;
  let members: string[];
  if (res.jointCountries && STATE_NOUNS.has(g.noun) && (!g.count || res.jointCountries.length >= g.count)) members = res.jointCountries;
  else {
    const re = PERSON_HEADS[g.noun];
    const pool = [...new Set([...participants, ...res.people()])];
    // "The heads of government" are not their deputies; "the ministers" are not the prime minister.
    const holds = (p: string) =>
      (res.byId.get(p)?.offices ?? []).some(
        (o) => re!.test(o.head) && !/\b(?:deputy|vice)\b/.test(o.head) && !(g.noun.includes("minister") && /prime/.test(o.head) && !/prime/.test(g.noun)),
      );
    const filtered = re ? pool.filter(holds) : participants;
    const enough = g.count ? filtered.length >= g.count : filtered.length >= 2;
    members = enough ? filtered : participants;
  }
  if (g.count && members.length > g.count) members = members.slice(0, g.count);
  return members.length >= 2 ? members : undefined;
}

function resolveSubject(
  subject: Subject | undefined,
  res: Resolution,
  history: readonly { people: string[]; block: number }[],
  lastGroup: { id: string; block: number } | undefined,
  paragraph: number,
  pronounMentions: Mention[],
  usedGroups: Set<string>,
): { speaker?: string; people: string[]; ambiguous?: string[] } {
  if (!subject) return { people: [] };
  switch (subject.kind) {
    case "pronoun": {
      const want = subject.pronoun === "she" ? "female" : subject.pronoun === "he" ? "male" : undefined;
      if (subject.pronoun === "they") {
        // "They agreed …" after a group subject: the same group.
        if (lastGroup && paragraph - lastGroup.block <= 1) return { speaker: lastGroup.id, people: [] };
        const last = history[history.length - 1];
        const g = last && subject.entities.length === 0 && last.people.length > 1 ? last : undefined;
        if (!g || paragraph - g.block > 1) return { people: [] };
        const id = res.addGroup(g.people, "they", subject.span);
        usedGroups.add(id);
        return { speaker: id, people: g.people };
      }
      // The most recent subject with a person of that gender, in this or the previous paragraph.
      let fits: string[] = [];
      for (let h = history.length - 1; h >= 0 && fits.length === 0; h--) {
        if (paragraph - history[h].block > 1) break;
        fits = history[h].people.filter((id) => {
          const g = (res.byId.get(id) as EntityDraft | undefined)?.gender;
          return !g || g === want;
        });
      }
      if (fits.length === 1) {
        const p = res.byId.get(fits[0]) as EntityDraft;
        if (!p.gender && want) p.gender = want as "male" | "female";
        const at = subject.pronounSpan ?? subject.span;
        pronounMentions.push({ entity: p.id, kind: "pronoun", offset: at.offset, length: at.length, text: res.text.slice(at.offset, at.offset + at.length) });
        return { speaker: p.id, people: [p.id] };
      }
      if (fits.length > 1) return { people: [], ambiguous: fits };
      return { people: [] };
    }
    case "ambiguous":
      return { people: [], ambiguous: subject.candidates };
    case "group": {
      usedGroups.add(subject.entities[0]);
      const g = res.byId.get(subject.entities[0]);
      const people = (g?.members ?? []).filter((m) => res.byId.get(m)?.kind === "person");
      return { speaker: subject.entities[0], people };
    }
    case "person":
    case "according-to": {
      if (subject.entities.length === 1) return { speaker: subject.entities[0], people: subject.entities };
      const id = res.addGroup(subject.entities, subject.entities.map((e) => res.byId.get(e)!.name).join(" and "), subject.span);
      usedGroups.add(id);
      return { speaker: id, people: subject.entities };
    }
    case "country":
    case "bare-country":
    case "organization": {
      if (subject.entities.length === 1) return { speaker: subject.entities[0], people: [] };
      const id = res.addGroup(subject.entities, subject.entities.map((e) => res.byId.get(e)!.name).join(" and "), subject.span);
      usedGroups.add(id);
      return { speaker: id, people: [] };
    }
    default:
      return { people: [] };
  }
}

const NARRATIVE_RE =
  /\b(?:(?:is|are|was|were|will be|has been|have been) (?:coordinated|signed|adopted|imposed|finali[sz]ed|announced|published|held|launched|awarded|issued|released|delivered|established|opened|organi[sz]ed|attended|hosted|implemented|completed|approved|scheduled|convened|sent|provided|allocated|disbursed)|as follows|first visit|official visit to|state visit to|since taking office|is scheduled to|will be held|overview of the|met|meets|visited|visits|arrived|arrives|attended|attends|hosted|hosts|held talks|paid|pays|signed|signs|chaired|chairs|travel(?:led|ed|s)?|toured|will (?:travel|visit|meet|attend|lead|pay|hold|host|open|launch|sign|be asked)|took place|takes place|was held|were held|is scheduled|was scheduled|began|concluded|laid a wreath|accompanied)\b/;
const EVALUATIVE_RE =
  /\b(?:should|must|cannot|can't|can not|need(?:s)? to|ought to|have to|has to|is|are|was|were|has been|have been|had been|been|be|remains?|seems?|shows?|showed|demonstrates?|proves?|marks?|represents?|serves?|constitutes?|underlines?|means|will (?:be|help|bring|open|continue|remain|boost|strengthen|benefit)|important|significant|crucial|vital|essential|historic|unprecedented|excellent|fruitful|successful|overdue|strained|critical|urgent|necessary|indispensable|deplorable|regrettable|unacceptable|positive signal|negative signal|has become|have become|a model of|deserves?|sends? a (?:strong |clear |positive )?(?:signal|message))\b/;

function isEvaluative(body: string): boolean {
  return EVALUATIVE_RE.test(body);
}

function isNarrative(body: string): boolean {
  return (
    NARRATIVE_RE.test(body) ||
    (/^(?:On|During|Earlier|Later|At the invitation|Prior to|Following|Before|After)\b[^,]*,/.test(body) && !/\b(?:should|must)\b/.test(body))
  );
}
