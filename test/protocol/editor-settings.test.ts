// Settings through the real server: per-rule severities and the workspace gazetteer (JSON and
// YAML), all taking effect without a restart; a broken gazetteer is reported in
// its own file and the analysis goes on with the defaults.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type MarkupContent,
  type Registration,
} from "vscode-languageserver-protocol/node";
import { FLAGGED, startClient, type TestClient } from "./lspClient";
import { changeSettings, positionOf, startWorkspaceClient } from "./editorHelpers";

const LULA =
  "Home > News\nLula Receives Tomasz Wrona\n2025-03-04\n\nOn March 4, Lula met with Foreign Minister Tomasz Wrona in Brasilia.\n\nLula said that trade matters. He noted that Brazil is ready.\n\nThe President stressed that the talks were useful.\n";

describe("rule severities", () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client.stop();
  });

  it("change with the setting, and “off” drops a rule, without a restart", async () => {
    const uri = "file:///settings/flagged.release";
    client.open(uri, FLAGGED);
    const before = (await client.diagnostics(uri, (p) => p.diagnostics.length > 0)).diagnostics;
    assert.deepEqual(
      before.map((d) => [d.code, d.severity]),
      [
        ["unattributed-statement", DiagnosticSeverity.Warning],
        ["unattributed-statement", DiagnosticSeverity.Warning],
        ["vague-attribution", DiagnosticSeverity.Warning],
        ["vague-attribution", DiagnosticSeverity.Warning],
      ],
    );
    changeSettings(client, { rules: { "unattributed-statement": "error", "vague-attribution": "off" } });
    const after = (await client.diagnostics(uri, (p) => p.diagnostics.length === 2)).diagnostics;
    assert.deepEqual(
      after.map((d) => [d.code, d.severity]),
      [
        ["unattributed-statement", DiagnosticSeverity.Error],
        ["unattributed-statement", DiagnosticSeverity.Error],
      ],
    );
    changeSettings(client, { rules: { "unattributed-statement": "hint", "vague-attribution": "information" } });
    const again = (await client.diagnostics(uri, (p) => p.diagnostics.length === 4)).diagnostics;
    assert.deepEqual([...new Set(again.map((d) => d.severity))].sort(), [DiagnosticSeverity.Information, DiagnosticSeverity.Hint]);
  });
});

describe("the workspace gazetteer", () => {
  let dir: string;
  let client: TestClient;
  let registrations: Registration[];
  const gazetteerJson = () => path.join(dir, ".attache", "gazetteer.json");
  const releaseUri = () => pathToFileURL(path.join(dir, "lula.release")).href;
  const gazetteerUri = (name = "gazetteer.json") => pathToFileURL(path.join(dir, ".attache", name)).href;
  const touch = (uri: string) =>
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "attache-gaz-"));
    mkdirSync(path.join(dir, ".attache"));
    writeFileSync(path.join(dir, "lula.release"), LULA);
    writeFileSync(gazetteerJson(), JSON.stringify({ people: [{ name: "Lula", gender: "male", titles: ["President"], aliases: ["Lula da Silva"] }] }, null, 2));
    ({ client, registrations } = await startWorkspaceClient(dir, {}, 1));
    client.open(releaseUri(), LULA);
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the server watches the release files and the gazetteer", () => {
    const watch = registrations.find((r) => r.method === "workspace/didChangeWatchedFiles");
    const globs = (watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, ["**/*.release", "**/*.readout", "**/.attache/gazetteer.json"]);
  });

  it("a one-word name in the gazetteer becomes a person who speaks; its title resolves", async () => {
    const d = await client.diagnostics(releaseUri(), (p) => p.diagnostics.length === 0);
    assert.deepEqual(d.diagnostics, []);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: releaseUri() },
      position: positionOf(LULA, "Lula said", 0, 1),
    });
    const md = (hover?.contents as MarkupContent).value;
    assert.match(md, /\*\*Lula\*\* · person/);
    assert.match(md, /3 statements/);
  });

  it("a syntax error is a diagnostic at its place in the gazetteer, and analysis goes on with the defaults", async () => {
    const broken = '{\n  "people": [\n    { "name": "Lula", "gender": "male" },\n  ]\n}\n';
    writeFileSync(gazetteerJson(), broken);
    touch(gazetteerUri());
    const g = await client.diagnostics(gazetteerUri(), (p) => p.diagnostics.length > 0);
    assert.equal(g.diagnostics.length, 1);
    assert.equal(g.diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(g.diagnostics[0].source, "attache");
    assert.match(g.diagnostics[0].message, /Trailing comma/);
    assert.deepEqual(g.diagnostics[0].range.start, { line: 3, character: 2 });
    // Without the gazetteer, "Lula" is no one: the pronoun's statement has no speaker.
    const d = await client.diagnostics(releaseUri(), (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      d.diagnostics.map((x) => x.code),
      ["unattributed-statement"],
    );
  });

  it("wrong types are reported at the value; the valid entries are still used", async () => {
    const text = JSON.stringify({ people: [{ name: "Lula", gender: "m" }, { name: 42 }], organisations: [] }, null, 2);
    writeFileSync(gazetteerJson(), text);
    touch(gazetteerUri());
    const g = await client.diagnostics(gazetteerUri(), (p) => p.diagnostics.length === 3);
    const at = (d: (typeof g.diagnostics)[number]) => text.split("\n")[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    assert.deepEqual(
      g.diagnostics.map((d) => [at(d), d.severity]),
      [
        ['"m"', DiagnosticSeverity.Error],
        ["42", DiagnosticSeverity.Error],
        ['"organisations"', DiagnosticSeverity.Warning],
      ],
    );
    assert.match(g.diagnostics[0].message, /“gender” must be “male” or “female”/);
    const d = await client.diagnostics(releaseUri(), (p) => p.diagnostics.length === 0);
    assert.deepEqual(d.diagnostics, []);
  });

  it("a fixed gazetteer clears its diagnostics", async () => {
    writeFileSync(gazetteerJson(), JSON.stringify({ people: [{ name: "Lula", gender: "male" }] }));
    touch(gazetteerUri());
    const g = await client.diagnostics(gazetteerUri(), (p) => p.diagnostics.length === 0);
    assert.deepEqual(g.diagnostics, []);
  });

  it("a YAML gazetteer named in the settings is used, and its errors point at the line", async () => {
    const yaml = [
      "# People the analysis should know",
      "people:",
      "  - name: Lula   # the president",
      "    gender: male",
      "    titles: [President, 'Head of State']",
      "organizations: []",
      "",
    ].join("\n");
    writeFileSync(path.join(dir, ".attache", "gazetteer.yaml"), yaml);
    writeFileSync(gazetteerJson(), "{}");
    touch(gazetteerUri());
    await client.diagnostics(releaseUri(), (p) => p.diagnostics.length === 1);
    changeSettings(client, { gazetteer: ".attache/gazetteer.yaml" });
    const d = await client.diagnostics(releaseUri(), (p) => p.diagnostics.length === 0);
    assert.deepEqual(d.diagnostics, []);
    writeFileSync(path.join(dir, ".attache", "gazetteer.yaml"), yaml.replace("    gender: male", "\tgender: male"));
    touch(gazetteerUri("gazetteer.yaml"));
    const g = await client.diagnostics(gazetteerUri("gazetteer.yaml"), (p) => p.diagnostics.length > 0);
    assert.match(g.diagnostics[0].message, /Tabs are not allowed/);
    assert.equal(g.diagnostics[0].range.start.line, 3);
    await client.diagnostics(releaseUri(), (p) => p.diagnostics.length === 1);
  });
});
