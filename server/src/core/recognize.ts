// Stage 2 — recognize: finds, in one block of text, the candidates for people (from the
// text's own structure: titles, honorifics, apposition, "met with", subjects of reporting
// verbs), their titles, organizations, countries, definite descriptions ("the Foreign
// Secretary"), group descriptions ("the two sides") and pronouns. Offsets are relative to
// the block, so the result can be cached per block text and reused across edits.

import { LEXICON, type CountryInfo, type KnownOrganization } from "./lexicon";
import { CONNECTORS, isAsciiUpper, isInitial, isSpace, NAME_PARTICLES, normWord, tokenize, type Token } from "./tokens";

export type Evidence = "title" | "honorific" | "apposition" | "subject" | "object" | "headline";

export interface TitleCandidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The office's head noun, lower case ("minister", "prime minister"). */
  readonly head: string;
  readonly country?: string;
}

export interface NameCandidate {
  readonly start: number;
  readonly end: number;
  /** Name tokens as written, without a possessive. */
  readonly tokens: readonly string[];
  /** The tokens normalized (`normWord`), and without initials: what the resolver compares. */
  readonly all: readonly string[];
  readonly core: readonly string[];
  /** The tokens joined: one key per way of writing the name. */
  readonly key: string;
  readonly evidence: readonly Evidence[];
  readonly titles: readonly TitleCandidate[];
  readonly gender?: "male" | "female";
  /** Honorific before the name ("Mr", "Secretary" is a title, not an honorific). */
  readonly honorific?: { start: number; end: number };
}

export interface OrgCandidate {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly acronym?: string;
  /** Span of a parenthesized acronym right after the name: "(ASEAN)". */
  readonly acronymSpan?: { start: number; end: number };
  readonly known?: KnownOrganization;
  /** True when the span is itself an acronym ("BRICS"). */
  readonly isAcronym: boolean;
}

export interface CountryCandidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly country: string;
  readonly demonym: boolean;
}

export interface DescriptionCandidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Head noun, lower case: "secretary", "minister", "foreign minister" → "minister". */
  readonly head: string;
  /** Other lower-cased words of the office that a holder's title must contain ("foreign"). */
  readonly modifiers: readonly string[];
  readonly country?: string;
}

export interface SideCandidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly country: string;
}

export interface GroupCandidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly count?: number;
  readonly noun: string;
}

export interface PronounCandidate {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly pronoun: "he" | "she" | "they" | "his" | "her" | "him" | "their" | "them";
}

export interface BlockRecognition {
  readonly names: readonly NameCandidate[];
  readonly orgs: readonly OrgCandidate[];
  readonly countries: readonly CountryCandidate[];
  readonly descriptions: readonly DescriptionCandidate[];
  readonly sides: readonly SideCandidate[];
  readonly groups: readonly GroupCandidate[];
  readonly pronouns: readonly PronounCandidate[];
}

type UnitKind =
  | "org" // a known organization (lexicon)
  | "country"
  | "demonym"
  | "head" // title head ("President", "Foreign Minister")
  | "mod" // title modifier ("Vice", "Deputy")
  | "ohead" // organization head word ("Committee")
  | "inst" // institutional word ("Affairs", "Security")
  | "hon" // honorific ("Mr", "H.E.")
  | "conn" // connector inside a run ("of", "the", "and", "da")
  | "acr" // acronym
  | "init" // an initial ("J.")
  | "name" // any other capitalized word
  | "stop" // capitalized, never part of a name ("Meeting", "Palace")
  | "num"
  | "lower" // lower-case word or sentence-initial function word
  | "brk"; // breaks runs (headline verbs "Meets", "With")

interface Unit {
  kind: UnitKind;
  /** Token index range [i, j). */
  i: number;
  j: number;
  start: number;
  end: number;
  country?: CountryInfo;
  org?: KnownOrganization;
  head?: string;
  /** Run number, or -1 when the unit is outside every run. */
  run: number;
  person?: boolean;
}

const RUN_MATERIAL = new Set<UnitKind>(["org", "country", "demonym", "head", "mod", "ohead", "inst", "hon", "acr", "init", "name", "stop", "num"]);
const EVENT_WORDS = new Set([
  "Meeting",
  "Summit",
  "Session",
  "Plenary",
  "Conference",
  "Round",
  "Dialogue",
  "Visit",
  "Talks",
  "Anniversary",
  "Forum",
  "Congress",
  "Consultation",
  "Consultations",
]);
const OBJECT_CUES = new Set([
  "with",
  "met",
  "meets",
  "received",
  "receives",
  "hosted",
  "hosts",
  "thanked",
  "told",
  "asked",
  "invited",
  "congratulated",
  "called",
  "phoned",
  "visited",
  "welcomed",
  "accompanied",
  "by",
  "from",
  "and",
  "briefed",
  "urged",
  "greeted",
]);
const FEMALE_HONORIFICS = new Set(["Ms", "Mrs", "Madam", "Madame", "Miss", "Dame", "Lady", "Her Excellency", "Sheikha"]);
const MALE_HONORIFICS = new Set(["Mr", "Sir", "His Excellency", "Monsieur", "Sheikh", "Lord"]);
const NUMBER_WORDS = new Map<string, number>([
  ["two", 2],
  ["three", 3],
  ["four", 4],
  ["five", 5],
  ["six", 6],
  ["seven", 7],
  ["eight", 8],
  ["nine", 9],
  ["ten", 10],
  ["both", 2],
]);

/** Recognizes candidates in one block. `sentenceStarts` are block-relative offsets. */
export function recognizeBlock(text: string, sentenceStarts: readonly number[], headline: boolean): BlockRecognition {
  const tokens = tokenize(text, sentenceStarts);
  const units = classify(text, tokens, headline);
  const runs = buildRuns(text, tokens, units);
  const countries = findCountries(text, tokens, units);
  const names = findNames(text, tokens, units, runs, headline);
  const orgs = findOrganizations(text, tokens, units, runs);
  const descriptions = findDescriptions(text, tokens, units, runs);
  const { sides, groups, pronouns } = findPhrases(text, tokens, units);
  // The tokens and units are not returned: the cache keeps only the candidates, so the
  // per-word objects die young (cheap for the garbage collector).
  return { names, orgs, countries, descriptions, sides, groups, pronouns };
}

function classify(text: string, tokens: readonly Token[], headline: boolean): Unit[] {
  const keys = tokens.map((t) => t.key);
  const limitOf = phraseLimiter(text, tokens);
  const units: Unit[] = [];
  // Every unit has every field, in one order: one hidden class, so that the many loops over
  // units stay monomorphic.
  const unit = (kind: UnitKind, i: number, j: number, country?: CountryInfo, org?: KnownOrganization, head?: string): Unit => ({
    kind,
    i,
    j,
    start: tokens[i].start,
    end: tokens[j - 1].end,
    country,
    org,
    head,
    run: -1,
    person: undefined,
  });
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i];
    if ((t.cap || t.allCaps) && PHRASE_STARTS.has(t.key)) {
      // Phrase lookups never cross a gap that holds punctuation. The longest of the three
      // lookups wins; on a tie, the first of organization, country, office.
      const limit = limitOf(i);
      const org = LEXICON.organizations.match(keys, i, limit);
      const country = LEXICON.countries.match(keys, i, limit);
      const head = LEXICON.titleHeads.match(keys, i, limit);
      let length = org ? org.length : 0;
      if (country && country.length > length) length = country.length;
      if (head && head.length > length) length = head.length;
      const kind = length === 0 ? undefined : org && org.length === length ? "org" : country && country.length === length ? "country" : "head";
      if (kind && !(t.sentenceInitial && length === 1 && kind !== "country" && LEXICON.sentenceStarters.has(t.lower) && !t.allCaps)) {
        const j = i + length;
        if (kind === "org") units.push(unit("org", i, j, undefined, org!.value));
        else if (kind === "country") {
          const info = country!.value;
          if (!isPlaceName(tokens, j)) units.push(unit(info.demonym ? "demonym" : "country", i, j, info));
          else units.push(unit("stop", i, j));
        } else units.push(unit("head", i, j, undefined, undefined, head!.value.toLowerCase()));
        i = j;
        continue;
      }
      const hon = LEXICON.honorifics.match(keys, i, limit);
      if (hon && !(hon.length === 1 && t.allCaps && t.text.length > 2 && !t.text.includes("."))) {
        units.push(unit("hon", i, i + hon.length));
        i += hon.length;
        continue;
      }
    }
    // "General Secretary To Lam": a capitalized "To"/"Do"/"On" between an office and a name is a name.
    let kind = singleKind(t, headline, tokens[i + 1]);
    if (
      kind === "conn" &&
      !headline &&
      !t.sentenceInitial &&
      CAPITAL_CONNECTOR_NAMES.has(t.text) &&
      units[units.length - 1]?.kind === "head" &&
      tokens[i + 1]?.cap
    ) {
      kind = "name";
    }
    units.push(unit(kind, i, i + 1));
    i++;
  }
  return units;
}

const CAPITAL_CONNECTOR_NAMES = new Set(["To", "On", "In", "Do"]);
/** Words that begin an organization, a country, an office or an honorific: one lookup tells most names apart. */
const PHRASE_STARTS = new Set([
  ...LEXICON.organizations.firstWords(),
  ...LEXICON.countries.firstWords(),
  ...LEXICON.titleHeads.firstWords(),
  ...LEXICON.honorifics.firstWords(),
]);

/** "Mexico City", "South China Sea": a country word that names a place. */
function isPlaceName(tokens: readonly Token[], j: number): boolean {
  const next = tokens[j]?.text;
  return /^(?:City|Sea|Seas|Ocean|Strait|Straits|Peninsula|dollar|dollars|cents)$/.test(next ?? "");
}

/**
 * Where a phrase starting at a token must end (exclusive): twelve tokens at most, and never
 * across a gap other than spaces (after an optional possessive and full stop) or a hyphen.
 * Asked with increasing indexes, it rescans nothing: the end of the current stretch of
 * joined tokens is kept until the index passes it.
 */
function phraseLimiter(text: string, tokens: readonly Token[]): (i: number) => number {
  let breakAt = 0; // first index j with no join between j - 1 and j, for the stretch holding i
  return (i) => {
    if (breakAt <= i) {
      breakAt = i + 1;
      while (breakAt < tokens.length && joinsPhrase(text, tokens[breakAt - 1].end, tokens[breakAt].start)) breakAt++;
    }
    return Math.min(breakAt, i + 12);
  };
}

/** `/^(?:['’]s)?\.?\s+$/.test(gap) || gap === "-"` for gap = text[from, to), without the slice. */
function joinsPhrase(text: string, from: number, to: number): boolean {
  if (to - from === 1 && text.charCodeAt(from) === 45) return true;
  let k = from;
  const c = text.charCodeAt(k);
  if ((c === 39 || c === 0x2019) && text.charCodeAt(k + 1) === 115 && k + 2 < to) k += 2;
  if (k < to && text.charCodeAt(k) === 46) k++;
  if (k >= to) return false;
  for (; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

const CAPITAL_CONNECTORS = new Set(["Of", "The", "For", "And", "On", "Against", "In", "To"]);
const REGNAL_NUMBERS = new Set(["II", "III", "IV", "VI", "VII", "VIII"]);
/** `/^\d/`: an ASCII digit first. */
const startsWithDigit = (s: string) => s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57;
/** `/\d/`: an ASCII digit anywhere. */
function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) return true;
  return false;
}

/** Name particles and connectors, in one set: a lower-case word is looked up once. */
const LOWER_CONNECTORS = new Set([...NAME_PARTICLES, ...CONNECTORS]);
const IS_BREAKER = 1;
const IS_CAPITAL_CONNECTOR = 2;
const IS_MODIFIER = 4;
const IS_ORG_HEAD = 8;
const IS_INSTITUTIONAL = 16;
const IS_STOP = 32;
/** Which of the word lists `singleKind` consults hold each word (bit flags above). */
const KEY_FLAGS = ((): Map<string, number> => {
  const flags = new Map<string, number>();
  const mark = (words: Iterable<string>, flag: number) => {
    for (const w of words) flags.set(w, (flags.get(w) ?? 0) | flag);
  };
  mark(LEXICON.headlineBreakers, IS_BREAKER);
  mark(CAPITAL_CONNECTORS, IS_CAPITAL_CONNECTOR);
  mark(LEXICON.titleModifiers, IS_MODIFIER);
  mark(LEXICON.orgHeads, IS_ORG_HEAD);
  mark(LEXICON.institutional, IS_INSTITUTIONAL);
  mark(LEXICON.nonNames, IS_STOP);
  mark(EVENT_WORDS, IS_STOP);
  return flags;
})();

function singleKind(t: Token, headline: boolean, next?: Token): UnitKind {
  const key = t.key;
  if (!t.cap) {
    if (startsWithDigit(key)) return "num";
    if (LOWER_CONNECTORS.has(t.lower)) return "conn";
    return "lower";
  }
  // One lookup for the word lists a capitalized word may be in.
  const f = KEY_FLAGS.get(key) ?? 0;
  // A sentence-initial function word is lower case at heart — except "He Lifeng" (a surname)
  // and "First Vice Foreign Minister …" (an office).
  const nameAfter =
    (key === "He" || key === "She") &&
    next?.cap &&
    next.start === t.end + 1 &&
    !LEXICON.sentenceStarters.has(next.lower) &&
    !LEXICON.headlineBreakers.has(next.key);
  const officeAfter = (f & IS_MODIFIER) !== 0 && next?.cap && next.start === t.end + 1;
  if (t.sentenceInitial && LEXICON.sentenceStarters.has(t.lower) && !nameAfter && !officeAfter) return "lower";
  if ((headline || t.sentenceInitial) && f & IS_BREAKER) return "brk";
  if (f & IS_CAPITAL_CONNECTOR) return headline ? "brk" : "conn";
  if (startsWithDigit(key) && !t.allCaps) return "num";
  if (key.length === 1 && t.dot) return "init";
  if (f & IS_MODIFIER) return "mod";
  if (f & IS_ORG_HEAD) return "ohead";
  if (f & IS_INSTITUTIONAL) return "inst";
  if (f & IS_STOP) return "stop";
  if (t.allCaps && REGNAL_NUMBERS.has(key)) return "name"; // "Abdullah II"
  if (t.allCaps) return "acr";
  if (hasDigit(key)) return "stop";
  if (t.hyphen) {
    // Hyphenated compounds of countries ("China-Russia") are adjectives, not names.
    const parts = key.split("-");
    if (parts.some((p) => LEXICON.countries.match([p], 0))) return "stop";
  }
  return "name";
}

const GAP_OTHER = 0;
/** `/^\s+$/` */
const GAP_SPACES = 1;
/** `"-"` */
const GAP_HYPHEN = 2;
/** `/^\.\s+$/` */
const GAP_DOT = 3;
/** `/^['’]\s+$/` */
const GAP_APOSTROPHE = 4;

/** Which of the gaps above text[from, to) is, without slicing it. */
function gapKind(text: string, from: number, to: number): number {
  if (to <= from) return GAP_OTHER;
  const c = text.charCodeAt(from);
  if (to - from === 1 && c === 45) return GAP_HYPHEN;
  let kind = GAP_SPACES;
  let k = from;
  if (c === 46) kind = GAP_DOT;
  else if (c === 39 || c === 0x2019) kind = GAP_APOSTROPHE;
  if (kind !== GAP_SPACES && ++k >= to) return GAP_OTHER;
  for (; k < to; k++) if (!isSpace(text.charCodeAt(k))) return GAP_OTHER;
  return kind;
}

interface Run {
  /** Unit index range [a, b). */
  a: number;
  b: number;
}

/** Groups units into runs of capitalized material separated by nothing but spaces. */
function buildRuns(text: string, tokens: readonly Token[], units: Unit[]): Run[] {
  const runs: Run[] = [];
  let a = -1;
  const close = (b: number) => {
    // Trailing connectors are not part of a run.
    while (b > a && units[b - 1].kind === "conn") b--;
    if (b > a) {
      runs.push({ a, b });
      for (let k = a; k < b; k++) units[k].run = runs.length - 1;
    }
    a = -1;
  };
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (a >= 0) {
      const prev = units[k - 1];
      const gap = gapKind(text, prev.end, u.start);
      const prevToken = tokens[prev.j - 1];
      const joinable =
        gap === GAP_SPACES ||
        gap === GAP_HYPHEN ||
        (gap === GAP_DOT && (prev.kind === "init" || prev.kind === "hon" || prevToken.text.includes("."))) ||
        (gap === GAP_APOSTROPHE && prev.kind === "hon"); // "Dato' Seri"
      // A plural possessive inside a body's name ("Kurdistan Workers’ Party") does not end the run.
      const pluralPossessiveInName =
        prevToken.possessive &&
        /s$/.test(prevToken.text) &&
        !/['’]s$/.test(text.slice(prevToken.start, prevToken.end + 2)) &&
        (u.kind === "ohead" || u.kind === "inst");
      if (!joinable || (prevToken.possessive && !pluralPossessiveInName)) close(k);
    }
    if (u.kind === "brk" || u.kind === "lower") {
      if (a >= 0) close(k);
      continue;
    }
    if (u.kind === "conn") {
      // A connector only joins capitalized material on both sides.
      const next = units[k + 1];
      if (a < 0 || !next || (!RUN_MATERIAL.has(next.kind) && next.kind !== "conn")) {
        if (a >= 0) close(k);
        continue;
      }
      const word = tokens[u.i].lower;
      if (word === "to" || word === "in" || word === "on") {
        // "Ambassador to the United Nations", "Mission in Kosovo"; never "Fajon to Dublin".
        const prev = units[k - 1];
        const officeBefore = prev.kind === "head" || prev.kind === "ohead" || prev.kind === "inst" || prev.kind === "country";
        const bodyAfter = next.kind === "country" || next.kind === "demonym" || next.kind === "org" || (next.kind === "conn" && tokens[next.i].lower === "the");
        if (!officeBefore || !bodyAfter) {
          close(k);
          continue;
        }
      }
      if (word === "and") {
        const prev = units[k - 1];
        if (next.kind === "conn") {
          close(k);
          continue;
        }
        // "and" joins two offices or two bodies, never two people; inside "Secretary of
        // Security and Citizen Protection" it joins two words of one office.
        const insideOffice =
          next.kind === "name" &&
          (prev.kind === "inst" || prev.kind === "ohead") &&
          units.slice(a, k).some((x) => x.kind === "head") &&
          units.slice(a, k).some((x) => x.kind === "conn" && /^(?:of|for)$/i.test(tokens[x.i].key));
        if (!insideOffice && (prev.kind === "name" || next.kind === "name" || prev.kind === "init")) {
          close(k);
          continue;
        }
      }
      continue;
    }
    if (a < 0) a = k;
  }
  if (a >= 0) close(units.length);
  return runs;
}

function findCountries(text: string, tokens: readonly Token[], units: readonly Unit[]): CountryCandidate[] {
  const out: CountryCandidate[] = [];
  for (const u of units) {
    if ((u.kind === "country" || u.kind === "demonym") && u.country) {
      // "U.S." keeps its final dot.
      const end = text[u.end] === "." && text.slice(u.start, u.end).includes(".") ? u.end + 1 : u.end;
      out.push({ start: u.start, end, text: text.slice(u.start, end), country: u.country.name, demonym: u.kind === "demonym" });
    } else if (u.kind === "org" && u.j - u.i > 1) {
      // A known body that begins with its country: "Chinese Communist Party".
      const m = LEXICON.countries.match([tokens[u.i].key], 0);
      if (m) out.push({ start: tokens[u.i].start, end: tokens[u.i].end, text: tokens[u.i].text, country: m.value.name, demonym: m.value.demonym });
    } else if (u.j - u.i === 1 && tokens[u.i].hyphen) {
      // "China-Russia", "one-China", "Korea-Japan-China".
      const t = tokens[u.i];
      let offset = t.start;
      for (const part of t.text.split("-")) {
        const m = part && /^\p{Lu}/u.test(part) ? LEXICON.countries.match([part.replace(/[’]/g, "'")], 0) : undefined;
        if (m) out.push({ start: offset, end: offset + part.length, text: part, country: m.value.name, demonym: m.value.demonym });
        offset += part.length + 1;
      }
    }
  }
  return out;
}

function isNameUnit(u: Unit | undefined): boolean {
  return !!u && (u.kind === "name" || u.kind === "init");
}

function findNames(text: string, tokens: readonly Token[], units: Unit[], runs: readonly Run[], headline: boolean): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (let r = 0; r < runs.length; r++) {
    const { a, b } = runs[r];
    // Surnames in capitals ("Ms. KAMIKAWA Yoko", "Mr. IWAYA Takeshi") are names, not acronyms.
    for (let q = a; q < b; q++) {
      const u = units[q];
      if (u.kind !== "acr" || !/^\p{Lu}{3,}$/u.test(tokens[u.i].text)) continue;
      const prev = units[q - 1];
      const next = units[q + 1];
      if (q + 1 < b && next.kind === "name" && (q === a || prev.kind === "hon" || prev.kind === "head")) u.kind = "name";
    }
    let k = a;
    let segmentStart = a;
    while (k < b) {
      const initialFirst = units[k].kind === "init" && units[k + 1]?.kind === "name" && k + 1 < b;
      if (units[k].kind !== "name" && !initialFirst) {
        k++;
        continue;
      }
      // A name: name units, initials and particles, starting and ending with a name.
      let e = k + 1;
      while (e < b) {
        const u = units[e];
        if (isNameUnit(u)) e++;
        else if (u.kind === "conn" && NAME_PARTICLES.has(tokens[u.i].lower)) {
          // "da Silva", "von der Leyen": particles, then a name.
          let q = e;
          while (q < b && units[q].kind === "conn" && NAME_PARTICLES.has(tokens[units[q].i].lower)) q++;
          if (q < b && units[q].kind === "name" && q - e <= 3) e = q + 1;
          else break;
        } else break;
      }
      while (e > k + 1 && units[e - 1].kind !== "name") e--;
      if (e - k > 9) {
        k = e;
        continue;
      }
      // Leading particles after an office or honorific: "Secretary de la Fuente".
      while (k - 1 > segmentStart && units[k - 1].kind === "conn" && NAME_PARTICLES.has(tokens[units[k - 1].i].lower) && k - 1 >= a) {
        let q = k - 1;
        while (q - 1 >= a && units[q - 1].kind === "conn" && NAME_PARTICLES.has(tokens[units[q - 1].i].lower)) q--;
        const before = units[q - 1];
        if (q - 1 >= a && (before.kind === "head" || before.kind === "hon")) k = q;
        break;
      }
      const nameStart = units[k].start;
      const nameEnd = units[e - 1].end;
      const nameTokens = tokens.slice(units[k].i, units[e - 1].j).map((t) => t.text);
      const evidence: Evidence[] = [];
      const titles: TitleCandidate[] = [];
      let gender: "male" | "female" | undefined;
      let honorific: { start: number; end: number } | undefined;

      // What stands before the name in its run: an honorific and/or a title.
      let before = k - 1;
      // One honorific or several ("Dato' Seri Diraja Dr Zambry").
      while (before >= segmentStart && units[before].kind === "hon") {
        const honText = text.slice(units[before].start, units[before].end).replace(/\.$/, "");
        if (FEMALE_HONORIFICS.has(honText)) gender ??= "female";
        else if (MALE_HONORIFICS.has(honText)) gender ??= "male";
        honorific = { start: units[before].start, end: honorific?.end ?? units[before].end };
        if (!evidence.includes("honorific")) evidence.push("honorific");
        before--;
      }
      if (before >= segmentStart) {
        let titleUnits = units.slice(segmentStart, before + 1);
        const forAt = titleUnits.findIndex(
          (u, q) => u.kind === "conn" && tokens[u.i].lower === "for" && titleUnits.slice(q + 1).some((x) => x.kind === "head"),
        );
        if (forAt >= 0 && titleUnits[titleUnits.length - 1].kind === "head" && titleUnits.slice(0, forAt).some((x) => x.kind === "head"))
          titleUnits = titleUnits.slice(forAt + 1);
        if (titleUnits.some((u) => u.kind === "head")) {
          titles.push(...splitTitles(text, tokens, titleUnits));
          if (titles.length) evidence.push("title");
        }
      }
      // Apposition: "Wang Yi, Director of the Office of ...,".
      if (e === b) {
        const next = runs[r + 1];
        if (next && /^,\s+$/.test(text.slice(nameEnd, units[next.a].start))) {
          const nu = units.slice(next.a, next.b);
          const startsLikeTitle = ["head", "mod", "demonym", "country", "inst", "ohead", "org"].includes(nu[0].kind);
          const endsWithName = nu[nu.length - 1].kind === "name";
          const after = text.slice(nu[nu.length - 1].end, nu[nu.length - 1].end + 2);
          if (startsLikeTitle && !endsWithName && nu.some((u) => u.kind === "head") && /^(?:,|$|\s*\(|\.|\s+(?:\p{Ll}|$))/u.test(after || "")) {
            const ts = splitTitles(text, tokens, nu);
            if (ts.length) {
              titles.push(...ts);
              evidence.push("apposition");
            }
          }
        }
      }
      // "The Chairperson of the Commission, H.E. Moussa Faki Mahamat," / "the Defence Secretary,
      // Grant Shapps" / "Minister of Foreign Affairs, International Trade and Worship, Diana Mondino".
      if (!titles.length && (k === a || (k - 1 === a && units[a].kind === "hon"))) {
        const t = officeBeforeComma(text, tokens, units, a);
        if (t.length) {
          titles.push(...t);
          evidence.push("apposition");
        }
      }
      const multi = e - k >= 2;
      const clauseStart = k === a && atClauseStart(text, tokens, units[k]);
      const after = text.slice(nameEnd, nameEnd + 160);
      if (multi && clauseStart && followedByVerb(after)) evidence.push("subject");
      // "met with NAME", "talks with Counterpart NAME": the object of a meeting verb.
      const leadIn = units.slice(a, k).every((u) => u.kind === "stop");
      if (multi && leadIn) {
        const runStart = units[a].start;
        const prevWord = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, runStart - 20), runStart))?.[1];
        if (prevWord && OBJECT_CUES.has(prevWord) && !/^(?:and)$/.test(prevWord)) evidence.push("object");
        if (prevWord === "and" && e === b) {
          // "Park Jin and Wang Yi": a second name joined to a first one that is a person.
          const prevName = out[out.length - 1];
          if (prevName && prevName.end >= nameStart - 6 && prevName.evidence.length) evidence.push("object");
        }
      }
      // Headlines: "Wang Yi Meets with …", "Foreign Ministry Spokesperson Mao Ning's Regular …".
      if (headline && multi) {
        const nextTok = tokens[units[e - 1].j];
        const verbNext = nextTok && LEXICON.headlineBreakers.has(nextTok.key) && LEXICON.verbs.match([nextTok.lower], 0);
        if (verbNext && k === a) evidence.push("headline");
      }
      // "King Charles Street", "Queen Elizabeth Hall": a place named after someone.
      const placeAfter =
        units[e] &&
        e < b &&
        /^(?:Street|Avenue|Square|Road|Palace|Hall|House|Building|Airport|University|Park|Bridge|Station|Centre|Center|Hospital|Boulevard|Stadium)$/.test(
          tokens[units[e].i].key,
        );
      if (placeAfter) evidence.length = 0;
      for (let q = k; q < e; q++) units[q].person = evidence.length > 0;
      const all = nameTokens.map(normWord);
      const core = all.filter((_, q) => !isInitial(nameTokens[q]));
      out.push({ start: nameStart, end: nameEnd, tokens: nameTokens, all, core, key: nameTokens.join("\u0000"), evidence, titles, gender, honorific });
      segmentStart = e;
      k = e;
    }
  }
  return out;
}

const TITLE_WALK = new Set<UnitKind>(["head", "mod", "inst", "ohead", "country", "demonym", "org", "acr", "conn", "stop", "name"]);
const TITLE_GAP_RE = /^(?:\s+|-|\s*,\s+|\s*\(\s*|\s*\)\s*,?\s*|['’]s\s+)$/;

/** The office written before "OFFICE, NAME": walks back from the unit before the name's run. */
function officeBeforeComma(text: string, tokens: readonly Token[], units: readonly Unit[], a: number): TitleCandidate[] {
  if (a === 0 || !/^\s*\)?\s*,\s+$/.test(text.slice(units[a - 1].end, units[a].start))) return [];
  let q = a - 1;
  let commas = 0;
  while (q > 0) {
    const p = units[q - 1];
    const gap = text.slice(p.end, units[q].start);
    if (!TITLE_WALK.has(p.kind) || p.person || !TITLE_GAP_RE.test(gap)) break;
    if (gap.includes(",") && ++commas > 2) break;
    if (p.kind === "conn" && /^(?:the|its|his|her|their)$/.test(tokens[p.i].key) && !["of", "for", "to", "and"].includes(tokens[units[q - 2]?.i]?.key ?? ""))
      break;
    q--;
  }
  const span = units.slice(q, a);
  let from = span.findIndex((u) => u.kind === "head");
  if (from < 0 || span.some((u) => u.person)) return [];
  while (
    from > 0 &&
    ["mod", "inst", "demonym", "country", "org"].includes(span[from - 1].kind) &&
    /^\s+$/.test(text.slice(span[from - 1].end, span[from].start))
  )
    from--;
  // Up to the comma before the name, without a trailing ")" or connector.
  let to = span.length;
  while (to > from && span[to - 1].kind === "conn") to--;
  const lead = text.slice(Math.max(0, span[from].start - 7), span[from].start);
  if (!/(?:\b(?:[Tt]he|its|his|her|their)\s+|^\s*|,\s+|^[^\p{L}]*|['’]s\s+)$/u.test(lead)) return [];
  const ts = splitTitles(text, tokens, span.slice(from, to));
  return ts.map((t) => ({ ...t, text: t.text.replace(/\s*\([^)]*\)?$/, "") }));
}

/** A clause starts at the beginning of a sentence, after a comma, or after an opening quote. */
function atClauseStart(text: string, tokens: readonly Token[], u: Unit): boolean {
  const t = tokens[u.i];
  if (t.sentenceInitial) return true;
  const before = text.slice(Math.max(0, u.start - 12), u.start);
  return /(?:,|[”"]|\b(?:and|but|while|as|then|also))\s+$/.test(before);
}

const VERB_AFTER_RE = /^(?:,[^,]{1,120},)?\s+(\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*){0,5})/u;
const SKIPPABLE = new Set([
  "also",
  "further",
  "then",
  "again",
  "both",
  "jointly",
  "later",
  "had",
  "has",
  "have",
  "will",
  "would",
  "once",
  "today",
  "yesterday",
  "earlier",
]);

/** True when a reporting or narration verb follows (after adverbs and auxiliaries). */
function followedByVerb(after: string): boolean {
  const m = VERB_AFTER_RE.exec(after);
  if (!m) return false;
  const words = m[1].split(/\s+/);
  for (let p = 0; p < words.length; p++) {
    if (LEXICON.verbs.match(words, p)) return true;
    if (!SKIPPABLE.has(words[p])) return /^(?:is|are|was|were)$/.test(words[p]);
  }
  return false;
}

/** Splits a run of title material into titles at "and" before a new office. */
function splitTitles(text: string, tokens: readonly Token[], us: readonly Unit[]): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  let from = 0;
  const emit = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && (us[a].kind === "conn" || (us[a].kind === "stop" && !us.slice(a, b).some((u) => u.kind === "head")))) a++;
    while (b > a && us[b - 1].kind === "conn") b--;
    const slice = us.slice(a, b);
    const head = slice.find((u) => u.kind === "head");
    if (!head) return;
    // Drop a leading article ("the") the run may carry.
    const start = slice[0].start;
    const end = slice[slice.length - 1].end;
    const country = slice.find((u) => u.country)?.country?.name;
    out.push({ start, end, text: text.slice(start, end), head: head.head ?? tokens[head.i].lower, country });
  };
  for (let k = 0; k < us.length; k++) {
    const u = us[k];
    if (u.kind === "conn" && tokens[u.i].lower === "and") {
      const next = us[k + 1];
      const hasHeadBefore = us.slice(from, k).some((x) => x.kind === "head");
      const rest = us.slice(k + 1);
      if (next && hasHeadBefore && ["head", "mod", "demonym"].includes(next.kind) && rest.some((x) => x.kind === "head")) {
        emit(k);
        from = k + 1;
      }
    }
  }
  emit(us.length);
  return out;
}

const ORG_INNER = new Set<UnitKind>(["inst", "ohead", "acr", "name", "demonym", "country", "mod", "org"]);

function findOrganizations(text: string, tokens: readonly Token[], units: readonly Unit[], runs: readonly Run[]): OrgCandidate[] {
  const out: OrgCandidate[] = [];
  const covered = new Set<number>();
  const acronymAfter = (end: number): { acronym: string; start: number; end: number } | undefined => {
    const m = /^\s*\(([\p{Lu}][\p{Lu}\p{N}&-]{1,11})\)/u.exec(text.slice(end, end + 16));
    if (!m) return undefined;
    const s = end + m[0].indexOf(m[1]);
    return { acronym: m[1], start: s, end: s + m[1].length };
  };
  for (const { a, b } of runs) {
    for (let h = a; h < b; h++) {
      const u = units[h];
      if (u.kind === "org" && u.org) {
        const acr = acronymAfter(u.end);
        const isAcr = tokens[u.i].allCaps && u.j - u.i === 1;
        out.push({
          start: u.start,
          end: u.end,
          name: text.slice(u.start, u.end),
          known: u.org,
          isAcronym: isAcr,
          acronym: acr?.acronym ?? u.org.acronym,
          acronymSpan: acr && { start: acr.start, end: acr.end },
        });
        if (acr) covered.add(acr.start);
        continue;
      }
      if (u.kind !== "ohead" || covered.has(h)) continue;
      // Backward: institutional words, names, acronyms; through "of (the)" / "for".
      let s = h;
      for (;;) {
        const p = units[s - 1];
        if (s - 1 < a || !p || p.person) break;
        if (ORG_INNER.has(p.kind) || (p.kind === "stop" && !EVENT_WORDS.has(tokens[p.i].key) && !/^\d|-/.test(tokens[p.i].key))) {
          s--;
          continue;
        }
        if (p.kind === "conn") {
          const w = tokens[p.i].lower;
          const pp = units[s - 2];
          if ((w === "of" || w === "for") && pp && s - 2 >= a && ORG_INNER.has(pp.kind) && !pp.person) {
            s -= 2;
            continue;
          }
          if (w === "the" && units[s - 2]?.kind === "conn" && tokens[units[s - 2].i].lower === "of") {
            const ppp = units[s - 3];
            if (ppp && s - 3 >= a && ORG_INNER.has(ppp.kind) && !ppp.person) {
              s -= 3;
              continue;
            }
          }
        }
        break;
      }
      // Forward: more head words, or "of/for/against X". The phrase ends on a head word or
      // on the tail after a connector; "Parliament House" (a head, then a plain word) is a
      // building, not a body.
      let e = h;
      let good = h;
      for (;;) {
        const n = units[e + 1];
        if (!n || e + 1 >= b || n.person) break;
        if (n.kind === "ohead") {
          e++;
          good = e;
          continue;
        }
        if (n.kind === "inst" || n.kind === "acr") {
          e++;
          continue;
        }
        if (n.kind === "conn") {
          const w = tokens[n.i].lower;
          let m = e + 2;
          if (units[m]?.kind === "conn" && tokens[units[m].i].lower === "the") m++;
          const target = units[m];
          if (["of", "for", "against", "on", "and"].includes(w) && target && m < b && !target.person && ORG_INNER.has(target.kind)) {
            if (w === "and" && !["name", "inst", "ohead"].includes(units[e].kind)) break;
            e = m;
            // Take the rest of the tail: "Against Hunger and Poverty", "of the CPC Central Committee".
            while (units[e + 1] && e + 1 < b && !units[e + 1].person && ORG_INNER.has(units[e + 1].kind) && units[e + 1].kind !== "org") e++;
            good = e;
            continue;
          }
        }
        break;
      }
      if (good !== e) {
        const follow = units[good + 1];
        if (follow && !follow.person && (follow.kind === "inst" || follow.kind === "name" || follow.kind === "stop")) continue;
        e = good;
      } else {
        const follow = units[e + 1];
        if (follow && e + 1 < b && !follow.person && (follow.kind === "stop" || follow.kind === "name")) continue;
      }
      const last = units[e];
      if (last.kind === "conn") continue;
      const start = units[s].start;
      const end = last.end;
      // "U.S.-ROK Alliance" names no body called "ROK Alliance".
      if (text[start - 1] === "-") continue;
      if (s === e && !tokens[units[s].i].allCaps) continue;
      for (let q = s; q <= e; q++) covered.add(q);
      const acr = acronymAfter(end);
      const name = text.slice(start, end).replace(/\s+/g, " ");
      out.push({ start, end, name, isAcronym: false, acronym: acr?.acronym, acronymSpan: acr && { start: acr.start, end: acr.end } });
      // A nested body: "Political Bureau of the CPC Central Committee" holds "CPC Central Committee".
      for (let q = s + 1; q < e; q++) {
        const c = units[q];
        if (c.kind === "conn" && tokens[c.i].lower === "of") {
          let m = q + 1;
          if (units[m]?.kind === "conn") m++;
          const innerUnits = units.slice(m, e + 1);
          if (innerUnits.length >= 2 && innerUnits.some((x) => x.kind === "ohead") && innerUnits[innerUnits.length - 1].kind === "ohead") {
            out.push({ start: units[m].start, end, name: text.slice(units[m].start, end), isAcronym: false });
          }
          break;
        }
      }
      h = e;
    }
    // Acronyms inside runs that no organization phrase covered: candidates for the resolver.
    for (let h = a; h < b; h++) {
      const u = units[h];
      if (u.kind === "acr" && !covered.has(h) && !covered.has(u.start)) {
        out.push({ start: u.start, end: u.end, name: text.slice(u.start, u.end), isAcronym: true });
      }
    }
  }
  return out;
}

/** Title-only runs after "the": "the Foreign Secretary", "The President of Russia". */
function findDescriptions(text: string, tokens: readonly Token[], units: readonly Unit[], runs: readonly Run[]): DescriptionCandidate[] {
  const out: DescriptionCandidate[] = [];
  for (const { a, b } of runs) {
    const us = units.slice(a, b);
    if (us.some((u) => u.kind === "name" || u.kind === "stop" || u.kind === "num")) continue;
    const headUnit = us.find((u) => u.kind === "head");
    if (!headUnit) continue;
    const before = text.slice(Math.max(0, us[0].start - 4), us[0].start);
    if (!/\b[Tt]he\s+$/.test(before)) continue;
    // Stop before "and the Foreign Minister": each office is its own description.
    const titles = splitTitles(text, tokens, us);
    for (const t of titles) {
      const start = t.start - (before.length - before.search(/[Tt]he\s+$/));
      const words = text
        .slice(t.start, t.end)
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => !["of", "the", "for", "and"].includes(w));
      const headWords = t.head.split(" ");
      const modifiers = words.filter((w) => !headWords.includes(w) && !LEXICON.countries.match([capitalize(w)], 0));
      out.push({
        start: t === titles[0] ? start : t.start,
        end: t.end,
        text: text.slice(t === titles[0] ? start : t.start, t.end),
        head: t.head,
        modifiers,
        country: t.country,
      });
    }
  }
  // Offices written as acronyms: "EAM said …" (External Affairs Minister).
  for (const u of units) {
    if (u.kind !== "acr" || u.j - u.i !== 1) continue;
    const expansion = LEXICON.titleAcronyms.get(tokens[u.i].key);
    if (!expansion) continue;
    const words = expansion.toLowerCase().split(/\s+/);
    out.push({ start: u.start, end: u.end, text: text.slice(u.start, u.end), head: words[words.length - 1], modifiers: words.slice(0, -1) });
  }
  // Lower-case descriptions: "the minister", "The Indian minister", "the foreign minister".
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.key !== "the" && t.key !== "The") continue;
    let m = k + 1;
    let country: string | undefined;
    const dem = tokens[m] && LEXICON.countries.startsWith(tokens[m].key) && LEXICON.countries.match([tokens[m].key], 0);
    if (dem && dem.value.demonym) {
      country = dem.value.name;
      m++;
    }
    // Every description begins with one of a few words: test that before joining any.
    if (!tokens[m] || !PERSON_NOUN_STARTS.has(tokens[m].lower)) continue;
    const words: string[] = [];
    let best = -1;
    for (let q = m; q < Math.min(tokens.length, m + 3); q++) {
      if (tokens[q].cap) break;
      words.push(tokens[q].lower);
      if (LEXICON.personNouns.has(words.join(" "))) best = q;
    }
    if (best < 0) continue;
    const next = tokens[best + 1];
    if (next && next.cap && !next.sentenceInitial && text.slice(tokens[best].end, next.start) === " ") continue;
    const phrase = words.slice(0, best - m + 1);
    out.push({ start: t.start, end: tokens[best].end, text: text.slice(t.start, tokens[best].end), head: phrase.join(" "), modifiers: [], country });
  }
  return out;
}

const PERSON_NOUN_STARTS = new Set([...LEXICON.personNouns].map((n) => n.split(" ")[0]));

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

// A Map, not an object literal: "constructor" or "toString" must not look like pronouns.
const PRONOUNS = new Map<string, PronounCandidate["pronoun"]>((["he", "she", "they", "his", "her", "him", "their", "them"] as const).map((p) => [p, p]));

function findPhrases(
  text: string,
  tokens: readonly Token[],
  units: readonly Unit[],
): { sides: SideCandidate[]; groups: GroupCandidate[]; pronouns: PronounCandidate[] } {
  const sides: SideCandidate[] = [];
  const groups: GroupCandidate[] = [];
  const pronouns: PronounCandidate[] = [];
  const lowerKeys = tokens.map((t) => t.lower);
  const unitAt: (Unit | undefined)[] = new Array<Unit | undefined>(tokens.length + 1);
  for (const u of units) unitAt[u.i] = u;
  for (let k = 0; k < tokens.length; k++) {
    const w = lowerKeys[k];
    // Every pronoun has at most five letters and starts with h, s or t.
    const c0 = w.charCodeAt(0);
    const p = w.length <= 5 && (c0 === 104 || c0 === 115 || c0 === 116) ? PRONOUNS.get(w) : undefined;
    // "He Lifeng said": a surname, not a pronoun.
    const nameAfter = (w === "he" || w === "she") && tokens[k + 1]?.cap && tokens[k + 1].start === tokens[k].end + 1 && unitAt[k]?.kind === "name";
    if (p && !nameAfter) pronouns.push({ start: tokens[k].start, end: tokens[k].end, text: tokens[k].text, pronoun: p });
    if (w !== "the" && w !== "both" && w !== "all") continue;
    // "the Chinese side", "the U.S. side".
    const u = unitAt[k + 1];
    if (w === "the" && u && (u.kind === "demonym" || u.kind === "country") && u.country && lowerKeys[u.j] === "side") {
      sides.push({ start: tokens[k].start, end: tokens[u.j].end, text: text.slice(tokens[k].start, tokens[u.j].end), country: u.country.name });
      continue;
    }
    // "the two sides", "both ministers", "the three foreign ministers", "the Parties".
    let m = k + 1;
    let count: number | undefined = w === "both" ? 2 : undefined;
    const number = NUMBER_WORDS.get(lowerKeys[m]);
    if (number !== undefined && lowerKeys[m] !== "both") {
      count = number;
      m++;
    }
    // "Both agreed to …", "Both are keen to …": the two of them.
    if (
      w === "both" &&
      tokens[k].sentenceInitial &&
      tokens[k + 1] &&
      !tokens[k + 1].cap &&
      !LEXICON.groupNouns.match(lowerKeys, k + 1) &&
      !/^(?:of|and|the|sides?|parties|countries)$/.test(lowerKeys[k + 1])
    ) {
      groups.push({ start: tokens[k].start, end: tokens[k].end, text: tokens[k].text, count: 2, noun: "sides" });
      continue;
    }
    const g = LEXICON.groupNouns.match(lowerKeys, m);
    if (g) {
      const end = tokens[m + g.length - 1].end;
      if (w === "all" && count === undefined) continue;
      groups.push({ start: tokens[k].start, end, text: text.slice(tokens[k].start, end), count, noun: g.value });
    }
  }
  return { sides, groups, pronouns };
}

const LOWER_IN_TITLES = new Set(["of", "the", "and", "by", "for", "on", "in", "at", "to", "with", "from", "a", "an", "between", "into"]);

/**
 * A headline in capitals ("JOINT DECLARATION BETWEEN THE FEDERATIVE REPUBLIC OF BRAZIL …") is
 * recognized in title case, keeping known acronyms ("G7", "UN"). Lengths never change, so
 * offsets stay valid.
 */
export function titleCaseIfShouting(text: string): string {
  if (!isShouting(text)) return text;
  return text.replace(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.]*/gu, (w) => {
    if (LEXICON.organizations.match([w], 0) || (w.length <= 5 && LEXICON.countries.match([w], 0))) return w;
    const lower = w.toLowerCase();
    if (LOWER_IN_TITLES.has(lower)) return lower.length === w.length ? lower : w;
    const cased = lower.replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    return cased.length === w.length ? cased : w;
  });
}

/** At least eight letters, four in five of them capitals. */
export function isShouting(text: string): boolean {
  // ASCII text (most headlines and ledes) is counted in one pass, without the two copies the
  // patterns below make; [A-Za-z] and [A-Z] are the ASCII members of \p{L} and \p{Lu}.
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      letters = text.replace(/[^\p{L}]/gu, "").length;
      upper = text.replace(/[^\p{Lu}]/gu, "").length;
      break;
    }
    if (isAsciiUpper(c)) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return letters >= 8 && upper / letters >= 0.8;
}
