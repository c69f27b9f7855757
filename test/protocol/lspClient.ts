// A small LSP client for protocol tests: starts the bundled server (dist/server.js) over
// stdio and talks to it as an editor would. Waiting is done on messages, never on sleeps.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
  type ClientCapabilities,
} from "vscode-languageserver-protocol/node";
import { StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SERVER = path.join(ROOT, "dist", "server.js");
/** The example releases the protocol tests open. */
export const SEED = readFileSync(path.join(ROOT, "examples", "seed-putin-meets-wang-yi.release"), "utf8");
export const FLAGGED = readFileSync(path.join(ROOT, "examples", "flagged-talks.release"), "utf8");

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly initializeResult: InitializeResult;
  readonly stderr: () => string;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  close(uri: string): void;
  /** Resolves with the next diagnostics for `uri` that satisfy `predicate`. */
  diagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Settings the server receives through workspace/configuration. */
  settings: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startClient(
  options: { args?: string[]; capabilities?: ClientCapabilities; settings?: Record<string, unknown>; command?: string[] } = {},
): Promise<TestClient> {
  const cmd = options.command ?? [process.execPath, SERVER, "--stdio", ...(options.args ?? [])];
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const client: TestClient = {
    connection,
    process: child,
    initializeResult: undefined as unknown as InitializeResult,
    stderr: () => stderr,
    settings: options.settings ?? {},
    open(uri, text, languageId = "diplomatic-release", version = 1) {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    diagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      const have = latest.get(uri);
      if (have && predicate(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiters.push({
          uri,
          predicate,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        void connection.sendNotification(ExitNotification.type);
      } catch {
        // the server may already be gone
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 3000);
        child.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
      connection.dispose();
    },
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    latest.set(p.uri, p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && w.predicate(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === "attache" ? client.settings : null)));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/semanticTokens/refresh", () => null);
  connection.onRequest("workspace/inlayHint/refresh", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.listen();
  const capabilities: ClientCapabilities = options.capabilities ?? {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, semanticTokens: { refreshSupport: true } },
    textDocument: {
      hover: { contentFormat: ["markdown", "plaintext"] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      publishDiagnostics: { versionSupport: true },
      semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ["relative"] },
    },
    window: { workDoneProgress: true },
  };
  const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
  (client as { initializeResult: InitializeResult }).initializeResult = result;
  void connection.sendNotification(InitializedNotification.type, {});
  return client;
}

/** Text with a `$$` cursor marker → the text without it, and the marker's position. */
export function withCursor(marked: string): { text: string; offset: number; position: { line: number; character: number } } {
  const offset = marked.indexOf("$$");
  if (offset < 0) throw new Error("no $$ cursor marker");
  const text = marked.slice(0, offset) + marked.slice(offset + 2);
  const before = text.slice(0, offset).split("\n");
  return { text, offset, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
