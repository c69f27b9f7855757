// "Attaché: Export Annotations": asks the server for the active release's analysis as JSON,
// brat standoff and W3C Web Annotation, and writes the files next to the release (or opens
// them as untitled documents when the release is not a file on disk).

import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { ExportAnnotationsRequest, type ExportAnnotationsResult, type ExportFormat } from "../../server/src/lsp/protocol";

const FORMATS: { format: ExportFormat; label: string; detail: string }[] = [
  { format: "json", label: "Analysis JSON", detail: "NAME.analysis.json — the `attache check --format json` contract" },
  { format: "brat", label: "brat standoff", detail: "NAME.ann with the text as NAME.txt" },
  { format: "webannotation", label: "W3C Web Annotation", detail: "NAME.jsonld — JSON-LD with the http://www.w3.org/ns/anno.jsonld context" },
];

export async function exportAnnotations(client: LanguageClient | undefined): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== "diplomatic-release") {
    void vscode.window.showWarningMessage("Attaché: open a release (.release or .readout) to export its annotations.");
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage("Attaché: the language server is not running; use “Attaché: Restart Server”.");
    return;
  }
  const picked = await vscode.window.showQuickPick(
    FORMATS.map((f) => ({ ...f, picked: true })),
    { canPickMany: true, title: "Export annotations as", placeHolder: "Formats to write" },
  );
  if (!picked?.length) return;
  const res = await client.sendRequest<ExportAnnotationsResult>(ExportAnnotationsRequest.method, {
    uri: doc.uri.toString(),
    formats: picked.map((p) => p.format),
  });
  if (doc.uri.scheme !== "file") {
    for (const f of res.files)
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument({
          content: f.content,
          language: f.suffix.endsWith("json") || f.suffix.endsWith("jsonld") ? "json" : "plaintext",
        }),
        { preview: false },
      );
    return;
  }
  const base = doc.uri.path.replace(/\.[^./]+$/, "");
  const targets = res.files.map((f) => ({ uri: doc.uri.with({ path: base + f.suffix }), content: f.content }));
  const existing: vscode.Uri[] = [];
  for (const t of targets) {
    try {
      await vscode.workspace.fs.stat(t.uri);
      if (t.uri.path !== doc.uri.path) existing.push(t.uri);
    } catch {
      // does not exist yet
    }
  }
  if (existing.length) {
    const ok = await vscode.window.showWarningMessage(
      `Overwrite ${existing.map((u) => vscode.workspace.asRelativePath(u)).join(", ")}?`,
      { modal: true },
      "Overwrite",
    );
    if (ok !== "Overwrite") return;
  }
  for (const t of targets) await vscode.workspace.fs.writeFile(t.uri, Buffer.from(t.content, "utf8"));
  const reveal = await vscode.window.showInformationMessage(
    `Attaché exported ${targets.length} file${targets.length === 1 ? "" : "s"} next to ${vscode.workspace.asRelativePath(doc.uri)}.`,
    "Open",
  );
  if (reveal) await vscode.window.showTextDocument(targets[targets.length - 1].uri, { preview: false });
}
