// The language server: wires document sync, settings, the workspace (folders, gazetteer,
// background index) and one handler per feature. Each handler is a few lines that fetch the
// cached analysis and call a feature module; the features know nothing of the connection.

import * as fs from "node:fs/promises";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type InitializeResult,
  type WorkspaceFolder,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LineIndex } from "../core/positions";
import type { GazetteerEntry } from "../core/resolve";
import { provideCodeActions } from "./codeActions";
import { toDiagnostics, toRange } from "./convert";
import { provideDefinition } from "./definition";
import { AnalysisCache } from "./documents";
import { exportAnnotations } from "./exportAnnotations";
import { provideFoldingRanges } from "./folding";
import { loadGazetteer, type LoadedGazetteer } from "./gazetteer";
import { provideDocumentHighlights } from "./highlight";
import { provideHover } from "./hover";
import { provideInlayHints } from "./inlayHints";
import {
  ExportAnnotationsRequest,
  IndexChangedNotification,
  SpeakersRequest,
  SpeakerStatementsRequest,
  type ExportAnnotationsParams,
  type ExportAnnotationsResult,
  type IndexChangedParams,
  type SpeakersResult,
  type SpeakerStatementsParams,
  type SpeakerStatementsResult,
} from "./protocol";
import { provideReferences } from "./references";
import { prepareRename, provideRename } from "./rename";
import { provideSelectionRanges } from "./selectionRanges";
import { LEGEND, provideSemanticTokens, SemanticTokensResults } from "./semanticTokens";
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "./settings";
import { provideDocumentSymbols } from "./symbols";
import { fsPathOf, uriKey, WorkspaceIndex } from "./workspaceIndex";
import { provideWorkspaceSymbols } from "./workspaceSymbols";

/** How long an open document must be quiet before its workspace index summary is refreshed. */
const INDEX_DELAY_MS = 250;
/** One empty gazetteer, so that unchanged analysis options compare equal field by field. */
const NO_ENTRIES: readonly GazetteerEntry[] = [];

export function startServer(_mode: "stdio" | "auto" = "auto"): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let canConfigure = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const resolvedSettings = new Map<string, Settings>();

  // --- Settings, per document or workspace folder ---------------------------------------------
  const settingsFor = (uri: string): Settings => resolvedSettings.get(uri) ?? DEFAULT_SETTINGS;
  const loadSettings = (uri: string): Promise<Settings> => {
    if (!canConfigure) return Promise.resolve(DEFAULT_SETTINGS);
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri: uri, section: "attache" }).then(
        (raw) => {
          const { settings, problems } = parseSettings(raw);
          for (const msg of problems) connection.console.warn(msg);
          resolvedSettings.set(uri, settings);
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, p);
    }
    return p;
  };

  // --- The gazetteer of each workspace folder; its problems are diagnostics in its file ---------
  const gazetteers = new Map<string, LoadedGazetteer>();
  let gazetteersReady: Promise<void> = Promise.resolve();
  const gazetteerFor = (uri: string): readonly GazetteerEntry[] => {
    const folder = index.folderOf(uri);
    return (folder && gazetteers.get(folder)?.entries) || NO_ENTRIES;
  };
  const loadGazetteers = (): Promise<void> =>
    (gazetteersReady = (async () => {
      const previous = new Map(gazetteers);
      gazetteers.clear();
      for (const folder of index.folderUris) {
        const setting = (await loadSettings(folder)).gazetteer;
        const root = fsPathOf(folder);
        if (!root || !setting) continue;
        const file = path.resolve(root, setting);
        const g = await loadGazetteer(file, pathToFileURL(file).href, (p) => fs.readFile(p, "utf8"));
        gazetteers.set(folder, g);
        const doc = TextDocument.create(g.uri, "json", 0, g.text);
        const diagnostics = g.problems.map((p) => ({
          range: toRange(doc, p),
          severity: p.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          source: "attache",
          code: "gazetteer",
          message: p.message,
        }));
        void connection.sendDiagnostics({ uri: g.uri, diagnostics });
        for (const p of g.problems) connection.console.warn(`Attaché gazetteer ${file}: ${p.message}`);
      }
      for (const [folder, g] of previous) if (gazetteers.get(folder)?.uri !== g.uri) void connection.sendDiagnostics({ uri: g.uri, diagnostics: [] });
    })());
  const isGazetteer = (uri: string) => [...gazetteers.values()].some((g) => uriKey(g.uri) === uriKey(uri));

  const tokens = new SemanticTokensResults();
  const cache = new AnalysisCache((uri) => {
    const s = settingsFor(uri);
    return { rules: s.rules, maxLength: s.maxFileSize, gazetteer: gazetteerFor(uri) };
  });

  // --- The workspace index -------------------------------------------------------------------
  const index: WorkspaceIndex = new WorkspaceIndex({
    settings: (folder) => loadSettings(folder),
    options: (folder) => {
      const s = settingsFor(folder);
      return { rules: s.rules, maxLength: s.maxFileSize, gazetteer: gazetteers.get(folder)?.entries ?? [] };
    },
    progress: () => connection.window.createWorkDoneProgress(),
    changed: (files, indexing) => void connection.sendNotification(IndexChangedNotification.method, { files, indexing } satisfies IndexChangedParams),
    log: (m) => connection.console.warn(m),
  });
  let watcher: Promise<Disposable> | undefined;
  const watchFiles = async () => {
    if (!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    const globs = new Set<string>();
    for (const folder of index.folderUris) {
      const s = await loadSettings(folder);
      s.include.forEach((g) => globs.add(g.startsWith("**/") ? g : `**/${g}`));
      if (s.gazetteer) globs.add(`**/${s.gazetteer.replace(/^\.\//, "")}`);
    }
    const old = watcher;
    watcher = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [...globs].map((globPattern) => ({ globPattern })) });
    (await old)?.dispose();
  };
  // What the index depends on: re-reading thousands of files is only worth it when this changes.
  let indexKey = "";
  const indexInputs = async () =>
    JSON.stringify(
      await Promise.all(
        index.folderUris.map(async (f) => {
          const s = await loadSettings(f);
          return [f, s.include, s.exclude, s.maxFileSize, gazetteers.get(f)?.entries ?? []];
        }),
      ),
    );
  const setUpWorkspace = async () => {
    settingsCache.clear();
    resolvedSettings.clear();
    await loadGazetteers();
    cache.clear();
    documents.all().forEach(validate);
    const key = await indexInputs();
    if (key !== indexKey) {
      indexKey = key;
      void index.rescan();
      void watchFiles();
    }
  };

  // The index summary of an open document (about 25 ms on 200 KB) is not needed while the
  // user types: it is made once the document has been quiet for INDEX_DELAY_MS, off the path
  // from a keystroke to its diagnostics and tokens.
  const indexTimers = new Map<string, NodeJS.Timeout>();
  const indexLater = (uri: string) => {
    clearTimeout(indexTimers.get(uri));
    const timer = setTimeout(() => {
      indexTimers.delete(uri);
      const current = documents.get(uri);
      if (!current || pending.has(uri)) return; // closed, or a newer version will schedule again
      try {
        // Positions from the analysed text itself: the summary is made after an await, when the
        // document may have changed again (its summary then follows).
        const analysis = cache.get(current);
        const lines = new LineIndex(analysis.text);
        void index.updateOpen(uri, analysis, (o) => lines.positionAt(o));
      } catch (e) {
        connection.console.error(`Attaché could not index ${uri}: ${(e as Error).stack ?? e}`);
      }
    }, INDEX_DELAY_MS);
    timer.unref();
    indexTimers.set(uri, timer);
  };

  // Only for the version just analysed: anything newer is analysed by its own validation first.
  const prefetchTokens = (uri: string, version: number) =>
    setImmediate(() => withDoc(uri, undefined, (doc) => doc.version === version && !pending.has(uri) && provideSemanticTokens(doc, cache.get(doc))));

  // Diagnostics are pushed after each change; changes that arrive before the work runs
  // are coalesced, so a burst of keystrokes is analysed once.
  const pending = new Map<string, NodeJS.Immediate>();
  const validate = (doc: TextDocument) => {
    const queued = pending.get(doc.uri);
    if (queued) clearImmediate(queued);
    pending.set(
      doc.uri,
      setImmediate(async () => {
        pending.delete(doc.uri);
        await Promise.all([loadSettings(doc.uri), gazetteersReady]);
        const current = documents.get(doc.uri);
        if (!current) return;
        try {
          const analysis = cache.get(current);
          void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: toDiagnostics(current, analysis.findings) });
          // The editor asks for the tokens next: encode them while it reads the diagnostics.
          if (caps.textDocument?.semanticTokens) prefetchTokens(current.uri, current.version);
          indexLater(current.uri);
        } catch (e) {
          connection.console.error(`Attaché could not analyse ${current.uri}: ${(e as Error).stack ?? e}`);
        }
      }),
    );
  };

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    canConfigure = !!caps.workspace?.configuration;
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : []);
    index.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: "Attaché" },
        semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: true },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "attache", version: "0.1.0" },
    };
  });
  connection.onInitialized(() => {
    if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: "attache" });
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        index.addFolders(e.added, e.removed);
        void setUpWorkspace();
      });
      void connection.workspace.getWorkspaceFolders().then(
        (f) => {
          if (f && f.some((x) => !index.folderUris.includes(x.uri))) index.setFolders(f);
          return setUpWorkspace();
        },
        () => setUpWorkspace(),
      );
    } else void setUpWorkspace();
  });
  connection.onDidChangeConfiguration(async () => {
    await setUpWorkspace();
    if (caps.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
    if (caps.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
  });
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let gazetteerChanged = false;
    for (const c of changes) {
      if (isGazetteer(c.uri)) gazetteerChanged = true;
      else if (c.type === FileChangeType.Deleted) index.fileDeleted(c.uri);
      else await index.fileChanged(c.uri);
    }
    if (gazetteerChanged) await setUpWorkspace();
  });

  const withDoc = <T>(uri: string, fallback: T, fn: (doc: TextDocument) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    try {
      return fn(doc);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`Attaché request failed on ${uri}: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };
  /** Waits for the document's settings and the gazetteer, so a request never sees defaults by accident. */
  const ready = (uri: string) => Promise.all([loadSettings(uri), gazetteersReady]);

  connection.onHover((p) => withDoc(p.textDocument.uri, null, (doc) => provideHover(doc, cache.get(doc), doc.offsetAt(p.position))));
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], (doc) => provideDocumentSymbols(doc, cache.get(doc))));
  connection.languages.semanticTokens.on((p) => withDoc(p.textDocument.uri, { data: [] }, (doc) => tokens.full(doc, cache.get(doc))));
  connection.languages.semanticTokens.onDelta((p) => withDoc(p.textDocument.uri, { data: [] }, (doc) => tokens.delta(doc, cache.get(doc), p.previousResultId)));
  connection.languages.semanticTokens.onRange((p) =>
    withDoc(p.textDocument.uri, { data: [] }, (doc) => {
      const from = doc.offsetAt(p.range.start);
      return provideSemanticTokens(doc, cache.get(doc), { offset: from, length: doc.offsetAt(p.range.end) - from });
    }),
  );
  connection.onDefinition(
    async (p) => (
      await ready(p.textDocument.uri),
      withDoc(p.textDocument.uri, null, (doc) => provideDefinition(doc, cache.get(doc), doc.offsetAt(p.position)))
    ),
  );
  connection.onReferences(
    async (p) => (
      await ready(p.textDocument.uri),
      withDoc(p.textDocument.uri, [], (doc) => provideReferences(doc, cache.get(doc), doc.offsetAt(p.position), p.context.includeDeclaration))
    ),
  );
  connection.onDocumentHighlight(
    async (p) => (
      await ready(p.textDocument.uri),
      withDoc(p.textDocument.uri, [], (doc) => provideDocumentHighlights(doc, cache.get(doc), doc.offsetAt(p.position)))
    ),
  );
  connection.onPrepareRename(
    async (p) => (await ready(p.textDocument.uri), withDoc(p.textDocument.uri, null, (doc) => prepareRename(doc, cache.get(doc), doc.offsetAt(p.position)))),
  );
  connection.onRenameRequest(
    async (p) => (
      await ready(p.textDocument.uri),
      withDoc(p.textDocument.uri, null, (doc) => provideRename(doc, cache.get(doc), doc.offsetAt(p.position), p.newName))
    ),
  );
  connection.onCodeAction(
    async (p) => (await ready(p.textDocument.uri), withDoc(p.textDocument.uri, [], (doc) => provideCodeActions(doc, cache.get(doc), p.range, p.context.only))),
  );
  connection.languages.inlayHint.on(async (p) => {
    await ready(p.textDocument.uri);
    if (!settingsFor(p.textDocument.uri).inlayHints) return [];
    return withDoc(p.textDocument.uri, [], (doc) =>
      provideInlayHints(doc, cache.get(doc), { offset: doc.offsetAt(p.range.start), length: doc.offsetAt(p.range.end) - doc.offsetAt(p.range.start) }),
    );
  });
  connection.onFoldingRanges(
    async (p) => (await ready(p.textDocument.uri), withDoc(p.textDocument.uri, [], (doc) => provideFoldingRanges(doc, cache.get(doc)))),
  );
  connection.onSelectionRanges(
    async (p) => (
      await ready(p.textDocument.uri),
      withDoc(p.textDocument.uri, [], (doc) =>
        provideSelectionRanges(
          doc,
          cache.get(doc),
          p.positions.map((x) => doc.offsetAt(x)),
        ),
      )
    ),
  );
  connection.onWorkspaceSymbol((p) => provideWorkspaceSymbols(p.query, index.summaries()));
  connection.onRequest(SpeakersRequest.method, (): SpeakersResult => index.speakers());
  connection.onRequest(SpeakerStatementsRequest.method, (p: SpeakerStatementsParams): SpeakerStatementsResult => ({ files: index.speakerFiles(p.name) }));
  connection.onRequest(ExportAnnotationsRequest.method, async (p: ExportAnnotationsParams): Promise<ExportAnnotationsResult> => {
    await ready(p.uri);
    return { files: withDoc(p.uri, [], (doc) => exportAnnotations(doc, cache.get(doc), p.formats)) };
  });

  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => {
    cache.forget(e.document.uri);
    tokens.forget(e.document.uri);
    clearTimeout(indexTimers.get(e.document.uri));
    indexTimers.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    resolvedSettings.delete(e.document.uri);
    index.closed(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
