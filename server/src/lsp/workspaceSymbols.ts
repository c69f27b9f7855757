// Workspace symbols: people and organizations across every indexed release, one symbol per
// entity per file, located where the release introduces it.

import { SymbolKind, type SymbolInformation } from "vscode-languageserver";
import type { FileSummary } from "./workspaceIndex";

const LIMIT = 1000;

/** Case-insensitive: the query is part of the name or of one of its aliases (an empty query matches all). */
export function matchesQuery(query: string, names: readonly string[]): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return names.some((n) => n.toLowerCase().includes(q));
}

export function provideWorkspaceSymbols(query: string, files: Iterable<FileSummary>): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const f of files) {
    for (const e of f.entities) {
      if (!matchesQuery(query, [e.name, ...e.aliases])) continue;
      out.push({
        name: e.name,
        kind: e.kind === "person" ? SymbolKind.Constructor : SymbolKind.Module,
        location: { uri: f.uri, range: e.range },
        containerName: f.title,
      });
      if (out.length >= LIMIT) return out;
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.containerName!.localeCompare(b.containerName!));
}
