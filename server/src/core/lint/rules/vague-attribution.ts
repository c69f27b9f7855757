import { sentenceFinding, type LintRule } from "../rule";

/** The cue names no one: passive voice or anonymous sources (guidelines §5). */
export const vagueAttribution: LintRule = {
  code: "vague-attribution",
  defaultSeverity: "warning",
  description: "An attribution that names no one: passive voice (“It was noted”) or anonymous sources (“Officials said”).",
  check(ctx) {
    return ctx.issues
      .filter((i) => i.kind === "vague")
      .map((i) => {
        const subject = i.subject ? `“${ctx.text.slice(i.subject.offset, i.subject.offset + i.subject.length)}”` : "This attribution";
        return sentenceFinding(ctx, i, this, `${subject} names no one: say who said it, or attribute it to a named source.`);
      });
  },
};
