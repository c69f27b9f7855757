// Quick fixes for every lint finding under the cursor or selection:
//   ambiguous-speaker       replace the pronoun or description with each candidate's name;
//   unattributed-statement  insert an attribution, "NAME said that …" or "…, NAME said.",
//                           for the people of the release (those who speak most first);
//   vague-attribution       name a speaker instead of "It was noted" / "Officials said";
//   every rule              "Disable RULE for this line" / "for this file" through the inline
//                           suppression comments (core/lint/suppressions.ts):
//                             <!-- attache-disable-next-line RULE -->  (own line, above)
//                             <!-- attache-disable-line RULE -->       (at the end of a line)
//                             <!-- attache-disable RULE -->            (top of the file)

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Entity, Finding, ReleaseAnalysis, Span } from "../core/types";
import { toDiagnostic, toRange } from "./convert";

const MAX_PEOPLE = 6;

export function provideCodeActions(doc: TextDocument, a: ReleaseAnalysis, range: Range, only?: readonly string[]): CodeAction[] {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + ".") || k === "")) return [];
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const findings = a.findings.filter((f) => f.code !== "file-too-large" && f.offset <= to && f.offset + f.length >= from);
  const out: CodeAction[] = [];
  for (const f of findings) {
    const diagnostic = toDiagnostic(doc, f);
    if (f.code === "ambiguous-speaker") out.push(...replaceAmbiguous(doc, a, f, diagnostic));
    else if (f.code === "unattributed-statement") out.push(...insertAttribution(doc, a, f, diagnostic));
    else if (f.code === "vague-attribution") out.push(...nameVagueSource(doc, a, f, diagnostic));
  }
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(`${f.code}@${doc.positionAt(f.offset).line}`)) continue;
    seen.add(`${f.code}@${doc.positionAt(f.offset).line}`);
    out.push(...suppress(doc, f, toDiagnostic(doc, f)));
  }
  return out;
}

const fix = (title: string, doc: TextDocument, edits: TextEdit[], diagnostic: Diagnostic, isPreferred = false): CodeAction => ({
  title,
  kind: CodeActionKind.QuickFix,
  diagnostics: [diagnostic],
  edit: { changes: { [doc.uri]: edits } },
  ...(isPreferred ? { isPreferred } : {}),
});

const textOf = (a: ReleaseAnalysis, s: Span) => a.text.slice(s.offset, s.offset + s.length);

function replaceAmbiguous(doc: TextDocument, a: ReleaseAnalysis, f: Finding, d: Diagnostic): CodeAction[] {
  if (!f.subject || !f.candidates?.length) return [];
  const subject = textOf(a, f.subject);
  return f.candidates
    .map((id) => a.entities.find((e) => e.id === id))
    .filter((e): e is Entity => !!e)
    .map((e) => fix(`Replace “${subject}” with “${e.name}”`, doc, [{ range: toRange(doc, f.subject!), newText: e.name }], d));
}

/** People of the release, those who speak most first, then in order of appearance. */
function peopleOf(a: ReleaseAnalysis): Entity[] {
  const spoken = new Map<string, number>();
  for (const s of a.statements) if (s.speaker) spoken.set(s.speaker, (spoken.get(s.speaker) ?? 0) + 1);
  const first = (id: string) => a.mentions.find((m) => m.entity === id)?.offset ?? Infinity;
  return a.entities
    .filter((e) => e.kind === "person")
    .sort((x, y) => (spoken.get(y.id) ?? 0) - (spoken.get(x.id) ?? 0) || first(x.id) - first(y.id))
    .slice(0, MAX_PEOPLE);
}

function insertAttribution(doc: TextDocument, a: ReleaseAnalysis, f: Finding, d: Diagnostic): CodeAction[] {
  const sentence = textOf(a, f).replace(/\s+$/, "");
  const firstWord = /^[\p{L}\p{N}'’-]+/u.exec(sentence)?.[0] ?? "";
  const properStart = a.mentions.some((m) => m.offset === f.offset) || /^(?:I|[\p{Lu}\d]{2,}.*|\p{Lu}\p{Ll}*\p{Lu}.*)$/u.test(firstWord);
  const lowered = properStart || !firstWord ? firstWord : firstWord[0].toLowerCase() + firstWord.slice(1);
  const end = /([.!?])([”"’']?)$/.exec(sentence);
  const out: CodeAction[] = [];
  for (const p of peopleOf(a)) {
    out.push(
      fix(
        `Attribute to ${p.name}: “${p.name} said that …”`,
        doc,
        [{ range: toRange(doc, { offset: f.offset, length: firstWord.length }), newText: `${p.name} said that ${lowered}` }],
        d,
      ),
    );
    if (end && end[1] === ".") {
      const at = f.offset + sentence.length - end[0].length;
      out.push(
        fix(
          `Attribute to ${p.name}: “…, ${p.name} said.”`,
          doc,
          [{ range: toRange(doc, { offset: at, length: end[0].length }), newText: `,${end[2]} ${p.name} said.` }],
          d,
        ),
      );
    }
  }
  return out;
}

const PRESENT_VERBS = new Set([
  "say",
  "believe",
  "think",
  "argue",
  "claim",
  "suggest",
  "note",
  "hope",
  "expect",
  "warn",
  "feel",
  "insist",
  "maintain",
  "contend",
  "report",
  "indicate",
  "stress",
  "consider",
  "estimate",
  "fear",
  "agree",
  "add",
  "point",
  "see",
  "view",
  "emphasize",
  "state",
  "tell",
  "urge",
  "allege",
  "assert",
  "predict",
]);

function thirdPerson(verb: string): string {
  if (verb === "say") return "says";
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + "ies";
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return verb + "es";
  return verb + "s";
}

function nameVagueSource(doc: TextDocument, a: ReleaseAnalysis, f: Finding, d: Diagnostic): CodeAction[] {
  if (!f.subject) return [];
  const subject = textOf(a, f.subject);
  const passive = /^(?:it|this)\s+(?:was|is|has been|had been|were|are)\s+(.+)$/i.exec(subject);
  const after = /^(\s+)(\p{Ll}+)\b/u.exec(a.text.slice(f.subject.offset + f.subject.length, f.subject.offset + f.subject.length + 40));
  const verb = !passive && after && PRESENT_VERBS.has(after[2]) ? after : undefined;
  const span: Span = verb ? { offset: f.subject.offset, length: f.subject.length + verb[0].length } : f.subject;
  return peopleOf(a).map((p) => {
    const newText = passive ? `${p.name} ${passive[1]}` : verb ? `${p.name}${verb[1]}${thirdPerson(verb[2])}` : p.name;
    return fix(`Attribute to ${p.name}: “${newText} …”`, doc, [{ range: toRange(doc, span), newText }], d);
  });
}

function suppress(doc: TextDocument, f: Finding, d: Diagnostic): CodeAction[] {
  const line = doc.positionAt(f.offset).line;
  const lineText = (n: number) => doc.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, "");
  // A comment on its own line is only safe where a block starts (first line or after a blank
  // line): inside a hard-wrapped paragraph it would split it, so it goes at the line's end.
  const startsBlock = line === 0 || lineText(line - 1).trim() === "";
  const edit: TextEdit = startsBlock
    ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `<!-- attache-disable-next-line ${f.code} -->\n` }
    : {
        range: { start: { line, character: lineText(line).length }, end: { line, character: lineText(line).length } },
        newText: ` <!-- attache-disable-line ${f.code} -->`,
      };
  return [
    fix(`Disable ${f.code} for this line`, doc, [edit], d),
    fix(
      `Disable ${f.code} for this file`,
      doc,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `<!-- attache-disable ${f.code} -->\n` }],
      d,
    ),
  ];
}
