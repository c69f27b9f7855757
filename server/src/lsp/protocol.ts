// Attaché's custom protocol messages, declared once with their types and imported by both
// the client and the server (esbuild bundles this file into each). Plain data only: no
// `vscode` and no `vscode-languageserver` imports, so either side can use it.

import type { Range } from "vscode-languageserver-types";

/** One statement a speaker makes in one file. */
export interface SpeakerStatement {
  readonly range: Range;
  /** The first words of the sentence. */
  readonly text: string;
  /** True when the speaker is one member of a group ("the two sides"). */
  readonly viaGroup?: boolean;
}

export interface SpeakerFile {
  readonly uri: string;
  /** The release's headline, or its file name. */
  readonly title: string;
  readonly statements: readonly SpeakerStatement[];
}

export interface Speaker {
  readonly name: string;
  readonly titles: readonly string[];
  /** Statements over all files. */
  readonly statementCount: number;
  /** Files in which the person speaks. */
  readonly fileCount: number;
}

export interface SpeakersResult {
  readonly speakers: readonly Speaker[];
  /** Release files in the index. */
  readonly files: number;
  /** True while the background indexing is still running. */
  readonly indexing: boolean;
}

/** `attache/speakers`: the people who speak across the workspace, for the Speakers view (most statements first). */
export const SpeakersRequest = { method: "attache/speakers" } as const;
export type SpeakersParams = Record<string, never>;

/** `attache/speakerStatements`: the files and statements of one speaker, fetched when the view expands them. */
export const SpeakerStatementsRequest = { method: "attache/speakerStatements" } as const;
export interface SpeakerStatementsParams {
  readonly name: string;
}
export interface SpeakerStatementsResult {
  readonly files: readonly SpeakerFile[];
}

export type ExportFormat = "json" | "brat" | "webannotation";

export interface ExportAnnotationsParams {
  readonly uri: string;
  /** Formats to produce; all three when omitted. */
  readonly formats?: readonly ExportFormat[];
}

export interface ExportedFile {
  readonly format: ExportFormat | "text";
  /** Suggested file name suffix to put after the release's base name (`.analysis.json`, `.ann`, `.txt`, `.jsonld`). */
  readonly suffix: string;
  readonly content: string;
}

/** `attache/exportAnnotations`: the open release's analysis as JSON, brat standoff and W3C Web Annotation. */
export const ExportAnnotationsRequest = { method: "attache/exportAnnotations" } as const;
export interface ExportAnnotationsResult {
  readonly files: readonly ExportedFile[];
}

/** `attache/indexChanged` (server → client): the workspace index changed; refresh views. */
export const IndexChangedNotification = { method: "attache/indexChanged" } as const;
export interface IndexChangedParams {
  readonly files: number;
  readonly indexing: boolean;
}
