// Word tokens of one block, with the facts the recognizer needs about each.

import { LEXICON } from "./lexicon";

export interface Token {
  /** The word as written, without a possessive 's. */
  readonly text: string;
  /** Lookup key: curly apostrophes straightened. */
  readonly key: string;
  /** The key in lower case. */
  readonly lower: string;
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
  /** Holds a hyphen between two of its parts ("China-Russia", "one-China"). */
  readonly hyphen: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-'’.][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Tokenizes `text`. `sentenceStarts` lists the offsets (relative to `text`) where sentences
 * begin, so that sentence-initial capitals are known.
 *
 * The words are those of `TOKEN_RE`. A char-code scanner finds them on ASCII text (most of
 * it), which is several times faster than `exec` with its match arrays; at the first
 * non-ASCII character that could belong to a word it hands over to `TOKEN_RE` itself, so the
 * two paths always agree.
 */
export function tokenize(text: string, sentenceStarts: readonly number[]): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let startIdx = 0;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c < 128 && !isAsciiWordChar(c)) {
      p++;
      continue;
    }
    let start = p;
    let end = c < 128 ? asciiWordEnd(text, p) : -1;
    let curly: boolean;
    let hyphen: boolean;
    // Whether the word may hold a capital (else it is its own lower case: no toLowerCase).
    let upper = true;
    if (end >= 0) {
      curly = sawCurly;
      hyphen = sawHyphen;
      upper = sawInnerUpper || isAsciiUpper(c);
    } else {
      // A non-ASCII character at, inside or right after the word: the regex decides (from an
      // ASCII word character it matches right there).
      TOKEN_RE.lastIndex = p;
      const m = TOKEN_RE.exec(text);
      if (!m) break;
      start = m.index;
      end = start + m[0].length;
      curly = m[0].includes("’");
      hyphen = m[0].includes("-");
    }
    p = end;
    tokens.push(makeToken(text, start, end, curly, hyphen, upper, sentenceStarts, startIdx));
    while (startIdx < sentenceStarts.length && sentenceStarts[startIdx] <= start) startIdx++;
  }
  return tokens;
}

/** [A-Za-z0-9]: the ASCII members of \p{L} and \p{N} (\p{M} has none). */
function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || isAsciiUpper(c) || (c >= 48 && c <= 57);
}

/** [A-Z]. */
export function isAsciiUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * The end of the `TOKEN_RE` word that starts at `p`, scanning ASCII only; -1 when a
 * non-ASCII character (other than a curly apostrophe between ASCII letters) might extend it.
 * Sets `sawCurly` when the word holds a curly apostrophe.
 */
let sawCurly = false;
/** Set by `asciiWordEnd`: the word holds an ASCII capital after its first character. */
let sawInnerUpper = false;
/** Set by `asciiWordEnd`: the word holds a hyphen. */
let sawHyphen = false;

function asciiWordEnd(text: string, p: number): number {
  const n = text.length;
  sawCurly = false;
  sawInnerUpper = false;
  sawHyphen = false;
  let i = p + 1;
  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        if (c === 0x2019) break; // a curly apostrophe: a separator, decided below
        return -1;
      }
      if (!isAsciiWordChar(c)) break;
      if (isAsciiUpper(c)) sawInnerUpper = true;
      i++;
    }
    if (i >= n) return i;
    const sep = text.charCodeAt(i);
    if (sep === 0x2019) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (next >= 128) return -1;
      if (!isAsciiWordChar(next)) return i;
      sawCurly = true;
      if (isAsciiUpper(next)) sawInnerUpper = true;
      i += 2;
      continue;
    }
    if (sep !== 45 /* - */ && sep !== 39 /* ' */ && sep !== 46 /* . */) return i;
    if (i + 1 >= n) return i;
    const next = text.charCodeAt(i + 1);
    if (next >= 128) return -1;
    if (!isAsciiWordChar(next)) return i;
    if (isAsciiUpper(next)) sawInnerUpper = true;
    if (sep === 45) sawHyphen = true;
    i += 2;
  }
}

function makeToken(
  text: string,
  start: number,
  rawEnd: number,
  curly: boolean,
  hyphen: boolean,
  upper: boolean,
  sentenceStarts: readonly number[],
  startIdx: number,
): Token {
  let word = text.slice(start, rawEnd);
  const rawLength = rawEnd - start;
  let possessive = false;
  const last = word.charCodeAt(rawLength - 1);
  if (last === 115 /* s */ && rawLength > 2 && isApostrophe(word.charCodeAt(rawLength - 2))) {
    word = word.slice(0, -2);
    possessive = true;
  } else if (last === 115 && rawEnd < text.length && isApostrophe(text.charCodeAt(rawEnd)) && !/\p{L}/u.test(text[rawEnd + 1] ?? "")) {
    possessive = true;
  }
  // The last sentence start at or before the word, if no word of that sentence came earlier.
  let sentenceInitial = false;
  if (startIdx < sentenceStarts.length && sentenceStarts[startIdx] <= start) {
    let k = startIdx;
    while (k + 1 < sentenceStarts.length && sentenceStarts[k + 1] <= start) k++;
    sentenceInitial = onlyPunctuation(text, sentenceStarts[k], start);
  }
  const first = word.charCodeAt(0);
  const cap = first < 128 ? isAsciiUpper(first) || (first >= 48 && first <= 57 && /\p{Lu}/u.test(word)) : isUpper(word[0]);
  const key = curly ? word.replace(/’/g, "'") : word;
  return {
    text: word,
    key,
    lower: upper ? key.toLowerCase() : key,
    start,
    end: start + word.length,
    cap,
    allCaps: word.length >= 2 && isAllCaps(word),
    possessive,
    // Reads past the end (NaN) make V8 deoptimize this function: test the bound first.
    dot: rawEnd < text.length && text.charCodeAt(rawEnd) === 46,
    sentenceInitial,
    hyphen,
  };
}

/** `/^[^\p{L}\p{N}]*$/u` over text[from, to), without the slice on the ASCII path. */
function onlyPunctuation(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return /^[^\p{L}\p{N}]*$/u.test(text.slice(i, to));
    if (isAsciiWordChar(c)) return false;
  }
  return true;
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
    if (isAsciiUpper(c)) upper = true;
    else if (c >= 128) return !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word);
  }
  return upper;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

const CURLY_QUOTES_RE = /[’‘]/g;
/**
 * A name word normalized for comparison: curly quotes straightened, lower case. One pass
 * first: a word of ASCII lower case (most words) is its own normal form, with no
 * `indexOf`/`toLowerCase` builtin calls.
 */
export function normWord(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || isAsciiUpper(c)) return (s.indexOf("’") < 0 && s.indexOf("‘") < 0 ? s : s.replace(CURLY_QUOTES_RE, "'")).toLowerCase();
  }
  return s;
}
const INITIAL_RE = /^\p{Lu}\.?$/u;
/** An initial: one capital, with or without its full stop ("J.", "J"). */
export const isInitial = (s: string): boolean => s.length <= 3 && INITIAL_RE.test(s);

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

/** `/\s/` for one UTF-16 code unit. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
