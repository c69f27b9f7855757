// The shape of a lint rule. Each rule lives in its own file under `rules/` and is listed in
// `registry.ts`; its `code` is the diagnostic code and the key of its severity setting.

import type { StatementIssue } from "../attribute";
import type { Finding, RuleCode, Sentence, Severity } from "../types";

export interface LintContext {
  readonly text: string;
  readonly sentences: readonly Sentence[];
  readonly issues: readonly StatementIssue[];
  /** Display name of an entity id. */
  readonly nameOf: (id: string) => string;
}

export interface LintRule {
  readonly code: RuleCode;
  readonly defaultSeverity: Severity;
  /** One line for the settings UI and the docs. */
  readonly description: string;
  readonly check: (ctx: LintContext) => Finding[];
}

/** A finding covering the whole sentence of an issue. */
export function sentenceFinding(ctx: LintContext, issue: StatementIssue, rule: LintRule, message: string): Finding {
  const s = ctx.sentences[issue.sentence];
  return {
    code: rule.code,
    severity: rule.defaultSeverity,
    message,
    offset: s.offset,
    length: s.length,
    sentence: s.index,
    ...(issue.candidates ? { candidates: issue.candidates } : {}),
    ...(issue.subject ? { subject: issue.subject } : {}),
  };
}
