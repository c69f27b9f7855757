import { sentenceFinding, type LintRule } from "../rule";

/** A position or claim with no cue and no speaker carried over (guidelines §5). */
export const unattributedStatement: LintRule = {
  code: "unattributed-statement",
  defaultSeverity: "warning",
  description: "A statement of position with no speaker: no reporting cue and nothing carried over from earlier in the paragraph.",
  check(ctx) {
    return ctx.issues
      .filter((i) => i.kind === "unattributed")
      .map((i) => sentenceFinding(ctx, i, this, "This statement has no speaker: say who holds this position (for example “X said that …”)."));
  },
};
