// W3C Web Annotation export (https://www.w3.org/TR/annotation-model/), JSON-LD with the
// standard context: an AnnotationCollection whose one page holds
//   - one "identifying" annotation per mention (body: the entity's name and kind),
//   - one "describing" annotation per statement (body: its speaker and reporting cue),
//   - one "assessing" annotation per lint finding (body: the message and the rule code).
// Targets use a TextPositionSelector (code points, as the model counts characters) and a
// TextQuoteSelector with a little context, so the annotations survive small edits.

import type { Entity, ReleaseAnalysis, Span } from "../types";
import { codePointMapper } from "./brat";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

export interface WebAnnotationOptions {
  /** IRI of the annotated release (its file URI). */
  readonly source: string;
  readonly generator?: { readonly name: string; readonly version: string };
}

const CONTEXT_CHARS = 32;

export function toWebAnnotation(a: ReleaseAnalysis, options: WebAnnotationOptions): Record<string, unknown> {
  const cp = codePointMapper(a.text);
  const { source } = options;
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const entityIri = (e: Entity) => `${source}#entity-${e.id}`;
  const target = (s: Span) => ({
    source,
    selector: [
      { type: "TextPositionSelector", start: cp(s.offset), end: cp(s.offset + s.length) },
      {
        type: "TextQuoteSelector",
        exact: a.text.slice(s.offset, s.offset + s.length),
        prefix: a.text.slice(Math.max(0, s.offset - CONTEXT_CHARS), s.offset),
        suffix: a.text.slice(s.offset + s.length, s.offset + s.length + CONTEXT_CHARS),
      },
    ],
  });
  const entityBody = (e: Entity, purpose: string) => ({
    type: "SpecificResource",
    purpose,
    source: { id: entityIri(e), label: e.name },
  });
  const items: Record<string, unknown>[] = [];
  a.mentions.forEach((m, i) => {
    const e = byId.get(m.entity);
    if (!e) return;
    items.push({
      id: `${source}#mention-${i + 1}`,
      type: "Annotation",
      motivation: "identifying",
      body: [
        entityBody(e, "identifying"),
        { type: "TextualBody", purpose: "tagging", value: e.kind },
        { type: "TextualBody", purpose: "classifying", value: m.kind },
      ],
      target: target(m),
    });
  });
  a.statements.forEach((s, i) => {
    const e = s.speaker ? byId.get(s.speaker) : undefined;
    const body: Record<string, unknown>[] = [
      { type: "TextualBody", purpose: "describing", value: e ? `Statement by ${e.name}` : "Statement with no named speaker" },
    ];
    if (e) body.push(entityBody(e, "identifying"));
    if (s.cue) body.push({ type: "TextualBody", purpose: "tagging", value: `cue:${s.cue.text}` });
    if (s.source) body.push({ type: "TextualBody", purpose: "classifying", value: `source:${s.source}` });
    items.push({ id: `${source}#statement-${i + 1}`, type: "Annotation", motivation: "describing", body, target: target(s) });
  });
  a.findings.forEach((f, i) => {
    items.push({
      id: `${source}#finding-${i + 1}`,
      type: "Annotation",
      motivation: "assessing",
      body: [
        { type: "TextualBody", purpose: "assessing", value: f.message, format: "text/plain", language: "en" },
        { type: "TextualBody", purpose: "tagging", value: f.code },
        { type: "TextualBody", purpose: "classifying", value: `severity:${f.severity}` },
      ],
      target: target(f),
    });
  });
  const generator = options.generator ?? { name: "attache", version: "0.1.0" };
  return {
    "@context": ANNO_CONTEXT,
    id: `${source}#attache-annotations`,
    type: "AnnotationCollection",
    label: `Attaché analysis of ${decodeURIComponent(source.slice(source.lastIndexOf("/") + 1))}`,
    generator: { id: "https://github.com/attache-tools/attache", type: "Software", name: `${generator.name} ${generator.version}` },
    total: items.length,
    first: { id: `${source}#attache-annotations-page-1`, type: "AnnotationPage", startIndex: 0, items },
  };
}
