// V8 settings for batch analysis. A run of `attache check` is short and spread over worker
// threads, and each worker compiles the analyzer again: with V8's defaults, optimizing the
// analyzer's functions (TurboFan, with its inlining and escape analysis) cost as many
// instructions as running them over the first thousand files. A smaller inlining budget and
// no escape analysis compile much less, and the code they give is no slower (4% fewer
// instructions per file once warm). Over 2,400 files of the JSON report: 15.8 → 14.9 G
// instructions (−6%), counted with valgrind, output identical (ARCHITECTURE.md, "Performance
// work"). No loop peeling (which copies the first iteration of every loop) takes another 6.6%
// off (14.92 → 13.94 G) for the same cost per file once warm (3.66 M instructions, 3.68 with
// peeling). Not inlining the array builtins (`map`, `some`, `filter` … and their callbacks)
// into their callers compiles less again: the first 1,200 files 9.69 → 8.03 G, 2,400 files
// 13.95 → 12.28 G (−12%), with 3.54 M instructions per file once warm against 3.55 M.
// The settings apply to the whole process, so to the workers too.
//
// When the workers take every core, V8's helper threads have no core of their own: a
// background compile (concurrent recompilation) or a parallel scavenge only takes turns with
// the workers, and a worker meanwhile runs unoptimized code longer. Compiling on the worker's
// own thread, and scavenging there, measured 10% faster over 10,000 files (wall and CPU time,
// medians of six alternated runs, bench/README.md).

import * as v8 from "node:v8";

/** The V8 the settings were measured on (11.x, Node 20); others keep V8's defaults. */
const TESTED_V8 = /^11\./;

export const BATCH_FLAGS = [
  "--max-inlined-bytecode-size-cumulative=200",
  "--no-turbo-escape",
  "--no-turbo-loop-peeling",
  "--no-turbo-inline-array-builtins",
] as const;
/**
 * For worker threads that take every core. Both are read when they are needed (a worker's
 * compile dispatcher when its isolate starts, the scavenger at each scavenge), so setting them
 * before the workers start is safe. (`--single-threaded-gc` is not: its implications are
 * resolved only at start-up, and setting it later crashes V8.)
 */
export const SATURATED_FLAGS = ["--no-concurrent-recompilation", "--no-parallel-scavenge"] as const;

type SetFlags = (flag: string) => void;

const tuned = (v8Version: string): boolean => process.env.ATTACHE_V8_DEFAULTS !== "1" && TESTED_V8.test(v8Version);

/** Applies `BATCH_FLAGS` before anything is compiled for the analysis; false if not applied. */
export function tuneForBatch(v8Version = process.versions.v8, setFlags: SetFlags = v8.setFlagsFromString): boolean {
  if (!tuned(v8Version)) return false;
  for (const flag of BATCH_FLAGS) setFlags(flag);
  return true;
}

/**
 * Applies `SATURATED_FLAGS` before `workers` threads start on a machine with `cores` cores, if
 * they take every core; false if not applied. With a core to spare, V8's helpers keep it.
 */
export function tuneForWorkers(workers: number, cores: number, v8Version = process.versions.v8, setFlags: SetFlags = v8.setFlagsFromString): boolean {
  if (!tuned(v8Version) || workers < cores) return false;
  for (const flag of SATURATED_FLAGS) setFlags(flag);
  return true;
}
