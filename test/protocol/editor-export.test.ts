// "Attaché: Export Annotations" through the real server: the JSON contract, brat standoff
// (.txt + .ann) and W3C Web Annotation JSON-LD for the open release.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FLAGGED, startClient, type TestClient } from "./lspClient";
import { ExportAnnotationsRequest, type ExportAnnotationsResult } from "../../server/src/lsp/protocol";

const URI = "file:///export/flagged-talks.release";

describe("export annotations", () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open(URI, FLAGGED);
    await client.diagnostics(URI);
  });
  after(async () => {
    await client.stop();
  });

  it("writes all three formats by default", async () => {
    const res = await client.connection.sendRequest<ExportAnnotationsResult>(ExportAnnotationsRequest.method, { uri: URI });
    assert.deepEqual(
      res.files.map((f) => f.suffix),
      [".analysis.json", ".txt", ".ann", ".jsonld"],
    );
    const json = JSON.parse(res.files[0].content);
    assert.equal(json.tool.name, "attache");
    assert.equal(json.files[0].path, "/export/flagged-talks.release");
    assert.deepEqual(
      json.files[0].diagnostics.map((d: { code: string }) => d.code),
      ["unattributed-statement", "unattributed-statement", "vague-attribution", "vague-attribution"],
    );
    assert.equal(res.files[1].content, FLAGGED);
    const ann = res.files[2].content.trimEnd().split("\n");
    assert.ok(ann.some((l) => /^T\d+\tPerson \d+ \d+\tAmara Okafor$/.test(l)));
    assert.ok(ann.some((l) => /^A\d+\tMentionKind T\d+ pronoun$/.test(l)));
    assert.ok(
      ann.every((l) =>
        /^(?:T\d+\t\w+ \d+ \d+(?:;\d+ \d+)*\t.+|A\d+\t\w+ T\d+(?: \S+)?|N\d+\tReference T\d+ attache:e\d+\t.+|R\d+\t\w+ Arg1:T\d+ Arg2:T\d+|\*\tCoreference(?: T\d+)+|#\d+\tAnnotatorNotes T\d+\t.+)$/.test(
          l,
        ),
      ),
      ann.join("\n"),
    );
    const ld = JSON.parse(res.files[3].content);
    assert.equal(ld["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert.equal(ld.type, "AnnotationCollection");
    assert.ok(ld.first.items.length > 10);
  });

  it("writes only the formats asked for, and nothing for a document that is not open", async () => {
    const res = await client.connection.sendRequest<ExportAnnotationsResult>(ExportAnnotationsRequest.method, { uri: URI, formats: ["webannotation"] });
    assert.deepEqual(
      res.files.map((f) => f.format),
      ["webannotation"],
    );
    const none = await client.connection.sendRequest<ExportAnnotationsResult>(ExportAnnotationsRequest.method, { uri: "file:///export/closed.release" });
    assert.deepEqual(none.files, []);
  });
});
