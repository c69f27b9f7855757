// Word lists, loaded once from the JSON data files and indexed for fast lookup.
// The data files (server/src/data/*.json) say where each list comes from.

import countriesData from "../data/countries.json";
import organizationsData from "../data/organizations.json";
import titlesData from "../data/titles.json";
import verbsData from "../data/verbs.json";
import vocabularyData from "../data/vocabulary.json";

const NEEDS_NORMALIZING = /[’‘`\s]/;

/** Normalizes a word or phrase for lookup: curly apostrophes to straight ones. */
export function normalizeKey(s: string): string {
  if (!NEEDS_NORMALIZING.test(s)) return s; // the common case: a plain word
  return s.replace(/[’‘`]/g, "'").replace(/\s+/g, " ").trim();
}

/**
 * A phrase table keyed by token sequences. `match(words, i)` returns the longest entry that
 * starts at `words[i]`, comparing token by token, with its length in tokens.
 */
export class PhraseTable<V> {
  private readonly root = new Map<string, PhraseNode<V>>();
  readonly maxTokens: number;

  constructor(entries: Iterable<readonly [string, V]>) {
    let max = 1;
    for (const [phrase, value] of entries) {
      const parts = splitPhrase(phrase);
      if (parts.length === 0) continue;
      max = Math.max(max, parts.length);
      let level = this.root;
      let node: PhraseNode<V> | undefined;
      for (const part of parts) {
        node = level.get(part);
        if (!node) {
          node = { next: new Map() };
          level.set(part, node);
        }
        level = node.next;
      }
      if (node && node.value === undefined) node.value = value;
    }
    this.maxTokens = max;
  }

  /** The words that begin an entry. */
  firstWords(): IterableIterator<string> {
    return this.root.keys();
  }

  /** Whether some entry begins with `word` (a cheap test before `match`). */
  startsWith(word: string): boolean {
    return this.root.has(word);
  }

  /** Longest match of the table in `words` from index `i`; `words` are normalized keys. */
  match(words: readonly string[], i: number, limit = words.length): { value: V; length: number } | undefined {
    let level = this.root;
    let best: { value: V; length: number } | undefined;
    for (let j = i; j < limit; j++) {
      const node = level.get(words[j]);
      if (!node) break;
      if (node.value !== undefined) best = { value: node.value, length: j - i + 1 };
      level = node.next;
    }
    return best;
  }
}

interface PhraseNode<V> {
  value?: V;
  next: Map<string, PhraseNode<V>>;
}

/** Splits a lexicon phrase into the same word units the tokenizer produces. */
export function splitPhrase(phrase: string): string[] {
  const out: string[] = [];
  for (const m of normalizeKey(phrase).matchAll(WORD_RE)) {
    let w = m[0];
    w = w.replace(/'s$/, "");
    out.push(w);
  }
  return out;
}

/** One word: letters and digits, with inner hyphens, apostrophes and dots (U.S, Sherwood-Randall). */
export const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’.][\p{L}\p{M}\p{N}]+)*/gu;

export interface CountryInfo {
  readonly name: string;
  /** How the form names the country: as a noun, or as a demonym (adjective). */
  readonly demonym: boolean;
}

export interface KnownOrganization {
  readonly name: string;
  readonly acronym?: string;
  readonly media: boolean;
}

interface RawCountry {
  name: string;
  forms: string[];
  demonyms: string[];
}
interface RawOrg {
  name: string;
  acronym?: string;
  aliases?: string[];
}

function buildCountries(): PhraseTable<CountryInfo> {
  const entries: [string, CountryInfo][] = [];
  for (const c of (countriesData as { countries: RawCountry[] }).countries) {
    for (const f of c.forms) entries.push([f, { name: c.name, demonym: false }]);
    for (const d of c.demonyms) entries.push([d, { name: c.name, demonym: true }]);
  }
  return new PhraseTable(entries);
}

function buildOrganizations(): PhraseTable<KnownOrganization> {
  const entries: [string, KnownOrganization][] = [];
  const data = organizationsData as { known: RawOrg[]; media: RawOrg[] };
  for (const [list, media] of [
    [data.known, false],
    [data.media, true],
  ] as const) {
    for (const o of list) {
      const info: KnownOrganization = { name: o.name, acronym: o.acronym, media };
      entries.push([o.name, info]);
      if (o.acronym) entries.push([o.acronym, info]);
      for (const a of o.aliases ?? []) entries.push([a, info]);
    }
  }
  return new PhraseTable(entries);
}

const titles = titlesData as { heads: string[]; modifiers: string[]; honorifics: string[]; descriptions: string[]; acronyms: Record<string, string> };
const escapeRe = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const verbs = verbsData as { cues: string[]; narration: string[]; vagueSubjects: string[]; vaguePassive: string[] };
const vocabulary = vocabularyData as {
  institutional: string[];
  nonNames: string[];
  headlineBreakers: string[];
  sentenceStarters: string[];
  groupNouns: string[];
  personNounsSingular: string[];
};

export type VerbKind = "cue" | "narration";

function buildVerbs(): PhraseTable<VerbKind> {
  const entries: [string, VerbKind][] = [];
  // Cues win over narration when a phrase is in both lists ("exchanged views" vs "exchanged").
  for (const c of verbs.cues) entries.push([c.toLowerCase(), "cue"]);
  for (const n of verbs.narration) entries.push([n.toLowerCase(), "narration"]);
  return new PhraseTable(entries);
}

const lowerSet = (xs: readonly string[]) => new Set(xs.map((x) => normalizeKey(x).toLowerCase()));
const exactSet = (xs: readonly string[]) => new Set(xs.map((x) => normalizeKey(x)));

/** The indexed lexicon. Built once per process; analysis only reads it. */
export const LEXICON = {
  countries: buildCountries(),
  organizations: buildOrganizations(),
  // Programmes and initiatives are not bodies ("New Growth Acceleration Program").
  orgHeads: exactSet((organizationsData as { heads: string[] }).heads.filter((h) => !/^(?:Program|Programme|Initiative|Plan|Project)$/.test(h))),
  titleHeads: new PhraseTable(titles.heads.map((h) => [h, normalizeKey(h)] as const)),
  titleModifiers: exactSet(titles.modifiers),
  honorifics: new PhraseTable(titles.honorifics.map((h) => [h.replace(/\.$/, ""), true] as const)),
  /** Matches an honorific at the end of a string ("… Mr ", "… H.E. "). */
  honorificTail: new RegExp(
    `(?:^|\\s)(?:${[...new Set(titles.honorifics.map((h) => h.replace(/\.$/, "")))]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join("|")})\\.?\\s+$`,
  ),
  /**
   * The last word of each honorific, without a final full stop ("Excellency", "Mr", "H.E"):
   * a cheap test that tells when `honorificTail` cannot match.
   */
  honorificLastWords: new Set(titles.honorifics.map((h) => h.replace(/\.$/, "").split(/\s+/).pop()!)),
  /** Offices written as acronyms: "EAM" → "External Affairs Minister". */
  titleAcronyms: new Map(Object.entries(titles.acronyms ?? {})),
  personNouns: lowerSet([...titles.descriptions, ...vocabulary.personNounsSingular]),
  verbs: buildVerbs(),
  vagueSubjects: new PhraseTable(verbs.vagueSubjects.map((v) => [v.toLowerCase(), true] as const)),
  vaguePassive: new PhraseTable(verbs.vaguePassive.map((v) => [v.toLowerCase(), true] as const)),
  institutional: exactSet(vocabulary.institutional),
  nonNames: exactSet(vocabulary.nonNames),
  headlineBreakers: exactSet(vocabulary.headlineBreakers),
  sentenceStarters: lowerSet(vocabulary.sentenceStarters),
  groupNouns: new PhraseTable(vocabulary.groupNouns.map((g) => [g.toLowerCase(), g.toLowerCase()] as const)),
};

export type Lexicon = typeof LEXICON;
