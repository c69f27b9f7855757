// Stage 3 — resolve: turns the per-block candidates into the release's entities and their
// mentions. Surnames, given names and "Secretary Blinken" become aliases of the person
// introduced with the full name; "the Foreign Secretary" resolves to the one holder of that
// office; "the Chinese side" to the country; acronyms to the bodies they abbreviate;
// Q&A labels to speakers. Groups and pronouns are resolved during attribution, which knows
// the sentence subjects.

import { LEXICON } from "./lexicon";
import { isInitial, NAME_PARTICLES, normWord } from "./tokens";
import type { BlockRecognition, DescriptionCandidate, TitleCandidate } from "./recognize";
import type { Segmentation } from "./segment";
import type { Block, Entity, EntityKind, Gender, Mention, MentionKind, Span } from "./types";

/** A user-supplied entry (workspace gazetteer) the resolver treats as known. */
export interface GazetteerEntry {
  readonly kind: "person" | "organization";
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly titles?: readonly string[];
  readonly gender?: Gender;
  readonly acronym?: string;
}

export interface EntityDraft {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  titles: string[];
  members?: string[];
  country?: string;
  gender?: Gender;
  introduced: Span;
  /** Name tokens of a person (canonical form). */
  tokens?: string[];
  /** Title heads a person holds, lower case, with the words of each title. */
  offices?: { head: string; last: string; words: ReadonlySet<string>; country?: string }[];
  /** An organization's acronym. */
  acronym?: string;
  /** Lower-case key used to merge forms. */
  key: string;
  /** Where a person came from: the text's structure, or the gazetteer. */
  fromGazetteer?: boolean;
}

export interface AmbiguousDescription extends Span {
  readonly candidates: readonly string[];
}

export interface Resolution {
  readonly text: string;
  /** Person ids in order of introduction (computed once, after resolution). */
  readonly people: () => readonly string[];
  readonly entities: EntityDraft[];
  readonly byId: Map<string, EntityDraft>;
  readonly mentions: Mention[];
  readonly ambiguousDescriptions: AmbiguousDescription[];
  /** Group descriptions ("the two sides") with their spans, resolved later. */
  readonly groupPhrases: { span: Span; text: string; count?: number; noun: string }[];
  readonly pronouns: { span: Span; text: string; pronoun: string }[];
  /** People who met or spoke in the release, in order. */
  readonly participants: string[];
  /** For a joint statement between governments, the states it is between. */
  readonly jointCountries: string[] | undefined;
  /** Entity that speaks in `A:` turns. */
  readonly answerer: string | undefined;
  /** Entity of each named turn label, by block index. */
  readonly turnSpeakers: Map<number, string>;
  readonly addGroup: (members: readonly string[], description: string, at: Span) => string;
  readonly countryId: (name: string) => string | undefined;
}

const lastOf = (s: string) => s.split(" ").pop() ?? s;
const stripInitials = (tokens: readonly string[]) => tokens.filter((t) => !isInitial(t));
const norm = normWord;

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `short` occurs as a contiguous run in `long` (both normalized); never when `short` is empty. */
function containsRun(long: readonly string[], short: readonly string[]): boolean {
  if (short.length === 0 || short.length > long.length) return false;
  outer: for (let i = 0; i + short.length <= long.length; i++) {
    for (let j = 0; j < short.length; j++) if (long[i + j] !== short[j]) continue outer;
    return true;
  }
  return false;
}

function sameName(a: readonly string[], b: readonly string[]): boolean {
  const x = stripInitials(a).map(norm);
  const y = stripInitials(b).map(norm);
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

/** What an office's title gives, whoever holds it (`words` is shared: never change it). */
interface OfficeForm {
  /** The head as the recognizer gave it. */
  readonly rawHead: string;
  /** The title without a leading "the", spaces collapsed. */
  readonly title: string;
  readonly normTitle: string;
  /** The head in lower case, and its last word. */
  readonly head: string;
  readonly last: string;
  readonly words: ReadonlySet<string>;
}

/**
 * Office forms by title text, kept across analyses: a release names the same offices again
 * and again, and every keystroke resolves all of them anew. A cache of a pure function, so
 * clearing it changes nothing; it is cleared when it grows past 10,000 titles.
 */
const OFFICE_FORMS = new Map<string, OfficeForm[]>();

function officeForm(text: string, rawHead: string): OfficeForm {
  const known = OFFICE_FORMS.get(text);
  if (known) for (const f of known) if (f.rawHead === rawHead) return f;
  const title = text.replace(/^(?:the|The)\s+/, "").replace(/\s+/g, " ");
  const normTitle = norm(title);
  const head = rawHead.toLowerCase();
  const form: OfficeForm = { rawHead, title, normTitle, head, last: lastOf(head), words: new Set(normTitle.split(/\s+/)) };
  if (known) known.push(form);
  else {
    if (OFFICE_FORMS.size >= 10_000) OFFICE_FORMS.clear();
    OFFICE_FORMS.set(text, [form]);
  }
  return form;
}

export function resolve(
  text: string,
  seg: Segmentation,
  recs: readonly { block: Block; rec: BlockRecognition }[],
  gazetteer: readonly GazetteerEntry[] = [],
): Resolution {
  const entities: EntityDraft[] = [];
  const byId = new Map<string, EntityDraft>();
  const mentions: Mention[] = [];
  let nextId = 1;
  // Creation order, by entity (ids are "e1", "e2", … in that order).
  const created = new Map<EntityDraft, number>();
  const create = (kind: EntityKind, name: string, introduced: Span, extra: Partial<EntityDraft> = {}): EntityDraft => {
    // Every field, in one order, then the extras: one hidden class for all entities, so that
    // the many reads of `kind` and `id` stay monomorphic.
    const e: EntityDraft = {
      id: `e${nextId++}`,
      kind,
      name,
      aliases: [],
      titles: [],
      members: undefined,
      country: undefined,
      gender: undefined,
      introduced,
      tokens: undefined,
      offices: undefined,
      acronym: undefined,
      key: norm(name),
      fromGazetteer: undefined,
    };
    Object.assign(e, extra);
    created.set(e, nextId - 1);
    entities.push(e);
    byId.set(e.id, e);
    return e;
  };
  const mention = (entity: EntityDraft, kind: MentionKind, start: number, end: number, written = text.slice(start, end)) => {
    mentions.push({ entity: entity.id, kind, offset: start, length: end - start, text: written });
  };
  // The normalized aliases of each entity, kept while its alias list is only appended to
  // (a list replaced or shortened elsewhere is read again).
  // The normalized name is kept too, while the name stays the same string.
  const aliasKeys = new Map<EntityDraft, { list: string[]; length: number; keys: Set<string>; name: string; nameKey: string }>();
  const addAlias = (e: EntityDraft, alias: string) => {
    const a = /\s\s|[^\S ]|^\s|\s$/.test(alias) ? alias.replace(/\s+/g, " ").trim() : alias;
    if (!a) return;
    let known = aliasKeys.get(e);
    if (!known || known.list !== e.aliases || known.length !== e.aliases.length) {
      known = { list: e.aliases, length: e.aliases.length, keys: new Set(e.aliases.map(norm)), name: e.name, nameKey: norm(e.name) };
      aliasKeys.set(e, known);
    } else if (known.name !== e.name) {
      known.name = e.name;
      known.nameKey = norm(e.name);
    }
    const key = norm(a);
    if (key === known.nameKey) return;
    if (known.keys.has(key)) return;
    e.aliases.push(a);
    known.keys.add(key);
    known.length++;
  };

  // --- Countries -------------------------------------------------------------------------
  const countries = new Map<string, EntityDraft>();
  const country = (name: string, start: number, end: number): EntityDraft => {
    let c = countries.get(name);
    if (!c) {
      c = create("country", name, { offset: start, length: end - start });
      countries.set(name, c);
    }
    return c;
  };

  // --- People ----------------------------------------------------------------------------
  const people: EntityDraft[] = [];
  const creation = (e: EntityDraft) => created.get(e)!;
  // People by every word of their names (normalized). Each word of a name that is not an
  // initial occurs in the name of the person it refers to, so a lookup tries only the people
  // under its rarest word, with their normalized forms computed once. Under each word, a set
  // (for membership) and a list in creation order (a lookup goes newest first and stops at the
  // first match: the latest introduced wins when two people share a surname).
  const byToken = new Map<string, { set: Set<EntityDraft>; list: EntityDraft[] }>();
  const forms = new Map<EntityDraft, { all: string[]; core: string[] }>();
  const index = (p: EntityDraft) => {
    const f = { all: p.tokens!.map(norm), core: stripInitials(p.tokens!).map(norm) };
    forms.set(p, f);
    for (const k of f.all) {
      let entry = byToken.get(k);
      if (!entry) byToken.set(k, (entry = { set: new Set(), list: [] }));
      if (entry.set.has(p)) continue;
      entry.set.add(p);
      // Usually appended; a person re-indexed under a fuller name goes before newer people.
      const c = creation(p);
      let at = entry.list.length;
      while (at > 0 && creation(entry.list[at - 1]) > c) at--;
      entry.list.splice(at, 0, p);
    }
  };
  const addPerson = (p: EntityDraft) => {
    people.push(p);
    index(p);
  };
  // Gazetteer aliases ("Mr. da Silva" for "Lula") name their person directly.
  const aliasIndex = new Map<string, EntityDraft>();
  const personFor = (tokens: readonly string[], normalized?: { all: readonly string[]; core: readonly string[] }): EntityDraft | undefined => {
    if (aliasIndex.size) {
      const hit = aliasIndex.get(norm(tokens.join(" ").replace(/\s+\./g, ".")));
      if (hit) return hit;
    }
    const all = normalized?.all ?? tokens.map(norm);
    const core = normalized?.core ?? stripInitials(tokens).map(norm);
    // Every way of matching below needs each core word in the person's name: try only the
    // people under the rarest word who are also under all the others.
    let candidates: readonly EntityDraft[] = people;
    let rarest: Set<EntityDraft> | undefined;
    const sets: Set<EntityDraft>[] = [];
    for (const w of core) {
      const entry = byToken.get(w);
      if (!entry) return undefined;
      sets.push(entry.set);
      if (!rarest || entry.list.length < candidates.length) {
        candidates = entry.list;
        rarest = entry.set;
      }
    }
    // A run of three name words or more is a name of its own ("Salman bin Abdulaziz Al Saud"
    // inside "Mohammed bin Salman bin Abdulaziz Al Saud"), not an alias.
    let nameWords = 0;
    for (const w of core) if (!NAME_PARTICLES.has(w)) nameWords++;
    const shortRun = nameWords <= 2;
    // Newest first (`people` and the lists are in creation order): the first match is the one.
    candidates: for (let i = candidates.length - 1; i >= 0; i--) {
      const p = candidates[i];
      if (sets.length > 1) for (const set of sets) if (set !== rarest && !set.has(p)) continue candidates;
      const f = forms.get(p)!;
      // sameName, or the name is a run of the person's name, with or without initials.
      // Or the first and last words with a middle name left out: "Yusuf Tuggar" ~ "Yusuf Maitama Tuggar".
      // Also "Francia Márquez" ~ "Francia Elena Márquez Mina" (a given name and one surname).
      const middleLeftOut = core.length === 2 && f.core.length >= 3 && f.core[0] === core[0] && f.core.indexOf(core[1], 1) > 0;
      if (sameWords(f.core, core) || middleLeftOut || (shortRun && (containsRun(f.all, all) || containsRun(f.core, core)))) return p;
    }
    return undefined;
  };
  // Offices already recorded per person (head, title and country): a person is titled at
  // every mention, and the same office twice changes nothing but the cost.
  // By title text, then head and country: the texts come from the cached recognitions, whose
  // strings keep their hashes from one analysis to the next (a joined key would be hashed anew
  // at every mention of every keystroke).
  const officeKeys = new Map<EntityDraft, Map<string, { head: string; country: string }[]>>();
  const addOffice = (p: EntityDraft, t: { text: string; head: string; country?: string }) => {
    let seen = officeKeys.get(p);
    if (!seen) officeKeys.set(p, (seen = new Map()));
    let sameText = seen.get(t.text);
    if (!sameText) seen.set(t.text, (sameText = []));
    const country = t.country ?? "";
    for (const o of sameText) if (o.head === t.head && o.country === country) return;
    sameText.push({ head: t.head, country });
    const form = officeForm(t.text, t.head);
    if (!p.titles.some((x) => norm(x) === form.normTitle)) p.titles.push(form.title);
    p.offices ??= [];
    p.offices.push({ head: form.head, last: form.last, words: form.words, country: t.country });
    if (t.country && !p.country) p.country = t.country;
  };

  for (const g of gazetteer) {
    if (g.kind !== "person") continue;
    const p = create("person", g.name, { offset: 0, length: 0 }, { tokens: g.name.split(/\s+/), gender: g.gender, fromGazetteer: true });
    for (const a of g.aliases ?? []) {
      addAlias(p, a);
      // Index the alias without an honorific, as the recognizer reports names.
      aliasIndex.set(norm(a.replace(/^(?:Mr|Mrs|Ms|Dr|Madam|Sir|H\.E)\.?\s+/, "")), p);
    }
    for (const t of g.titles ?? []) addOffice(p, { text: t, head: t.split(/\s+/).pop() ?? t });
    addPerson(p);
  }

  // Candidates with evidence, fullest names first, so "Blinken" finds "Antony J. Blinken".
  type Abs = { block: Block; rec: BlockRecognition };
  const withEvidence: { c: BlockRecognition["names"][number]; base: number }[] = [];
  for (const { block, rec } of recs as Abs[]) {
    for (const c of rec.names) if (c.evidence.length) withEvidence.push({ c, base: block.offset });
  }
  const order = withEvidence.sort((x, y) => y.c.tokens.length - x.c.tokens.length || x.base + x.c.start - (y.base + y.c.start));
  for (const { c, base } of order) {
    let p = personFor(c.tokens, c);
    if (!p) {
      // Someone introduced with a longer name later? ("Secretary Blinken" before "Antony J. Blinken").
      p = create("person", c.tokens.join(" ").replace(/ \./g, "."), { offset: base + c.start, length: c.end - c.start }, { tokens: [...c.tokens] });
      addPerson(p);
    } else if (stripInitials(c.tokens).length === stripInitials(p.tokens!).length && c.tokens.length > p.tokens!.length) {
      p.tokens = [...c.tokens];
      p.name = text.slice(base + c.start, base + c.end);
      index(p);
    }
    if (c.gender && !p.gender) p.gender = c.gender;
  }
  // The canonical name is the fullest form; the introduction is its first occurrence.
  for (const p of people) {
    if (p.fromGazetteer) continue;
    p.introduced = { offset: Number.MAX_SAFE_INTEGER, length: 0 };
  }

  // Mentions of people: every name sequence that matches a known person. The people are
  // known now, so lookups of the same name give the same answer.
  const lookups = new Map<string, EntityDraft | undefined>();
  const personForFixed = (c: BlockRecognition["names"][number]): EntityDraft | undefined => {
    const hit = lookups.get(c.key);
    if (hit !== undefined || lookups.has(c.key)) return hit;
    const p = personFor(c.tokens, c);
    lookups.set(c.key, p);
    return p;
  };
  for (const { block, rec } of recs as Abs[]) {
    for (const c of rec.names) {
      const p = personForFixed(c);
      if (!p) continue;
      const start = block.offset + c.start;
      const end = block.offset + c.end;
      // sameName(c.tokens, p.tokens), from the forms computed once (p is indexed, so in `forms`).
      const full = sameWords(c.core, forms.get(p)!.core);
      const written = text.slice(start, end);
      if (full) {
        if (written.length > p.name.length || p.name.length === 0) p.name = written;
      } else addAlias(p, written);
      mention(p, full ? "name" : "alias", start, end, written);
      // Introduced where the body first names them; the headline only if the body never does.
      const inHeadline = !!seg.headline && start < seg.headline.offset + seg.headline.length;
      const currentInHeadline = !!seg.headline && p.introduced.offset < seg.headline.offset + seg.headline.length;
      if (
        p.introduced.offset === Number.MAX_SAFE_INTEGER ||
        (currentInHeadline && !inHeadline) ||
        (start < p.introduced.offset && inHeadline === currentInHeadline)
      )
        p.introduced = { offset: start, length: end - start };
      for (const t of c.titles) {
        addOffice(p, t);
        mention(p, "title", block.offset + t.start, block.offset + t.end);
      }
      if (c.gender && !p.gender) p.gender = c.gender;
    }
  }
  // A canonical name written two ways keeps the fullest; aliases never repeat it.
  for (const p of people) p.aliases = p.aliases.filter((a) => norm(a) !== norm(p.name) && !sameName(a.split(/\s+/), p.tokens!));
  for (const p of people) if (p.introduced.offset === Number.MAX_SAFE_INTEGER) p.introduced = { offset: 0, length: 0 };

  // --- Organizations -----------------------------------------------------------------------
  const orgs = new Map<string, EntityDraft>();
  const orgByAcronym = new Map<string, EntityDraft>();
  for (const g of gazetteer) {
    if (g.kind !== "organization") continue;
    const o = create("organization", g.name, { offset: 0, length: 0 }, { acronym: g.acronym, fromGazetteer: true });
    orgs.set(norm(g.name), o);
    if (g.acronym) orgByAcronym.set(g.acronym, o);
    for (const a of g.aliases ?? []) orgs.set(norm(a), o);
  }
  const pendingAcronyms: { start: number; end: number; name: string }[] = [];
  const personSpans = mentions.filter((m) => byId.get(m.entity)?.kind === "person" && m.kind !== "title").sort((a, b) => a.offset - b.offset);
  const insidePerson = (s: number, e: number) => {
    // Person mentions never overlap each other: find the last one starting before `e`.
    let lo = 0;
    let hi = personSpans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (personSpans[mid].offset < e) lo = mid + 1;
      else hi = mid;
    }
    const m = personSpans[lo - 1];
    return !!m && s < m.offset + m.length;
  };
  for (const { block, rec } of recs as Abs[]) {
    for (const o of rec.orgs) {
      const start = block.offset + o.start;
      const end = block.offset + o.end;
      if (insidePerson(start, end)) continue;
      if (o.isAcronym && !o.known) {
        pendingAcronyms.push({ start, end, name: o.name });
        continue;
      }
      const key = o.known ? norm(o.known.name) : norm(o.name);
      let e = orgs.get(key) ?? (o.known?.acronym ? orgByAcronym.get(o.known.acronym) : undefined) ?? (o.acronym ? orgByAcronym.get(o.acronym) : undefined);
      const written = o.name.replace(/\s+/g, " ");
      if (!e) {
        e = create("organization", written, { offset: start, length: end - start }, { acronym: o.acronym ?? o.known?.acronym });
        e.key = key;
        orgs.set(key, e);
        // A known body met by its acronym: its full name is an alias ("EU" → "European Union").
        if (o.isAcronym && o.known && o.known.name !== written) addAlias(e, o.known.name);
      }
      if (e.acronym === undefined && o.acronym) e.acronym = o.acronym;
      if (e.acronym) orgByAcronym.set(e.acronym, e);
      if (o.isAcronym) {
        // An acronym used alone is the name until the full form appears.
        if (e.name !== written) addAlias(e, written);
      } else if (norm(e.name) !== norm(written)) {
        if (e.acronym && e.name === e.acronym) {
          addAlias(e, e.name);
          e.name = written;
        } else if (written.length > e.name.length) {
          addAlias(e, e.name);
          e.name = written;
        } else addAlias(e, written);
      }
      mention(e, o.isAcronym ? "alias" : "name", start, end);
      if (o.acronymSpan) {
        addAlias(e, o.acronym!);
        mention(e, "alias", block.offset + o.acronymSpan.start, block.offset + o.acronymSpan.end);
      }
    }
  }
  // Gazetteer bodies are found wherever their names, aliases or acronyms stand in the text.
  const orgMentionAt = new Set(mentions.filter((m) => byId.get(m.entity)?.kind === "organization").map((m) => m.offset));
  for (const e of new Set(orgs.values())) {
    if (!e.fromGazetteer) continue;
    const forms = [e.name, ...e.aliases, ...(e.acronym ? [e.acronym] : [])].filter((f) => f.length > 1);
    for (const form of forms) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
        const before = text[at - 1] ?? " ";
        const after = text[at + form.length] ?? " ";
        if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after) || insidePerson(at, at + form.length) || orgMentionAt.has(at)) continue;
        orgMentionAt.add(at);
        if (e.introduced.length === 0) e.introduced = { offset: at, length: form.length };
        mention(e, form === e.name ? "name" : "alias", at, at + form.length);
      }
    }
  }
  for (const a of pendingAcronyms) {
    const e = orgByAcronym.get(a.name);
    if (e) {
      mention(e, "alias", a.start, a.end);
      addAlias(e, a.name);
    }
  }
  // Known bodies written only as their acronym keep the acronym as name.
  const named = new Set(mentions.filter((m) => m.kind === "name").map((m) => m.entity));
  for (const e of new Set(orgs.values())) {
    if (e.acronym && e.name !== e.acronym && !named.has(e.id)) {
      // The expansion stays as an alias, so a hover can say what the acronym stands for.
      const n = e.name;
      e.name = e.acronym;
      e.aliases = [n, ...e.aliases.filter((a) => a !== e.acronym && a !== n)];
    }
  }

  // --- Countries and "the X side" ----------------------------------------------------------
  for (const { block, rec } of recs as Abs[]) {
    for (const c of rec.countries) {
      const start = block.offset + c.start;
      const end = block.offset + c.end;
      const e = country(c.country, start, end);
      // The country's name as written or as another form ("Chinese", "PRC"); curly
      // apostrophes count as straight ones (`norm`).
      const asNamed = norm(c.text) === norm(e.name);
      if (!asNamed) addAlias(e, c.text);
      mention(e, asNamed ? "name" : "alias", start, end);
    }
    for (const s of rec.sides) {
      const e = country(s.country, block.offset + s.start, block.offset + s.end);
      mention(e, "description", block.offset + s.start, block.offset + s.end);
      addAlias(e, s.text.startsWith("The ") ? "the " + s.text.slice(4) : s.text);
    }
  }

  // --- Q&A labels --------------------------------------------------------------------------
  const turnSpeakers = new Map<number, string>();
  // "Spokesperson:" names an office, not a person: the release's spokesperson answers.
  const officeLabels: number[] = [];
  // Person mentions other than titles, by offset (ties in order of creation), so that the
  // person a label names is found without scanning every mention for each label. The label
  // loop only adds mentions inside its own label, which no other label overlaps.
  let labelMentions: { m: Mention; i: number }[] | undefined;
  const personNamedIn = (start: number, end: number): Mention | undefined => {
    labelMentions ??= mentions
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => m.kind !== "title" && byId.get(m.entity)?.kind === "person")
      .sort((x, y) => x.m.offset - y.m.offset || x.i - y.i);
    let lo = 0;
    let hi = labelMentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (labelMentions[mid].m.offset < start) lo = mid + 1;
      else hi = mid;
    }
    // The first one created, as a scan of `mentions` in order would find.
    let first: { m: Mention; i: number } | undefined;
    for (let k = lo; k < labelMentions.length && labelMentions[k].m.offset < end; k++) if (!first || labelMentions[k].i < first.i) first = labelMentions[k];
    return first?.m;
  };
  for (const b of seg.blocks) {
    if (!b.label || b.label.role !== "named") continue;
    const office = LEXICON.titleHeads.match([b.label.text.replace(/^(?:The|the)\s+/, "")], 0);
    if (office && !/\s/.test(b.label.text.replace(/^(?:The|the)\s+/, ""))) {
      officeLabels.push(b.index);
      continue;
    }
    // "MR MILLER" → "Mr Miller": an honorific makes the label a person.
    const raw = b.label.text.split(/\s+/);
    const shouting = raw.length > 1 && raw.every((t) => !/\p{Ll}/u.test(t));
    const words = shouting ? raw.map((t) => t.charAt(0) + t.slice(1).toLowerCase()) : raw;
    const honorific = /^(?:Mr|Mrs|Ms|Dr|Madam|Madame|Miss|Sir)\.?$/.test(words[0]) && words.length > 1 ? words[0].replace(/\.$/, "") : undefined;
    const labelTokens = honorific ? words.slice(1) : words;
    const start = b.label.offset;
    const end = start + b.label.length;
    // "President of Russia Vladimir Putin:": the person the label names, as the recognizer found them.
    const named = personNamedIn(start, end);
    let e: EntityDraft | undefined = named ? byId.get(named.entity)! : personFor(labelTokens);
    if (named) {
      // Already mentioned where the recognizer found the name.
    } else if (e) mention(e, sameName(labelTokens, e.tokens!) ? "name" : "alias", start, end);
    else if (honorific) {
      e = create(
        "person",
        labelTokens.join(" "),
        { offset: start, length: end - start },
        { tokens: labelTokens, gender: /^(?:Mr|Sir)$/.test(honorific) ? "male" : honorific === "Dr" ? undefined : "female" },
      );
      addPerson(e);
      mention(e, "name", start, end);
    } else {
      const known = LEXICON.organizations.match([b.label.text], 0);
      e = orgs.get(norm(known?.value.name ?? b.label.text)) ?? orgByAcronym.get(b.label.text);
      const looksPerson = !known && labelTokens.length >= 2 && labelTokens.length <= 4 && labelTokens.every((t) => /^\p{Lu}\p{Ll}/u.test(t));
      if (!e && looksPerson) {
        e = create("person", b.label.text, { offset: start, length: end - start }, { tokens: labelTokens });
        addPerson(e);
      } else if (!e) {
        const name = known?.value.name && known.value.acronym !== b.label.text ? known.value.name : b.label.text;
        e = create("organization", name, { offset: start, length: end - start }, { acronym: known?.value.acronym });
        orgs.set(norm(name), e);
      }
      mention(e, "name", start, end);
    }
    turnSpeakers.set(b.index, e!.id);
  }

  // --- Definite descriptions --------------------------------------------------------------
  const ambiguousDescriptions: AmbiguousDescription[] = [];
  // "the minister" is a Minister, not a Prime Minister; "the Secretary" may be a Secretary of State.
  const DISTINCT_OFFICE = new Set(["prime", "vice", "deputy", "under", "assistant", "associate", "first"]);
  const holds = (o: { head: string; last: string; words: ReadonlySet<string>; country?: string }, p: EntityDraft, d: DescriptionCandidate): boolean => {
    // "the minister" fits a "Minister of State for …" too.
    if (o.last !== lastOf(d.head) && o.head.split(" ")[0] !== lastOf(d.head)) return false;
    const want = [...d.head.split(" "), ...d.modifiers];
    if (!want.every((w) => o.words.has(w))) return false;
    if ([...o.words].some((w) => DISTINCT_OFFICE.has(w) && !want.includes(w))) return false;
    return !d.country || o.country === d.country || p.country === d.country;
  };
  // People by the last word of each office they hold, built once all offices are known.
  let byHead: Map<string, EntityDraft[]> | undefined;
  const holderCache = new Map<string, EntityDraft[]>();
  const holders = (d: DescriptionCandidate): EntityDraft[] => {
    const key = `${d.head}|${d.modifiers.join(" ")}|${d.country ?? ""}`;
    let hit = holderCache.get(key);
    if (!hit) {
      // Those whose title says the office as written ("Foreign Secretary") come before those
      // whose title only holds its words ("Cabinet Secretary for Foreign … Affairs").
      const all = findHolders(d);
      const phrase = ` ${[...d.modifiers, d.head].join(" ")} `;
      const exact = all.filter((p) => p.titles.some((t) => ` ${norm(t)} `.includes(phrase)));
      hit = exact.length ? exact : all;
      holderCache.set(key, hit);
    }
    return hit;
  };
  const findHolders = (d: DescriptionCandidate): EntityDraft[] => {
    if (!byHead) {
      byHead = new Map();
      for (const p of people) {
        for (const h of new Set((p.offices ?? []).flatMap((o) => [o.last, o.head.split(" ")[0]]))) {
          const list = byHead.get(h) ?? [];
          list.push(p);
          byHead.set(h, list);
        }
      }
    }
    return (byHead.get(lastOf(d.head)) ?? []).filter((p) => (p.offices ?? []).some((o) => holds(o, p, d)));
  };
  const titleSpans = new Set(mentions.filter((m) => m.kind === "title").map((m) => m.offset));
  // People without an office; the loop below adds mentions, never offices or people.
  let untitled: EntityDraft[] | undefined;
  for (const { block, rec } of recs as Abs[]) {
    for (const d of rec.descriptions) {
      const start = block.offset + d.start;
      const end = block.offset + d.end;
      if (titleSpans.has(start)) continue;
      let hs = holders(d);
      // Nobody holds the office by title: the one untitled person of the release is meant
      // ("The President of Russia thanked …" in a Kremlin readout about Vladimir Putin).
      if (hs.length === 0) {
        untitled ??= people.filter((p) => !p.offices?.length && !p.fromGazetteer);
        if (untitled.length === 1 && d.head !== "spokesperson") hs = untitled;
      }
      if (hs.length === 1) mention(hs[0], "title", start, end);
      // No holder: the office names someone the release never introduced; two or more: ambiguous.
      else ambiguousDescriptions.push({ offset: start, length: end - start, candidates: hs.map((h) => h.id) });
    }
  }

  // --- Participants, joint statements, the spokesperson -------------------------------------
  mentions.sort((a, b) => a.offset - b.offset || b.length - a.length);
  const personMentions = mentions.filter((m) => byId.get(m.entity)?.kind === "person");
  const personMentionsIn = (s: Span) => {
    let lo = 0;
    let hi = personMentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (personMentions[mid].offset < s.offset) lo = mid + 1;
      else hi = mid;
    }
    const out: Mention[] = [];
    for (let i = lo; i < personMentions.length && personMentions[i].offset < s.offset + s.length; i++) out.push(personMentions[i]);
    return out;
  };
  let participants: string[] = [];
  const MEETING_RE =
    /\b(?:met|meets|meet|meeting|held|holds|hosted|hosts|talks|phone|call|spoke|speaks|conversation|dialogue|received|receives|attendance|co-chaired|chaired)\b/;
  // The people of the meeting sentences of the first paragraph that reports a meeting.
  let meetingBlock = -1;
  for (const s of seg.sentences) {
    const kind = seg.blocks[s.block].kind;
    if (kind !== "paragraph" && kind !== "lede") continue;
    if (meetingBlock >= 0 && s.block !== meetingBlock) break;
    if (!MEETING_RE.test(text.slice(s.offset, s.offset + s.length))) continue;
    const ids = personMentionsIn(s).map((m) => m.entity);
    if (ids.length === 0) continue;
    if (meetingBlock < 0) meetingBlock = s.block;
    participants = [...new Set([...participants, ...ids])];
  }
  if (participants.length < 2) participants = [];
  if (participants.length < 2 && seg.headline) participants = [...new Set(personMentionsIn(seg.headline).map((m) => m.entity))];
  for (const b of seg.blocks) {
    if (participants.length >= 2 || b.kind !== "lede") continue;
    participants = [...new Set(personMentionsIn(b).map((m) => m.entity))];
  }

  let jointCountries: string[] | undefined;
  if (seg.headline) {
    const h = text.slice(seg.headline.offset, seg.headline.offset + seg.headline.length);
    if (/\bJoint\s+(?:Statement|Declaration|Communiqu[eé]|Press\s+Statement|Action\s+Plan)\b/i.test(h)) {
      const ids = [
        ...new Set(
          mentions
            .filter((m) => m.offset >= seg.headline!.offset && m.offset < seg.headline!.offset + seg.headline!.length && byId.get(m.entity)?.kind === "country")
            .map((m) => m.entity),
        ),
      ];
      if (ids.length >= 2) jointCountries = ids;
    }
  }

  const spokes = people.filter((p) => (p.offices ?? []).some((o) => /spokes/.test(o.head)));
  const inHeadline = (p: EntityDraft) => seg.headline && personMentionsIn(seg.headline).some((m) => m.entity === p.id);
  const answerer = (spokes.find(inHeadline) ?? spokes[0] ?? people.find(inHeadline))?.id;

  if (answerer) for (const b of officeLabels) turnSpeakers.set(b, answerer);

  // --- Group phrases and pronouns, for attribution ------------------------------------------
  const groupPhrases: Resolution["groupPhrases"] = [];
  const pronouns: Resolution["pronouns"] = [];
  for (const { block, rec } of recs as Abs[]) {
    for (const g of rec.groups)
      groupPhrases.push({ span: { offset: block.offset + g.start, length: g.end - g.start }, text: g.text, count: g.count, noun: g.noun });
    for (const p of rec.pronouns) pronouns.push({ span: { offset: block.offset + p.start, length: p.end - p.start }, text: p.text, pronoun: p.pronoun });
  }

  const groups = new Map<string, EntityDraft>();
  const addGroup = (members: readonly string[], description: string, at: Span): string => {
    const key = [...members].sort().join(",");
    let g = groups.get(key);
    const d = lowerLeadingDeterminer(description);
    if (!g) {
      g = create("group", d, at, { members: [...members] });
      groups.set(key, g);
    } else addAlias(g, d);
    return g.id;
  };

  let peopleCache: string[] | undefined;
  return {
    text,
    people: () => (peopleCache ??= people.map((p) => p.id)),
    entities,
    byId,
    mentions,
    ambiguousDescriptions,
    groupPhrases,
    pronouns,
    participants,
    jointCountries,
    answerer,
    turnSpeakers,
    addGroup,
    countryId: (name) => countries.get(name)?.id,
  };
}

export type { TitleCandidate };

/** `description.replace(/^(?:The|Both|All)\b/, (w) => w.toLowerCase())`, without the pattern. */
function lowerLeadingDeterminer(description: string): string {
  for (const w of ["The", "Both", "All"]) {
    if (!description.startsWith(w)) continue;
    const next = description.charCodeAt(w.length);
    const wordChar = (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95;
    return wordChar ? description : w.toLowerCase() + description.slice(w.length);
  }
  return description;
}

/** Freezes drafts into the public entity shape. */
export function finalizeEntities(drafts: readonly EntityDraft[], used: Set<string>): Entity[] {
  return drafts
    .filter((d) => d.kind !== "group" || used.has(d.id))
    .filter((d) => !d.fromGazetteer || used.has(d.id))
    .map((d) => {
      const e: Entity = {
        id: d.id,
        kind: d.kind,
        name: d.name,
        aliases: d.aliases,
        titles: d.titles,
        introduced: d.introduced,
        ...(d.members ? { members: d.members } : {}),
        ...(d.country ? { country: d.country } : {}),
        ...(d.gender ? { gender: d.gender } : {}),
      };
      return e;
    });
}
