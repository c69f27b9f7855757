// Go to definition, find references, document highlight and rename, through the real server.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  DefinitionRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type Location,
} from "vscode-languageserver-protocol/node";
import { SEED, startClient, type TestClient } from "./lspClient";
import { applyEdits, editsFor, positionOf, textAt } from "./editorHelpers";

const URI = "file:///nav/seed.release";
const SIDE =
  "Home > News\nWang Yi Holds Talks with Antony Blinken\n2024-04-26\n\nOn April 26, Wang Yi held talks with Secretary of State Antony Blinken in Beijing.\n\nThe Chinese side said that it opposes unilateral sanctions. China is ready to keep in communication.\n";
const SIDE_URI = "file:///nav/side.release";
const FIRST_BODY_LINE = SEED.split("\n").findIndex((l) => l.startsWith("On February 22"));

describe("navigation: definition, references, highlight, rename", () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open(URI, SEED);
    client.open(SIDE_URI, SIDE);
    await client.diagnostics(URI);
  });
  after(async () => {
    await client.stop();
  });
  const req = { textDocument: { uri: URI } };

  it("announces the providers", () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.definitionProvider && caps.referencesProvider && caps.documentHighlightProvider);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  });

  it("definition on the pronoun “He” lands on “Vladimir Putin” in the first body sentence", async () => {
    const loc = (await client.connection.sendRequest(DefinitionRequest.type, {
      ...req,
      position: positionOf(SEED, "He said that the 20th", 0, 1),
    })) as Location;
    assert.equal(loc.uri, URI);
    assert.equal(textAt(SEED, loc.range), "Vladimir Putin");
    assert.equal(loc.range.start.line, FIRST_BODY_LINE);
  });

  it("definition on the alias “Putin” and on a title goes to the same place", async () => {
    const fromAlias = (await client.connection.sendRequest(DefinitionRequest.type, { ...req, position: positionOf(SEED, "Putin asked", 0, 2) })) as Location;
    assert.deepEqual(fromAlias.range.start, positionOf(SEED, "Vladimir Putin", 1));
    const fromTitle = (await client.connection.sendRequest(DefinitionRequest.type, {
      ...req,
      position: positionOf(SEED, "Director of the Office", 0, 3),
    })) as Location;
    assert.equal(textAt(SEED, fromTitle.range), "Wang Yi");
    assert.equal(fromTitle.range.start.line, FIRST_BODY_LINE);
  });

  it("definition on “the Chinese side” goes to China; on plain text there is none", async () => {
    const loc = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: SIDE_URI },
      position: positionOf(SIDE, "Chinese side", 0, 3),
    })) as Location;
    assert.equal(textAt(SIDE, loc.range), "China");
    const none = await client.connection.sendRequest(DefinitionRequest.type, { ...req, position: positionOf(SEED, "dialectics", 0, 2) });
    assert.equal(none, null);
  });

  it("references of Wang Yi list every mention, titles and the pronoun included", async () => {
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      ...req,
      position: positionOf(SEED, "Wang Yi conveyed", 0, 1),
      context: { includeDeclaration: true },
    }))!;
    const texts = refs.map((r) => textAt(SEED, r.range));
    assert.equal(texts.filter((t) => t === "Wang Yi").length, 6);
    assert.ok(texts.includes("He"), texts.join(" | "));
    assert.ok(texts.includes("Member of the Political Bureau of the CPC Central Committee"));
    const he = refs.find((r) => textAt(SEED, r.range) === "He")!;
    assert.deepEqual(he.range.start, positionOf(SEED, "He noted"));
    const noDecl = (await client.connection.sendRequest(ReferencesRequest.type, {
      ...req,
      position: positionOf(SEED, "Wang Yi conveyed", 0, 1),
      context: { includeDeclaration: false },
    }))!;
    assert.equal(noDecl.length, refs.length - 1);
    assert.ok(!noDecl.some((r) => r.range.start.line === FIRST_BODY_LINE && textAt(SEED, r.range) === "Wang Yi"));
  });

  it("document highlight marks all mentions of the entity, the introduction as a write", async () => {
    const hl = (await client.connection.sendRequest(DocumentHighlightRequest.type, { ...req, position: positionOf(SEED, "He said that the 20th", 0, 1) }))!;
    const texts = hl.map((h) => textAt(SEED, h.range));
    assert.deepEqual([...new Set(texts)].sort(), ["He", "Putin", "Russian President", "Vladimir Putin"]);
    const writes = hl.filter((h) => h.kind === DocumentHighlightKind.Write);
    assert.equal(writes.length, 1);
    assert.equal(writes[0].range.start.line, FIRST_BODY_LINE);
  });

  it("rename Wang Yi → Wang Yee edits the 6 name mentions and leaves “He” alone", async () => {
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { ...req, position: positionOf(SEED, "Wang Yi said", 0, 1) });
    assert.deepEqual(prep, { range: { start: positionOf(SEED, "Wang Yi said"), end: positionOf(SEED, "Wang Yi said", 0, 7) }, placeholder: "Wang Yi" });
    const edit = await client.connection.sendRequest(RenameRequest.type, { ...req, position: positionOf(SEED, "Wang Yi said", 0, 1), newName: "Wang Yee" });
    const edits = editsFor(edit, URI);
    assert.equal(edits.length, 6);
    for (const e of edits) {
      assert.equal(textAt(SEED, e.range), "Wang Yi");
      assert.equal(e.newText, "Wang Yee");
    }
    const renamed = applyEdits(SEED, edits);
    assert.ok(!renamed.includes("Wang Yi"));
    assert.ok(renamed.includes("Wang Yee conveyed to Putin the warm greetings from President Xi Jinping. He noted"));
  });

  it("rename adjusts aliases word by word: Vladimir Putin → Vladimir Poutine changes “Putin” too", async () => {
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      ...req,
      position: positionOf(SEED, "Vladimir Putin", 1, 10),
      newName: "Vladimir Poutine",
    });
    const edits = editsFor(edit, URI);
    const renamed = applyEdits(SEED, edits);
    assert.ok(!/\bPutin\b/.test(renamed));
    assert.ok(renamed.includes("Poutine asked Wang Yi"));
    assert.ok(renamed.includes("Russian President Vladimir Poutine met with"));
    assert.ok(renamed.includes(". He said that the 20th"));
  });

  it("rename refuses countries and plain text with a message", async () => {
    await assert.rejects(
      client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: SIDE_URI }, position: positionOf(SIDE, "China is ready", 0, 1) }),
      /only people and organizations can be renamed/,
    );
    await assert.rejects(
      client.connection.sendRequest(PrepareRenameRequest.type, { ...req, position: positionOf(SEED, "dialectics", 0, 2) }),
      /Put the cursor on the name/,
    );
  });

  it("rename of an organization keeps its acronym", async () => {
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      ...req,
      position: positionOf(SEED, "Shanghai Cooperation Organization", 0, 3),
      newName: "Shanghai Co-operation Organisation",
    });
    const edits = editsFor(edit, URI);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, "Shanghai Co-operation Organisation");
  });
});
