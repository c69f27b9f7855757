// Analyses per open document, cached by version. One Analyzer per document keeps the
// per-paragraph cache, so a keystroke re-recognizes only the paragraph it changed.

import type { TextDocument } from "vscode-languageserver-textdocument";
import { Analyzer, type AnalyzeOptions } from "../core/analyze";
import type { ReleaseAnalysis } from "../core/types";

interface Entry {
  version: number;
  analysis: ReleaseAnalysis;
  options: AnalyzeOptions;
}

export class AnalysisCache {
  private readonly analyzers = new Map<string, Analyzer>();
  private readonly results = new Map<string, Entry>();

  constructor(private readonly options: (uri: string) => AnalyzeOptions) {}

  get(doc: TextDocument): ReleaseAnalysis {
    const options = this.options(doc.uri);
    const hit = this.results.get(doc.uri);
    const text = doc.getText();
    // The text is compared too: a client may send a change without raising the version.
    // (The same string object when unchanged, so the comparison is usually instant.)
    if (hit && hit.version === doc.version && hit.analysis.text === text && sameOptions(hit.options, options)) return hit.analysis;
    let analyzer = this.analyzers.get(doc.uri);
    if (!analyzer) {
      analyzer = new Analyzer();
      this.analyzers.set(doc.uri, analyzer);
    }
    const analysis = analyzer.analyze(text, options);
    this.results.set(doc.uri, { version: doc.version, analysis, options });
    return analysis;
  }

  forget(uri: string): void {
    this.analyzers.delete(uri);
    this.results.delete(uri);
  }

  clear(): void {
    this.results.clear();
  }
}

/** Same settings: the same values field by field (cheap, the usual case), or equal as JSON. */
function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  const ka = Object.keys(a) as (keyof AnalyzeOptions)[];
  if (ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
