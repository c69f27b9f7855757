// A small glob matcher for the `attache.include` / `attache.exclude` settings, on paths
// relative to the workspace folder with `/` separators. Supports `**` (any number of
// folders), `*` and `?` (within one path segment), `{a,b}` alternatives and `[abc]` classes,
// as VS Code's `files.exclude` does. Matching is case-sensitive except for the file system's
// usual suspects: patterns are compared case-insensitively on Windows and macOS.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = "";
  let depth = 0;
  const g = glob.replace(/\\/g, "/").replace(/^\.\//, "");
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*") {
      if (g[i + 1] === "*") {
        const atStart = i === 0 || g[i - 1] === "/";
        const slashAfter = g[i + 2] === "/";
        if (atStart && slashAfter) {
          out += "(?:[^/]*(?:/|$))*"; // `**/`: zero or more whole folders
          i += 2;
        } else {
          out += ".*";
          i += 1;
        }
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      depth++;
      out += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      out += ")";
    } else if (c === "," && depth > 0) out += "|";
    else if (c === "[") {
      const close = g.indexOf("]", i + 1);
      if (close < 0) out += "\\[";
      else {
        const body = g
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\\]]/g, "\\$&");
  }
  re = new RegExp(`^${out}$`, process.platform === "win32" || process.platform === "darwin" ? "i" : "");
  cache.set(glob, re);
  return re;
}

export function matchesGlob(relPath: string, glob: string): boolean {
  return globToRegExp(glob).test(relPath);
}

/** True when a file (relative path) is included and not excluded. */
export function isIncluded(relPath: string, include: readonly string[], exclude: readonly string[]): boolean {
  return include.some((g) => matchesGlob(relPath, g)) && !exclude.some((g) => matchesGlob(relPath, g));
}

/** True when nothing under the folder can be included: an exclude such as `**\/node_modules/**` covers it. */
export function isExcludedFolder(relFolder: string, exclude: readonly string[]): boolean {
  return exclude.some((g) => matchesGlob(`${relFolder}/\u0000`, g) || matchesGlob(relFolder, g));
}
