// Entry point that VS Code loads in the extension host (extensionTestsPath).
// A tiny runner: no mocha. Runs the checks in order, prints one line each and a
// closing "N passed, N failed" line, and rejects when any check failed.
const fs = require("node:fs");
const { checks } = require("./checks");

// ATTACHE_SUITE_LOG=FILE also appends the report to FILE (the extension host's
// console is not always where the caller looks).
function say(line) {
  console.log(line);
  if (process.env.ATTACHE_SUITE_LOG) fs.appendFileSync(process.env.ATTACHE_SUITE_LOG, `${line}\n`);
}

class Skip extends Error {}

async function run() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const check of checks) {
    const t0 = Date.now();
    try {
      await check.fn({
        skip: (reason) => {
          throw new Skip(reason);
        },
      });
      passed++;
      say(`  ✓ ${check.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      if (err instanceof Skip) {
        skipped++;
        say(`  - ${check.name}: SKIP ${err.message}`);
      } else {
        failed++;
        say(`  ✗ ${check.name}\n    ${String(err && err.stack ? err.stack : err).replace(/\n/g, "\n    ")}`);
      }
    }
  }
  say(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed) throw new Error(`${failed} check(s) failed`);
}

module.exports = { run };
