// Stage 5 — lint: runs every registered rule, applies per-rule severities ("off" drops the
// rule) and the inline suppression comments documented in README.md.

import type { Finding, RuleCode, Severity } from "../types";
import type { LintContext } from "./rule";
import { RULES } from "./registry";
import { suppressions } from "./suppressions";

export type RuleSetting = Severity | "off";
export type RuleSettings = Partial<Record<RuleCode, RuleSetting>>;

export function lint(ctx: LintContext, settings: RuleSettings = {}): Finding[] {
  const suppress = suppressions(ctx.text);
  const out: Finding[] = [];
  for (const rule of RULES) {
    const setting = settings[rule.code] ?? rule.defaultSeverity;
    if (setting === "off") continue;
    for (const f of rule.check(ctx)) {
      if (suppress.isSuppressed(rule.code, f.offset)) continue;
      out.push(setting === f.severity ? f : { ...f, severity: setting });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

export { RULES };
