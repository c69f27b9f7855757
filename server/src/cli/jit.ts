// V8 settings for batch analysis. A run of `attache check` is short and spread over worker
// threads, and each worker compiles the analyzer again: with V8's defaults, optimizing the
// analyzer's functions (TurboFan, with its inlining and escape analysis) cost as many
// instructions as running them over the first thousand files. A smaller inlining budget and
// no escape analysis compile much less, and the code they give is no slower (4% fewer
// instructions per file once warm). Over 2,400 files of the JSON report: 15.8 → 14.9 G
// instructions (−6%), counted with valgrind, output identical (ARCHITECTURE.md, "Performance
// work"). The settings apply to the whole process, so to the workers too.

import * as v8 from "node:v8";

/** The V8 the settings were measured on (11.x, Node 20); others keep V8's defaults. */
const TESTED_V8 = /^11\./;

export const BATCH_FLAGS = ["--max-inlined-bytecode-size-cumulative=200", "--no-turbo-escape"] as const;

/** Applies `BATCH_FLAGS` before anything is compiled for the analysis; false if not applied. */
export function tuneForBatch(v8Version = process.versions.v8, setFlags: (flag: string) => void = v8.setFlagsFromString): boolean {
  if (process.env.ATTACHE_V8_DEFAULTS === "1" || !TESTED_V8.test(v8Version)) return false;
  for (const flag of BATCH_FLAGS) setFlags(flag);
  return true;
}
