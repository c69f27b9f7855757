#!/usr/bin/env node
// `npm run test:e2e`: the packaged extension in a real VS Code (code-server),
// driven through Debian's Chromium. See test/e2e/README.md.
//
// - Installs what it needs with setup.sh (cached; skipped with
//   ATTACHE_E2E_SKIP_SETUP=1). When this machine cannot run it at all (not root
//   and no browser, no network for the first install, wrong Node), it prints
//   "SKIP: <reason>" and exits 0.
// - Once set up, any failure (packaging, code-server, a check) exits non-zero.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CACHE, CHROMIUM, CODE_SERVER_ENTRY, E2E_DIR, Editor, RESULTS_DIR, ROOT } from "./harness.mjs";
import { checks, FIXTURES } from "./checks.mjs";

const started = Date.now();
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (m) => console.error(`[e2e] ${m}`);

function skip(reason) {
  console.log(`SKIP: ${reason}`);
  process.exit(0);
}

// ---- 1. install (cached) ---------------------------------------------------------
if (process.env.ATTACHE_E2E_SKIP_SETUP === "1") {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) skip(`ATTACHE_E2E_SKIP_SETUP=1 but code-server is not installed in ${CACHE}`);
  if (!fs.existsSync(CHROMIUM)) skip(`ATTACHE_E2E_SKIP_SETUP=1 but there is no browser at ${CHROMIUM}`);
} else {
  const t0 = Date.now();
  const r = spawnSync("bash", [path.join(E2E_DIR, "setup.sh")], { stdio: ["ignore", "inherit", "inherit"] });
  const why = {
    10: `the Debian packages it needs (chromium, ripgrep, libkrb5-dev) are missing and this user cannot install them (not root)`,
    11: `no network to install code-server and playwright-core into ${CACHE}`,
    12: `code-server 4.100 needs Node 20 (this is Node ${process.versions.node})`,
  };
  if (r.error) {
    console.error(`setup.sh could not run: ${r.error.message}`);
    process.exit(1);
  }
  if (why[r.status]) skip(why[r.status]);
  if (r.status !== 0) {
    console.error(`test/e2e/setup.sh failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  say(`setup ok in ${secs(t0)}`);
}

// ---- 2. the packaged extension --------------------------------------------------
const vsix = path.resolve(process.env.ATTACHE_E2E_VSIX || path.join(ROOT, "dist", "attache.vsix"));
if (!process.env.ATTACHE_E2E_VSIX) {
  // Package when the .vsix is missing or older than what goes into it.
  const inputs = [
    path.join(ROOT, "package.json"),
    ...["dist", "syntaxes"].flatMap((d) => {
      const dir = path.join(ROOT, d);
      return fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => !f.endsWith(".vsix"))
            .map((f) => path.join(dir, f))
        : [];
    }),
  ].filter((f) => fs.existsSync(f));
  const newest = Math.max(...inputs.map((f) => fs.statSync(f).mtimeMs));
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < newest) {
    say(`${path.relative(ROOT, vsix)} is ${fs.existsSync(vsix) ? "older than the build" : "missing"}: npm run package`);
    const r = spawnSync("npm", ["run", "package"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0 || !fs.existsSync(vsix)) {
      console.error(`npm run package failed (exit ${r.status}); run "npm run build && npm run package" and see why`);
      process.exit(1);
    }
  }
}
if (!fs.existsSync(vsix)) {
  console.error(`no extension package at ${vsix}`);
  process.exit(1);
}

// ---- 3. the checks, in one code-server + one browser ------------------------------
fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const fixtures = Object.fromEntries(Object.entries(FIXTURES).map(([name, src]) => [name, path.join(E2E_DIR, "fixtures", src)]));
const editor = new Editor({ vsix, fixtures, log: say });

let stopping = false;
for (const [sig, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  // `on`, not `once`: playwright-core exits the process at once on a SIGINT that
  // it believes nobody else handles, which would cut our cleanup short.
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    say(`${sig}: stopping code-server and the browser`);
    editor.stop().finally(() => process.exit(code));
  });
}

try {
  await test(`Attaché in a real editor (code-server + Chromium, ${path.basename(vsix)})`, async (t) => {
    const t0 = Date.now();
    await editor.start();
    say(`editor started in ${secs(t0)}`);
    for (const check of checks) {
      await t.test(check.name, async (tt) => {
        const t1 = Date.now();
        try {
          await check.fn(editor, tt);
        } catch (err) {
          const slug = check.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40);
          await editor.screenshot(`FAIL-${slug}`).catch(() => {});
          // Leave a usable workbench to the next check (a failed command may leave a modal dialog).
          await editor.dismissOverlays().catch((e) => say(`could not close what the failed check left open: ${e.message}`));
          throw err;
        } finally {
          say(`${check.name.slice(0, 60)}… ${secs(t1)}`);
        }
      });
    }
  });
} finally {
  stopping = true;
  await editor.stop();
  say(`done in ${secs(started)}; screenshots in ${path.relative(ROOT, RESULTS_DIR)}/`);
}
