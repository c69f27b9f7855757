// Inline suppression comments:
//   <!-- attache-disable RULE[, RULE] -->            the rest of the file (no RULE: every rule)
//   <!-- attache-enable RULE[, RULE] -->             switches rules back on from here
//   <!-- attache-disable-line RULE[, RULE] -->       the line the comment is on
//   <!-- attache-disable-next-line RULE[, RULE] -->  the next non-blank line

export interface SuppressionComment {
  readonly offset: number;
  readonly length: number;
  readonly directive: "disable" | "enable" | "disable-line" | "disable-next-line";
  /** Rule codes named, or empty for every rule. */
  readonly rules: readonly string[];
}

const COMMENT_RE = /<!--\s*attache-(disable-next-line|disable-line|disable|enable)\b([^<>]*?)-->/g;

export function findSuppressionComments(text: string): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  if (!text.includes("attache-")) return out;
  for (const m of text.matchAll(COMMENT_RE)) {
    const rules = m[2].split(/[\s,]+/).filter(Boolean);
    out.push({ offset: m.index, length: m[0].length, directive: m[1] as SuppressionComment["directive"], rules });
  }
  return out;
}

export function suppressions(text: string): { isSuppressed(code: string, offset: number): boolean } {
  const comments = findSuppressionComments(text);
  if (comments.length === 0) return { isSuppressed: () => false };
  const lineStart = (o: number) => Math.max(text.lastIndexOf("\n", o - 1) + 1, 0);
  const lineEnd = (o: number) => {
    const e = text.indexOf("\n", o);
    return e < 0 ? text.length : e;
  };
  const ranges: { from: number; to: number; rules: readonly string[] }[] = [];
  const fileWide: { at: number; enable: boolean; rules: readonly string[] }[] = [];
  for (const c of comments) {
    if (c.directive === "disable-line") ranges.push({ from: lineStart(c.offset), to: lineEnd(c.offset), rules: c.rules });
    else if (c.directive === "disable-next-line") {
      let next = lineEnd(c.offset) + 1;
      while (next < text.length && /^\s*$/.test(text.slice(next, lineEnd(next)))) next = lineEnd(next) + 1;
      ranges.push({ from: next, to: lineEnd(next), rules: c.rules });
    } else fileWide.push({ at: c.offset, enable: c.directive === "enable", rules: c.rules });
  }
  const applies = (rules: readonly string[], code: string) => rules.length === 0 || rules.includes(code);
  return {
    isSuppressed(code, offset) {
      if (ranges.some((r) => offset >= r.from && offset <= r.to && applies(r.rules, code))) return true;
      let off = false;
      for (const f of fileWide) if (f.at <= offset && applies(f.rules, code)) off = !f.enable;
      return off;
    },
  };
}
