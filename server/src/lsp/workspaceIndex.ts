// The workspace index: every release file under the workspace folders (settings
// `attache.include` minus `attache.exclude`), analysed in the background, one file at a time
// with a yield to the event loop between files so that editor requests stay responsive.
// Only a compact summary per file is kept (people and organizations with their first
// position, speakers with their statements' ranges and first words), never the analysis or
// the text, so memory grows with what the views show, not with the size of the releases.
// Open documents are summarised from their live analysis and win over the file on disk.

import * as fs from "node:fs/promises";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Range } from "vscode-languageserver";
import { Analyzer, type AnalyzeOptions } from "../core/analyze";
import { LineIndex, type Position } from "../core/positions";
import type { Block, Mention, ReleaseAnalysis, Span } from "../core/types";
import { isExcludedFolder, isIncluded } from "./glob";
import type { Speaker, SpeakerFile, SpeakerStatement, SpeakersResult } from "./protocol";
import type { Settings } from "./settings";

export interface IndexedEntity {
  readonly name: string;
  readonly kind: "person" | "organization";
  readonly aliases: readonly string[];
  readonly titles: readonly string[];
  /** Where the entity is introduced (its first mention in the body, else its introduction). */
  readonly range: Range;
}

export interface FileSummary {
  readonly uri: string;
  readonly title: string;
  readonly entities: readonly IndexedEntity[];
  readonly speakers: readonly { readonly name: string; readonly titles: readonly string[]; readonly statements: readonly SpeakerStatement[] }[];
}

export interface WorkspaceFolderRef {
  readonly uri: string;
  readonly name?: string;
}

export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

/** What the index needs from the server: settings and analysis options per folder, progress, change notices. */
export interface IndexHost {
  settings(folderUri: string): Promise<Settings>;
  options(folderUri: string): AnalyzeOptions;
  progress(): Promise<ProgressReporter>;
  changed(files: number, indexing: boolean): void;
  log(message: string): void;
}

interface Folder {
  readonly uri: string;
  readonly fsPath: string;
}

interface Job {
  readonly uri: string;
  readonly fsPath: string;
  readonly folder: Folder;
}

/** A stable key for a file URI (VS Code and Node spell some characters differently). */
export function uriKey(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const SNIPPET_WORDS = 10;
const SNIPPET_CHARS = 90;

/** The compact summary of one analysed release. */
export function summarize(uri: string, a: ReleaseAnalysis, positionAt?: (offset: number) => Position): FileSummary {
  const lines = positionAt ? undefined : new LineIndex(a.text);
  const at = positionAt ?? ((o: number) => lines!.positionAt(o));
  const range = (s: Span): Range => ({ start: at(s.offset), end: at(s.offset + s.length) });
  const headline = a.headline ? a.text.slice(a.headline.offset, a.headline.offset + a.headline.length).trim() : "";
  const title = headline || decodeURIComponent(uri.slice(uri.lastIndexOf("/") + 1));
  const entities: IndexedEntity[] = [];
  for (const e of a.entities) {
    if (e.kind !== "person" && e.kind !== "organization") continue;
    entities.push({ name: e.name, kind: e.kind, aliases: e.aliases, titles: e.titles, range: range(introduction(a, e.id) ?? e.introduced) });
  }
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const speakers = new Map<string, { name: string; titles: readonly string[]; statements: SpeakerStatement[] }>();
  const credit = (id: string, s: Span, viaGroup: boolean) => {
    const e = byId.get(id);
    if (!e || e.kind !== "person") return;
    let sp = speakers.get(id);
    if (!sp) speakers.set(id, (sp = { name: e.name, titles: e.titles, statements: [] }));
    sp.statements.push({ range: range(s), text: snippet(a.text.slice(s.offset, s.offset + s.length)), ...(viaGroup ? { viaGroup: true } : {}) });
  };
  for (const s of a.statements) {
    if (!s.speaker) continue;
    const sp = byId.get(s.speaker);
    if (sp?.kind === "group") for (const m of sp.members ?? []) credit(m, s, true);
    else credit(s.speaker, s, false);
  }
  // A JSON round trip copies every string: slices of the release text would otherwise keep
  // the whole text alive in V8 (sliced strings reference their parent).
  return JSON.parse(JSON.stringify({ uri, title: snippet(title, 16, 120), entities, speakers: [...speakers.values()] })) as FileSummary;
}

/** The first body mention by name of an entity: where the prose introduces it (headlines are furniture). */
export function introduction(a: ReleaseAnalysis, id: string): Span | undefined {
  let all = introductionsOf.get(a);
  if (!all) introductionsOf.set(a, (all = introductions(a)));
  return all.get(id);
}

const BODY_KINDS = new Set(["lede", "paragraph", "turn", "attribution-line"]);
// The introductions of every entity of an analysis, found in one pass over its mentions (an
// index summary asks for all of them: one scan of the mentions per entity was quadratic).
const introductionsOf = new WeakMap<ReleaseAnalysis, Map<string, Span>>();

/**
 * For each entity: its first name or alias mention in a body block, or else its first name or
 * alias mention anywhere. An alias in the body gives way to the first name mention after it.
 */
function introductions(a: ReleaseAnalysis): Map<string, Span> {
  const names = new Map<string, Mention[]>();
  for (const m of a.mentions) {
    if (m.kind !== "name") continue;
    const list = names.get(m.entity);
    if (list) list.push(m);
    else names.set(m.entity, [m]);
  }
  const out = new Map<string, Span>();
  const settled = new Set<string>();
  for (const m of a.mentions) {
    if ((m.kind !== "name" && m.kind !== "alias") || settled.has(m.entity)) continue;
    if (!out.has(m.entity)) out.set(m.entity, m);
    const block = blockAt(a.blocks, m.offset);
    if (block && BODY_KINDS.has(block.kind)) {
      settled.add(m.entity);
      out.set(m.entity, m.kind === "name" ? m : (names.get(m.entity)?.find((x) => x.offset > m.offset) ?? m));
    }
  }
  return out;
}

/** The block that contains `offset`: blocks are in text order and never overlap. */
function blockAt(blocks: readonly Block[], offset: number): Block | undefined {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  const b = blocks[lo - 1];
  return b && offset < b.offset + b.length ? b : undefined;
}

function snippet(s: string, words = SNIPPET_WORDS, chars = SNIPPET_CHARS): string {
  const w = s.replace(/\s+/g, " ").trim().split(" ");
  let out = w.length <= words ? w.join(" ") : w.slice(0, words).join(" ") + " …";
  if (out.length > chars) out = out.slice(0, chars - 1) + "…";
  return out;
}

export class WorkspaceIndex {
  private folders: Folder[] = [];
  private readonly files = new Map<string, FileSummary>();
  private readonly open = new Set<string>();
  private readonly queue = new Map<string, Job>();
  private readonly analyzer = new Analyzer();
  private running = false;
  private scanning = 0;
  private generation = 0;

  constructor(private readonly host: IndexHost) {}

  get size(): number {
    return this.files.size;
  }

  get indexing(): boolean {
    return this.running || this.scanning > 0 || this.queue.size > 0;
  }

  get folderUris(): readonly string[] {
    return this.folders.map((f) => f.uri);
  }

  /** Sets the folders to index; `rescan()` reads them. */
  setFolders(folders: readonly WorkspaceFolderRef[]): void {
    this.folders = [];
    for (const f of folders) {
      const fsPath = fsPathOf(f.uri);
      if (fsPath && !this.folders.some((x) => x.fsPath === fsPath)) this.folders.push({ uri: f.uri, fsPath });
    }
  }

  addFolders(added: readonly WorkspaceFolderRef[], removed: readonly WorkspaceFolderRef[]): void {
    const gone = new Set(removed.map((f) => fsPathOf(f.uri)));
    this.setFolders([...this.folders.filter((f) => !gone.has(f.fsPath)), ...added]);
  }

  /** The workspace folder a file belongs to (the innermost one). */
  folderOf(uri: string): string | undefined {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    let best: Folder | undefined;
    for (const f of this.folders)
      if ((p === f.fsPath || p.startsWith(f.fsPath.endsWith(path.sep) ? f.fsPath : f.fsPath + path.sep)) && (!best || f.fsPath.length > best.fsPath.length))
        best = f;
    return best?.uri;
  }

  /** Re-reads the folders (after a settings or gazetteer change) and re-indexes every file. */
  async rescan(): Promise<void> {
    const gen = ++this.generation;
    this.scanning++;
    try {
      const seen = new Set<string>();
      for (const folder of this.folders) {
        const settings = await this.host.settings(folder.uri);
        const found: string[] = [];
        await this.walk(folder.fsPath, "", settings, found);
        if (gen !== this.generation) return;
        for (const fsPath of found) {
          const uri = pathToFileURL(fsPath).href;
          const key = uriKey(uri);
          seen.add(key);
          if (!this.open.has(key)) this.queue.set(key, { uri, fsPath, folder });
        }
      }
      for (const key of [...this.files.keys()]) if (!seen.has(key) && !this.open.has(key)) this.files.delete(key);
      for (const key of [...this.queue.keys()]) if (!seen.has(key)) this.queue.delete(key);
    } catch (e) {
      this.host.log(`Attaché could not scan the workspace: ${(e as Error).message}`);
    } finally {
      this.scanning--;
    }
    void this.run(true);
  }

  private async walk(dir: string, rel: string, settings: Settings, out: string[]): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === ".git" || isExcludedFolder(r, settings.exclude)) continue;
        await this.walk(p, r, settings, out);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isIncluded(r, settings.include, settings.exclude)) out.push(p);
    }
  }

  /** Whether a file is one the index should hold, by the include/exclude settings of its folder. */
  async wants(uri: string): Promise<Job | undefined> {
    const folderUri = this.folderOf(uri);
    const fsPath = fsPathOf(uri);
    const folder = this.folders.find((f) => f.uri === folderUri);
    if (!folder || !fsPath) return undefined;
    const settings = await this.host.settings(folder.uri);
    const rel = path.relative(folder.fsPath, fsPath).split(path.sep).join("/");
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) if (parts[i - 1] === ".git" || isExcludedFolder(parts.slice(0, i).join("/"), settings.exclude)) return undefined;
    return isIncluded(rel, settings.include, settings.exclude) ? { uri, fsPath, folder } : undefined;
  }

  /** A file was created or changed on disk. */
  async fileChanged(uri: string): Promise<void> {
    const key = uriKey(uri);
    if (this.open.has(key)) return;
    const job = await this.wants(uri);
    if (!job) {
      if (this.files.delete(key)) this.notify();
      return;
    }
    this.queue.set(key, job);
    void this.run(false);
  }

  /** A file or folder was deleted. */
  fileDeleted(uri: string): void {
    const key = uriKey(uri);
    const prefix = key.endsWith("/") ? key : key + "/";
    let changed = false;
    for (const k of [...this.files.keys()]) {
      if (k === key || k.startsWith(prefix)) {
        this.files.delete(k);
        this.queue.delete(k);
        changed = true;
      }
    }
    if (changed) this.notify();
  }

  /** An open document's live analysis replaces the file on disk in the index. */
  async updateOpen(uri: string, analysis: ReleaseAnalysis, positionAt: (offset: number) => Position): Promise<void> {
    if (!(await this.wants(uri))) return;
    const key = uriKey(uri);
    this.open.add(key);
    this.queue.delete(key);
    this.files.set(key, summarize(uri, analysis, positionAt));
    this.notify();
  }

  /** A document was closed: the file on disk (if any) is indexed again. */
  closed(uri: string): void {
    const key = uriKey(uri);
    if (!this.open.delete(key)) return;
    this.files.delete(key);
    void this.fileChanged(uri);
  }

  summaries(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  private async run(withProgress: boolean): Promise<void> {
    if (this.running || this.scanning > 0) return;
    this.running = true;
    let progress: ProgressReporter | undefined;
    let total = this.queue.size;
    let done = 0;
    let lastReported = -1;
    try {
      if (withProgress && total > 0) {
        progress = await this.host.progress();
        progress.begin("Attaché: indexing releases", 0, `0/${total}`, false);
      }
      while (this.queue.size > 0) {
        const [key, job] = this.queue.entries().next().value as [string, Job];
        this.queue.delete(key);
        await this.indexFile(key, job);
        done++;
        total = Math.max(total, done + this.queue.size);
        const pct = Math.floor((done / total) * 100);
        if (progress && pct !== lastReported) {
          lastReported = pct;
          progress.report(pct, `${done}/${total}`);
        }
        if (done % 1000 === 0) this.host.changed(this.files.size, true);
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      progress?.done();
      this.running = false;
    }
    if (this.queue.size > 0) return this.run(withProgress);
    this.host.changed(this.files.size, this.indexing);
  }

  private async indexFile(key: string, job: Job): Promise<void> {
    try {
      const options = this.host.options(job.folder.uri);
      const max = options.maxLength ?? Infinity;
      const handle = await fs.open(job.fsPath, "r");
      let text: string;
      try {
        const { size } = await handle.stat();
        // Read at most what the analysis looks at (UTF-8 needs up to 3 bytes per UTF-16 unit).
        const bytes = Math.min(size, Number.isFinite(max) ? max * 3 + 4 : size);
        const buf = Buffer.alloc(bytes);
        await handle.read(buf, 0, bytes, 0);
        text = buf.toString("utf8");
      } finally {
        await handle.close();
      }
      if (this.open.has(key)) return;
      if (text.includes("\u0000")) return; // binary, not a release
      const a = this.analyzer.analyze(text, options);
      this.files.set(key, summarize(job.uri, a));
    } catch (e) {
      this.files.delete(key);
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") this.host.log(`Attaché could not index ${job.fsPath}: ${code ?? (e as Error).message}`);
    }
  }

  private notifyQueued = false;
  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    setImmediate(() => {
      this.notifyQueued = false;
      this.host.changed(this.files.size, this.indexing);
    });
  }

  /** People who speak across the workspace, most statements first (counts only: files come per speaker). */
  speakers(): SpeakersResult {
    const byName = new Map<string, { name: string; titles: Set<string>; files: number; count: number }>();
    for (const f of this.files.values()) {
      for (const s of f.speakers) {
        const key = s.name.toLowerCase();
        let sp = byName.get(key);
        if (!sp) byName.set(key, (sp = { name: s.name, titles: new Set(), files: 0, count: 0 }));
        for (const t of s.titles) if (sp.titles.size < 6) sp.titles.add(t);
        sp.files++;
        sp.count += s.statements.length;
      }
    }
    const speakers: Speaker[] = [...byName.values()]
      .map((s) => ({ name: s.name, titles: [...s.titles], statementCount: s.count, fileCount: s.files }))
      .sort((a, b) => b.statementCount - a.statementCount || a.name.localeCompare(b.name));
    return { speakers, files: this.files.size, indexing: this.indexing };
  }

  /** The files (by title) and statements of one speaker. */
  speakerFiles(name: string): SpeakerFile[] {
    const key = name.toLowerCase();
    const out: SpeakerFile[] = [];
    for (const f of this.files.values()) {
      const s = f.speakers.find((x) => x.name.toLowerCase() === key);
      if (s) out.push({ uri: f.uri, title: f.title, statements: s.statements });
    }
    return out.sort((a, b) => a.title.localeCompare(b.title) || a.uri.localeCompare(b.uri));
  }
}
