// Typed settings with defaults and validation. Settings are read per document (or per
// workspace folder) from the client (`workspace/configuration`, section `attache`), cached
// per resource, and cleared when the client says they changed. Unknown or wrong values fall
// back to defaults with a message naming the setting.
//
// Checklist for a new setting: add it to `Settings` and `DEFAULT_SETTINGS`, validate it in
// `parseSettings`, declare it in package.json `contributes.configuration` with the same
// default and a description, and say in start.ts what a change of it must refresh.

import { RULES } from "../core/lint/registry";
import type { RuleSetting, RuleSettings } from "../core/lint/index";
import { DEFAULT_MAX_LENGTH } from "../core/analyze";

export interface Settings {
  /** Severity per rule code (`attache.rules.<code>`); "off" disables the rule. */
  readonly rules: RuleSettings;
  /** Characters analysed at most per file (`attache.maxFileSize`). */
  readonly maxFileSize: number;
  /** Inlay hints after pronouns and short aliases (`attache.inlayHints.enabled`). */
  readonly inlayHints: boolean;
  /** Globs, relative to the workspace folder, of the release files the workspace index reads. */
  readonly include: readonly string[];
  /** Globs of files and folders the index skips. */
  readonly exclude: readonly string[];
  /** Path of the workspace gazetteer, relative to the workspace folder (JSON or YAML). */
  readonly gazetteer: string;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: Object.fromEntries(RULES.map((r) => [r.code, r.defaultSeverity])) as RuleSettings,
  maxFileSize: DEFAULT_MAX_LENGTH,
  inlayHints: false,
  include: ["**/*.release", "**/*.readout"],
  exclude: ["**/node_modules/**"],
  gazetteer: ".attache/gazetteer.json",
};

const SEVERITIES = new Set<RuleSetting>(["off", "hint", "information", "warning", "error"]);
const KNOWN_KEYS = new Set(["rules", "maxFileSize", "inlayHints", "include", "exclude", "gazetteer", "trace"]);

/** Validates a raw `attache` configuration object; returns settings and problems found. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const o = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KNOWN_KEYS.has(key)) problems.push(`attache.${key}: unknown setting (ignored)`);

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
  if (o.maxFileSize !== undefined && o.maxFileSize !== null) {
    if (typeof o.maxFileSize === "number" && Number.isFinite(o.maxFileSize) && o.maxFileSize >= 1000) maxFileSize = Math.floor(o.maxFileSize);
    else problems.push(`attache.maxFileSize: expected a number ≥ 1000, got ${JSON.stringify(o.maxFileSize)}`);
  }

  let inlayHints = DEFAULT_SETTINGS.inlayHints;
  const ih = o.inlayHints as Record<string, unknown> | undefined;
  if (ih && typeof ih === "object" && "enabled" in ih) {
    if (typeof ih.enabled === "boolean") inlayHints = ih.enabled;
    else problems.push(`attache.inlayHints.enabled: expected true or false`);
  }

  const globs = (key: "include" | "exclude"): readonly string[] => {
    const v = o[key];
    if (v === undefined || v === null) return DEFAULT_SETTINGS[key];
    if (Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() !== "")) return v as string[];
    problems.push(`attache.${key}: expected a list of glob patterns such as "**/*.release"`);
    return DEFAULT_SETTINGS[key];
  };
  const include = globs("include");
  const exclude = globs("exclude");

  let gazetteer = DEFAULT_SETTINGS.gazetteer;
  if (o.gazetteer !== undefined && o.gazetteer !== null) {
    if (typeof o.gazetteer === "string") gazetteer = o.gazetteer.trim();
    else problems.push(`attache.gazetteer: expected a path relative to the workspace folder`);
  }

  return { settings: { rules, maxFileSize, inlayHints, include, exclude, gazetteer }, problems };
}
