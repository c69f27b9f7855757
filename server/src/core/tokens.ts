// Word tokens of one block, with the facts the recognizer needs about each.

import { LEXICON, normalizeKey } from "./lexicon";

export interface Token {
  /** The word as written, without a possessive 's. */
  readonly text: string;
  /** Lookup key: curly apostrophes straightened. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Starts with an upper-case letter (or a digit followed by letters, as in "G20"). */
  readonly cap: boolean;
  /** Written in capitals only, two letters or more (an acronym). */
  readonly allCaps: boolean;
  /** Followed by 's or ’s, or by a bare apostrophe after a plural. */
  readonly possessive: boolean;
  /** Immediately followed by a full stop. */
  readonly dot: boolean;
  /** First word of its sentence (possibly after an opening quote or bracket). */
  readonly sentenceInitial: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’.][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Tokenizes `text`. `sentenceStarts` lists the offsets (relative to `text`) where sentences
 * begin, so that sentence-initial capitals are known.
 */
export function tokenize(text: string, sentenceStarts: readonly number[]): Token[] {
  const tokens: Token[] = [];
  let nextStart = -1;
  let startIdx = 0;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) {
    // Char-code tests on the common (ASCII) path; the Unicode regexes only where needed.
    let word = m[0];
    const start = m.index;
    const rawLength = word.length;
    const end = start + rawLength;
    let possessive = false;
    const last = word.charCodeAt(rawLength - 1);
    if (last === 115 /* s */ && rawLength > 2 && isApostrophe(word.charCodeAt(rawLength - 2))) {
      word = word.slice(0, -2);
      possessive = true;
    } else if (last === 115 && isApostrophe(text.charCodeAt(end)) && !/\p{L}/u.test(text[end + 1] ?? "")) {
      possessive = true;
    }
    while (startIdx < sentenceStarts.length && sentenceStarts[startIdx] <= start) {
      nextStart = sentenceStarts[startIdx];
      startIdx++;
    }
    const sentenceInitial = nextStart >= 0 && /^[^\p{L}\p{N}]*$/u.test(text.slice(nextStart, start));
    nextStart = -1;
    const first = word.charCodeAt(0);
    const cap = first < 128 ? (first >= 65 && first <= 90) || (first >= 48 && first <= 57 && /\p{Lu}/u.test(word)) : isUpper(word[0]);
    tokens.push({
      text: word,
      key: normalizeKey(word),
      start,
      end: start + word.length,
      cap,
      allCaps: word.length >= 2 && isAllCaps(word),
      possessive,
      dot: text.charCodeAt(end) === 46,
      sentenceInitial,
    });
  }
  return tokens;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

/** No lower-case letter and at least one upper-case letter (`/\p{Lu}/` and not `/\p{Ll}/`). */
function isAllCaps(word: string): boolean {
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 128) return !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word);
  }
  return upper;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Lower-case connectors that may sit inside a name, a title or an organization. */
export const CONNECTORS = new Set(["of", "the", "for", "and", "on", "against", "in", "to"]);
/** Particles of personal names: "Lula da Silva", "van der Leyen", "bin Salman". */
export const NAME_PARTICLES = new Set([
  "da",
  "de",
  "do",
  "dos",
  "das",
  "del",
  "della",
  "di",
  "du",
  "van",
  "von",
  "der",
  "den",
  "bin",
  "bint",
  "ibn",
  "al",
  "el",
  "la",
  "le",
  "y",
  "zu",
  "ter",
  "ten",
]);

export { LEXICON };
