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
    let word = m[0];
    const start = m.index;
    let end = start + word.length;
    let possessive = false;
    if (/['’]s$/.test(word) && word.length > 2) {
      word = word.slice(0, -2);
      possessive = true;
    } else if ((text[end] === "'" || text[end] === "’") && /s$/.test(word) && !/\p{L}/u.test(text[end + 1] ?? "")) {
      possessive = true;
    }
    if (!possessive) end = start + word.length;
    while (startIdx < sentenceStarts.length && sentenceStarts[startIdx] <= start) {
      nextStart = sentenceStarts[startIdx];
      startIdx++;
    }
    const sentenceInitial = nextStart >= 0 && /^[\s"“‘'(\[]*$/.test(text.slice(nextStart, start));
    nextStart = -1;
    const first = word.charCodeAt(0);
    const cap = isUpper(word[0]) || (first >= 48 && first <= 57 && /\p{Lu}/u.test(word));
    tokens.push({
      text: word,
      key: normalizeKey(word),
      start,
      end: start + word.length,
      cap,
      allCaps: word.length >= 2 && !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word),
      possessive,
      dot: text[start + m[0].length] === ".",
      sentenceInitial,
    });
  }
  return tokens;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Lower-case connectors that may sit inside a name, a title or an organization. */
export const CONNECTORS = new Set(["of", "the", "for", "and", "on", "against", "in", "to"]);
/** Particles of personal names: "Lula da Silva", "van der Leyen", "bin Salman". */
export const NAME_PARTICLES = new Set([
  "da", "de", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "bin", "bint", "ibn", "al", "el", "la", "le", "y", "zu", "ter", "ten",
]);

export { LEXICON };
