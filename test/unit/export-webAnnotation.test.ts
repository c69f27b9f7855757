// W3C Web Annotation export: the standard JSON-LD context, a collection with one page, and
// selectors that point at the text they quote.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { Analyzer } from "../../server/src/core/analyze";
import { ANNO_CONTEXT, toWebAnnotation } from "../../server/src/core/export/webAnnotation";

const FLAGGED = readFileSync(path.join(__dirname, "..", "..", "examples", "flagged-talks.release"), "utf8");
type Anno = {
  id: string;
  type: string;
  motivation: string;
  body: { purpose: string; value?: string; source?: { id: string; label: string } }[];
  target: { source: string; selector: Record<string, unknown>[] };
};

describe("W3C Web Annotation export", () => {
  const source = "file:///releases/flagged-talks.release";
  const a = new Analyzer().analyze(FLAGGED);
  const doc = toWebAnnotation(a, { source }) as { "@context": string; type: string; total: number; first: { type: string; items: Anno[] } };

  it("is an AnnotationCollection in the W3C context", () => {
    assert.equal(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert.equal(ANNO_CONTEXT, doc["@context"]);
    assert.equal(doc.type, "AnnotationCollection");
    assert.equal(doc.first.type, "AnnotationPage");
    assert.equal(doc.total, a.mentions.length + a.statements.length + a.findings.length);
    assert.equal(new Set(doc.first.items.map((x) => x.id)).size, doc.total);
    assert.ok(doc.first.items.every((x) => x.type === "Annotation" && x.target.source === source));
  });

  it("selectors quote the text at their position", () => {
    for (const item of doc.first.items) {
      const pos = item.target.selector.find((s) => s.type === "TextPositionSelector") as { start: number; end: number };
      const quote = item.target.selector.find((s) => s.type === "TextQuoteSelector") as { exact: string; prefix: string };
      assert.equal([...FLAGGED].slice(pos.start, pos.end).join(""), quote.exact);
      assert.ok(FLAGGED.includes(quote.prefix + quote.exact));
    }
  });

  it("mentions identify their entity, statements their speaker, findings assess", () => {
    const mention = doc.first.items.find((x) => x.motivation === "identifying" && x.target.selector.some((s) => s.exact === "Amara Okafor"))!;
    assert.equal(mention.body[0].source!.label, "Amara Okafor");
    assert.match(mention.body[0].source!.id, /^file:\/\/\/releases\/flagged-talks\.release#entity-e\d+$/);
    assert.deepEqual(
      mention.body.slice(1).map((b) => b.value),
      ["person", "name"],
    );
    const statement = doc.first.items.find((x) => x.motivation === "describing")!;
    assert.equal(statement.body[0].value, "Statement by Amara Okafor");
    const findings = doc.first.items.filter((x) => x.motivation === "assessing");
    assert.deepEqual(
      findings.map((f) => f.body[1].value),
      ["unattributed-statement", "unattributed-statement", "vague-attribution", "vague-attribution"],
    );
  });
});
