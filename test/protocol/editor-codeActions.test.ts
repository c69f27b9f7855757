// Quick fixes for every lint finding and the suppression comments, through the real server:
// each fix is applied to the text and the server's new diagnostics are checked.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CodeActionRequest, type CodeAction, type Diagnostic } from "vscode-languageserver-protocol/node";
import { startClient, type TestClient } from "./lspClient";
import { applyEdits, editsFor, textAt } from "./editorHelpers";

const TEXT = [
  "Home > News",
  "Blinken's Call with Lavrov",
  "2025-01-10",
  "",
  "Secretary of State Antony J. Blinken and Russian Foreign Minister Sergey Lavrov spoke by phone today. He stressed that the talks must continue.",
  "",
  "The partnership must be protected.",
  "",
  "It was agreed that the talks will continue. Officials believe the talks will help.",
  "",
].join("\n");
const URI = "file:///actions/call.release";

describe("code actions", () => {
  let client: TestClient;
  let version = 1;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await startClient();
    client.open(URI, TEXT);
    diagnostics = (await client.diagnostics(URI, (p) => p.diagnostics.length === 4)).diagnostics;
  });
  after(async () => {
    await client.stop();
  });

  const actionsFor = async (d: Diagnostic) =>
    (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d], only: ["quickfix"] },
    })) as CodeAction[];
  const byCode = (code: string) => diagnostics.find((d) => d.code === code)!;
  /** Applies an action to TEXT on the server and returns the new text and its diagnostics. */
  const apply = async (action: CodeAction) => {
    const text = applyEdits(TEXT, editsFor(action.edit, URI));
    const v = ++version;
    client.change(URI, v, text);
    const after = (await client.diagnostics(URI, (p) => p.version === v)).diagnostics;
    client.change(URI, ++version, TEXT);
    await client.diagnostics(URI, (p) => p.version === version);
    return { text, diagnostics: after };
  };

  it("ambiguous-speaker: one replacement per candidate, replacing exactly the pronoun", async () => {
    const d = byCode("ambiguous-speaker");
    const actions = (await actionsFor(d)).filter((a) => a.title.startsWith("Replace"));
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Replace “He” with “Antony J. Blinken”", "Replace “He” with “Sergey Lavrov”"],
    );
    for (const a of actions) {
      const edits = editsFor(a.edit, URI);
      assert.equal(edits.length, 1);
      assert.equal(textAt(TEXT, edits[0].range), "He");
      assert.equal(a.kind, "quickfix");
      assert.deepEqual(
        a.diagnostics?.map((x) => x.code),
        ["ambiguous-speaker"],
      );
    }
    const { text, diagnostics } = await apply(actions[1]);
    assert.ok(text.includes("today. Sergey Lavrov stressed that the talks must continue."));
    assert.ok(!diagnostics.some((x) => x.code === "ambiguous-speaker"));
  });

  it("unattributed-statement: “NAME said that …” and “…, NAME said.” for the people of the release", async () => {
    const d = byCode("unattributed-statement");
    const actions = (await actionsFor(d)).filter((a) => a.title.startsWith("Attribute"));
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "Attribute to Antony J. Blinken: “Antony J. Blinken said that …”",
        "Attribute to Antony J. Blinken: “…, Antony J. Blinken said.”",
        "Attribute to Sergey Lavrov: “Sergey Lavrov said that …”",
        "Attribute to Sergey Lavrov: “…, Sergey Lavrov said.”",
      ],
    );
    const first = await apply(actions[2]);
    assert.ok(first.text.includes("\nSergey Lavrov said that the partnership must be protected.\n"));
    assert.ok(!first.diagnostics.some((x) => x.code === "unattributed-statement"), JSON.stringify(first.diagnostics));
    const second = await apply(actions[1]);
    assert.ok(second.text.includes("\nThe partnership must be protected, Antony J. Blinken said.\n"));
    assert.ok(!second.diagnostics.some((x) => x.code === "unattributed-statement"), JSON.stringify(second.diagnostics));
  });

  it("vague-attribution: named alternatives for “It was agreed” and “Officials believe”", async () => {
    const [passive, officials] = diagnostics.filter((d) => d.code === "vague-attribution");
    const a1 = (await actionsFor(passive)).filter((a) => a.title.startsWith("Attribute"));
    assert.deepEqual(
      a1.map((a) => editsFor(a.edit, URI)[0].newText),
      ["Antony J. Blinken agreed", "Sergey Lavrov agreed"],
    );
    assert.equal(textAt(TEXT, editsFor(a1[0].edit, URI)[0].range), "It was agreed");
    const a2 = (await actionsFor(officials)).filter((a) => a.title.startsWith("Attribute"));
    assert.deepEqual(
      a2.map((a) => editsFor(a.edit, URI)[0].newText),
      ["Antony J. Blinken believes", "Sergey Lavrov believes"],
    );
    const { text, diagnostics: after } = await apply(a1[0]);
    assert.ok(text.includes("Antony J. Blinken agreed that the talks will continue."));
    assert.equal(after.filter((x) => x.code === "vague-attribution").length, 1);
  });

  it("“Disable … for this line” inserts a suppression comment and the diagnostic disappears", async () => {
    const d = byCode("unattributed-statement");
    const action = (await actionsFor(d)).find((a) => a.title === "Disable unattributed-statement for this line")!;
    assert.ok(action);
    const { text, diagnostics: after } = await apply(action);
    assert.ok(text.includes("\n\n<!-- attache-disable-next-line unattributed-statement -->\nThe partnership must be protected.\n"));
    assert.deepEqual(after.map((x) => x.code).sort(), ["ambiguous-speaker", "vague-attribution", "vague-attribution"]);
  });

  it("“Disable … for this file” puts the comment on the first line and only that rule goes", async () => {
    const d = diagnostics.find((x) => x.code === "vague-attribution")!;
    const action = (await actionsFor(d)).find((a) => a.title === "Disable vague-attribution for this file")!;
    const { text, diagnostics: after } = await apply(action);
    assert.ok(text.startsWith("<!-- attache-disable vague-attribution -->\nHome > News\n"));
    assert.deepEqual(after.map((x) => x.code).sort(), ["ambiguous-speaker", "unattributed-statement"]);
  });

  it("a hard-wrapped paragraph gets the comment at the end of the line instead of splitting it", async () => {
    const wrapped = TEXT.replace(
      "It was agreed that the talks will continue. Officials",
      "Both ministers were on the call.\nIt was agreed that the talks will continue. Officials",
    );
    const uri = "file:///actions/wrapped.release";
    client.open(uri, wrapped);
    const ds = (await client.diagnostics(uri, (p) => p.diagnostics.some((x) => x.code === "vague-attribution"))).diagnostics;
    const d = ds.find((x) => x.code === "vague-attribution")!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const line = actions.find((a) => a.title === "Disable vague-attribution for this line")!;
    const edited = applyEdits(wrapped, editsFor(line.edit, uri));
    assert.ok(edited.includes("Officials believe the talks will help. <!-- attache-disable-line vague-attribution -->\n"));
    client.change(uri, 2, edited);
    const after = (await client.diagnostics(uri, (p) => p.version === 2)).diagnostics;
    assert.ok(!after.some((x) => x.code === "vague-attribution"));
  });

  it("no quick fixes where there is no finding, and none when only source actions are asked for", async () => {
    const none = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(none, []);
    const d = byCode("ambiguous-speaker");
    const src = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d], only: ["source"] },
    });
    assert.deepEqual(src, []);
  });
});
