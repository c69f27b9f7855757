// The language server: wires document sync, settings and one handler per feature.
// Each handler is a few lines that fetch the cached analysis and call a feature module.

import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { toDiagnostic } from "./convert";
import { AnalysisCache } from "./documents";
import { provideHover } from "./hover";
import { LEGEND, provideSemanticTokens } from "./semanticTokens";
import { DEFAULT_SETTINGS, parseSettings, type Settings } from "./settings";
import { provideDocumentSymbols } from "./symbols";

export function startServer(_mode: "stdio" | "auto" = "auto"): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let canConfigure = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const resolvedSettings = new Map<string, Settings>();

  const settingsFor = (uri: string): Settings => resolvedSettings.get(uri) ?? DEFAULT_SETTINGS;
  const cache = new AnalysisCache((uri) => {
    const s = settingsFor(uri);
    return { rules: s.rules, maxLength: s.maxFileSize };
  });

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
        await loadSettings(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        try {
          const analysis = cache.get(current);
          void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: analysis.findings.map((f) => toDiagnostic(current, f)) });
        } catch (e) {
          connection.console.error(`Attaché could not analyse ${current.uri}: ${(e as Error).stack ?? e}`);
        }
      }),
    );
  };

  connection.onInitialize((params): InitializeResult => {
    canConfigure = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: "Attaché" },
        semanticTokensProvider: { legend: LEGEND, full: true, range: true },
      },
      serverInfo: { name: "attache", version: "0.1.0" },
    };
  });
  connection.onInitialized(() => {
    if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: "attache" });
  });
  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    resolvedSettings.clear();
    cache.clear();
    documents.all().forEach(validate);
    void connection.languages.semanticTokens.refresh();
  });

  const withDoc = <T>(uri: string, fallback: T, fn: (doc: TextDocument) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    try {
      return fn(doc);
    } catch (e) {
      connection.console.error(`Attaché request failed on ${uri}: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };

  connection.onHover((p) => withDoc(p.textDocument.uri, null, (doc) => provideHover(doc, cache.get(doc), doc.offsetAt(p.position))));
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], (doc) => provideDocumentSymbols(doc, cache.get(doc))));
  connection.languages.semanticTokens.on((p) => withDoc(p.textDocument.uri, { data: [] }, (doc) => provideSemanticTokens(doc, cache.get(doc))));
  connection.languages.semanticTokens.onRange((p) =>
    withDoc(p.textDocument.uri, { data: [] }, (doc) => {
      const from = doc.offsetAt(p.range.start);
      return provideSemanticTokens(doc, cache.get(doc), { offset: from, length: doc.offsetAt(p.range.end) - from });
    }),
  );

  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => {
    cache.forget(e.document.uri);
    settingsCache.delete(e.document.uri);
    resolvedSettings.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
