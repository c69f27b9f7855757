import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { release, run } from "./helpers";

describe("attribute: speakers (guidelines §4)", () => {
  const meeting = "On May 2, Moroccan Foreign Minister Karim Haddad met with Swedish Foreign Minister Sofia Lindqvist in Rabat.";

  it("gives a cue's subject the statement, and continuation runs to the paragraph end", () => {
    const a = run(
      release("Talks", meeting, "Karim Haddad said that trade is growing. Both countries benefit. The region needs stability.", "Closing remarks were brief."),
    );
    assert.equal(a.speakerOf("Karim Haddad said"), "Karim Haddad");
    assert.equal(a.speakerOf("Both countries benefit"), "Karim Haddad");
    assert.equal(a.speakerOf("The region needs"), "Karim Haddad");
    assert.equal(a.speakerOf("On May 2"), undefined, "a narrative sentence is not a statement");
  });

  it("resolves a pronoun to the previous subject, not the object", () => {
    const a = run(release("Talks", meeting, "Haddad asked Lindqvist to convey his greetings to the King. He said that ties are strong."));
    assert.equal(a.speakerOf("He said"), "Karim Haddad");
    assert.ok(a.mentions.some((m) => m.kind === "pronoun" && m.text === "He" && a.entities.find((e) => e.id === m.entity)?.name === "Karim Haddad"));
  });

  it("learns gender from “She” and keeps a later “He” for the other person", () => {
    const a = run(
      release(
        "Talks",
        meeting,
        "Lindqvist stressed that Sweden values the partnership. She welcomed the progress on visas.",
        "Haddad thanked her. He invited her to visit Morocco next year.",
      ),
    );
    assert.equal(a.speakerOf("She welcomed"), "Sofia Lindqvist");
    assert.equal(a.speakerOf("He invited"), "Karim Haddad");
  });

  it("flags a pronoun after two same-gender subjects as ambiguous", () => {
    const a = run(release("Talks", meeting, "Haddad and Lindqvist agreed to meet again. He stressed that the border must stay open."));
    assert.equal(a.speakerOf("Haddad and Lindqvist"), "[Karim Haddad, Sofia Lindqvist]");
    assert.equal(a.speakerOf("He stressed"), null);
    const f = a.findings.find((x) => x.code === "ambiguous-speaker")!;
    assert.ok(f);
    assert.deepEqual(f.candidates?.length, 2);
    assert.match(f.message, /Karim Haddad/);
  });

  it("handles “the two sides”, “both ministers” and definite descriptions", () => {
    const a = run(
      release(
        "Talks",
        meeting,
        "The two sides exchanged views on migration. Both ministers condemned the attack.",
        "The Moroccan minister noted that Morocco is a bridge to Africa.",
      ),
    );
    assert.equal(a.speakerOf("The two sides"), "[Karim Haddad, Sofia Lindqvist]");
    assert.equal(a.speakerOf("Both ministers"), "[Karim Haddad, Sofia Lindqvist]");
    assert.equal(a.speakerOf("The Moroccan minister"), "Karim Haddad");
  });

  it("makes a country the speaker of “the X side”, and the states the speakers of a joint statement", () => {
    const a = run(
      "Joint Statement between the Republic of Chile and the Kingdom of Thailand\n2025-02-01\n\nThe two sides agreed to expand trade. The Chilean side welcomed Thai investment. Both countries support free trade.",
    );
    assert.equal(a.speakerOf("The two sides"), "[Chile, Thailand]");
    assert.equal(a.speakerOf("The Chilean side"), "Chile");
    assert.equal(a.speakerOf("Both countries"), "[Chile, Thailand]");
  });

  it("attributes quotes with the cue after them, and “according to”", () => {
    const a = run(release("Talks", meeting, "“We are partners,” Lindqvist said. “Partners talk.”", "According to Haddad, the talks were candid."));
    assert.equal(a.speakerOf("“We are partners"), "Sofia Lindqvist");
    assert.equal(a.speakerOf("“Partners talk"), "Sofia Lindqvist");
    assert.equal(a.speakerOf("According to Haddad"), "Karim Haddad");
  });

  it("gives answers to the spokesperson, questions to named outlets, and ignores anonymous questions", () => {
    const a = run(
      "Foreign Ministry Spokesperson Hana Novak's Regular Press Conference\n2025-03-03 15:00\n\nQ: Any comment on the summit?\n\nA: We welcome it. It is a good step.\n\nBloomberg: Will the minister attend?\n\nHana Novak: Yes, she will.",
    );
    assert.equal(a.speakerOf("Any comment"), undefined);
    assert.equal(a.speakerOf("We welcome it"), "Hana Novak");
    assert.equal(a.speakerOf("It is a good step"), "Hana Novak");
    assert.equal(a.speakerOf("Will the minister"), "Bloomberg");
    assert.equal(a.speakerOf("Yes, she will"), "Hana Novak");
    assert.deepEqual(a.codes(), []);
  });
});

describe("lint: flags (guidelines §5)", () => {
  it("flags every sentence of an unattributed evaluative stretch, not narration", () => {
    const a = run(
      release(
        "Visit",
        "Foreign Minister Lena Ortiz visited Lima on Tuesday.",
        "Relations between the two countries are better than ever. The partnership must be protected.",
        "She will travel to Quito tomorrow.",
      ),
    );
    assert.deepEqual(a.codes(), ["unattributed-statement", "unattributed-statement"]);
  });

  it("flags passive and anonymous attributions as vague", () => {
    const a = run(release("Talks", "It was agreed that the talks would continue.", "Diplomats said the mood was positive. Analysts believe a deal is near."));
    assert.deepEqual(a.codes(), ["vague-attribution", "vague-attribution", "vague-attribution"]);
  });

  it("never flags headlines, datelines, breadcrumbs or footers", () => {
    const a = run("Home > The talks must go on\nRelations Are Excellent And Must Improve\n2025-01-01\n\nSuggest To A Friend:\nPrint");
    assert.deepEqual(a.codes(), []);
  });

  it("honours inline suppression comments and per-rule severities", async () => {
    const { Analyzer } = await import("../../server/src/core/analyze");
    const body = "Relations are excellent. <!-- attache-disable-line unattributed-statement -->\n\nRelations must improve.";
    const text = release("Visit", body);
    const all = new Analyzer().analyze(text);
    assert.equal(all.findings.length, 1, "the commented line is suppressed, the other is not");
    const off = new Analyzer().analyze(text, { rules: { "unattributed-statement": "off" } });
    assert.equal(off.findings.length, 0);
    const err = new Analyzer().analyze(text, { rules: { "unattributed-statement": "error" } });
    assert.equal(err.findings[0].severity, "error");
  });
});
