// The data model of one analysed release. Everything here is plain, readonly data with
// UTF-16 offsets into the original text (as JavaScript strings and LSP count them).
// Nothing in `core/` imports from `vscode` or `vscode-languageserver*`.

/** A half-open span `[offset, offset + length)` in UTF-16 code units. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export type BlockKind = "breadcrumb" | "headline" | "dateline" | "lede" | "attribution-line" | "paragraph" | "turn" | "signoff" | "footer" | "suppression";

/** A Q&A turn label such as `Q:`, `A:`, `Mao Ning:` or `Reuters:`. */
export interface TurnLabel extends Span {
  readonly text: string;
  /** `question` for `Q:`, `answer` for `A:`, `named` for a label naming a speaker. */
  readonly role: "question" | "answer" | "named";
}

export interface Sentence extends Span {
  readonly index: number;
  readonly block: number;
}

/** A line-level unit of the release: header furniture, a body paragraph or a Q&A turn. */
export interface Block extends Span {
  readonly index: number;
  readonly kind: BlockKind;
  /** Sentences of body blocks (paragraphs and turns); empty for furniture. */
  readonly sentences: readonly Sentence[];
  readonly label?: TurnLabel;
}

export type EntityKind = "person" | "organization" | "country" | "group";
export type Gender = "male" | "female";

export interface Entity {
  readonly id: string;
  readonly kind: EntityKind;
  /** Canonical name: the fullest form used in the release. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly titles: readonly string[];
  /** Group members (entity ids). */
  readonly members?: readonly string[];
  /** The country a person acts for, where the release says it (entity id). */
  readonly country?: string;
  readonly gender?: Gender;
  /** Where the entity is first introduced. */
  readonly introduced: Span;
}

export type MentionKind = "name" | "alias" | "pronoun" | "title" | "description";

export interface Mention extends Span {
  readonly entity: string;
  readonly kind: MentionKind;
  readonly text: string;
}

export interface Cue extends Span {
  readonly text: string;
}

export type AttributionSource = "cue" | "pronoun" | "description" | "according-to" | "quote" | "continuation" | "turn" | "group";

export interface Statement extends Span {
  readonly sentence: number;
  /** Entity id of the speaker, or null when nobody is named. */
  readonly speaker: string | null;
  readonly cue: Cue | null;
  readonly source: AttributionSource | null;
}

export type Severity = "error" | "warning" | "information" | "hint";
export type RuleCode = "unattributed-statement" | "ambiguous-speaker" | "vague-attribution";

/** A lint finding. `data` carries what quick fixes need (candidates, the pronoun span...). */
export interface Finding extends Span {
  readonly code: RuleCode | "file-too-large";
  readonly severity: Severity;
  readonly message: string;
  readonly sentence?: number;
  readonly candidates?: readonly string[];
  readonly subject?: Span;
}

export interface ReleaseAnalysis {
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly sentences: readonly Sentence[];
  readonly entities: readonly Entity[];
  readonly mentions: readonly Mention[];
  readonly statements: readonly Statement[];
  readonly findings: readonly Finding[];
  /** Human readable headline, if the release has one. */
  readonly headline?: Span;
  readonly dateline?: Span;
  /** True when the text was beyond the size limit and only a prefix was analysed. */
  readonly truncatedAt?: number;
}
