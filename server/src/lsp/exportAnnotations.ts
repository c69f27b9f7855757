// "Attaché: Export Annotations": the open release's analysis as the JSON contract
// (docs/analysis-json.md), brat standoff (.ann with the text as .txt) and W3C Web Annotation
// JSON-LD. The server returns the contents; the client decides where to write them.

import type { TextDocument } from "vscode-languageserver-textdocument";
import { toBrat } from "../core/export/brat";
import { fileToJson, TOOL } from "../core/export/json";
import { toWebAnnotation } from "../core/export/webAnnotation";
import type { ReleaseAnalysis } from "../core/types";
import type { ExportedFile, ExportFormat } from "./protocol";
import { fsPathOf } from "./workspaceIndex";

export function exportAnnotations(doc: TextDocument, a: ReleaseAnalysis, formats: readonly ExportFormat[] = ["json", "brat", "webannotation"]): ExportedFile[] {
  const out: ExportedFile[] = [];
  const path = fsPathOf(doc.uri) ?? doc.uri;
  for (const format of formats) {
    if (format === "json")
      out.push({ format, suffix: ".analysis.json", content: JSON.stringify({ tool: TOOL, files: [fileToJson(path, a)] }, null, 2) + "\n" });
    else if (format === "brat") {
      out.push({ format: "text", suffix: ".txt", content: a.text });
      out.push({ format, suffix: ".ann", content: toBrat(a) });
    } else if (format === "webannotation")
      out.push({ format, suffix: ".jsonld", content: JSON.stringify(toWebAnnotation(a, { source: doc.uri, generator: TOOL }), null, 2) + "\n" });
  }
  return out;
}
