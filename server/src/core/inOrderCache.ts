// What one analysis computed per block or per sentence, kept for the next analysis of an edited
// version of the text (the paragraph cache of `Analyzer` and the `SubjectMemo` of attribution).

/** How many entries past the last match a lookup compares with (entries the edit deleted). */
const LOOKAHEAD = 8;

/**
 * Values keyed by a stretch of text, found again in the order they were kept. An edit changes
 * the text of one place, so the previous analysis's entries are walked in order: a lookup
 * compares its text with the next unmatched entry and the few after it, never hashing it (a
 * `Map` would hash every block and sentence of the release at every keystroke: 6 M
 * instructions each on 200 KB). Text that moved further than `LOOKAHEAD` entries is not found
 * and is computed again, with the same result. Keeps what the last analysis kept, nothing older.
 */
export class InOrderCache<V> {
  private previous: { text: string; value: V }[] = [];
  private current: { text: string; value: V }[] = [];
  /** The first entry of `previous` not matched yet. */
  private cursor = 0;

  /** The value kept for `text` by the previous analysis, if `fits` accepts it. */
  find(text: string, fits?: (value: V) => boolean): V | undefined {
    const end = Math.min(this.cursor + LOOKAHEAD, this.previous.length);
    for (let k = this.cursor; k < end; k++) {
      const e = this.previous[k];
      if (e.text.length === text.length && e.text === text && (!fits || fits(e.value))) {
        this.cursor = k + 1;
        return e.value;
      }
    }
    return undefined;
  }

  /** Keeps `value` for the next analysis (for every lookup, found or computed, in order). */
  keep(text: string, value: V): void {
    this.current.push({ text, value });
  }

  /** Starts an analysis afresh, dropping what an unfinished one kept. */
  begin(): void {
    this.current = [];
    this.cursor = 0;
  }

  /** Call after each analysis: what it kept becomes what the next one finds. */
  rotate(): void {
    this.previous = this.current;
    this.current = [];
    this.cursor = 0;
  }
}
