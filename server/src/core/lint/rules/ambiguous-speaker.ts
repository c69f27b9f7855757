import { sentenceFinding, type LintRule } from "../rule";

/** The cue's subject could be two or more people equally (guidelines §5). */
export const ambiguousSpeaker: LintRule = {
  code: "ambiguous-speaker",
  defaultSeverity: "warning",
  description: "A pronoun or description that could refer to two or more people equally.",
  check(ctx) {
    return ctx.issues
      .filter((i) => i.kind === "ambiguous")
      .map((i) => {
        const names = (i.candidates ?? []).map(ctx.nameOf);
        const who = names.length ? ` It could be ${names.slice(0, -1).join(", ")}${names.length > 1 ? " or " : ""}${names[names.length - 1]}.` : "";
        const subject = i.subject ? `“${ctx.text.slice(i.subject.offset, i.subject.offset + i.subject.length)}”` : "The speaker";
        return sentenceFinding(ctx, i, this, `${subject} is ambiguous: name the speaker.${who}`);
      });
  },
};
