// The extension manifest stays in step with the code: rule settings with the rule registry,
// semantic token types with the server's legend, packaged files with what exists.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { RULES } from "../../server/src/core/lint/registry";
import { LEGEND } from "../../server/src/lsp/semanticTokens";
import { parseSettings } from "../../server/src/lsp/settings";

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const props: Record<string, { enum?: string[]; default?: unknown }> = pkg.contributes.configuration.properties ?? {};

describe("package.json manifest", () => {
  it("declares one severity setting per registered lint rule, and no other", () => {
    const declared = Object.keys(props)
      .filter((k) => k.startsWith("attache.rules."))
      .sort();
    assert.deepEqual(declared, RULES.map((r) => `attache.rules.${r.code}`).sort());
    for (const r of RULES) {
      const p = props[`attache.rules.${r.code}`];
      assert.deepEqual(p.enum, ["off", "hint", "information", "warning", "error"]);
      assert.equal(p.default, r.defaultSeverity);
    }
  });

  it("settings parsing accepts every declared severity and rejects unknown rules with a message", () => {
    const { settings, problems } = parseSettings({ rules: { "vague-attribution": "off", "made-up-rule": "error", "ambiguous-speaker": 7 } });
    assert.equal(settings.rules["vague-attribution"], "off");
    assert.equal(settings.rules["ambiguous-speaker"], "warning");
    assert.ok(problems.some((p) => p.includes("made-up-rule")));
    assert.ok(problems.some((p) => p.includes("ambiguous-speaker")));
  });

  it("declares the server's semantic token types, each with a fallback scope", () => {
    const declared = pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
    assert.deepEqual(declared, LEGEND.tokenTypes);
    const scopes = pkg.contributes.semanticTokenScopes[0].scopes;
    for (const t of LEGEND.tokenTypes) assert.ok(scopes[t]?.length >= 2, `no fallback scopes for ${t}`);
  });

  it("activates on the language, and packages only files that exist", () => {
    assert.ok(pkg.activationEvents.includes("onLanguage:diplomatic-release"));
    const shipped = readFileSync(path.join(ROOT, ".vscodeignore"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("!") && !l.startsWith("!dist/"))
      .map((l) => l.slice(1));
    for (const f of shipped) assert.ok(existsSync(path.join(ROOT, f)), `.vscodeignore ships ${f}, which does not exist`);
    assert.equal(pkg.engines.vscode, `^${pkg.devDependencies["@types/vscode"]}`);
  });
});
