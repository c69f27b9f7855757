// The "Speakers" view in the Explorer: people across the workspace → the releases where they
// speak → their statements; clicking a statement opens it. Fed by the server's
// `attache/speakers` request (files and statements per speaker on expansion, through
// `attache/speakerStatements`) and refreshed when the server says the index changed.

import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  IndexChangedNotification,
  SpeakersRequest,
  SpeakerStatementsRequest,
  type IndexChangedParams,
  type Speaker,
  type SpeakerFile,
  type SpeakersResult,
  type SpeakerStatement,
  type SpeakerStatementsResult,
} from "../../server/src/lsp/protocol";

type Node = { kind: "speaker"; speaker: Speaker } | { kind: "file"; file: SpeakerFile } | { kind: "statement"; uri: string; statement: SpeakerStatement };

export class SpeakersView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.view = vscode.window.createTreeView("attache.speakers", { treeDataProvider: this, showCollapseAll: true });
  }

  /** Subscribes to the server's index notifications; call after each (re)start of the client. */
  attach(client: LanguageClient): vscode.Disposable {
    return client.onNotification(IndexChangedNotification.method, (p: IndexChangedParams) => {
      this.view.message = p.indexing ? `Indexing releases… (${p.files} so far)` : undefined;
      this.refresh();
    });
  }

  refresh(): void {
    // Index notifications come in bursts while files are indexed; refresh at most every 500 ms.
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, 500);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const client = this.client();
      if (!client?.isRunning()) return [];
      const res = await client.sendRequest<SpeakersResult>(SpeakersRequest.method, {});
      if (res.speakers.length === 0)
        this.view.message = res.indexing ? "Indexing releases…" : `No speakers found in ${res.files} release file${res.files === 1 ? "" : "s"}.`;
      return res.speakers.map((speaker) => ({ kind: "speaker", speaker }));
    }
    if (node.kind === "speaker") {
      const res = await this.client()?.sendRequest<SpeakerStatementsResult>(SpeakerStatementsRequest.method, { name: node.speaker.name });
      return (res?.files ?? []).map((file) => ({ kind: "file", file }));
    }
    if (node.kind === "file") return node.file.statements.map((statement) => ({ kind: "statement", uri: node.file.uri, statement }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === "speaker") {
      const s = node.speaker;
      const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${s.statementCount} statement${s.statementCount === 1 ? "" : "s"} · ${s.fileCount} release${s.fileCount === 1 ? "" : "s"}`;
      item.tooltip = s.titles.length ? `${s.name}\n${s.titles.join("\n")}` : s.name;
      item.iconPath = new vscode.ThemeIcon("person");
      return item;
    }
    if (node.kind === "file") {
      const uri = vscode.Uri.parse(node.file.uri);
      const item = new vscode.TreeItem(node.file.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.resourceUri = uri;
      item.description = vscode.workspace.asRelativePath(uri);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const { statement, uri } = node;
    const item = new vscode.TreeItem(statement.text, vscode.TreeItemCollapsibleState.None);
    const r = statement.range;
    item.description = `line ${r.start.line + 1}${statement.viaGroup ? " · as part of a group" : ""}`;
    item.iconPath = new vscode.ThemeIcon(statement.viaGroup ? "organization" : "quote");
    const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    item.command = {
      command: "vscode.open",
      title: "Open statement",
      arguments: [vscode.Uri.parse(uri), { selection } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.view.dispose();
    this.changed.dispose();
  }
}
