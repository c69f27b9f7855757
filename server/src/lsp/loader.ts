// dist/server.js: runs the server bundle (dist/server-bundle.js, built from server/src/server.ts)
// through V8's code cache.
//
// Parsing and compiling the ~460 KB bundle, and compiling its functions as the first analysis
// runs them, is about a third of the time from spawn to the first diagnostics. V8 can save the
// bytecode of a script and take it back on the next start, so from the second start on that
// work is skipped (≈ 50–90 ms). The cache is a file next to the bundle, named by a hash of the
// bundle's text and the V8 version (V8 itself only checks the source's length, not its text),
// written at exit when there was none or V8 rejected it. Where the folder is read-only,
// nothing is written and nothing breaks.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";

type CommonJsWrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

const PREFIX = "server.";
const SUFFIX = ".codecache";
const bundleFile = path.join(__dirname, "server-bundle.js");
const bundle = fs.readFileSync(bundleFile, "utf8");
// Hashing the text at each start (about a millisecond) keeps a rebuilt bundle of the same
// length, as in watch mode, from ever running stale bytecode.
const bundleHash = createHash("sha256").update(bundle).digest("hex").slice(0, 16);
const cacheFile = path.join(__dirname, `${PREFIX}${bundleHash}.${process.arch}.v8-${process.versions.v8}${SUFFIX}`);
const cachedData = readCache(cacheFile);
// The wrapper stands on a line of its own, and `lineOffset` takes it away again, so positions
// in stack traces are those of the bundle, as dist/server-bundle.js.map expects.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${bundle}\n})`, {
  filename: bundleFile,
  lineOffset: -1,
  ...(cachedData ? { cachedData } : {}),
});
// Written at exit, so that it holds the functions this run compiled (the analysis, the handlers).
if (!cachedData || script.cachedDataRejected) process.once("exit", () => writeCache(cacheFile, script));
// The bundle exports nothing: it starts the server. Node's own `require` serves its built-ins.
const inner = { exports: {} };
(script.runInThisContext() as CommonJsWrapper)(inner.exports, require, inner, bundleFile, __dirname);

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // the first start, or a new bundle or V8
  }
}

/** Writes the cache atomically (another window's server may start meanwhile) and drops those of older bundles. */
function writeCache(file: string, compiled: vm.Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, compiled.createCachedData());
    fs.renameSync(temp, file);
    const dir = path.dirname(file);
    for (const name of fs.readdirSync(dir))
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !name.startsWith(`${PREFIX}${bundleHash}.`)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // Not writable, or the disk is full: start without a cache next time too.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do at exit
    }
  }
}
