// SARIF 2.1.0 output for `attache check --format sarif` (code-scanning dashboards).

import { RULES } from "../lint/registry";
import type { FileJson } from "./json";
import { TOOL } from "./json";

interface Diag {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const LEVEL: Record<string, string> = { error: "error", warning: "warning", information: "note", hint: "note" };

export function toSarif(files: readonly FileJson[]): object {
  const results = [];
  for (const f of files) {
    for (const d of (f.diagnostics ?? []) as Diag[]) {
      results.push({
        ruleId: d.code,
        level: LEVEL[d.severity] ?? "warning",
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: f.path.split("\\").join("/") },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  const notifications = files
    .filter((f) => f.error)
    .map((f) => ({ level: "error", message: { text: `${f.path}: ${f.error}` }, locations: [{ physicalLocation: { artifactLocation: { uri: f.path } } }] }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            informationUri: "https://github.com/attache-tools/attache",
            rules: RULES.map((r) => ({ id: r.code, shortDescription: { text: r.description }, defaultConfiguration: { level: LEVEL[r.defaultSeverity] } })),
          },
        },
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
}
