// The `attache` command line: `attache check …` and `attache lsp --stdio`.

import { runCheck, type CheckOptions, type Io } from "./check";
import { TOOL } from "../core/export/json";
import { tuneForBatch } from "./jit";

const USAGE = `Usage:
  attache check [--format text|json|sarif] [--max-warnings N] [--max-file-size CHARS] [--jobs N] [--quiet] PATH...
  attache lsp --stdio
  attache --version | --help

check   Analyses release files (*.release, *.readout in directories; any file named
        explicitly) and prints findings. Files over 64 MB, binary and UTF-16 files are
        skipped with an error; invalid UTF-8 is analysed with U+FFFD and a note. Only the
        first --max-file-size characters of a file are analysed (default 5,000,000; the
        rest is reported as a file-too-large finding). Exit status: 0 ran (whatever it
        found); 1 more warnings than --max-warnings; 2 bad usage, or a file that could not
        be read (the other files are still analysed).
lsp     Starts the Attaché language server on stdin/stdout for any LSP client.`;

export async function main(argv: readonly string[]): Promise<number> {
  const io: Io = {
    out: (s) => void process.stdout.write(s.endsWith("\n") ? s : s + "\n"),
    err: (s) => void process.stderr.write(s + "\n"),
    write: (stream, bytes) => (stream === "out" ? process.stdout : process.stderr).write(bytes),
    drained: () => new Promise((resolve) => process.stdout.once("drain", resolve)),
  };
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-v") {
    io.out(TOOL.version);
    return 0;
  }
  if (command === "lsp") {
    if (!rest.includes("--stdio")) {
      io.err("attache lsp: only --stdio is supported.\n" + USAGE);
      return 2;
    }
    const { startServer } = await import("../lsp/start");
    startServer("stdio");
    return -1; // keep running
  }
  if (command !== "check") {
    io.err(`attache: unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  tuneForBatch();
  let format: CheckOptions["format"] = "text";
  let maxWarnings: number | undefined;
  let jobs: number | undefined;
  let maxFileSize: number | undefined;
  let quiet = false;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    try {
      if (a === "--format" || a.startsWith("--format=")) {
        const v = value();
        if (v !== "text" && v !== "json" && v !== "sarif") throw new UsageError(`unknown format "${v}" (use text, json or sarif)`);
        format = v;
      } else if (a === "--max-warnings" || a.startsWith("--max-warnings=")) {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0) throw new UsageError("--max-warnings needs a whole number ≥ 0");
        maxWarnings = v;
      } else if (a === "--jobs" || a.startsWith("--jobs=")) {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1) throw new UsageError("--jobs needs a whole number ≥ 1");
        jobs = v;
      } else if (a === "--max-file-size" || a.startsWith("--max-file-size=")) {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1000) throw new UsageError("--max-file-size needs a whole number of characters ≥ 1000");
        maxFileSize = v;
      } else if (a === "--quiet" || a === "-q") quiet = true;
      else if (a === "--") {
        paths.push(...rest.slice(i + 1));
        i = rest.length;
      } else if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option ${a}`);
      else paths.push(a);
    } catch (e) {
      if (e instanceof UsageError) {
        io.err(`attache check: ${e.message}\n${USAGE}`);
        return 2;
      }
      throw e;
    }
  }
  if (paths.length === 0) {
    io.err(`attache check: give at least one file or directory.\n${USAGE}`);
    return 2;
  }
  return runCheck(paths, { format, maxWarnings, jobs, quiet, maxFileSize }, io);
}

class UsageError extends Error {}

// A closed stdout (`attache check . | head`) ends the run quietly instead of with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`attache: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
