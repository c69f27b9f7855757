import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { segment } from "../../server/src/core/segment";

const kinds = (text: string) => segment(text).blocks.map((b) => b.kind);
const sentences = (text: string) => segment(text).sentences.map((s) => text.slice(s.offset, s.offset + s.length));

describe("segment", () => {
  it("finds breadcrumb, headline, dateline, paragraphs and footer", () => {
    const text = "Home > Diplomacy\nMinister Meets Envoy\n2024-05-01 10:00\n\nFirst paragraph. Second sentence.\n\nSuggest To A Friend:\nPrint\n";
    assert.deepEqual(kinds(text), ["breadcrumb", "headline", "dateline", "paragraph", "footer", "footer"]);
  });

  it("recognizes several dateline formats and a place-date sign-off", () => {
    for (const d of ["27.12.2023, 20:15", "December 27, 2023", "26 November 2023", "Published 18 October 2024", "2023-02-22 23:30"]) {
      assert.deepEqual(kinds(`Headline Here\n${d}\n\nBody text is here.`), ["headline", "dateline", "paragraph"], d);
    }
    assert.equal(kinds("Headline\n2024-01-01\n\nBody.\n\nLisbon, January 2, 2024\n").pop(), "signoff");
  });

  it("keeps a lede line in the header and the attribution line out of the body", () => {
    const text = "Readout Headline\nDecember 4, 2024\nThe following is attributable to Spokesperson Jane Roe:\n\nBody sentence.";
    assert.deepEqual(kinds(text), ["headline", "dateline", "attribution-line", "paragraph"]);
    assert.deepEqual(kinds("Headline\nA lede that says more.\nPublished 1 May 2024\n\nBody."), ["headline", "lede", "dateline", "paragraph"]);
  });

  it("splits sentences but not at initials, honorifics or U.S.", () => {
    const s = sentences("Title\n2024-01-01\n\nMr. Doe met Antony J. Smith in the U.S. Senate. He said “We agree.” Then he left! Did he? Yes.");
    assert.deepEqual(s, ["Mr. Doe met Antony J. Smith in the U.S. Senate.", "He said “We agree.”", "Then he left!", "Did he?", "Yes."]);
  });

  it("starts a new sentence after U.S. when a pronoun follows", () => {
    assert.deepEqual(sentences("T\n2024-01-01\n\nShe flew to the U.S. She met officials."), ["She flew to the U.S.", "She met officials."]);
  });

  it("reads Q&A turn labels and leaves them out of the sentences", () => {
    const text = "Press Conference\n2024-01-01\n\nQ: Will you attend?\n\nA: We will. Thank you.\n\nReuters: Any comment?\n\nJane Roe: None.";
    const seg = segment(text);
    assert.deepEqual(
      seg.blocks.map((b) => b.label?.role ?? b.kind),
      ["headline", "dateline", "question", "answer", "named", "named"],
    );
    assert.equal(text.slice(seg.sentences[0].offset, seg.sentences[0].offset + seg.sentences[0].length), "Will you attend?");
    assert.equal(seg.blocks[4].label?.text, "Reuters");
  });

  it("handles CRLF, a BOM and non-breaking spaces with offsets into the original text", () => {
    const text = "\uFEFFHeadline\r\n2024-01-01\r\n\r\nOne\u00a0sentence. Two.\r\n";
    const seg = segment(text);
    assert.deepEqual(
      seg.blocks.map((b) => b.kind),
      ["headline", "dateline", "paragraph"],
    );
    assert.equal(seg.headline?.offset, 1);
    assert.deepEqual(sentences(text), ["One\u00a0sentence.", "Two."]);
  });

  it("reads a file without blank lines: headline, dateline, then body paragraphs", () => {
    const long =
      "The Foreign Minister said that the partnership between the two countries has grown stronger over the past decade, and that it will keep growing.";
    assert.deepEqual(kinds(`Headline of the Call\nMarch 3, 2024, 14:20\n${long}\n${long}\n`), ["headline", "dateline", "paragraph", "paragraph"]);
    assert.deepEqual(kinds(`Headline\nMarch 3, 2024\n${long}\n\n${long}`), ["headline", "dateline", "paragraph", "paragraph"]);
  });

  it("joins hard-wrapped lines of one paragraph", () => {
    const text = "Headline\n2024-01-01\n\nThe minister said that the talks\nwere useful. Another sentence.";
    assert.deepEqual(sentences(text), ["The minister said that the talks\nwere useful.", "Another sentence."]);
  });

  it("copes with empty and whitespace-only text", () => {
    assert.deepEqual(segment("").blocks, []);
    assert.deepEqual(segment("  \n\n \r\n").blocks, []);
  });
});
