// Finding and reading release files for the CLI: directory walking (symlink loops
// detected), binary and invalid UTF-8 detection, size limits. Every problem becomes a
// message that names the file; no problem stops the other files.

import * as fs from "node:fs";
import * as path from "node:path";

export const RELEASE_EXTENSIONS = [".release", ".readout"];
/** Files larger than this are not read at all. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export interface Target {
  readonly path: string;
  /** Set when the path could not be listed or is not a file we can read. */
  readonly error?: string;
}

/**
 * Expands the command-line paths into files, in a stable order. `note` hears about what was
 * passed over without being an error (a symbolic link back to a directory already walked).
 */
export function collectTargets(args: readonly string[], note: (path: string, message: string) => void = () => {}): Target[] {
  return [...walkTargets(args, note)];
}

/**
 * `collectTargets` one target at a time, so that a caller can act on the first ones (start the
 * worker threads) while the rest of the tree is walked.
 */
export function* walkTargets(args: readonly string[], note: (path: string, message: string) => void = () => {}): Generator<Target, void, undefined> {
  const seenDirs = new Set<string>();
  const walk = function* (dir: string, viaLink: boolean): Generator<Target, void, undefined> {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      yield { path: dir, error: `cannot resolve directory (${describeError(e)})` };
      return;
    }
    if (seenDirs.has(real)) {
      // A symlink loop, or a directory reached twice (given twice, or linked from inside).
      note(dir, viaLink ? `symbolic link to ${real}, a directory already checked (a loop?); skipped` : "directory already checked; skipped");
      return;
    }
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      yield { path: dir, error: `cannot list directory (${describeError(e)})` };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const p = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (RELEASE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()))
            yield { path: p, error: errCode(e) === "ELOOP" ? "symbolic link loop (ELOOP); skipped" : `broken symbolic link (${describeError(e)})` };
          continue;
        }
      }
      if (isDir) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) yield* walk(p, entry.isSymbolicLink());
      } else if (isFile && RELEASE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) yield { path: p };
    }
  };
  for (const arg of args) {
    let st: fs.Stats;
    try {
      st = fs.statSync(arg);
    } catch (e) {
      yield { path: arg, error: errCode(e) === "ENOENT" ? "no such file or directory" : `cannot access (${describeError(e)})` };
      continue;
    }
    if (st.isDirectory()) yield* walk(arg, false);
    else if (st.isFile())
      yield { path: arg }; // named explicitly: any extension, e.g. .txt
    else yield { path: arg, error: "not a regular file" };
  }
}

export type ReadResult = { text: string; warnings: string[] } | { error: string };

/** Reads one file as UTF-16 text, or says why it cannot be analysed. */
export function readRelease(file: string): ReadResult {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // The size is checked on the open file: one path lookup per file instead of two.
    fd = fs.openSync(file, "r");
    const size = fs.fstatSync(fd).size;
    if (size > MAX_READ_BYTES) return { error: `file is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_READ_BYTES / 1048576} MB limit; skipped` };
    bytes = fs.readFileSync(fd);
  } catch (e) {
    return { error: `cannot read file (${describeError(e)})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeRelease(bytes);
}

/** Decodes bytes: binary files are refused; invalid UTF-8 is decoded with U+FFFD and reported. */
export function decodeRelease(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { error: "UTF-16 text; Attaché reads UTF-8 only (convert the file to UTF-8); skipped" };
  if (looksBinary(bytes)) return { error: "binary file (not text); skipped" };
  const warnings: string[] = [];
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
    warnings.push("invalid UTF-8; analysed with replacement characters (U+FFFD)");
  }
  if (text.trim().length === 0) warnings.push("empty file; nothing to analyse");
  return { text, warnings };
}

/** A NUL byte or many control characters in the first 8 KB mark a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}

const ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ELOOP: "symbolic link loop",
  ENOENT: "no such file or directory",
  ENOTDIR: "a path component is not a directory",
  ENAMETOOLONG: "name too long",
  EISDIR: "is a directory",
  EIO: "input/output error",
  EMFILE: "too many open files",
};

/** "permission denied, EACCES": a reason a person can act on, and the code to search for. */
function describeError(e: unknown): string {
  const code = errCode(e);
  return ERRORS[code] ? `${ERRORS[code]}, ${code}` : code;
}
