// brat standoff export (https://brat.nlplab.org/standoff.html): the `.ann` file that goes
// with the release text saved as `.txt`. Offsets are Unicode code points, as brat counts
// them, not UTF-16 units; a span that crosses a line break is written as fragments.
//
//   T1  Person 120 127           Wang Yi         a mention, typed by its entity's kind
//   A1  MentionKind T1 name                      name | alias | pronoun | title | description
//   N1  Reference T1 attache:e1  Wang Yi         which entity the mention refers to
//   *   Coreference T1 T4 T9                     all mentions of one entity
//   T20 Statement 300 371        Wang Yi …       a statement, with its reporting cue
//   T21 Cue 308 316              conveyed
//   R1  SpokenBy Arg1:T20 Arg2:T1                statement → a mention of its speaker
//   R2  HasCue Arg1:T20 Arg2:T21
//   T30 Finding 900 964          …               a lint finding, with its rule and message
//   A5  Rule T30 unattributed-statement
//   #1  AnnotatorNotes T30       This statement has no speaker …

import type { ReleaseAnalysis, Span } from "../types";

const TYPE = { person: "Person", organization: "Organization", country: "Country", group: "Group" } as const;

/** Maps UTF-16 offsets of `text` to code point offsets. */
export function codePointMapper(text: string): (utf16: number) => number {
  let astral = false;
  for (let i = 0; i < text.length && !astral; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) astral = true;
  }
  if (!astral) return (o) => o;
  const surrogatesBefore = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    surrogatesBefore[i] = n;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) n++;
    surrogatesBefore[i + 1] = n;
  }
  return (o) => o - surrogatesBefore[Math.max(0, Math.min(o, text.length))];
}

/** The `.ann` content for an analysed release (its text is `analysis.text`). */
export function toBrat(a: ReleaseAnalysis): string {
  const cp = codePointMapper(a.text);
  const lines: string[] = [];
  let t = 0;
  let attr = 0;
  let norm = 0;
  let rel = 0;
  let note = 0;
  const textBound = (type: string, s: Span): string => {
    const id = `T${++t}`;
    const frags: string[] = [];
    const texts: string[] = [];
    const re = /[^\r\n]+/g;
    const body = a.text.slice(s.offset, s.offset + s.length);
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const from = s.offset + m.index;
      frags.push(`${cp(from)} ${cp(from + m[0].length)}`);
      texts.push(m[0]);
    }
    if (frags.length === 0) frags.push(`${cp(s.offset)} ${cp(s.offset + s.length)}`);
    lines.push(`${id}\t${type} ${frags.join(";")}\t${texts.join(" ")}`);
    return id;
  };
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const mentionIds = new Map<string, { id: string; offset: number }[]>();
  for (const m of a.mentions) {
    const e = byId.get(m.entity);
    if (!e) continue;
    const id = textBound(TYPE[e.kind], m);
    lines.push(`A${++attr}\tMentionKind ${id} ${m.kind}`);
    lines.push(`N${++norm}\tReference ${id} attache:${e.id}\t${e.name.replace(/[\t\n]/g, " ")}`);
    const list = mentionIds.get(e.id) ?? [];
    list.push({ id, offset: m.offset });
    mentionIds.set(e.id, list);
  }
  for (const list of mentionIds.values()) if (list.length > 1) lines.push(`*\tCoreference ${list.map((x) => x.id).join(" ")}`);
  for (const s of a.statements) {
    const id = textBound("Statement", s);
    if (s.source) lines.push(`A${++attr}\tSource ${id} ${s.source}`);
    if (s.cue) lines.push(`R${++rel}\tHasCue Arg1:${id} Arg2:${textBound("Cue", s.cue)}`);
    if (s.speaker) {
      const ms = mentionIds.get(s.speaker) ?? [];
      // The speaker's mention inside the statement, else its latest mention before it, else its first.
      const inside = ms.find((m) => m.offset >= s.offset && m.offset < s.offset + s.length);
      const before = [...ms].reverse().find((m) => m.offset < s.offset);
      const target = inside ?? before ?? ms[0];
      if (target) lines.push(`R${++rel}\tSpokenBy Arg1:${id} Arg2:${target.id}`);
      else lines.push(`#${++note}\tAnnotatorNotes ${id}\tSpeaker: ${(byId.get(s.speaker)?.name ?? s.speaker).replace(/[\t\r\n]+/g, " ")}`);
    }
  }
  for (const f of a.findings) {
    const id = textBound("Finding", f);
    lines.push(`A${++attr}\tRule ${id} ${f.code}`);
    lines.push(`A${++attr}\tSeverity ${id} ${f.severity}`);
    lines.push(`#${++note}\tAnnotatorNotes ${id}\t${f.message.replace(/[\t\r\n]+/g, " ")}`);
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}

/** A brat `annotation.conf` declaring the types and attributes `toBrat` writes. */
export const BRAT_ANNOTATION_CONF = `[entities]
Person
Organization
Country
Group
Statement
Cue
Finding

[relations]
SpokenBy\tArg1:Statement, Arg2:Person|Organization|Country|Group
HasCue\tArg1:Statement, Arg2:Cue
Coreference\tArg1:Person|Organization|Country|Group, Arg2:Person|Organization|Country|Group, <REL-TYPE>:symmetric-transitive

[events]

[attributes]
MentionKind\tArg:Person|Organization|Country|Group, Value:name|alias|pronoun|title|description
Source\tArg:Statement, Value:cue|pronoun|description|according-to|quote|continuation|turn|group
Rule\tArg:Finding, Value:unattributed-statement|ambiguous-speaker|vague-attribution|file-too-large
Severity\tArg:Finding, Value:error|warning|information|hint
`;
