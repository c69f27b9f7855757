// Every lint rule, in one list. The rule code is the diagnostic code and the settings key
// (`attache.rules.<code>`); a test keeps package.json's settings in step with this list.

import type { LintRule } from "./rule";
import { ambiguousSpeaker } from "./rules/ambiguous-speaker";
import { unattributedStatement } from "./rules/unattributed-statement";
import { vagueAttribution } from "./rules/vague-attribution";

export const RULES: readonly LintRule[] = [unattributedStatement, ambiguousSpeaker, vagueAttribution];

export const RULE_CODES = RULES.map((r) => r.code);
