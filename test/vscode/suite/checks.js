// The real-editor checks of test/e2e, through the VS Code API instead of the screen.
// Everything waits by polling (waitFor), never by sleeping a fixed time.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");

const EXTENSION_ID = "attache-tools.attache";
const LANGUAGE_ID = "diplomatic-release";
const WANG_YI_TITLES = ["Member of the Political Bureau of the CPC Central Committee", "Director of the Office of the Central Commission for Foreign Affairs"];
const FLAGGED_LINE = 6; // 0-based: "Relations between the two countries …"
const EXPECTED_FLAGS = { "unattributed-statement": 1, "vague-attribution": 2 };

async function waitFor(fn, { timeout = 20000, interval = 100, message = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      lastError = undefined;
      if (last) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (${lastError ? lastError.message : `last value: ${JSON.stringify(last)}`})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

const fileUri = (name) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);

async function open(name) {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

const codeOf = (d) => (typeof d.code === "object" && d.code !== null ? String(d.code.value) : String(d.code));

function countCodes(diagnostics) {
  const counts = {};
  for (const d of diagnostics) counts[codeOf(d)] = (counts[codeOf(d)] || 0) + 1;
  return counts;
}

function waitForFlags(uri, predicate, message) {
  return waitFor(
    () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Warning);
      return predicate(countCodes(ds), ds) ? ds : null;
    },
    { message: `${message} (now: ${JSON.stringify(countCodes(vscode.languages.getDiagnostics(uri)))})` },
  );
}

const hoverText = (hovers) =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n")
    .replace(/[*_`\\]/g, "")
    .replace(/\s+/g, " ");

function flattenSymbols(symbols, out = []) {
  for (const s of symbols || []) {
    out.push(s);
    flattenSymbols(s.children, out);
  }
  return out;
}

/** Decodes semantic tokens into { text, type } with the legend's type names. */
function decodeTokens(doc, legend, tokens) {
  const out = [];
  let line = 0;
  let char = 0;
  const d = tokens.data;
  for (let i = 0; i < d.length; i += 5) {
    line += d[i];
    char = d[i] === 0 ? char + d[i + 1] : d[i + 1];
    const range = new vscode.Range(line, char, line, char + d[i + 2]);
    out.push({ text: doc.getText(range), type: legend.tokenTypes[d[i + 3]] });
  }
  return out;
}

const checks = [
  {
    name: "1. a .release and a .readout file open as Diplomatic Release and activate the extension",
    async fn() {
      const { doc: readout } = await open("phone-call.readout");
      assert.equal(readout.languageId, LANGUAGE_ID);
      const { doc } = await open("seed.release");
      assert.equal(doc.languageId, LANGUAGE_ID);
      await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, { message: `${EXTENSION_ID} to activate` });
    },
  },
  {
    name: "2. semantic tokens type people, titles and organizations; the grammar is packaged",
    async fn() {
      const { doc } = await open("seed.release");
      const legend = await waitFor(() => vscode.commands.executeCommand("vscode.provideDocumentSemanticTokensLegend", doc.uri), {
        message: "the semantic tokens legend",
      });
      const tokens = await waitFor(
        async () => {
          const t = await vscode.commands.executeCommand("vscode.provideDocumentSemanticTokens", doc.uri);
          return t && t.data.length ? decodeTokens(doc, legend, t) : null;
        },
        { message: "semantic tokens for seed.release" },
      );
      const typeOf = (text) => tokens.find((t) => t.text === text)?.type;
      assert.equal(typeOf("Vladimir Putin"), "person", JSON.stringify(tokens.slice(0, 30)));
      assert.equal(typeOf("Wang Yi"), "person");
      assert.equal(typeOf("Russian President"), "title");
      assert.equal(typeOf("BRICS"), "organization");

      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      const grammar = (ext.packageJSON.contributes.grammars || []).find((g) => g.language === LANGUAGE_ID);
      assert.ok(grammar, "no TextMate grammar contributed for the language");
      const json = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, grammar.path), "utf8"));
      assert.equal(json.scopeName, grammar.scopeName);
    },
  },
  {
    name: '3. hover on "Wang Yi" in the body shows both of his titles',
    async fn() {
      const { doc } = await open("seed.release");
      const line = doc.lineAt(4).text; // "On February 22, 2023 … Wang Yi in Moscow."
      const at = new vscode.Position(4, line.indexOf("Wang Yi in Moscow") + 2);
      const text = await waitFor(
        async () => {
          const t = hoverText(await vscode.commands.executeCommand("vscode.executeHoverProvider", doc.uri, at));
          return WANG_YI_TITLES.every((x) => t.includes(x)) ? t : null;
        },
        { message: "a hover with both of Wang Yi's titles" },
      );
      assert.ok(text);
    },
  },
  {
    name: "4. document symbols list the participants (with titles) and the statements",
    async fn() {
      const { doc } = await open("seed.release");
      const all = await waitFor(
        async () => {
          const s = flattenSymbols(await vscode.commands.executeCommand("vscode.executeDocumentSymbolProvider", doc.uri));
          return s.length ? s : null;
        },
        { message: "document symbols" },
      );
      const names = all.map((s) => s.name);
      for (const n of ["Vladimir Putin", "Wang Yi", "Xi Jinping"]) assert.ok(names.includes(n), `no symbol ${n}: ${JSON.stringify(names)}`);
      assert.ok(
        names.some((n) => /statements/i.test(n)),
        `no statements group: ${JSON.stringify(names)}`,
      );
      const participants = all.find((s) => /participants/i.test(s.name));
      assert.ok(participants, `no Participants group: ${JSON.stringify(names)}`);
      const wang = participants.children.find((s) => s.name === "Wang Yi");
      assert.ok(wang && WANG_YI_TITLES.some((t) => wang.detail.includes(t)), `Wang Yi's detail lacks his titles: ${wang && wang.detail}`);
    },
  },
  {
    name: "5. the flagged release gets its warnings with their codes",
    async fn() {
      const { doc } = await open("flagged.release");
      await waitForFlags(
        doc.uri,
        (codes, ds) => ds.length === 3 && Object.entries(EXPECTED_FLAGS).every(([c, n]) => codes[c] === n),
        `warnings ${JSON.stringify(EXPECTED_FLAGS)} on flagged.release`,
      );
    },
  },
  {
    name: "6. typing a reporting cue in front of the flagged sentence clears its warning",
    async fn() {
      const { doc, editor } = await open("flagged.release");
      await waitForFlags(doc.uri, (codes) => codes["unattributed-statement"] === 1, "the unattributed-statement warning");
      const ok = await editor.edit((e) => e.replace(new vscode.Range(FLAGGED_LINE, 0, FLAGGED_LINE, 1), "Wang Yi said that r"));
      assert.ok(ok, "the edit was not applied");
      await waitForFlags(doc.uri, (codes, ds) => !codes["unattributed-statement"] && ds.length === 2, "the unattributed-statement warning to go away");
    },
  },
  {
    name: "7. a quick fix on a flagged sentence changes the text and clears the warning",
    async fn(t) {
      const { doc } = await open("quickfix.release");
      await waitForFlags(doc.uri, (codes) => codes["unattributed-statement"] === 1, "the unattributed-statement warning on quickfix.release");
      const at = new vscode.Range(FLAGGED_LINE, 4, FLAGGED_LINE, 4);
      const actions = (await vscode.commands.executeCommand("vscode.executeCodeActionProvider", doc.uri, at)) || [];
      const usable = actions.filter((a) => a.edit || a.command);
      if (!usable.length) t.skip("the server offers no code actions here");
      const pick = usable.find((a) => /attribute/i.test(a.title)) || usable[0];
      const before = doc.getText();
      if (pick.edit) assert.ok(await vscode.workspace.applyEdit(pick.edit), `applying "${pick.title}" failed`);
      const command = pick.command && typeof pick.command === "object" ? pick.command : pick.edit ? null : pick;
      if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments || []));
      await waitFor(() => doc.getText() !== before, { message: `"${pick.title}" to change the document` });
      await waitForFlags(doc.uri, (codes, ds) => ds.length < 3, `the warning count to drop after "${pick.title}"`);
    },
  },
];

module.exports = { checks };
