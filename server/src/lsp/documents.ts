// Analyses per open document, cached by version. One Analyzer per document keeps the
// per-paragraph cache, so a keystroke re-recognizes only the paragraph it changed.

import type { TextDocument } from "vscode-languageserver-textdocument";
import { Analyzer, type AnalyzeOptions } from "../core/analyze";
import type { ReleaseAnalysis } from "../core/types";

interface Entry {
  version: number;
  analysis: ReleaseAnalysis;
  optionsKey: string;
}

export class AnalysisCache {
  private readonly analyzers = new Map<string, Analyzer>();
  private readonly results = new Map<string, Entry>();

  constructor(private readonly options: (uri: string) => AnalyzeOptions) {}

  get(doc: TextDocument): ReleaseAnalysis {
    const options = this.options(doc.uri);
    const optionsKey = JSON.stringify(options);
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version && hit.optionsKey === optionsKey) return hit.analysis;
    let analyzer = this.analyzers.get(doc.uri);
    if (!analyzer) {
      analyzer = new Analyzer();
      this.analyzers.set(doc.uri, analyzer);
    }
    const analysis = analyzer.analyze(doc.getText(), options);
    this.results.set(doc.uri, { version: doc.version, analysis, optionsKey });
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
