// The real-editor harness: starts code-server with the packaged extension in a
// fresh profile, drives it from Debian's Chromium through playwright-core, and
// offers the small helpers the checks use (polling, reading the editor's DOM,
// screenshots). Nothing here sleeps a fixed time: everything polls.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(E2E_DIR, "..", "..");
export const CACHE = process.env.ATTACHE_E2E_CACHE || path.join(os.homedir(), ".cache", "attache-e2e");
export const CHROMIUM = process.env.ATTACHE_E2E_CHROMIUM || "/usr/bin/chromium";
export const CODE_SERVER_ENTRY = path.join(CACHE, "node_modules", "code-server", "out", "node", "entry.js");
export const RESULTS_DIR = path.join(ROOT, "test-results", "e2e");
export const DOCS_IMAGES_DIR = path.join(ROOT, "docs", "images");

/** Timeouts scale with ATTACHE_E2E_TIMEOUT_SCALE (e.g. 3 on a slow machine). */
const SCALE = Number(process.env.ATTACHE_E2E_TIMEOUT_SCALE || 1) || 1;
export const scaled = (ms) => Math.round(ms * SCALE);

/**
 * Polls `fn` until it returns a truthy value (which is returned) or the timeout
 * passes (then throws with `message` and the last value or error seen).
 */
export async function waitFor(fn, { timeout = 15000, interval = 150, message = "condition" } = {}) {
  const deadline = Date.now() + scaled(timeout);
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      lastError = undefined;
      if (last) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `last error: ${lastError.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${scaled(timeout)} ms waiting for ${message} (${seen})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Monaco renders spaces inside a line as U+00A0. */
export const norm = (s) => (s ?? "").replace(/\u00a0/g, " ");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const DEFAULT_SETTINGS = {
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "workbench.colorTheme": "Default Dark Modern",
  "editor.semanticHighlighting.enabled": true,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.editor.enablePreview": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.commandCenter.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "git.enabled": false,
  "files.autoSave": "off",
  "files.hotExit": "off",
  "editor.minimap.enabled": false,
  "editor.fontSize": 14,
  "editor.hover.delay": 200,
  "editor.cursorBlinking": "solid",
  "editor.accessibilitySupport": "off",
  "outline.collapseItems": "alwaysExpand",
  "problems.defaultViewMode": "tree",
  "window.commandCenter": false,
  // Default Dark Modern draws entity.name.type.* and entity.name.class.* in the
  // same teal, so titles and organizations would look alike. Give the
  // extension's own TextMate scopes (package.json semanticTokenScopes) distinct
  // colors: a semantic token only gets one of these when it arrives typed AND
  // its type maps to the declared scope.
  "editor.tokenColorCustomizations": {
    textMateRules: [
      { scope: "entity.name.person.release", settings: { foreground: "#9CDCFE" } },
      { scope: "entity.name.type.title.release", settings: { foreground: "#DCDCAA" } },
      { scope: "entity.name.class.organization.release", settings: { foreground: "#4EC9B0" } },
      { scope: "entity.name.namespace.country.release", settings: { foreground: "#C586C0" } },
      { scope: "variable.parameter.pronoun.release", settings: { foreground: "#B5CEA8" } },
      { scope: "keyword.other.reporting-verb.release", settings: { foreground: "#569CD6" } },
    ],
  },
};

/**
 * One code-server + one Chromium page. `start()` never leaves processes behind
 * when it throws; `stop()` is idempotent and also runs on SIGINT/SIGTERM/exit.
 */
export class Editor {
  constructor({ vsix, fixtures, settings = {}, log = (m) => console.error(`[e2e] ${m}`) }) {
    this.vsix = vsix;
    this.fixtures = fixtures;
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.log = log;
    this.server = null;
    this.browser = null;
    this.page = null;
    this.serverLog = [];
    this._onExit = () => this._killSync();
  }

  async start() {
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "attache-e2e-"));
    this.extDir = path.join(this.tmp, "extensions");
    this.userDataDir = path.join(this.tmp, "user-data");
    this.workspace = path.join(this.tmp, "workspace");
    fs.mkdirSync(path.join(this.userDataDir, "User"), { recursive: true });
    fs.mkdirSync(this.extDir, { recursive: true });
    fs.mkdirSync(this.workspace, { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, "User", "settings.json"), JSON.stringify(this.settings, null, 2));
    for (const [name, src] of Object.entries(this.fixtures)) fs.copyFileSync(src, path.join(this.workspace, name));
    // code-server writes its own config under XDG dirs: keep them in the temp dir.
    this.env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(this.tmp, "xdg-config"),
      XDG_DATA_HOME: path.join(this.tmp, "xdg-data"),
      XDG_CACHE_HOME: path.join(this.tmp, "xdg-cache"),
    };
    delete this.env.NODE_OPTIONS;

    process.on("exit", this._onExit);

    const t0 = Date.now();
    const inst = spawnSync(
      process.execPath,
      [CODE_SERVER_ENTRY, "--install-extension", this.vsix, "--extensions-dir", this.extDir, "--user-data-dir", this.userDataDir],
      { env: this.env, encoding: "utf8", timeout: scaled(120000) },
    );
    if (inst.status !== 0 || !/successfully installed/i.test(inst.stdout + inst.stderr)) {
      throw new Error(`installing ${this.vsix} into code-server failed (exit ${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
    }
    this.log(`installed ${path.basename(this.vsix)} in ${Date.now() - t0} ms`);

    this.port = await freePort();
    const t1 = Date.now();
    this.server = spawn(
      process.execPath,
      [
        CODE_SERVER_ENTRY,
        "--auth",
        "none",
        "--bind-addr",
        `127.0.0.1:${this.port}`,
        "--user-data-dir",
        this.userDataDir,
        "--extensions-dir",
        this.extDir,
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--disable-getting-started-override",
        "--ignore-last-opened",
        this.workspace,
      ],
      { env: this.env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    const keep = (chunk) => {
      this.serverLog.push(chunk.toString());
      if (this.serverLog.length > 400) this.serverLog.splice(0, 100);
    };
    this.server.stdout.on("data", keep);
    this.server.stderr.on("data", keep);
    let exited = null;
    this.server.on("exit", (code, signal) => (exited = { code, signal }));
    await waitFor(
      async () => {
        if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}):\n${this.serverLog.join("")}`);
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`).catch(() => null);
        return res && res.ok;
      },
      { timeout: 60000, message: "code-server to answer /healthz" },
    ).catch((err) => {
      if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}):\n${this.serverLog.join("")}`);
      throw err;
    });
    this.log(`code-server up on port ${this.port} in ${Date.now() - t1} ms`);

    const require = createRequire(path.join(CACHE, "package.json"));
    const { chromium } = require("playwright-core");
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    this.context = await this.browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    this.page = await this.context.newPage();
    const t2 = Date.now();
    await this.page.goto(`http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.page.waitForSelector(".monaco-workbench", { timeout: scaled(60000) });
    await waitFor(() => this.page.locator(".explorer-folders-view .monaco-list-row").count(), {
      timeout: 60000,
      message: "the Explorer to list the workspace",
    });
    this.log(`workbench ready in ${Date.now() - t2} ms`);
  }

  /**
   * Kills the whole code-server process group (its extension host and language
   * server too) and the browser; runs on process exit, so it must be synchronous.
   */
  _killSync() {
    // The group may outlive its leader (extension host, language server): kill it whatever.
    if (this.server) {
      try {
        process.kill(-this.server.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    // playwright-core kills the browser it launched when this process exits.
    this._removeTmp();
  }

  async stop() {
    if (this.browser) {
      await Promise.race([this.browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
      this.browser = null;
    }
    if (this.server) {
      const srv = this.server;
      if (srv.exitCode === null && srv.signalCode === null) {
        const gone = new Promise((r) => srv.once("exit", r));
        try {
          process.kill(-srv.pid, "SIGTERM");
        } catch {
          /* already gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-srv.pid, "SIGKILL");
          } catch {
            /* already gone */
          }
        }, 3000);
        await gone;
        clearTimeout(timer);
      }
      // The group may still hold the extension host or the language server.
      try {
        process.kill(-srv.pid, "SIGKILL");
      } catch {
        /* group already empty */
      }
      this.server = null;
    }
    this._removeTmp();
    process.off("exit", this._onExit);
  }

  _removeTmp() {
    if (this.tmp && !process.env.ATTACHE_E2E_KEEP_TMP) fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  // ---- helpers the checks use --------------------------------------------------

  async screenshot(name, { docs } = {}) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    // README screenshots are refreshed only on request: `ATTACHE_E2E_DOCS_IMAGES=1 npm run test:e2e`.
    if (docs && process.env.ATTACHE_E2E_DOCS_IMAGES === "1") {
      fs.mkdirSync(DOCS_IMAGES_DIR, { recursive: true });
      fs.copyFileSync(file, path.join(DOCS_IMAGES_DIR, `${docs}.png`));
    }
    return file;
  }

  /** The text of a visible modal dialog (e.g. "Command … resulted in an error"), or "". */
  async dialogText() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll(".monaco-dialog-box")]
        .filter((e) => e.checkVisibility())
        .map((e) =>
          e.innerText
            .replace(/\u00a0/g, " ")
            .replace(/\s+/g, " ")
            .trim(),
        )
        .join(" | "),
    );
  }

  /**
   * Closes what a failed check may leave open (a modal dialog, the Quick Open, a hover,
   * a menu) with Escape, so that the next check starts from a usable workbench.
   */
  async dismissOverlays() {
    const open = () =>
      this.page.evaluate(() =>
        [...document.querySelectorAll(".monaco-dialog-box, .quick-input-widget, .monaco-hover, .context-view, .action-widget")].some((e) =>
          e.checkVisibility(),
        ),
      );
    await waitFor(
      async () => {
        if (!(await open())) return true;
        await this.page.keyboard.press("Escape");
        return false;
      },
      { timeout: 5000, interval: 200, message: "the open dialogs and menus to close" },
    );
  }

  /** Runs a command from the Command Palette by its label. */
  async runCommand(label) {
    const { page } = this;
    await page.keyboard.press("F1");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: scaled(10000) });
    await input.fill(`>${label}`);
    await waitFor(
      async () => {
        const rows = await page.locator(".quick-input-list .monaco-list-row").allInnerTexts();
        return rows.some((r) => norm(r).includes(label));
      },
      { timeout: 10000, message: `command "${label}" in the Command Palette` },
    );
    await page.keyboard.press("Enter");
  }

  /** Opens a workspace file by clicking it in the Explorer; waits for its editor tab to be active. */
  async openFile(name) {
    const { page } = this;
    // The Explorer may be hidden (another view) or its folder tree collapsed.
    if (
      !(await page
        .locator(".explorer-folders-view")
        .first()
        .isVisible()
        .catch(() => false))
    ) {
      await page.keyboard.press("Control+Shift+E");
    }
    const folders = page.locator(".pane-header", { has: page.locator(".title", { hasText: /workspace/i }) }).first();
    if ((await folders.getAttribute("aria-expanded").catch(() => null)) === "false") await folders.click();
    const row = page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).first();
    await row.waitFor({ state: "visible", timeout: scaled(15000) });
    await row.click();
    await waitFor(
      async () =>
        norm(
          await page
            .locator(".tabs-container .tab.active")
            .first()
            .innerText()
            .catch(() => ""),
        ).includes(name),
      { timeout: 15000, message: `the editor for ${name} to be active` },
    );
    await page
      .locator(".editor-group-container.active .monaco-editor .view-lines")
      .first()
      .waitFor({ timeout: scaled(15000) });
  }

  /** The active editor's visible text, line by line (in screen order). */
  async editorText() {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-lines .view-line")];
      lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return lines.map((l) => l.textContent.replace(/\u00a0/g, " ")).join("\n");
    });
  }

  /**
   * Token spans of the active editor, in screen order: text (normalized),
   * computed color, class and position.
   */
  async tokenSpans() {
    return this.page.evaluate(() => {
      const spans = [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-lines .view-line > span > span")];
      return spans
        .map((s) => {
          const r = s.getBoundingClientRect();
          return {
            text: s.textContent.replace(/\u00a0/g, " "),
            color: getComputedStyle(s).color,
            cls: s.className,
            x: r.left + r.width / 2,
            y: r.top + r.height / 2,
          };
        })
        .sort((a, b) => a.y - b.y || a.x - b.x);
    });
  }

  /** Moves the cursor to LINE (1-based) through "Go to Line". */
  async gotoLine(line, column = 1) {
    const { page } = this;
    await page.keyboard.press("Control+g");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: scaled(10000) });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press("Enter");
    await input.waitFor({ state: "hidden", timeout: scaled(10000) });
  }

  /** The status bar's Problems item aria-label, e.g. "Warnings: 3" or "No Problems". */
  async problemsStatus() {
    return this.page
      .locator("#status\\.problems")
      .first()
      .getAttribute("aria-label")
      .catch(() => null);
  }
}

/** Reads a count of warnings from the status bar aria-label ("No Problems", "Warnings: 3", "Errors: 0, Warnings: 3"). */
export function warningsFromStatus(label) {
  if (label == null) return null;
  const m = /Warnings?:\s*(\d+)/i.exec(label);
  if (m) return Number(m[1]);
  return /no problems/i.test(label) || /Errors?:\s*\d+/i.test(label) ? 0 : null;
}
