// Protocol tests: the bundled server over stdio, driven as an editor would drive it.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  DocumentSymbolRequest,
  HoverRequest,
  SemanticTokensDeltaRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  type SemanticTokens,
  type SemanticTokensDelta,
  type DocumentSymbol,
  type MarkupContent,
} from "vscode-languageserver-protocol/node";
import { SEED, startClient, type TestClient } from "./lspClient";

const URI = "file:///seed.release";

function positionOf(text: string, needle: string, nth = 0, delta = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at + delta).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe("language server over stdio", () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open(URI, SEED);
  });
  after(async () => {
    await client.stop();
  });

  it("announces its capabilities", () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.deepEqual(caps.semanticTokensProvider?.legend.tokenTypes.slice(0, 6), [
      "person",
      "title",
      "organization",
      "country",
      "pronounReference",
      "reportingCue",
    ]);
  });

  it("publishes no warnings for the seed readout", async () => {
    const d = await client.diagnostics(URI);
    assert.deepEqual(d.diagnostics, []);
  });

  it("hover on Wang Yi shows both of his titles", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: positionOf(SEED, "Wang Yi conveyed", 0, 2) });
    const md = (hover?.contents as MarkupContent).value;
    assert.match(md, /\*\*Wang Yi\*\*/);
    assert.match(md, /Member of the Political Bureau of the CPC Central Committee/);
    assert.match(md, /Director of the Office of the Central Commission for Foreign Affairs/);
  });

  it("hover on the pronoun “He” in “He said that the 20th National Congress” shows Vladimir Putin", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: positionOf(SEED, "He said that the 20th", 0, 1),
    });
    const md = (hover?.contents as MarkupContent).value;
    assert.match(md, /\*\*Vladimir Putin\*\*/);
    assert.match(md, /refers to this person/);
  });

  it("hover on an organization gives its name, and on plain text nothing", async () => {
    const org = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: positionOf(SEED, "BRICS", 0, 1) });
    assert.match((org?.contents as MarkupContent).value, /\*\*BRICS\*\* · organization/);
    const none = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: positionOf(SEED, "dialectics", 0, 2) });
    assert.equal(none, null);
  });

  it("outline lists the participants with titles and the statements by speaker", async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, "Russian President Vladimir Putin Meets with Wang Yi");
    const kids = symbols[0].children ?? [];
    assert.equal(kids[0].name, "2023-02-22 23:30");
    const participants = kids.find((k) => k.name === "Participants")!;
    const names = participants.children!.map((c) => c.name);
    assert.deepEqual(names.sort(), ["Vladimir Putin", "Wang Yi", "Xi Jinping"]);
    assert.match(participants.children!.find((c) => c.name === "Wang Yi")!.detail!, /Director of the Office/);
    const statements = kids.find((k) => k.name === "Statements")!;
    const speakers = statements.children!.map((c) => c.name);
    assert.ok(speakers.includes("Wang Yi") && speakers.includes("Vladimir Putin") && speakers.includes("the two sides"), speakers.join(", "));
    const wang = statements.children!.find((c) => c.name === "Wang Yi")!;
    assert.equal(wang.children!.length, 10);
  });

  it("outline statements are compact: their first words, at most 60 characters, no detail", async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
    const leaves = symbols[0].children!.find((k) => k.name === "Statements")!.children!.flatMap((g) => g.children ?? []);
    assert.ok(leaves.length > 10);
    for (const leaf of leaves) {
      assert.ok(leaf.name.length <= 60 && !leaf.name.includes("\n"), leaf.name);
      assert.equal(leaf.detail, undefined);
    }
    assert.ok(leaves.some((l) => l.name.endsWith("…")));
  });

  it("a long release: at most 300 statement nodes, every speaker cut alike with “… N more statements”", async () => {
    const lines = [
      "Foreign Minister Amara Okafor Holds Talks with Tomasz Wrona",
      "2025-03-04",
      "",
      "On March 4, 2025, Foreign Minister Amara Okafor held talks with Polish Foreign Minister Tomasz Wrona in Abuja.",
      "",
    ];
    for (let i = 0; i < 400; i++)
      lines.push(
        i % 2
          ? `Tomasz Wrona said that the agreement number ${i} on trade matters to Poland.`
          : `Amara Okafor said that talk number ${i} on energy deepens the ties with Nigeria.`,
        "",
      );
    const text = lines.join("\n");
    const uri = "file:///long-outline.release";
    client.open(uri, text);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const groups = symbols[0].children!.find((k) => k.name === "Statements")!.children!;
    assert.deepEqual(
      groups.map((g) => [g.name, g.detail, g.children!.length, g.children!.at(-1)!.name]),
      [
        ["Amara Okafor", "200 statements", 150, "… 51 more statements"],
        ["Tomasz Wrona", "200 statements", 150, "… 51 more statements"],
      ],
    );
    // The last node spans the statements left out, from the 150th to the last of the speaker.
    const more = groups[1].children!.at(-1)!;
    assert.equal(more.range.start.line, lines.indexOf("Tomasz Wrona said that the agreement number 299 on trade matters to Poland."));
    assert.equal(more.range.end.line, lines.indexOf("Tomasz Wrona said that the agreement number 399 on trade matters to Poland."));
    client.close(uri);
  });

  it("a release of many people: the first 150 participants, then “… N more people” spanning the rest", async () => {
    const given = ["Amara", "Tomasz", "Ines", "Kofi", "Lena", "Rafael", "Yuki", "Omar", "Sofia", "Pavel", "Nadia", "Jonas", "Leila", "Marco", "Zara", "Henrik"];
    const family = ["Okafor", "Wrona", "Castro", "Mensah", "Berg", "Ortiz", "Tanaka", "Haddad", "Rossi", "Novak", "Karimi", "Lund"];
    const lines = ["Ministers Meet in Geneva", "2025-03-04", ""];
    for (const g of given) for (const f of family) lines.push(`Foreign Minister ${g} ${f} said that the talks were useful.`, "");
    const uri = "file:///many-people.release";
    client.open(uri, lines.join("\n"));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const participants = symbols[0].children!.find((k) => k.name === "Participants")!;
    const count = Number(participants.detail);
    assert.ok(count > 150, `${count} people`);
    assert.equal(participants.children!.length, 151);
    const more = participants.children!.at(-1)!;
    assert.equal(more.name, `… ${count - 150} more people`);
    assert.ok(more.range.start.line > participants.children![0].range.start.line && more.range.end.line >= more.range.start.line);
    client.close(uri);
  });

  it("semantic tokens type people, titles and organizations (full and range)", async () => {
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend.tokenTypes;
    const decode = (data: number[]) => {
      const out: { line: number; char: number; text: string; type: string }[] = [];
      let line = 0;
      let char = 0;
      const lines = SEED.split("\n");
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        out.push({ line, char, text: lines[line].slice(char, char + data[i + 2]), type: legend[data[i + 3]] });
      }
      return out;
    };
    const full = decode((await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: URI } }))!.data);
    const typeOf = (text: string) => full.find((t) => t.text === text)?.type;
    assert.equal(typeOf("Vladimir Putin"), "person");
    assert.equal(typeOf("Russian President"), "title");
    assert.equal(typeOf("BRICS"), "organization");
    assert.equal(typeOf("He"), "pronounReference");
    assert.equal(typeOf("conveyed"), "reportingCue");
    const range = decode(
      (await client.connection.sendRequest(SemanticTokensRangeRequest.type, {
        textDocument: { uri: URI },
        range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } },
      }))!.data,
    );
    assert.ok(range.length > 0 && range.length < full.length);
  });

  it("semantic tokens after an edit: the delta from the last result applied to it gives the full tokens", async () => {
    assert.deepEqual(client.initializeResult.capabilities.semanticTokensProvider?.full, { delta: true });
    const uri = "file:///delta.release";
    client.open(uri, SEED);
    await client.diagnostics(uri);
    const first = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
    assert.ok(first.resultId && first.data.length > 0);
    client.change(uri, 2, SEED.replace("Wang Yi", "Mr. Wang Yi"));
    await client.diagnostics(uri, (p) => p.version === 2);
    const delta = (await client.connection.sendRequest(SemanticTokensDeltaRequest.type, {
      textDocument: { uri },
      previousResultId: first.resultId,
    })) as SemanticTokensDelta;
    assert.ok(delta.edits.length === 1 && delta.resultId !== first.resultId);
    const data = [...first.data];
    for (const e of [...delta.edits].reverse()) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const full = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
    assert.deepEqual(data, full.data);
    // An unknown result id gets the full tokens.
    const unknown = (await client.connection.sendRequest(SemanticTokensDeltaRequest.type, {
      textDocument: { uri },
      previousResultId: "nope",
    })) as SemanticTokens;
    assert.deepEqual(unknown.data, full.data);
    client.close(uri);
  });

  it("re-lints on didChange: a new unattributed paragraph gets a warning, removing it clears it", async () => {
    const flagged = SEED.replace("Suggest To A Friend:", "The partnership has never been stronger and must be protected.\n\nSuggest To A Friend:");
    client.change(URI, 2, flagged);
    const d = await client.diagnostics(URI, (p) => p.version === 2);
    assert.equal(d.diagnostics.length, 1);
    assert.equal(d.diagnostics[0].code, "unattributed-statement");
    assert.equal(d.diagnostics[0].source, "attache");
    const line = flagged.split("\n").findIndex((l) => l.startsWith("The partnership has never"));
    assert.deepEqual(d.diagnostics[0].range.start, { line, character: 0 });
    client.change(URI, 3, SEED);
    const cleared = await client.diagnostics(URI, (p) => p.version === 3);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
