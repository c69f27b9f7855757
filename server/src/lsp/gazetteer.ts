// The workspace gazetteer: a JSON or YAML file (default `.attache/gazetteer.json`, setting
// `attache.gazetteer`) where users list people, aliases, titles and organizations the
// analysis should know. Shape (see schemas/gazetteer.schema.json):
//
//   { "people":        [{ "name": "Lula", "aliases": ["Lula da Silva"], "titles": ["President"], "gender": "male" }],
//     "organizations": [{ "name": "Planalto Palace", "aliases": ["the Planalto"], "acronym": "PP" }] }
//
// JSON is parsed by jsonc-parser (strict: no comments, no trailing commas), YAML (`.yaml`,
// `.yml`, YAML 1.2) by the `yaml` package; both trees keep source offsets and are mapped to
// `Node` below, which `validate()` checks.
//
// Parsing never throws: every problem comes back with its span so the server can publish it
// as a diagnostic in the gazetteer file. A syntax error means no entries are used; with a
// well-formed file, wrong entries are reported and the valid ones are still used.

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type * as Yaml from "yaml";

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

export async function parseGazetteer(text: string, format: "json" | "yaml"): Promise<ParsedGazetteer> {
  if (!text.trim()) return { entries: [], problems: [] }; // an empty file is an empty gazetteer
  const { root, problems } = format === "json" ? parseJson(text) : parseYaml(text, await loadYaml());
  // A syntax error leaves the tree in doubt: report it and use none of the entries.
  if (!root || problems.some((p) => p.severity === "error")) return { entries: [], problems };
  const validated = validate(root);
  return { entries: validated.entries, problems: [...problems, ...validated.problems] };
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

// --- JSON (jsonc-parser) and YAML (yaml) trees, mapped to `Node` ----------------------------------

const JSON_MESSAGES: Record<string, string> = {
  InvalidNumberFormat: "Invalid number.",
  PropertyNameExpected: "Expected a property name in double quotes.",
  ValueExpected: "Expected a value.",
  ColonExpected: "Expected “:” after the property name.",
  CommaExpected: "Expected “,” between the items.",
  CloseBraceExpected: "Expected “,” or “}”.",
  CloseBracketExpected: "Expected “,” or “]”.",
  EndOfFileExpected: "Unexpected text after the end of the JSON value.",
  InvalidCommentToken: "Comments are not allowed in JSON.",
  UnexpectedEndOfComment: "Unterminated comment.",
  UnexpectedEndOfString: "Unterminated string.",
  UnexpectedEndOfNumber: "Incomplete number.",
  InvalidUnicode: "Invalid Unicode escape in string.",
  InvalidEscapeCharacter: "Invalid escape in string.",
  InvalidCharacter: "Invalid character in string: control characters must be escaped.",
};

function jsonProblem(text: string, e: ParseError): GazetteerProblem {
  const code = printParseErrorCode(e.error);
  const at = text[e.offset];
  let message: string;
  if ((code === "ValueExpected" || code === "PropertyNameExpected") && (at === "]" || at === "}") && /,\s*$/.test(text.slice(0, e.offset)))
    message = `Trailing comma: JSON does not allow a comma before “${at}”.`;
  else if (code === "InvalidSymbol") message = `Unexpected “${text.slice(e.offset, e.offset + Math.max(1, e.length))}”: expected a JSON value.`;
  else message = JSON_MESSAGES[code] ?? `JSON syntax error (${code}).`;
  if (e.offset >= text.length && !/ends too early/.test(message)) message += " The file ends too early.";
  return { offset: Math.min(e.offset, Math.max(0, text.length - 1)), length: Math.max(1, e.length), message, severity: "error" };
}

function parseJson(text: string): { root: Node | undefined; problems: GazetteerProblem[] } {
  const errors: ParseError[] = [];
  // A byte-order mark is not JSON to jsonc-parser; a space keeps every offset in place.
  const tree = parseTree(text.replace(/^\uFEFF/, " "), errors, { allowTrailingComma: false, disallowComments: true });
  const problems: GazetteerProblem[] = [];
  for (const e of errors) {
    const p = jsonProblem(text, e);
    // jsonc-parser may report two codes at one place (a missing name, then a missing value).
    if (!problems.some((q) => q.offset === p.offset)) problems.push(p);
  }
  return { root: tree && fromJson(tree), problems };
}

function fromJson(n: JsonNode): Node {
  const span = { offset: n.offset, length: n.length };
  switch (n.type) {
    case "object":
      return {
        type: "object",
        ...span,
        props: (n.children ?? []).flatMap((p) => {
          const [key, value] = p.children ?? [];
          if (!key) return [];
          const v: Node = value ? fromJson(value) : { type: "null", offset: key.offset + key.length, length: 1, value: null };
          return [{ key: String(key.value), keyOffset: key.offset, keyLength: key.length, value: v }];
        }),
      };
    case "array":
      return { type: "array", ...span, items: (n.children ?? []).map(fromJson) };
    case "string":
      return { type: "string", ...span, value: n.value as string };
    case "number":
    case "boolean":
    case "null":
      return { type: n.type, ...span, value: n.value as unknown };
    default:
      return { type: "null", ...span, value: null }; // "property" appears only under an object
  }
}

/** The text before " at line N, column M:" and the excerpt that `yaml` appends to its messages. */
function yamlMessage(message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?\s*$/, "");
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

// `yaml` is loaded when a YAML gazetteer is first read: most workspaces have none, and its
// module initialisation would otherwise be paid at every server start, before the first diagnostics.
let yamlModule: typeof Yaml | undefined;
async function loadYaml(): Promise<typeof Yaml> {
  return (yamlModule ??= await import("yaml"));
}

function parseYaml(
  text: string,
  { isAlias, isMap, isNode, isScalar, isSeq, parseDocument }: typeof Yaml,
): { root: Node | undefined; problems: GazetteerProblem[] } {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const problems: GazetteerProblem[] = [
    ...doc.errors.map((e) => ({ e, severity: "error" as const })),
    ...doc.warnings.map((e) => ({ e, severity: "warning" as const })),
  ].map(({ e, severity }) => ({
    offset: Math.min(e.pos[0], Math.max(0, text.length - 1)),
    length: Math.max(1, e.pos[1] - e.pos[0]),
    message: yamlMessage(e.message),
    severity,
  }));
  const resolving = new Set<unknown>();
  const fromYaml = (n: unknown, at: number): Node => {
    if (isAlias(n)) {
      // `*name` stands for the anchored node: its contents keep their own offsets, the node
      // itself takes the alias's place.
      const target = n.resolve(doc);
      if (!target || resolving.has(target)) return { type: "null", offset: n.range?.[0] ?? at, length: 1, value: null };
      resolving.add(target);
      const mapped = fromYaml(target, at);
      resolving.delete(target);
      return n.range ? { ...mapped, offset: n.range[0], length: n.range[1] - n.range[0] } : mapped;
    }
    const range = isNode(n) ? n.range : undefined;
    const span = range ? { offset: range[0], length: range[1] - range[0] } : { offset: at, length: 0 };
    if (isMap(n))
      return {
        type: "object",
        ...span,
        props: n.items.map((pair) => {
          const k = pair.key;
          const keyRange = isNode(k) ? k.range : undefined;
          const keyOffset = keyRange?.[0] ?? span.offset;
          const keyLength = keyRange ? keyRange[1] - keyRange[0] : 0;
          const key = isScalar(k) ? String(k.value) : k == null ? "" : String(k);
          return { key, keyOffset, keyLength, value: fromYaml(pair.value, keyOffset + keyLength) };
        }),
      };
    if (isSeq(n)) return { type: "array", ...span, items: n.items.map((item) => fromYaml(item, span.offset)) };
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === "string") return { type: "string", ...span, value: v };
      if (typeof v === "number" || typeof v === "bigint") return { type: "number", ...span, value: v };
      if (typeof v === "boolean") return { type: "boolean", ...span, value: v };
      if (v == null) return { type: "null", ...span, value: null };
      return { type: "string", ...span, value: String(v) };
    }
    return { type: "null", offset: at, length: 0, value: null }; // a key with no value
  };
  return { root: doc.contents == null ? { type: "null", offset: 0, length: 0, value: null } : fromYaml(doc.contents, 0), problems };
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
  const { entries, problems } = await parseGazetteer(text, formatOf(fsPath));
  return { uri, text, entries, problems, exists: true };
}
