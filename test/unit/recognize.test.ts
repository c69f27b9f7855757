import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isShouting, titleCaseIfShouting } from "../../server/src/core/recognize";
import { release, run } from "./helpers";

const people = (text: string) =>
  run(text)
    .entities.filter((e) => e.kind === "person")
    .map((e) => e.name)
    .sort();
const orgs = (text: string) =>
  run(text)
    .entities.filter((e) => e.kind === "organization")
    .map((e) => e.name)
    .sort();
const countries = (text: string) =>
  run(text)
    .entities.filter((e) => e.kind === "country")
    .map((e) => e.name)
    .sort();

describe("recognize: people from the text's structure", () => {
  it("finds names after titles, with particles, initials, hyphens and accents", () => {
    const t = release(
      "Readout of the Meeting",
      "On Monday, External Affairs Minister S. Jaishankar met with French Minister for Europe and Foreign Affairs Jean-Noël Barrot and European Commission President Ursula von der Leyen in Paris.",
    );
    assert.deepEqual(people(t), ["Jean-Noël Barrot", "S. Jaishankar", "Ursula von der Leyen"]);
    assert.deepEqual(run(t).person("Jean-Noël Barrot")?.titles, ["French Minister for Europe and Foreign Affairs"]);
  });

  it("finds names before an appositive title", () => {
    const t = release("Statement", "Amina Diallo, Minister of Foreign Affairs of Senegal, received Kofi Mensah, Ambassador of Ghana, in Dakar.");
    const a = run(t);
    assert.deepEqual(people(t), ["Amina Diallo", "Kofi Mensah"]);
    assert.deepEqual(a.person("Amina Diallo")?.titles, ["Minister of Foreign Affairs of Senegal"]);
    assert.deepEqual(a.person("Kofi Mensah")?.titles, ["Ambassador of Ghana"]);
  });

  it("splits titles joined by “and” into separate titles", () => {
    const t = release("Talks", "Vice Premier and Minister of Commerce Liu Hong held talks with Prime Minister Elena Petrova.");
    assert.deepEqual(run(t).person("Liu Hong")?.titles, ["Vice Premier", "Minister of Commerce"]);
    assert.deepEqual(run(t).person("Elena Petrova")?.titles, ["Prime Minister"]);
  });

  it("finds the headline subject and the object of “met with”", () => {
    const t = release("Karim Haddad Meets with Sofia Lindqvist", "The two ministers discussed regional security.");
    assert.deepEqual(people(t), ["Karim Haddad", "Sofia Lindqvist"]);
  });

  it("makes surnames, given names and “Mr”/“Secretary” forms aliases of the full name", () => {
    const t = release(
      "Meeting",
      "Secretary Antony J. Blinken met Foreign Minister Retno Marsudi.",
      "Secretary Blinken said that the partnership matters. Retno said that Indonesia agrees. Mr Blinken added that more talks will follow.",
    );
    const a = run(t);
    assert.deepEqual(people(t), ["Antony J. Blinken", "Retno Marsudi"]);
    assert.deepEqual(a.person("Antony J. Blinken")?.aliases, ["Blinken"]);
    assert.deepEqual(a.person("Retno Marsudi")?.aliases, ["Retno"]);
  });

  it("does not take places, events or capitalized common words for people", () => {
    const t = release(
      "Joint Press Release",
      "The Belt and Road Forum was held at the Great Hall of the People in Beijing. Decoupling is in no one's interest. Observers believe the Summit will succeed.",
    );
    assert.deepEqual(people(t), []);
  });
});

describe("recognize: organizations and countries", () => {
  it("finds bodies by head word, known acronyms and parenthesized acronyms", () => {
    const t = release(
      "Statement",
      "The Mekong-Lancang Cooperation Secretariat (MLCS) met the World Health Organization and NATO officials. The MLCS will report to the Pacific Islands Forum.",
    );
    assert.deepEqual(orgs(t), ["Mekong-Lancang Cooperation Secretariat", "NATO", "Pacific Islands Forum", "World Health Organization"]);
    const mlcs = run(t).entities.find((e) => e.name === "Mekong-Lancang Cooperation Secretariat");
    assert.deepEqual(mlcs?.aliases, ["MLCS"]);
  });

  it("finds nested bodies inside titles and keeps buildings out", () => {
    const t = release("Visit", "Member of the Standing Committee of the National Assembly Tran Van Minh spoke at Parliament House.");
    const o = orgs(t);
    assert.ok(o.includes("Standing Committee of the National Assembly"), o.join(", "));
    assert.ok(!o.some((x) => /Parliament House/.test(x)), o.join(", "));
  });

  it("finds countries as nouns, long forms, demonyms, hyphenated pairs and short forms", () => {
    const t = release(
      "China-Brazil Talks",
      "The Federative Republic of Brazil and the UK discussed Kenyan exports, the DPRK and the Republic of Korea. Japanese firms in Mexico City welcomed the South China Sea code.",
    );
    assert.deepEqual(countries(t), ["Brazil", "China", "Japan", "Kenya", "North Korea", "South Korea", "United Kingdom"]);
  });
});

describe("recognize: headline words that are not names", () => {
  it("keeps “Counterpart” out of the name in “Holds Talks with Counterpart NAME”", () => {
    const t = release("Foreign Minister Amara Okafor Holds Talks with Counterpart Tomasz Wrona", "The two ministers discussed trade.");
    assert.deepEqual(people(t), ["Amara Okafor", "Tomasz Wrona"]);
  });
});

describe("recognize: headlines in capitals", () => {
  /** The definition: at least eight letters (\p{L}), four in five of them capitals (\p{Lu}). */
  const reference = (text: string) => {
    const letters = text.replace(/[^\p{L}]/gu, "").length;
    const upper = text.replace(/[^\p{Lu}]/gu, "").length;
    return letters >= 8 && upper / letters >= 0.8;
  };

  it("counts letters and capitals as \\p{L} and \\p{Lu} do, on ASCII and beyond", () => {
    // Mostly capitals, so that many strings sit near the four-in-five line.
    const unit = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ") },
      { weight: 2, arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz") },
      { weight: 2, arbitrary: fc.constantFrom(..."0123456789 .,-'’@[`{\u00a0") },
      { weight: 1, arbitrary: fc.constantFrom(..."ÉÀÇéàçßΣσЖж中") },
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (s) => assert.equal(isShouting(s), reference(s), JSON.stringify(s))),
      { numRuns: 3000 },
    );
    for (const s of ["ABCDEFGH", "ABCDEFGh", "ABCDEFGHij", "ABCDEFGHijk", "ABCDEFG", "ÉABCDEFGhi", "ÉABCDEFGhij"]) assert.equal(isShouting(s), reference(s), s);
  });

  it("title-cases a headline in capitals, with the same length", () => {
    const h = "JOINT STATEMENT OF THE UNITED STATES AND FRANCE ON UKRAINE";
    const t = titleCaseIfShouting(h);
    assert.equal(t.length, h.length);
    assert.equal(t, "Joint Statement of the United States and France on Ukraine");
    assert.equal(titleCaseIfShouting("DÉCLARATION CONJOINTE DE LA FRANCE"), "Déclaration Conjointe De La France");
    assert.equal(titleCaseIfShouting("Joint Statement on Ukraine"), "Joint Statement on Ukraine");
  });
});
