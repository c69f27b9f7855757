// The workspace gazetteer: a JSON or YAML file (default `.attache/gazetteer.json`, setting
// `attache.gazetteer`) where users list people, aliases, titles and organizations the
// analysis should know. Shape (see schemas/gazetteer.schema.json):
//
//   { "people":        [{ "name": "Lula", "aliases": ["Lula da Silva"], "titles": ["President"], "gender": "male" }],
//     "organizations": [{ "name": "Planalto Palace", "aliases": ["the Planalto"], "acronym": "PP" }] }
//
// YAML files (`.yaml`, `.yml`) may use this subset: block mappings (`key: value`), block
// sequences (`- item`, also `- name: X` followed by more keys), flow lists of scalars
// (`[a, "b"]`), plain, 'single' and "double" quoted scalars and `#` comments. Anchors, tags,
// multi-line scalars and flow mappings are not supported and are reported as errors.
//
// Parsing never throws: every problem comes back with its span so the server can publish it
// as a diagnostic in the gazetteer file, and the valid entries are still used.

import type { GazetteerEntry } from "../core/resolve";

export interface GazetteerProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly severity: "error" | "warning";
}

export interface ParsedGazetteer {
  readonly entries: GazetteerEntry[];
  readonly problems: GazetteerProblem[];
}

type Node =
  | { type: "object"; offset: number; length: number; props: { key: string; keyOffset: number; keyLength: number; value: Node }[] }
  | { type: "array"; offset: number; length: number; items: Node[] }
  | { type: "string"; offset: number; length: number; value: string }
  | { type: "number" | "boolean" | "null"; offset: number; length: number; value: unknown };

class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length = 1,
  ) {
    super(message);
  }
}

export function parseGazetteer(text: string, format: "json" | "yaml"): ParsedGazetteer {
  if (!text.trim()) return { entries: [], problems: [] }; // an empty file is an empty gazetteer
  let root: Node;
  try {
    root = format === "json" ? parseJson(text) : parseYaml(text);
  } catch (e) {
    if (e instanceof ParseError) return { entries: [], problems: [{ offset: e.offset, length: Math.max(1, e.length), message: e.message, severity: "error" }] };
    throw e;
  }
  return validate(root);
}

export function formatOf(path: string): "json" | "yaml" {
  return /\.ya?ml$/i.test(path) ? "yaml" : "json";
}

// --- Validation ------------------------------------------------------------------------------

const PERSON_KEYS = new Set(["name", "aliases", "titles", "gender"]);
const ORG_KEYS = new Set(["name", "aliases", "acronym"]);

function validate(root: Node): ParsedGazetteer {
  const problems: GazetteerProblem[] = [];
  const entries: GazetteerEntry[] = [];
  const problem = (n: { offset: number; length: number }, message: string, severity: "error" | "warning" = "error") =>
    problems.push({ offset: n.offset, length: Math.max(1, n.length), message, severity });
  if (root.type === "null") return { entries, problems }; // an empty YAML file
  if (root.type !== "object") {
    problem(root, "The gazetteer must be an object with `people` and/or `organizations` lists.");
    return { entries, problems };
  }
  const strings = (n: Node, what: string): string[] => {
    if (n.type === "string") return n.value.trim() ? [n.value.trim()] : [];
    if (n.type !== "array") {
      problem(n, `${what} must be a list of strings.`);
      return [];
    }
    const out: string[] = [];
    for (const item of n.items) {
      if (item.type === "string" && item.value.trim()) out.push(item.value.trim());
      else problem(item, `${what}: expected a non-empty string.`);
    }
    return out;
  };
  for (const prop of root.props) {
    const keySpan = { offset: prop.keyOffset, length: prop.keyLength };
    if (prop.key === "$schema") continue;
    if (prop.key !== "people" && prop.key !== "organizations") {
      problem(keySpan, `Unknown key “${prop.key}”: expected “people” or “organizations”.`, "warning");
      continue;
    }
    const kind = prop.key === "people" ? "person" : "organization";
    if (prop.value.type === "null") continue;
    if (prop.value.type !== "array") {
      problem(prop.value, `“${prop.key}” must be a list of entries.`);
      continue;
    }
    for (const item of prop.value.items) {
      if (item.type !== "object") {
        problem(item, `Each entry of “${prop.key}” must be an object with at least a “name”.`);
        continue;
      }
      const allowed = kind === "person" ? PERSON_KEYS : ORG_KEYS;
      let name: string | undefined;
      const entry: { kind: "person" | "organization"; name: string; aliases?: string[]; titles?: string[]; gender?: "male" | "female"; acronym?: string } = {
        kind,
        name: "",
      };
      let ok = true;
      for (const p of item.props) {
        const kspan = { offset: p.keyOffset, length: p.keyLength };
        if (!allowed.has(p.key)) {
          problem(kspan, `Unknown key “${p.key}” for ${kind === "person" ? "a person" : "an organization"}: expected ${[...allowed].join(", ")}.`, "warning");
          continue;
        }
        const v = p.value;
        if (p.key === "name") {
          if (v.type === "string" && v.value.trim()) name = v.value.trim().replace(/\s+/g, " ");
          else {
            problem(v, "“name” must be a non-empty string.");
            ok = false;
          }
        } else if (p.key === "aliases") entry.aliases = strings(v, "“aliases”");
        else if (p.key === "titles") entry.titles = strings(v, "“titles”");
        else if (p.key === "gender") {
          if (v.type === "string" && (v.value === "male" || v.value === "female")) entry.gender = v.value;
          else problem(v, "“gender” must be “male” or “female”.");
        } else if (p.key === "acronym") {
          if (v.type === "string" && v.value.trim()) entry.acronym = v.value.trim();
          else problem(v, "“acronym” must be a non-empty string.");
        }
      }
      if (name === undefined) {
        if (ok) problem(item, "This entry has no “name”.");
        continue;
      }
      if (!ok) continue;
      entry.name = name;
      entries.push(entry);
    }
  }
  return { entries, problems };
}

// --- JSON with positions ----------------------------------------------------------------------

function parseJson(text: string): Node {
  let i = 0;
  const ws = () => {
    while (i < text.length && /[ \t\r\n\uFEFF]/.test(text[i])) i++;
  };
  const fail = (msg: string): never => {
    throw new ParseError(i >= text.length && !/end of file/.test(msg) ? `${msg} The file ends too early.` : msg, Math.min(i, Math.max(0, text.length - 1)));
  };
  const value = (): Node => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const props: Extract<Node, { type: "object" }>["props"] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { type: "object", offset: start, length: i - start, props };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("Expected a property name in double quotes.");
        const keyOffset = i;
        const key = str();
        const keyLength = i - keyOffset;
        ws();
        if (text[i] !== ":") fail("Expected “:” after the property name.");
        i++;
        props.push({ key, keyOffset, keyLength, value: value() });
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") fail("Trailing comma: JSON does not allow a comma before “}”.");
          continue;
        }
        if (text[i] === "}") {
          i++;
          return { type: "object", offset: start, length: i - start, props };
        }
        fail("Expected “,” or “}”.");
      }
    }
    if (c === "[") {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { type: "array", offset: start, length: i - start, items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") fail("Trailing comma: JSON does not allow a comma before “]”.");
          continue;
        }
        if (text[i] === "]") {
          i++;
          return { type: "array", offset: start, length: i - start, items };
        }
        fail("Expected “,” or “]”.");
      }
    }
    if (c === '"') {
      const v = str();
      return { type: "string", offset: start, length: i - start, value: v };
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail(`Unexpected ${c === undefined ? "end of file" : `“${c}”`}: expected a value.`);
    i += m![0].length;
    const t = m![0];
    if (t === "null") return { type: "null", offset: start, length: t.length, value: null };
    if (t === "true" || t === "false") return { type: "boolean", offset: start, length: t.length, value: t === "true" };
    return { type: "number", offset: start, length: t.length, value: Number(t) };
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length || text[i] === "\n") throw new ParseError("Unterminated string.", start, i - start);
      if (text[i] === "\\") i += 2;
      else if (text[i] === '"') break;
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new ParseError("Invalid escape in string.", start, i - start);
    }
  };
  const root = value();
  ws();
  if (i < text.length) fail("Unexpected text after the end of the JSON value.");
  return root;
}

// --- A YAML subset with positions --------------------------------------------------------------

interface YLine {
  indent: number;
  /** Content without the indentation and trailing comment. */
  text: string;
  /** Offset of `text` in the file. */
  offset: number;
}

function parseYaml(source: string): Node {
  const lines: YLine[] = [];
  let at = 0;
  for (const raw of source.split("\n")) {
    const lineStart = at;
    at += raw.length + 1;
    const line = raw.replace(/\r$/, "");
    const tab = /^[ ]*\t/.exec(line);
    if (tab) throw new ParseError("Tabs are not allowed for indentation in YAML; use spaces.", lineStart + tab[0].length - 1);
    const indent = /^ */.exec(line)![0].length;
    const content = stripComment(line.slice(indent));
    if (!content.trim() || /^---\s*$/.test(content) || /^%/.test(content)) continue;
    lines.push({ indent, text: content.replace(/\s+$/, ""), offset: lineStart + indent });
  }
  if (lines.length === 0) return { type: "null", offset: 0, length: 0, value: null };
  let pos = 0;

  const block = (): Node => {
    const l = lines[pos];
    if (/^-(?:\s|$)/.test(l.text)) return sequence(l.indent);
    if (keyOf(l) !== undefined) return mapping(l.indent);
    pos++;
    return inline(l.text, l.offset);
  };

  const sequence = (indent: number): Node => {
    const items: Node[] = [];
    const start = lines[pos].offset;
    let end = start;
    while (pos < lines.length && lines[pos].indent === indent && /^-(?:\s|$)/.test(lines[pos].text)) {
      const l = lines[pos];
      const rest = l.text.slice(1).replace(/^\s+/, "");
      const restCol = l.indent + (l.text.length - rest.length);
      if (!rest) {
        pos++;
        if (pos < lines.length && lines[pos].indent > indent) items.push(block());
        else items.push({ type: "null", offset: l.offset, length: 1, value: null });
      } else {
        // "- name: X": the rest of the line starts a mapping indented at its own column.
        const virtual: YLine = { indent: restCol, text: rest, offset: l.offset + (l.text.length - rest.length) };
        if (keyOf(virtual) !== undefined) {
          lines[pos] = virtual;
          items.push(mapping(restCol));
        } else {
          pos++;
          items.push(inline(rest, virtual.offset));
        }
      }
      const last = items[items.length - 1];
      end = Math.max(end, last.offset + last.length);
    }
    checkDedent(indent);
    return { type: "array", offset: start, length: end - start, items };
  };

  const mapping = (indent: number): Node => {
    const props: Extract<Node, { type: "object" }>["props"] = [];
    const start = lines[pos].offset;
    let end = start;
    while (pos < lines.length && lines[pos].indent === indent) {
      const l = lines[pos];
      const k = keyOf(l);
      if (k === undefined) throw new ParseError("Expected “key: value” here (or fix the indentation).", l.offset, l.text.length);
      if (props.some((p) => p.key === k.key)) throw new ParseError(`Duplicate key “${k.key}”.`, l.offset, k.length);
      const rest = l.text.slice(k.consumed).trim();
      let value: Node;
      pos++;
      if (rest) value = inline(rest, l.offset + l.text.indexOf(rest, k.consumed));
      else if (pos < lines.length && (lines[pos].indent > indent || (lines[pos].indent === indent && /^-(?:\s|$)/.test(lines[pos].text)))) value = block();
      else value = { type: "null", offset: l.offset + k.consumed - 1, length: 1, value: null };
      props.push({ key: k.key, keyOffset: l.offset, keyLength: k.length, value });
      end = Math.max(end, value.offset + value.length);
    }
    checkDedent(indent);
    return { type: "object", offset: start, length: end - start, props };
  };

  const checkDedent = (indent: number) => {
    if (pos < lines.length && lines[pos].indent > indent) throw new ParseError("Unexpected indentation.", lines[pos].offset, lines[pos].text.length);
  };

  const root = block();
  if (pos < lines.length) throw new ParseError("Unexpected content: check the indentation of this line.", lines[pos].offset, lines[pos].text.length);
  return root;
}

function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i);
  }
  return s;
}

/** `key:` at the start of a line: the key, its length and how much of the line it takes. */
function keyOf(l: YLine): { key: string; length: number; consumed: number } | undefined {
  const q = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s|$)/.exec(l.text);
  if (q) return { key: unquote(q[1], l.offset), length: q[1].length, consumed: q[0].length };
  const m = /^([^\s"'\-[{#][^:#]*?|\$schema)\s*:(?:\s|$)/.exec(l.text);
  if (!m) return undefined;
  return { key: m[1], length: m[1].length, consumed: m[0].length };
}

function inline(text: string, offset: number): Node {
  const t = text.trim();
  if (t.startsWith("[")) {
    if (!t.endsWith("]")) throw new ParseError("A flow list must end with “]” on the same line.", offset, t.length);
    const items: Node[] = [];
    const body = t.slice(1, -1);
    let i = 0;
    while (i < body.length) {
      while (i < body.length && /\s/.test(body[i])) i++;
      if (i >= body.length) break;
      let j = i;
      if (body[i] === '"' || body[i] === "'") {
        const q = body[i];
        j++;
        while (j < body.length && body[j] !== q) j += body[j] === "\\" && q === '"' ? 2 : 1;
        if (j >= body.length) throw new ParseError("Unterminated quoted string.", offset + 1 + i);
        j++;
      } else while (j < body.length && body[j] !== ",") j++;
      const piece = body.slice(i, j).trim();
      if (piece) items.push(scalar(piece, offset + 1 + i));
      while (j < body.length && /\s/.test(body[j])) j++;
      if (j < body.length && body[j] !== ",") throw new ParseError("Expected “,” between list items.", offset + 1 + j);
      i = j + 1;
    }
    return { type: "array", offset, length: t.length, items };
  }
  if (t.startsWith("{"))
    throw new ParseError("Flow mappings ({ … }) are not supported in the gazetteer's YAML subset; use indented “key: value” lines.", offset, t.length);
  if (/^[&*!|>]/.test(t)) throw new ParseError("Anchors, aliases, tags and block scalars are not supported in the gazetteer's YAML subset.", offset, t.length);
  return scalar(t, offset);
}

function scalar(t: string, offset: number): Node {
  if (t.startsWith('"') || t.startsWith("'")) return { type: "string", offset, length: t.length, value: unquote(t, offset) };
  if (/^(?:null|~)$/.test(t)) return { type: "null", offset, length: t.length, value: null };
  if (/^(?:true|false)$/.test(t)) return { type: "boolean", offset, length: t.length, value: t === "true" };
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return { type: "number", offset, length: t.length, value: Number(t) };
  return { type: "string", offset, length: t.length, value: t };
}

function unquote(q: string, offset: number): string {
  if (q.length < 2 || q[q.length - 1] !== q[0]) throw new ParseError("Unterminated quoted string.", offset, q.length);
  if (q[0] === "'") return q.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(q) as string;
  } catch {
    throw new ParseError("Invalid escape in double-quoted string.", offset, q.length);
  }
}

// --- Loading, per workspace folder -----------------------------------------------------------

export interface LoadedGazetteer {
  /** URI of the gazetteer file. */
  readonly uri: string;
  readonly text: string;
  readonly entries: readonly GazetteerEntry[];
  readonly problems: readonly GazetteerProblem[];
  /** False when the file does not exist (not an error: the gazetteer is optional). */
  readonly exists: boolean;
}

/** Reads and parses the gazetteer at `fsPath`; a missing file is an empty gazetteer. */
export async function loadGazetteer(fsPath: string, uri: string, read: (p: string) => Promise<string>): Promise<LoadedGazetteer> {
  let text: string;
  try {
    text = await read(fsPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { uri, text: "", entries: [], problems: [], exists: false };
    return {
      uri,
      text: "",
      entries: [],
      problems: [{ offset: 0, length: 0, message: `Attaché cannot read the gazetteer (${code ?? String(e)}).`, severity: "error" }],
      exists: true,
    };
  }
  const { entries, problems } = parseGazetteer(text, formatOf(fsPath));
  return { uri, text, entries, problems, exists: true };
}
