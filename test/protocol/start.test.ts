// The server's start: dist/server.js runs dist/server-bundle.js through V8's code cache, kept in a
// file next to it (server/src/lsp/loader.ts). A cache that V8 accepts is not written again.

import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { SEED, SERVER, startClient } from "./lspClient";

const URI = "file:///start/seed.release";

/** Starts the server, waits for the seed's diagnostics, shuts it down (the cache is written at exit). */
async function startAndStop(): Promise<void> {
  const client = await startClient();
  client.open(URI, SEED);
  const d = await client.diagnostics(URI);
  assert.equal(d.diagnostics.length, 0);
  await client.stop();
}

function cacheFiles(): string[] {
  const dir = path.dirname(SERVER);
  return readdirSync(dir)
    .filter((n) => n.startsWith("server.") && n.endsWith(`.v8-${process.versions.v8}.codecache`))
    .map((n) => path.join(dir, n));
}

describe("server start", () => {
  it("keeps V8's code cache next to dist/server.js and takes it back on the next start", async () => {
    await startAndStop();
    const files = cacheFiles();
    assert.equal(files.length, 1, files.join(", "));
    const written = statSync(files[0]).mtimeMs;
    await startAndStop();
    assert.deepEqual(cacheFiles(), files);
    assert.equal(statSync(files[0]).mtimeMs, written, "an accepted cache is not written again");
  });
});
