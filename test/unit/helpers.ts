// Small helpers for core unit tests: analyse text and look things up by name.

import { Analyzer } from "../../server/src/core/analyze";
import type { Entity, ReleaseAnalysis, Statement } from "../../server/src/core/types";

export function run(
  text: string,
): ReleaseAnalysis & { person(name: string): Entity | undefined; speakerOf(sentenceStart: string): string | null | undefined; codes(): string[] } {
  const a = new Analyzer().analyze(text);
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  return Object.assign(a, {
    person: (name: string) => a.entities.find((e) => e.kind === "person" && e.name === name),
    speakerOf(start: string) {
      const at = text.indexOf(start);
      const s: Statement | undefined = a.statements.find((x) => x.offset === at);
      if (!s) return undefined;
      if (s.speaker === null) return null;
      const e = byId.get(s.speaker)!;
      return e.kind === "group" ? `[${e.members!.map((m) => byId.get(m)!.name).join(", ")}]` : e.name;
    },
    codes: () => a.findings.map((f) => f.code),
  });
}

/** A release with the usual furniture around the given body paragraphs. */
export function release(headline: string, ...paragraphs: string[]): string {
  return `Home > News\n${headline}\n2025-01-15 10:00\n\n${paragraphs.join("\n\n")}\n\nPrint\n`;
}
