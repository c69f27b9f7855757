// Typed settings with defaults and validation. Settings are read per document from the
// client (`workspace/configuration`), cached per resource, and cleared when the client
// says they changed. Unknown or wrong values fall back to defaults with a message.

import { RULES } from "../core/lint/registry";
import type { RuleSetting, RuleSettings } from "../core/lint/index";
import { DEFAULT_MAX_LENGTH } from "../core/analyze";

export interface Settings {
  readonly rules: RuleSettings;
  readonly maxFileSize: number;
  readonly inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: Object.fromEntries(RULES.map((r) => [r.code, r.defaultSeverity])) as RuleSettings,
  maxFileSize: DEFAULT_MAX_LENGTH,
  inlayHints: false,
};

const SEVERITIES = new Set<RuleSetting>(["off", "hint", "information", "warning", "error"]);

/** Validates a raw `attache` configuration object; returns settings and problems found. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = { ...(DEFAULT_SETTINGS.rules as Record<string, RuleSetting>) };
  const rawRules = (o.rules && typeof o.rules === "object" ? o.rules : {}) as Record<string, unknown>;
  for (const [code, value] of Object.entries(rawRules)) {
    if (!RULES.some((r) => r.code === code)) {
      problems.push(`attache.rules: unknown rule "${code}" (known: ${RULES.map((r) => r.code).join(", ")})`);
      continue;
    }
    if (typeof value !== "string" || !SEVERITIES.has(value as RuleSetting)) {
      problems.push(`attache.rules.${code}: "${String(value)}" is not one of off, hint, information, warning, error`);
      continue;
    }
    rules[code] = value as RuleSetting;
  }
  let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  if (o.maxFileSize !== undefined) {
    if (typeof o.maxFileSize === "number" && Number.isFinite(o.maxFileSize) && o.maxFileSize >= 1000) maxFileSize = Math.floor(o.maxFileSize);
    else problems.push(`attache.maxFileSize: expected a number ≥ 1000, got ${JSON.stringify(o.maxFileSize)}`);
  }
  let inlayHints = DEFAULT_SETTINGS.inlayHints;
  const ih = o.inlayHints as Record<string, unknown> | undefined;
  if (ih && typeof ih === "object" && "enabled" in ih) {
    if (typeof ih.enabled === "boolean") inlayHints = ih.enabled;
    else problems.push(`attache.inlayHints.enabled: expected true or false`);
  }
  return { settings: { rules, maxFileSize, inlayHints }, problems };
}
