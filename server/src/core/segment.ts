// Stage 1 — segment: lines → blocks (breadcrumb, headline, dateline, paragraphs, Q&A turns,
// footer furniture) → sentences. Works line by line and paragraph by paragraph, so its cost
// grows linearly with the text.

import type { Block, BlockKind, Sentence, Span, TurnLabel } from "./types";

export interface Segmentation {
  readonly blocks: readonly Block[];
  readonly sentences: readonly Sentence[];
  readonly headline?: Span;
  readonly dateline?: Span;
}

interface Line extends Span {
  readonly text: string;
}

const FOOTER_RE =
  /^(?:Suggest\s+(?:To|to)\s+(?:A|a)\s+Friend:?|Print|Close|Share|Related\s+(?:News|Articles|Stories)|Back\s+to\s+(?:top|Top)|Top|Email|E-mail|Download|Print\s+this\s+page|Bookmark|Tweet|Copyright\b.*|©.*|\[(?:Print|Close)\])$/;
const MONTHS =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DATE_CORE =
  `(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}|${MONTHS}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTHS},?\\s+\\d{4})` +
  "(?:,?\\s*(?:at\\s+)?\\d{1,2}:\\d{2}(?:\\s*(?:[AaPp]\\.?[Mm]\\.?))?(?:\\s*\\(?[A-Z]{2,4}\\)?)?)?";
const DATELINE_RE = new RegExp(
  `^(?:(?:Published|Updated|Released|Issued|Date|Posted)(?:\\s+on)?:?\\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?${DATE_CORE}(?:\\s*[|·]\\s*.*)?$`,
);
const SIGNOFF_RE = new RegExp(`^[\\p{Lu}][\\p{L}\\p{M}'’ .-]{1,40},\\s+${DATE_CORE}$`, "u");
const BREADCRUMB_RE = /^[^>\n]{1,60}(?:\s+[>»›]\s+[^>\n]{1,80})+$/;
const ATTRIBUTION_LINE_RE =
  /^The following (?:is|are) attributable to\b.*:?$|^The following (?:statement|readout|remarks|message|joint statement)\b.{0,200}\b(?:issued|released|attributable|delivered|made)\b.*:$|^.{0,160}\b(?:issued|released) the following (?:statement|readout)\b.*:$/i;
const SUPPRESSION_RE = /^<!--\s*attache-[\w-]+.*-->$/;
/** A Q&A turn label: `Q:`, `A:`, or one to four capitalized words (`Mao Ning:`, `Reuters:`). */
const TURN_RE = /^(Q|A|Question|Answer|[\p{Lu}][\p{L}\p{M}\p{N}&.'’-]*(?:\s+(?:of\s+|the\s+)?[\p{Lu}\d][\p{L}\p{M}\p{N}&.'’-]*){0,6})\s*[:：]\s+(?=\S)/u;

const LINE_BREAK_RE = /\r\n|[\n\r\u2028\u2029\u0085]/g;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  LINE_BREAK_RE.lastIndex = start;
  for (;;) {
    const m = LINE_BREAK_RE.exec(text);
    const end = m ? m.index : text.length;
    lines.push(trimmedLine(text, start, end));
    if (!m) break;
    start = m.index + m[0].length;
  }
  return lines;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 0xa0 ||
    code === 0x200b ||
    code === 0x3000 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x0b ||
    code === 0x0c
  );
}

function trimmedLine(text: string, start: number, end: number): Line {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { offset: start, length: end - start, text: text.slice(start, end) };
}

/** "Press Release No. 312", "SG/SM/21766", "Ref: MFA/2024/17": reference numbers above a headline. */
const REFERENCE_RE =
  /^(?:(?:Press\s+(?:Release|Statement)|Release|Statement|Ref(?:erence)?|Document)\s*(?:No\.?|Number|#)?\s*:?\s*[\w/.-]*\d[\w/.-]*|[A-Z]{1,6}(?:\/[A-Z0-9.-]{1,12}){1,4})$/i;

function classifyLine(line: string): BlockKind | undefined {
  if (SUPPRESSION_RE.test(line)) return "suppression";
  if (line.length <= 60 && REFERENCE_RE.test(line)) return "lede";
  if (FOOTER_RE.test(line)) return "footer";
  if (line.length <= 80 && DATELINE_RE.test(line)) return "dateline";
  if (line.length <= 80 && SIGNOFF_RE.test(line)) return "signoff";
  if (line.length <= 200 && BREADCRUMB_RE.test(line) && !/[.!?]$/.test(line)) return "breadcrumb";
  // Every form of the attribution line says "the following": a plain search rules most lines out.
  if (line.length <= 300 && /the following/i.test(line) && ATTRIBUTION_LINE_RE.test(line)) return "attribution-line";
  return undefined;
}

/** Splits `text` into blocks and sentences. */
export function segment(text: string): Segmentation {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  let headline: Span | undefined;
  let dateline: Span | undefined;

  // The header zone is the run of lines before the first blank line, when it is short.
  // A header zone with nothing after it is no header: the file has no blank-line layout.
  let firstBlank = lines.findIndex((l) => l.length === 0);
  if (firstBlank < 0) firstBlank = lines.length;
  const bodyAfter = lines.slice(firstBlank).some((l) => l.length > 0);
  const headerEnd = firstBlank <= 6 && bodyAfter ? firstBlank : 0;

  const push = (kind: BlockKind, span: Span, label?: TurnLabel): Block => {
    const block: Block = { index: blocks.length, kind, offset: span.offset, length: span.length, sentences: [], label };
    blocks.push(block);
    return block;
  };

  let sawHeadline = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) continue;
    const furniture = classifyLine(line.text);
    if (furniture) {
      const b = push(furniture, line);
      if (furniture === "dateline" && !dateline) dateline = b;
      continue;
    }
    if (!sawHeadline && (i < headerEnd || headerEnd === 0) && !looksLikeBodyParagraph(line.text)) {
      sawHeadline = true;
      headline = push("headline", line);
      continue;
    }
    sawHeadline = true;
    // Header lines are ledes ("The Kremlin, Moscow", a summary before the date); a long
    // sentence-like line after the dateline is already the body of a file without a blank line.
    if (i < headerEnd && !(dateline && line.length > 100 && /[.!?]["”’]?$/.test(line.text))) {
      push("lede", line);
      continue;
    }
    // Body: join hard-wrapped lines (a line that doesn't end a sentence, followed by a
    // line that starts in lower case) into one paragraph.
    let end = line.offset + line.length;
    while (i + 1 < lines.length) {
      const next = lines[i + 1];
      if (next.length === 0 || /[.!?:"”’)\]]$/.test(text.slice(end - 1, end)) || !/^[\p{Ll}(“"‘]/u.test(next.text)) break;
      end = next.offset + next.length;
      i++;
    }
    const paragraphText = text.slice(line.offset, end);
    const turn = TURN_RE.exec(paragraphText);
    let label: TurnLabel | undefined;
    if (turn && turn[1].length <= 60 && isTurnLabel(turn[1])) {
      const role = /^(?:Q|Question|QUESTION)$/.test(turn[1]) ? "question" : /^(?:A|Answer|ANSWER)$/.test(turn[1]) ? "answer" : "named";
      label = { offset: line.offset, length: turn[1].length, text: turn[1], role };
    }
    const block = push(label ? "turn" : "paragraph", { offset: line.offset, length: end - line.offset }, label);
    const bodyStart = label ? line.offset + turn![0].length : line.offset;
    splitSentences(text, bodyStart, end, block, sentences);
  }
  return { blocks, sentences, headline, dateline };
}

function isTurnLabel(label: string): boolean {
  // "Suggest To A Friend" is footer (handled earlier); a label is a name, an outlet or Q/A.
  return !/\b(?:following|attributable|Note|Notes|Editor)\b/.test(label);
}

function looksLikeBodyParagraph(line: string): boolean {
  return line.length > 160 && /[.!?]["”’]?$/.test(line);
}

const ABBREVIATIONS = new Set(
  (
    "Mr Mrs Ms Mx Dr St Jr Sr Gen Lt Col Capt Maj Sgt Adm Cmdr Prof Sen Rep Gov Amb Hon Rev Fr Pres Sec Min Dept Govt No Nos Vol Art Sec " +
    "Inc Ltd Co Corp Bros vs etc al approx Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Fri Sat Sun " +
    "a.m p.m A.M P.M e.g i.e U.S U.K U.N E.U H.E U.S.A D.C P.R.C"
  ).split(" "),
);
/** Words that, after "U.S." or "U.K.", show that a new sentence began. */
const SENTENCE_OPENERS = new Set(
  "He She It They We I The This That These Those In On At During After Before However Meanwhile Both Officials Observers".split(" "),
);

/** Longer sentences are cut (see `emit`); real ones stay far below (the corpus's longest is ~300). */
export const MAX_SENTENCE_LENGTH = 2000;

// A candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space.
const END_RE = /[.!?]+["”’)\]]*(?=[\s\u00a0]|$)/g;

/** Splits `[start, end)` of `text` into sentences and appends them to `out`. */
export function splitSentences(text: string, start: number, end: number, block: Block, out: Sentence[]): void {
  const slice = text.slice(start, end);
  const mutable = block.sentences as Sentence[];
  let sentenceStart = 0;
  END_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  const emit = (from: number, to: number) => {
    while (from < to && isSpace(slice.charCodeAt(from))) from++;
    while (to > from && isSpace(slice.charCodeAt(to - 1))) to--;
    if (to <= from) return;
    // A run-on "sentence" (pasted data, a list, text without full stops) is cut into pieces,
    // at a space where there is one: later stages do per-sentence work that grows faster
    // than the sentence, so this keeps an unpunctuated 50,000-character line linear.
    while (to - from > MAX_SENTENCE_LENGTH) {
      let cut = from + MAX_SENTENCE_LENGTH;
      let space = cut;
      while (space > from + MAX_SENTENCE_LENGTH / 2 && !isSpace(slice.charCodeAt(space - 1))) space--;
      if (space > from + MAX_SENTENCE_LENGTH / 2) cut = space;
      else if (isHighSurrogate(slice.charCodeAt(cut - 1)) || (slice.charCodeAt(cut - 1) === 13 && slice.charCodeAt(cut) === 10)) cut--; // keep a surrogate pair or a CRLF whole
      let pieceEnd = cut;
      while (pieceEnd > from && isSpace(slice.charCodeAt(pieceEnd - 1))) pieceEnd--;
      push(from, pieceEnd);
      from = cut;
      while (from < to && isSpace(slice.charCodeAt(from))) from++;
    }
    push(from, to);
  };
  const push = (from: number, to: number) => {
    if (to <= from) return;
    const s: Sentence = { index: out.length, block: block.index, offset: start + from, length: to - from };
    out.push(s);
    mutable.push(s);
  };
  while ((m = END_RE.exec(slice))) {
    const stop = m.index + m[0].length;
    if (m[0][0] === "." && m[0].length === 1 && isAbbreviation(slice, m.index, stop)) continue;
    emit(sentenceStart, stop);
    sentenceStart = stop;
  }
  emit(sentenceStart, slice.length);
}

/** `/[\p{L}.]/u` on the one UTF-16 unit at `i`, with a char-code test for ASCII. */
function isWordOrDot(slice: string, i: number): boolean {
  const c = slice.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46;
  return /[\p{L}.]/u.test(slice[i]);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

// Sticky regexes that read `slice` where the next word starts, so that no copy of the rest
// of the paragraph is made at each full stop (that was quadratic in the paragraph's length).
const NON_SPACE_RE = /\S/g;
const NEXT_WORD_RE = /[\p{L}]+/uy;
const GOES_ON_RE = /[\p{Ll}\d]/uy;

function isAbbreviation(slice: string, dot: number, after: number): boolean {
  let w = dot;
  while (w > 0 && isWordOrDot(slice, w - 1)) w--;
  const word = slice.slice(w, dot);
  if (word.length === 0) return false;
  // What comes next (after white space, as `trimStart` skips it): a lower-case word or a
  // digit means the sentence goes on.
  NON_SPACE_RE.lastIndex = after;
  const next = NON_SPACE_RE.exec(slice);
  if (!next) return false;
  NEXT_WORD_RE.lastIndex = next.index;
  const nextWord = NEXT_WORD_RE.exec(slice)?.[0] ?? "";
  GOES_ON_RE.lastIndex = next.index;
  if (GOES_ON_RE.test(slice)) return true;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "Antony J. Blinken"
  if (ABBREVIATIONS.has(word)) {
    if (/^(?:U\.S|U\.K|U\.N|E\.U|D\.C|U\.S\.A|P\.R\.C|etc|al)$/.test(word)) return !SENTENCE_OPENERS.has(nextWord);
    return true;
  }
  return false;
}
