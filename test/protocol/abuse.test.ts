// The language server under abuse, through the real server over stdio: malformed JSON-RPC,
// unknown methods, requests for documents never opened, positions out of range, didChange
// with wrong versions, 1,000 rapid changes, a 20 MB document and cancelled requests. The
// server must answer with proper LSP errors (or ignore, as the protocol says), never crash,
// and stay responsive. Waits are on messages with a timeout; nothing sleeps.
// Run `node scripts/build.mjs` first: this starts dist/server.js.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import {
  CancellationTokenSource,
  createProtocolConnection,
  DocumentSymbolRequest,
  ErrorCodes,
  HoverRequest,
  InitializeRequest,
  LogMessageNotification,
  ResponseError,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  type Hover,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { SEED, FLAGGED, SERVER, startClient, type TestClient } from "./lspClient";

/** Rejects with a clear message when `p` does not settle within `ms` (a wait, not a timing assertion). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** Position of the `nth` occurrence of `needle` (plus `delta` characters) in `text`. */
function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at + delta).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A raw JSON-RPC frame, written straight to the server's stdin. */
function frame(body: string | Buffer): Buffer {
  const b = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, "ascii"), b]);
}

async function errorOf(p: Promise<unknown>): Promise<ResponseError<unknown> | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    assert.ok(e instanceof ResponseError, `expected an LSP error response, got ${String(e)}`);
    return e;
  }
}

describe("language server under abuse", () => {
  let client: TestClient;
  const logs: string[] = [];
  const SEED_URI = "file:///abuse/seed.release";
  const hoverWang = () =>
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: positionOf(SEED, "Wang Yi conveyed", 2) });

  /** Waits for `p`, sending an ignored notification every second (at most 30 times) to push bytes. */
  async function nudgeUntil<T>(p: Promise<T>, what: string): Promise<T> {
    for (let i = 0; i < 30; i++) {
      let timer: NodeJS.Timeout | undefined;
      const r = await Promise.race([p.then((v) => ({ v })), new Promise<undefined>((res) => (timer = setTimeout(() => res(undefined), 1000)))]);
      clearTimeout(timer);
      if (r) return r.v;
      void client.connection.sendNotification("$/attache/nudge", {});
    }
    throw new Error(`${what}: no answer after 30 nudges`);
  }

  /** The server is alive and answers a hover on the seed promptly. */
  async function stillResponsive(what: string) {
    assert.equal(client.process.exitCode, null, `server exited after ${what}; stderr: ${client.stderr()}`);
    const hover = await within(hoverWang(), 30_000, `hover after ${what}`);
    assert.match((hover?.contents as MarkupContent).value, /\*\*Wang Yi\*\*/, `hover after ${what}`);
  }

  before(async () => {
    client = await startClient();
    client.connection.onNotification(LogMessageNotification.type, (m) => logs.push(m.message));
    client.open(SEED_URI, SEED);
    await client.diagnostics(SEED_URI);
  });
  after(async () => {
    await client.stop();
  });

  it("malformed JSON-RPC frames are dropped; the server keeps going", { timeout: 60_000 }, async () => {
    const garbage: Buffer[] = [
      frame("{bad}"), // not JSON
      frame("[]"), // JSON, not a message
      frame("42"),
      frame("null"),
      frame('{"jsonrpc":"2.0"}'), // neither request, notification nor response
      frame('{"jsonrpc":"2.0","id":"orphan","result":1}'), // a response to nothing
      frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}'), // notification with broken params
      frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///abuse/seed.release"},"contentChanges":"nope"}}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didClose"}'),
      frame(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d])), // not UTF-8
    ];
    for (const g of garbage) client.process.stdin.write(g);
    await stillResponsive("malformed frames");
    // A header block without a usable Content-Length: vscode-jsonrpc drops it and then reads
    // nothing more from the bytes it already has until new bytes arrive. So a request that
    // arrived in the same chunk waits for the next message: nudge with an ignored `$/`
    // notification until it is answered.
    for (const header of ["Content-Type: application/vscode-jsonrpc\r\n\r\n", "Content-Length: twelve\r\n\r\n"]) {
      client.process.stdin.write(header);
      const hover = await nudgeUntil(hoverWang(), `hover after ${JSON.stringify(header)}`);
      assert.match((hover?.contents as MarkupContent).value, /\*\*Wang Yi\*\*/);
    }
    await stillResponsive("malformed frames");
    // The seed is still open and unchanged.
    const symbols = await within(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: SEED_URI } }), 30_000, "symbols");
    assert.equal((symbols as { name: string }[])[0].name, "Russian President Vladimir Putin Meets with Wang Yi");
  });

  it("unknown methods: requests get MethodNotFound, notifications are ignored", { timeout: 60_000 }, async () => {
    const e = await errorOf(client.connection.sendRequest("attache/noSuchThing", { x: 1 }));
    assert.equal(e?.code, ErrorCodes.MethodNotFound);
    const e2 = await errorOf(client.connection.sendRequest("textDocument/noSuchFeature", { textDocument: { uri: SEED_URI } }));
    assert.equal(e2?.code, ErrorCodes.MethodNotFound);
    void client.connection.sendNotification("attache/noSuchNotification", { x: 1 });
    void client.connection.sendNotification("$/noSuchProtocolNotification", {});
    await stillResponsive("unknown methods");
  });

  it("requests with broken params get an error response, not a crash", { timeout: 60_000 }, async (t) => {
    for (const params of [
      null,
      {},
      { textDocument: null },
      { textDocument: { uri: SEED_URI } },
      { textDocument: { uri: SEED_URI }, position: { line: "x", character: {} } },
    ]) {
      const result = client.connection.sendRequest(HoverRequest.method, params);
      // Either an error response or an empty answer is acceptable; hanging or dying is not.
      try {
        const r = await within(result, 30_000, `hover with ${JSON.stringify(params)}`);
        assert.ok(r === null || typeof r === "object", JSON.stringify(r));
        t.diagnostic(`hover ${JSON.stringify(params)} → ${JSON.stringify(r)?.slice(0, 60)}`);
      } catch (e) {
        assert.ok(e instanceof ResponseError, `hover with ${JSON.stringify(params)}: ${String(e)}`);
        t.diagnostic(`hover ${JSON.stringify(params)} → error ${e.code}: ${e.message.slice(0, 100)}`);
      }
    }
    await stillResponsive("broken params");
  });

  it("requests for documents never opened answer empty", { timeout: 60_000 }, async () => {
    const uri = "file:///abuse/never-opened.release";
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }), { data: [] });
    client.change(uri, 5, "Text for a document nobody opened."); // ignored
    client.close(uri); // ignored
    await stillResponsive("requests on unopened documents");
  });

  it("positions out of range, inside a surrogate pair or CRLF, and reversed ranges", { timeout: 60_000 }, async () => {
    const uri = "file:///abuse/emoji.release";
    const text = "Talks 😀\r\n2025-01-01\r\n\r\nWang Yi said that 😀😀 👩‍👩‍👧 matters.\r\n";
    client.open(uri, text);
    await client.diagnostics(uri);
    const positions = [
      { line: 0, character: 7 }, // between the halves of 😀
      { line: 0, character: 9 }, // past the end of the line
      { line: 0, character: 8 }, // between CR and LF? (end of line 0 before CRLF)
      { line: 3, character: 19 }, // inside the first 😀 of the body
      { line: 3, character: 24 }, // inside the family emoji's ZWJ sequence
      { line: 1_000_000, character: 0 },
      { line: 2, character: 1_000_000 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    ];
    for (const position of positions) {
      const h = await within(
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
        30_000,
        `hover at ${JSON.stringify(position)}`,
      );
      assert.ok(h === null || typeof (h.contents as MarkupContent).value === "string");
    }
    const wang = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, "Wang Yi", 1) });
    assert.match((wang?.contents as MarkupContent).value, /\*\*Wang Yi\*\*/);
    assert.deepEqual((wang as Hover).range, { start: positionOf(text, "Wang Yi"), end: positionOf(text, "Wang Yi", 7) });
    const ranges = [
      { start: { line: 3, character: 20 }, end: { line: 0, character: 0 } }, // reversed
      { start: { line: 500, character: 0 }, end: { line: 900, character: 0 } },
      { start: { line: 0, character: 7 }, end: { line: 3, character: 19 } }, // both inside surrogate pairs
    ];
    for (const range of ranges) {
      const t = await within(
        client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range }),
        30_000,
        `semantic tokens in ${JSON.stringify(range)}`,
      );
      assert.ok(Array.isArray(t?.data) && t.data.length % 5 === 0);
      assert.ok(
        t.data.every((n) => Number.isInteger(n) && n >= 0),
        `semantic token data are whole numbers ≥ 0: ${t.data}`,
      );
    }
    client.close(uri);
    await stillResponsive("odd positions");
  });

  it("didChange with wrong versions: the server follows the text it was sent, whatever the version says", { timeout: 60_000 }, async () => {
    const uri = "file:///abuse/versions.release";
    client.open(uri, SEED, "diplomatic-release", 5);
    await client.diagnostics(uri, (p) => p.version === 5 && p.diagnostics.length === 0);
    // The same version again, with different text: the analysis must follow the text.
    client.change(uri, 5, FLAGGED);
    const same = await client.diagnostics(uri, (p) => p.version === 5 && p.diagnostics.length === 4);
    assert.deepEqual(
      same.diagnostics.map((d) => d.code),
      ["unattributed-statement", "unattributed-statement", "vague-attribution", "vague-attribution"],
    );
    // A version going backwards, then a huge one.
    client.change(uri, 1, SEED);
    await client.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 0);
    client.change(uri, Number.MAX_SAFE_INTEGER, FLAGGED);
    await client.diagnostics(uri, (p) => p.version === Number.MAX_SAFE_INTEGER && p.diagnostics.length === 4);
    // An incremental change whose range lies beyond the end of the document.
    void client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 7 },
      contentChanges: [{ range: { start: { line: 10_000, character: 5 }, end: { line: 10_001, character: 0 } }, text: "\n\nIt is essential to cooperate." }],
    });
    const appended = await client.diagnostics(uri, (p) => p.version === 7);
    assert.equal(appended.diagnostics.length, 5, "the text was appended at the end and linted");
    // Opening a document that is already open replaces it.
    client.open(uri, SEED, "diplomatic-release", 8);
    await client.diagnostics(uri, (p) => p.version === 8 && p.diagnostics.length === 0);
    client.close(uri);
    await client.diagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0);
    await stillResponsive("wrong versions");
  });

  it("1,000 rapid didChange notifications (typing): the last diagnostics match the last version", { timeout: 120_000 }, async () => {
    const uri = "file:///abuse/typing.release";
    const finalText =
      "Talks in Abuja\n2025-03-04 16:10\n\n" + SEED.split("\n\n").slice(1, 4).join("\n\n") + "\n\n" + FLAGGED.split("\n\n").slice(1).join("\n\n");
    const start = finalText.length - 1000;
    assert.ok(start > 100 && finalText.indexOf("Tomasz Wrona thanked") > start, "the storm types the name the hover looks for");
    client.open(uri, finalText.slice(0, start), "diplomatic-release", 1);
    // One keystroke per notification: insert the next character at the end.
    for (let i = start; i < finalText.length; i++) {
      const before = finalText.slice(0, i);
      const lines = before.split("\n");
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      void client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version: i - start + 2 },
        contentChanges: [{ range: { start: end, end }, text: finalText[i] }],
      });
    }
    const last = await client.diagnostics(uri, (p) => p.version === 1001, 90_000);
    // The same text opened fresh gives the same diagnostics.
    const fresh = "file:///abuse/typing-fresh.release";
    client.open(fresh, finalText);
    const expected = await client.diagnostics(fresh);
    assert.ok(expected.diagnostics.length > 0);
    assert.deepEqual(last.diagnostics, expected.diagnostics);
    // The outline, with its ranges, is the same too: the server holds exactly the final text.
    const typedSymbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    const freshSymbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: fresh } });
    assert.deepEqual(typedSymbols, freshSymbols);
    // And the server's text is the final text: a hover finds a name typed in the storm.
    const hover = await within(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(finalText, "Tomasz Wrona thanked", 2) }),
      30_000,
      "hover after typing",
    );
    assert.match((hover?.contents as MarkupContent).value, /\*\*Tomasz Wrona\*\*/);
    client.close(uri);
    client.close(fresh);
    await stillResponsive("1,000 changes");
  });

  it("content from binary and odd files opened in the editor: diagnostics, no crash", { timeout: 60_000 }, async () => {
    const odd: [string, string][] = [
      ["empty", ""],
      ["blank", " \n\r\n\t\u2028\n"],
      ["binary", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe, 0x80]).toString("latin1").repeat(200)],
      ["nul", "Talks\n\nWang Yi\u0000 said\u0000 so.\u0000\n"],
      ["replacement", "Talks\n\nWang Yi said caf\ufffd\ufffd is good.\n"],
      ["lone surrogates", "Talks\n\n\ud800 Wang Yi said \udfff so. \ud83d\n"],
      ["bom crlf", "\ufeffTalks\r\n\r\nWang Yi said so.\r\n"],
      ["rtl", "محادثات\n\nقال وانغ يي إن التعاون مهم. \u202eWang Yi said so.\u202c\n"],
      ["comments", "<!--".repeat(20_000) + "\n\n" + "<!-- attache-disable ".repeat(2_000)],
    ];
    for (const [name, text] of odd) {
      const uri = `file:///abuse/odd-${name.replace(/\s/g, "-")}.release`;
      client.open(uri, text);
      const d = await client.diagnostics(uri, () => true, 30_000);
      assert.ok(Array.isArray(d.diagnostics), name);
      await within(client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }), 30_000, `semantic tokens of ${name}`);
      await within(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 30_000, `symbols of ${name}`);
      client.close(uri);
    }
    await stillResponsive("odd content");
  });

  describe("a 20 MB document", () => {
    const BIG_URI = "file:///abuse/big.release";
    const paragraphs = SEED.split("\n\n").slice(1, -1).join("\n\n") + "\n\n";
    const big = SEED.split("\n\n")[0] + "\n\n" + paragraphs.repeat(Math.ceil((20 * 1024 * 1024) / paragraphs.length));

    it("is analysed up to the limit, with a file-too-large finding", { timeout: 240_000 }, async () => {
      assert.ok(big.length >= 20 * 1024 * 1024);
      client.open(BIG_URI, big);
      const d = await client.diagnostics(BIG_URI, (p: PublishDiagnosticsParams) => p.diagnostics.some((x) => x.code === "file-too-large"), 200_000);
      const info = d.diagnostics.find((x) => x.code === "file-too-large")!;
      assert.equal(info.severity, 3); // Information
      assert.match(info.message, /Attaché analysed the first 4,99\d,\d{3} \(the limit is 5,000,000\)/);
      assert.deepEqual(info.range.start, { line: 0, character: 0 });
      await stillResponsive("opening 20 MB");
      const h = await within(
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: BIG_URI }, position: positionOf(big, "Wang Yi conveyed", 2) }),
        60_000,
        "hover in the big document",
      );
      assert.match((h?.contents as MarkupContent).value, /\*\*Wang Yi\*\*/);
    });

    it("cancelled requests get a result or RequestCancelled, never a crash", { timeout: 240_000 }, async (t) => {
      // An edit makes the next request on the big document re-analyse it; cancel requests at once.
      void client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: BIG_URI, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "X" }],
      });
      const outcomes: string[] = [];
      const pending: Promise<void>[] = [];
      for (const method of [SemanticTokensRequest.method, DocumentSymbolRequest.method, HoverRequest.method]) {
        const source = new CancellationTokenSource();
        const params =
          method === HoverRequest.method ? { textDocument: { uri: BIG_URI }, position: { line: 4, character: 2 } } : { textDocument: { uri: BIG_URI } };
        const p = client.connection.sendRequest(method, params, source.token).then(
          () => void outcomes.push(`${method}: result`),
          (e: unknown) => {
            assert.ok(e instanceof ResponseError, String(e));
            assert.equal(e.code, -32800 /* RequestCancelled */, `${method}: ${e.message}`);
            outcomes.push(`${method}: cancelled`);
          },
        );
        source.cancel();
        pending.push(within(p, 200_000, `${method} after cancel`));
      }
      // A $/cancelRequest for a request that never existed is ignored.
      void client.connection.sendNotification("$/cancelRequest", { id: 987_654 });
      await Promise.all(pending);
      assert.equal(outcomes.length, 3);
      t.diagnostic(outcomes.join("; "));
      await client.diagnostics(BIG_URI, (p) => p.version === 2, 200_000);
      client.close(BIG_URI);
      await stillResponsive("cancelled requests on 20 MB");
    });
  });

  it("logged no uncaught errors", (t) => {
    for (const m of logs) t.diagnostic(`server log: ${m.split("\n")[0].slice(0, 200)}`);
    assert.equal(client.process.exitCode, null);
    assert.doesNotMatch(client.stderr(), /Uncaught|TypeError|RangeError|heap out of memory/, client.stderr());
  });
});

describe("language server lifecycle abuse", () => {
  it("a request before initialize is answered (empty, or ServerNotInitialized); shutdown then exit ends the process", { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      // The spec says "should" answer -32002; vscode-languageserver answers the handler's empty result.
      const early = await errorOf(
        within(
          connection.sendRequest(HoverRequest.type, { textDocument: { uri: "file:///x.release" }, position: { line: 0, character: 0 } }),
          30_000,
          "hover before initialize",
        ),
      );
      assert.ok(early === undefined || early.code === ErrorCodes.ServerNotInitialized, early?.message);
      await within(
        connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null }),
        30_000,
        "initialize",
      );
      await within(connection.sendRequest(ShutdownRequest.type), 30_000, "shutdown");
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      void connection.sendNotification("exit");
      assert.equal(await within(exited, 30_000, "exit"), 0, "exit after shutdown ends with code 0");
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("the client going away (stdin closed) ends the server", { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.stdin.end();
    try {
      await within(exited, 30_000, "exit when stdin closes");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
