// Preloaded into the CLI by the benchmark (`node --require bench/peak-rss.cjs dist/cli.js …`):
// on exit, writes the peak resident set size of the whole process (main thread and worker
// threads) in KB to the file named by ATTACHE_BENCH_RSS_FILE.
"use strict";
const file = process.env.ATTACHE_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the benchmark reports n/a
    }
  });
}
