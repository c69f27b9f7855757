import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { BATCH_FLAGS, SATURATED_FLAGS, tuneForBatch, tuneForWorkers } from "../../server/src/cli/jit";

describe("tuneForBatch (V8 settings of attache check)", () => {
  const withEnv = <T>(env: string | undefined, f: () => T): T => {
    const saved = process.env.ATTACHE_V8_DEFAULTS;
    if (env === undefined) delete process.env.ATTACHE_V8_DEFAULTS;
    else process.env.ATTACHE_V8_DEFAULTS = env;
    try {
      return f();
    } finally {
      if (saved === undefined) delete process.env.ATTACHE_V8_DEFAULTS;
      else process.env.ATTACHE_V8_DEFAULTS = saved;
    }
  };
  const run = (v8Version: string, env?: string) => {
    const set: string[] = [];
    return withEnv(env, () => ({ applied: tuneForBatch(v8Version, (f) => set.push(f)), set }));
  };
  const runWorkers = (workers: number, cores: number, v8Version = "11.3.244.8-node.38", env?: string) => {
    const set: string[] = [];
    return withEnv(env, () => ({ applied: tuneForWorkers(workers, cores, v8Version, (f) => set.push(f)), set }));
  };

  it("sets the flags on the V8 they were measured on (Node 20)", () => {
    assert.deepEqual(run("11.3.244.8-node.38"), { applied: true, set: [...BATCH_FLAGS] });
  });

  it("leaves other V8 versions, and ATTACHE_V8_DEFAULTS=1, with V8's defaults", () => {
    assert.deepEqual(run("10.2.154.26-node.26"), { applied: false, set: [] });
    assert.deepEqual(run("12.4.254.21-node.33"), { applied: false, set: [] });
    assert.deepEqual(run("13.6.233.10-node.27"), { applied: false, set: [] });
    assert.deepEqual(run("11.3.244.8-node.38", "1"), { applied: false, set: [] });
  });

  it("keeps V8's helper threads off the workers' cores only when the workers take every core", () => {
    assert.deepEqual(runWorkers(2, 2), { applied: true, set: [...SATURATED_FLAGS] });
    assert.deepEqual(runWorkers(8, 4), { applied: true, set: [...SATURATED_FLAGS] });
    assert.deepEqual(runWorkers(2, 8), { applied: false, set: [] });
    assert.deepEqual(runWorkers(2, 2, "12.4.254.21-node.33"), { applied: false, set: [] });
    assert.deepEqual(runWorkers(2, 2, "11.3.244.8-node.38", "1"), { applied: false, set: [] });
  });

  it("names only flags this V8 knows", () => {
    // An unknown flag would make V8 print a warning on every run; node rejects unknown V8
    // options on its command line, so ask it.
    const r = spawnSync(process.execPath, [...BATCH_FLAGS, ...SATURATED_FLAGS, "-e", "0"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
  });
});
