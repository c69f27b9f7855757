// Helpers for the editor-feature protocol tests (editor-*.test.ts): positions by needle,
// applying workspace edits, waiting for notifications, and a client with a workspace folder.

import assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  DidChangeConfigurationNotification,
  type Registration,
  type RegistrationParams,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { pathToFileURL } from "node:url";
import { startClient, type TestClient } from "./lspClient";
import { IndexChangedNotification, type IndexChangedParams } from "../../server/src/lsp/protocol";

/** Position of the `nth` occurrence of `needle`, moved `delta` characters into it. */
export function positionOf(text: string, needle: string, nth = 0, delta = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} (#${nth}) not in text`);
  }
  const before = text.slice(0, at + delta).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function rangeOf(text: string, needle: string, nth = 0) {
  return { start: positionOf(text, needle, nth), end: positionOf(text, needle, nth, needle.length) };
}

/** The text covered by a range. */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const doc = TextDocument.create("file:///x", "x", 0, text);
  return doc.getText(range);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "x", 0, text), [...edits]);
}

export function editsFor(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}

/** Resolves with the first notification `method` whose params satisfy `predicate`. Register before triggering. */
export function nextNotification<T>(client: TestClient, method: string, predicate: (p: T) => boolean = () => true, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${method} within ${timeoutMs} ms; stderr: ${client.stderr()}`));
    }, timeoutMs);
    const sub = client.connection.onNotification(method, (p: T) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(p);
    });
  });
}

/** Changes the settings the client returns and tells the server, as VS Code does. */
export function changeSettings(client: TestClient, settings: Record<string, unknown>): void {
  client.settings = settings;
  void client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { attache: settings } });
}

/** A client whose workspace is `folder`; resolves once the first indexing has finished. */
export async function startWorkspaceClient(
  folder: string,
  settings: Record<string, unknown> = {},
  minFiles = 0,
): Promise<{ client: TestClient; folderUri: string; indexed: IndexChangedParams; registrations: Registration[] }> {
  const folderUri = pathToFileURL(folder).href;
  const client = await startClient({
    settings,
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        semanticTokens: { refreshSupport: true },
        inlayHint: { refreshSupport: true },
      },
      textDocument: { publishDiagnostics: { versionSupport: true }, rename: { prepareSupport: true } },
      window: { workDoneProgress: true },
    },
  });
  client.connection.onRequest("workspace/workspaceFolders", () => [{ uri: folderUri, name: "ws" }]);
  const registrations: Registration[] = [];
  client.connection.onRequest("client/registerCapability", (p: RegistrationParams) => (registrations.push(...p.registrations), null));
  const indexed = await nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => !p.indexing && p.files >= minFiles);
  return { client, folderUri, indexed, registrations };
}
