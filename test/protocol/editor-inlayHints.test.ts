// Inlay hints: off by default; with `attache.inlayHints.enabled` the name a pronoun or short
// alias resolves to, and the setting takes effect without a restart.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { InlayHintRequest, type InlayHint } from "vscode-languageserver-protocol/node";
import { SEED, startClient, type TestClient } from "./lspClient";
import { changeSettings, nextNotification, positionOf } from "./editorHelpers";

const URI = "file:///hints/seed.release";
const whole = { start: { line: 0, character: 0 }, end: { line: SEED.split("\n").length, character: 0 } };

describe("inlay hints", () => {
  let client: TestClient;
  before(async () => {
    client = await startClient({
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
        textDocument: { inlayHint: {} },
      },
    });
    client.open(URI, SEED);
    await client.diagnostics(URI);
  });
  after(async () => {
    await client.stop();
  });
  const hints = async () => ((await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: URI }, range: whole })) ?? []) as InlayHint[];

  it("announces the provider and gives no hints while the setting is off (the default)", async () => {
    assert.ok(client.initializeResult.capabilities.inlayHintProvider);
    assert.deepEqual(await hints(), []);
  });

  it("with the setting on: after each pronoun and short alias, the name it resolves to", async () => {
    const refreshed = new Promise<void>((resolve) => client.connection.onRequest("workspace/inlayHint/refresh", () => (resolve(), null)));
    changeSettings(client, { inlayHints: { enabled: true } });
    await refreshed;
    const got = await hints();
    const labels = got.map((h) => ({ at: h.position, label: h.label }));
    assert.deepEqual(labels, [
      { at: positionOf(SEED, "Putin the warm", 0, 5), label: "→ Vladimir Putin" },
      { at: positionOf(SEED, "He noted", 0, 2), label: "→ Wang Yi" },
      { at: positionOf(SEED, "Putin asked", 0, 5), label: "→ Vladimir Putin" },
      { at: positionOf(SEED, "He said that the 20th", 0, 2), label: "→ Vladimir Putin" },
    ]);
    assert.ok(got.every((h) => h.paddingLeft && typeof h.tooltip === "string"));
  });

  it("only hints inside the requested range", async () => {
    const line = positionOf(SEED, "Putin asked").line;
    const got = (await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
    }))!;
    assert.deepEqual(
      got.map((h) => h.label),
      ["→ Vladimir Putin", "→ Vladimir Putin"],
    );
  });

  it("turning the setting off again removes them", async () => {
    changeSettings(client, { inlayHints: { enabled: false } });
    // The server re-publishes diagnostics after a settings change; then the new settings are in force.
    await nextNotification(client, "textDocument/publishDiagnostics", () => true, 10_000);
    assert.deepEqual(await hints(), []);
  });
});
