#!/usr/bin/env node
// `npm run test:vscode`: the extension in a real VS Code through @vscode/test-electron.
// It needs a VS Code build: VSCODE_EXECUTABLE, or one downloaded (and cached) here.
// Where none can be had (no network), it prints SKIP and exits 0: the same checks
// run in a real editor through code-server in test/e2e.
//
// Env: VSCODE_EXECUTABLE     a VS Code binary to use instead of downloading one
//      ATTACHE_VSCODE_VERSION version to download (default "stable")
//      ATTACHE_VSCODE_CACHE   where downloads are kept (default ~/.cache/attache-vscode-test)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const FIXTURES = path.join(ROOT, "test", "e2e", "fixtures");
const DOWNLOAD_TIMEOUT_MS = 20_000;

function skip(reason) {
  console.log(`SKIP: VS Code could not be downloaded (${reason}) — the real-editor checks run in test/e2e through code-server instead.`);
  process.exit(0);
}

const { downloadAndUnzipVSCode, runTests, SilentReporter } = await import("@vscode/test-electron");

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (vscodeExecutablePath) {
  if (!fs.existsSync(vscodeExecutablePath)) {
    console.error(`VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);
    process.exit(1);
  }
} else {
  const cachePath = process.env.ATTACHE_VSCODE_CACHE || path.join(os.homedir(), ".cache", "attache-vscode-test");
  // The idle timeout covers a stalled download; the race covers a hang before it starts.
  let timer;
  try {
    vscodeExecutablePath = await Promise.race([
      downloadAndUnzipVSCode({
        version: process.env.ATTACHE_VSCODE_VERSION || "stable",
        cachePath,
        timeout: DOWNLOAD_TIMEOUT_MS,
        reporter: new SilentReporter(),
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${(DOWNLOAD_TIMEOUT_MS * 3) / 1000} s`)), DOWNLOAD_TIMEOUT_MS * 3);
        timer.unref();
      }),
    ]);
  } catch (err) {
    skip(String(err?.message ?? err).split("\n")[0]);
  } finally {
    clearTimeout(timer);
  }
}

if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log("SKIP: VS Code needs a display (run under xvfb-run) — the real-editor checks run in test/e2e through code-server instead.");
  process.exit(0);
}

// The extension runs from the source tree (package.json main: dist/client.js).
if (!fs.existsSync(path.join(ROOT, "dist", "client.js")) || !fs.existsSync(path.join(ROOT, "dist", "server.js"))) {
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "attache-vscode-"));
const workspace = path.join(tmp, "workspace");
fs.mkdirSync(workspace);
for (const [name, src] of Object.entries({
  "seed.release": "seed.release",
  "flagged.release": "flagged.release",
  "quickfix.release": "flagged.release",
  "phone-call.readout": "phone-call.readout",
})) {
  fs.copyFileSync(path.join(FIXTURES, src), path.join(workspace, name));
}
const userDataDir = path.join(tmp, "user-data");
fs.mkdirSync(path.join(userDataDir, "User"), { recursive: true });
fs.writeFileSync(
  path.join(userDataDir, "User", "settings.json"),
  JSON.stringify({ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "extensions.autoUpdate": false }, null, 2),
);

let code = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(HERE, "suite", "index.js"),
    launchArgs: [workspace, "--disable-extensions", "--user-data-dir", userDataDir, "--skip-welcome", "--skip-release-notes"],
  });
} catch (err) {
  console.error(`VS Code tests failed: ${err?.message ?? err}`);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
