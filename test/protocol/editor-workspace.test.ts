// The workspace index through the real server: background indexing with progress,
// workspace symbols across releases, the Speakers request, include/exclude globs and
// updates on file create/change/delete (workspace/didChangeWatchedFiles).

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { DidChangeWatchedFilesNotification, FileChangeType, WorkspaceSymbolRequest, type SymbolInformation } from "vscode-languageserver-protocol/node";
import { SEED, FLAGGED, type TestClient } from "./lspClient";
import { nextNotification, startWorkspaceClient } from "./editorHelpers";
import {
  IndexChangedNotification,
  SpeakersRequest,
  SpeakerStatementsRequest,
  type IndexChangedParams,
  type SpeakersResult,
  type SpeakerStatementsResult,
} from "../../server/src/lsp/protocol";

const SECOND_WANG =
  "Home > News\nWang Yi Meets with Foreign Minister Amara Okafor\n2025-05-01\n\nOn May 1, 2025, Wang Yi met with Foreign Minister Amara Okafor in Beijing.\n\nWang Yi said that China values its friendship with Nigeria.\n";

describe("workspace index", () => {
  let dir: string;
  let client: TestClient;
  const progress: { kind: string; message?: string; percentage?: number }[] = [];
  const uriOf = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
  const statementsOf = (name: string) => client.connection.sendRequest<SpeakerStatementsResult>(SpeakerStatementsRequest.method, { name });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "attache-ws-"));
    mkdirSync(path.join(dir, "2023"));
    mkdirSync(path.join(dir, "node_modules", "pkg"), { recursive: true });
    writeFileSync(path.join(dir, "2023", "seed.release"), SEED);
    writeFileSync(path.join(dir, "okafor.readout"), SECOND_WANG);
    writeFileSync(path.join(dir, "flagged.release"), FLAGGED);
    writeFileSync(path.join(dir, "notes.txt"), SEED);
    writeFileSync(path.join(dir, "node_modules", "pkg", "vendored.release"), SEED);
    const started = startWorkspaceClient(dir, {}, 3);
    ({ client } = await started);
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("indexes the three release files, not .txt files or node_modules", async () => {
    const s = await client.connection.sendRequest<SpeakersResult>(SpeakersRequest.method, {});
    assert.equal(s.files, 3);
    assert.equal(s.indexing, false);
    const files = new Set<string>();
    for (const sp of s.speakers) for (const f of (await statementsOf(sp.name)).files) files.add(f.uri);
    assert.deepEqual([...files].map((u) => path.relative(dir, fileURLToPath(u))).sort(), ["2023/seed.release", "flagged.release", "okafor.readout"]);
  });

  it("workspace symbols: “wang” finds Wang Yi in two files, at his introduction", async () => {
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "wang" })) as SymbolInformation[];
    const wang = symbols.filter((s) => s.name === "Wang Yi");
    assert.equal(wang.length, 2);
    assert.deepEqual(wang.map((s) => path.basename(s.location.uri)).sort(), ["okafor.readout", "seed.release"]);
    const seed = wang.find((s) => s.location.uri.endsWith("seed.release"))!;
    assert.deepEqual(seed.location.range.start, { line: 4, character: SEED.split("\n")[4].indexOf("Wang Yi") });
    assert.equal(seed.containerName, "Russian President Vladimir Putin Meets with Wang Yi");
    const orgs = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "brics" })) as SymbolInformation[];
    assert.deepEqual(
      orgs.map((s) => s.name),
      ["BRICS"],
    );
  });

  it("the Speakers requests list people, then their files and statement positions", async () => {
    const s = await client.connection.sendRequest<SpeakersResult>(SpeakersRequest.method, {});
    const wang = s.speakers.find((sp) => sp.name === "Wang Yi")!;
    assert.equal(wang.fileCount, 2);
    const files = (await statementsOf("Wang Yi")).files;
    assert.equal(files.length, 2);
    assert.equal(wang.statementCount, 12); // 10 of his own and 1 with “the two sides” in the seed, 1 in the other
    assert.equal(
      files.reduce((n, f) => n + f.statements.length, 0),
      12,
    );
    const inSeed = files.find((f) => f.uri.endsWith("seed.release"))!;
    assert.equal(inSeed.title, "Russian President Vladimir Putin Meets with Wang Yi");
    const own = inSeed.statements.filter((st) => !st.viaGroup);
    assert.equal(own.length, 10);
    const lines = SEED.split("\n");
    assert.deepEqual(own[0].range.start, { line: 6, character: 0 });
    assert.match(own[0].text, /^Wang Yi conveyed to Putin the warm greetings/);
    assert.ok(inSeed.statements.some((st) => st.viaGroup && lines[st.range.start.line].slice(st.range.start.character).startsWith("The two sides")));
    assert.deepEqual(
      (await statementsOf("Amara Okafor")).files.map((f) => path.basename(f.uri)),
      ["flagged.release"],
    );
    assert.equal(s.speakers.find((sp) => sp.name === "Amara Okafor")!.fileCount, 1);
    assert.equal(s.speakers[0].name, "Wang Yi", "most statements first");
  });

  it("reports progress while indexing a folder (begin, report, end)", async () => {
    const sub = client.connection.onNotification("$/progress", (p: { value: { kind: string; message?: string; percentage?: number } }) =>
      progress.push(p.value),
    );
    // Adding a second folder re-scans the workspace with progress.
    const other = mkdtempSync(path.join(os.tmpdir(), "attache-ws2-"));
    for (let i = 0; i < 12; i++) writeFileSync(path.join(other, `r${i}.release`), SECOND_WANG.replace("May 1", `May ${i + 2}`));
    const done = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => !p.indexing && p.files === 15);
    client.connection.onRequest("workspace/workspaceFolders", () => [
      { uri: pathToFileURL(dir).href, name: "ws" },
      { uri: pathToFileURL(other).href, name: "other" },
    ]);
    void client.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: { added: [{ uri: pathToFileURL(other).href, name: "other" }], removed: [] },
    });
    await done;
    sub.dispose();
    assert.equal(progress[0].kind, "begin");
    assert.equal(progress[progress.length - 1].kind, "end");
    assert.ok(
      progress.some((p) => p.kind === "report" && p.message === "15/15" && p.percentage === 100),
      JSON.stringify(progress),
    );
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "Wang Yi" })) as SymbolInformation[];
    assert.equal(symbols.length, 14);
    const removed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => !p.indexing && p.files === 3);
    void client.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: { added: [], removed: [{ uri: pathToFileURL(other).href, name: "other" }] },
    });
    await removed;
    rmSync(other, { recursive: true, force: true });
  });

  it("keeps the index current on create, change and delete", async () => {
    const file = path.join(dir, "new.release");
    writeFileSync(file, SECOND_WANG.replace(/Wang Yi/g, "Li Qiang"));
    let changed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => p.files === 4 && !p.indexing);
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf("new.release"), type: FileChangeType.Created }] });
    await changed;
    let symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "li qiang" })) as SymbolInformation[];
    assert.equal(symbols.length, 1);

    writeFileSync(file, SECOND_WANG.replace(/Wang Yi/g, "Zhao Leji"));
    changed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => !p.indexing);
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf("new.release"), type: FileChangeType.Changed }] });
    await changed;
    symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "li qiang" })) as SymbolInformation[];
    assert.equal(symbols.length, 0);
    assert.equal(((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "zhao" })) as SymbolInformation[]).length, 1);

    unlinkSync(file);
    changed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => p.files === 3);
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf("new.release"), type: FileChangeType.Deleted }] });
    await changed;
    assert.equal(((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "zhao" })) as SymbolInformation[]).length, 0);
  });

  it("an open document's unsaved text wins over the file on disk, until it is closed", async () => {
    const uri = uriOf("okafor.readout");
    let changed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method);
    client.open(uri, SECOND_WANG.replace(/Wang Yi/g, "Han Zheng"));
    await changed;
    assert.equal(((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "han zheng" })) as SymbolInformation[]).length, 1);
    assert.equal(((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "wang" })) as SymbolInformation[]).length, 1);
    changed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => !p.indexing);
    client.close(uri);
    await changed;
    assert.equal(((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "han zheng" })) as SymbolInformation[]).length, 0);
    assert.equal(((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "wang" })) as SymbolInformation[]).length, 2);
  });

  it("exclude settings take effect without a restart", async () => {
    const changed = nextNotification<IndexChangedParams>(client, IndexChangedNotification.method, (p) => !p.indexing && p.files === 2);
    client.settings = { exclude: ["**/node_modules/**", "2023/**"] };
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: {} });
    await changed;
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "wang" })) as SymbolInformation[];
    assert.deepEqual(
      symbols.map((s) => path.basename(s.location.uri)),
      ["okafor.readout"],
    );
  });
});
