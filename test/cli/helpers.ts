// Helpers for CLI tests: run the bundled `attache` (dist/cli.js) as a user would, and build
// fixture trees in a temporary directory.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "cli.js");

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` to completion (killed after `timeoutMs`, which fails the test). */
export function cli(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`attache ${args.join(" ")} did not finish within ${options.timeoutMs ?? 120_000} ms; stderr: ${Buffer.concat(err).toString()}`));
    }, options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** A fresh temporary directory, removed by `cleanup`. */
export function tempDir(prefix = "attache-cli-"): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    cleanup() {
      // Restore permissions first so that a chmod 000 fixture can be removed.
      const walk = (p: string) => {
        let st: fs.Stats;
        try {
          st = fs.lstatSync(p);
        } catch {
          return;
        }
        if (st.isSymbolicLink()) return;
        try {
          fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
        } catch {
          // not ours to fix
        }
        if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
      };
      walk(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when this process can read files whatever their mode (root in CI containers). */
export function ignoresPermissions(dir: string): boolean {
  const probe = path.join(dir, ".permission-probe");
  fs.writeFileSync(probe, "x");
  fs.chmodSync(probe, 0o000);
  let readable = false;
  try {
    fs.readFileSync(probe);
    readable = true;
  } catch {
    readable = false;
  }
  fs.chmodSync(probe, 0o644);
  fs.rmSync(probe);
  return readable;
}

export interface FileJson {
  path: string;
  error?: string;
  warnings?: string[];
  entities?: { id: string; kind: string; name: string }[];
  mentions?: {
    entity: string;
    kind: string;
    offset: number;
    length: number;
    text: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
  statements?: unknown[];
  diagnostics?: { code: string; severity: string; message: string; offset: number; length: number; range: { start: { line: number; character: number } } }[];
}

export function parseJson(stdout: string): { tool: { name: string; version: string }; files: FileJson[] } {
  return JSON.parse(stdout) as { tool: { name: string; version: string }; files: FileJson[] };
}
