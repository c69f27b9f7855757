// Benchmark inputs, generated from the example releases (examples/*.release) so that the
// benchmark runs on a fresh clone. Every "story" (the body of one example) gets its own cast:
// people are renamed and dates and numbers varied, so that no two paragraphs of a large input
// are the same text and the per-paragraph cache cannot make repeated text look cheap.

import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = process.env.ATTACHE_ROOT ?? path.resolve(__dirname, "..");
export const EXAMPLES = path.join(ROOT, "examples");
export const SEED_PATH = path.join(EXAMPLES, "seed-putin-meets-wang-yi.release");

/** A deterministic pseudo-random generator (mulberry32), so every run sees the same inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = (
  "Amara Tomasz Daniel Maria Friedrich Elena Kofi Ingrid Rafael Sofia Hiroshi Leila Mateo Anika Olusegun Beatriz Henrik Nadia Joaquin " +
  "Katarzyna Samuel Lucia Viktor Amina Pedro Freya Arjun Teresa Lars Yasmin Gustavo Irina Emeka Clara Nikolai Rosa Anders Fatima " +
  "Marco Helena Jonas Priya Tariq Ines Pavel Alicia Kwame Marta Stefan Aisha Diego Greta Ruslan Carmen Idris Petra Luis Zofia"
).split(" ");
const FAMILY = (
  "Okafor Wrona Reyes Castellanos Hartmann Lindqvist Mensah Novak Herrera Brandt Takeda Haddad Moreno Kowalski Adeyemi Ferreira " +
  "Johansson Petrov Alvarez Nowak Osei Lorenz Sato Rahman Costa Dubois Eriksen Mbeki Santos Varga Ivanova Bakker Rossi Nielsen " +
  "Tanaka Quintero Schreiber Aziz Moretti Okonkwo Halvorsen Romero Kovacs Fischer Banda Salazar Weber Oyelaran Lund Ortega Horvat " +
  "Mwangi Duarte Berg Karimi Vasquez Kaminski Achebe Lindgren Navarro"
).split(" ");
const CHINESE_FAMILY =
  "Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren".split(
    " ",
  );
const CHINESE_GIVEN =
  "Wei Jun Ming Hua Lei Ping Gang Jie Qiang Yong Tao Bin Hui Xin Yan Fang Ning Lan Jing Hong Kai Rui Bo Chao Dan Feng Long Peng Qing Wen".split(" ");
const MONTH_NAMES = "January February March April May June July August September October November December".split(" ");

interface Template {
  /** The story's body paragraphs (header lines removed). */
  readonly body: string;
  /** Names in the template, longest first, with the cast member that replaces each. */
  readonly names: readonly { readonly from: string; readonly role: number; readonly part: "full" | "family" }[];
  /** Cast members: `latin` (given + family) or `chinese` (family + given, short form used in full). */
  readonly cast: readonly ("latin" | "chinese")[];
}

function body(file: string): string {
  const text = fs.readFileSync(path.join(EXAMPLES, file), "utf8").replace(/\r\n/g, "\n");
  // Drop the header (breadcrumb, headline, dateline) and the footer furniture.
  const paragraphs = text
    .split(/\n\s*\n/)
    .slice(1)
    .filter((p) => !/^Suggest To A Friend/.test(p.trim()));
  return paragraphs.map((p) => p.trim()).join("\n\n");
}

let templates: Template[] | undefined;
function loadTemplates(): Template[] {
  templates ??= [
    {
      body: body("seed-putin-meets-wang-yi.release"),
      names: [
        { from: "Vladimir Putin", role: 0, part: "full" },
        { from: "Putin", role: 0, part: "family" },
        { from: "Wang Yi", role: 1, part: "full" },
        { from: "Xi Jinping", role: 2, part: "full" },
      ],
      cast: ["latin", "chinese", "chinese"],
    },
    {
      body: body("flagged-talks.release"),
      names: [
        { from: "Amara Okafor", role: 0, part: "full" },
        { from: "Tomasz Wrona", role: 1, part: "full" },
      ],
      cast: ["latin", "latin"],
    },
    {
      body: body("press-briefing.release"),
      names: [
        { from: "Daniel Reyes", role: 0, part: "full" },
        { from: "Maria Castellanos", role: 1, part: "full" },
        { from: "Friedrich Hartmann", role: 2, part: "full" },
      ],
      cast: ["latin", "latin", "latin"],
    },
  ];
  return templates;
}

/** Generates unique names: each call returns a person not used before in this generator. */
class Casting {
  private readonly used = new Set<string>();
  constructor(private readonly random: () => number) {}

  person(kind: "latin" | "chinese"): { full: string; family: string } {
    for (let attempt = 0; ; attempt++) {
      const pick = (list: readonly string[]) => list[Math.floor(this.random() * list.length)];
      let full: string;
      let family: string;
      if (kind === "chinese") {
        family = pick(CHINESE_FAMILY);
        full = `${family} ${pick(CHINESE_GIVEN)}${attempt > 40 ? pick(CHINESE_GIVEN).toLowerCase() : ""}`;
      } else {
        family = pick(FAMILY);
        // After many collisions, a double-barrelled family name keeps names unique.
        if (attempt > 40) family = `${family}-${pick(FAMILY)}`;
        full = `${pick(GIVEN)} ${family}`;
      }
      if (!this.used.has(full)) {
        this.used.add(full);
        return { full, family };
      }
    }
  }
}

/** A story: one template's body with a fresh cast, a varied date and varied numbers. */
function story(t: Template, casting: Casting, random: () => number, serial: number): string {
  const cast = t.cast.map((k) => casting.person(k));
  const pattern = new RegExp(`\\b(?:${t.names.map((n) => n.from.replace(/ /g, "\\s+")).join("|")})\\b`, "g");
  let text = t.body.replace(pattern, (m) => {
    const n = t.names.find((x) => x.from === m.replace(/\s+/g, " "))!;
    return n.part === "full" ? cast[n.role].full : cast[n.role].family;
  });
  const year = 2000 + Math.floor(random() * 26);
  const month = MONTH_NAMES[Math.floor(random() * 12)];
  const day = 1 + Math.floor(random() * 28);
  text = text
    .replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/g, `${month} ${day}, ${year}`)
    .replace(/\b(?:June \d+ to \d+)/g, `${month} ${day} to ${day + 2}`)
    .replace(/\b20th\b/g, `${10 + (serial % 90)}th`)
    .replace(/\bsince 2022\b/g, `since ${year - 1 - (serial % 5)}`);
  // Paragraphs that name nobody and hold no date get a varied closing fact, so that every
  // paragraph of a long input is unique.
  const cues = cast.map((c) => c.family);
  return text
    .split("\n\n")
    .map((p, k) => (cues.some((f) => p.includes(f)) ? p : `${p} ${FACTS[(serial + k) % FACTS.length].replace("#", String(3 + ((serial * 7 + k * 13) % 997)))}`))
    .join("\n\n");
}

const FACTS = [
  "The talks lasted # minutes.",
  "Some # delegates attended the session.",
  "Trade between the two countries grew by # million dollars last year.",
  "The next round is planned in # days.",
  "More than # journalists covered the visit.",
];

/** The header every generated release starts with. */
function header(serial: number, headline: string): string {
  const d = new Date(Date.UTC(2020, 0, 1) + serial * 86_400_000);
  const iso = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
  return `Home > Diplomacy\n${headline}\n${iso} 18:00\n\n`;
}

/**
 * One long release of at least `bytes` UTF-8 bytes: a header, then many stories in turn
 * (every paragraph unique). Inputs of different sizes from the same `seed` share a prefix.
 */
export function longRelease(bytes: number, seed = 1): string {
  const random = rng(seed);
  const casting = new Casting(random);
  const ts = loadTemplates();
  const parts = [header(0, "Foreign Ministers Hold a Series of Talks on Regional Cooperation")];
  let size = Buffer.byteLength(parts[0]);
  for (let i = 0; size < bytes; i++) {
    const s = story(ts[i % ts.length], casting, random, i) + "\n\n";
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join("").trimEnd() + "\n";
}

/** A release of 2–3 KB: a header and one to three stories (many small files for `attache check`). */
export function smallRelease(serial: number, random: () => number, casting: Casting): string {
  const ts = loadTemplates();
  let text = "";
  const first = ts[serial % ts.length];
  const headline = `Foreign Minister Holds Talks with Counterpart, Meeting ${serial + 1}`;
  text = header(serial, headline);
  let i = serial;
  let t = first;
  for (;;) {
    const s = story(t, casting, random, i);
    if (Buffer.byteLength(text + s) > 3000 && Buffer.byteLength(text) >= 2000) break;
    if (Buffer.byteLength(text + s) > 3000) {
      // Too long as a whole: take the story's paragraphs while they fit.
      for (const p of s.split("\n\n")) {
        if (Buffer.byteLength(text + p) > 3000) break;
        text += p + "\n\n";
      }
      break;
    }
    text += s + "\n\n";
    t = ts[++i % ts.length];
  }
  return text.trimEnd() + "\n";
}

/** Writes `count` releases of 2–3 KB into `dir` (100 per sub-directory). */
export function writeCorpus(dir: string, count: number, seed = 7): { files: number; bytes: number } {
  const random = rng(seed);
  let casting = new Casting(random);
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    if (n % 500 === 0) casting = new Casting(random); // names unique within each batch of files
    const sub = path.join(dir, String(Math.floor(n / 100)).padStart(3, "0"));
    if (n % 100 === 0) fs.mkdirSync(sub, { recursive: true });
    const text = smallRelease(n, random, casting);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(sub, `release-${String(n).padStart(5, "0")}.release`), text);
  }
  return { files: count, bytes };
}

export type { Casting };
export function newCasting(seed: number): Casting {
  return new Casting(rng(seed));
}
