// Bundles the client, the server and the CLI with esbuild.
// `node scripts/build.mjs --watch` rebuilds on change; `--minify` shrinks the bundles.
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");
const minify = !process.argv.includes("--no-minify");

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: "node",
  // An ECMAScript target, not "node18": with a Node target esbuild rewrites every regular
  // expression that uses \p{…} into `new RegExp(…)`, built again at each call of the function
  // that holds it (the tokenizer and recognizer call such functions per word). Node 18 runs
  // ES2022 natively.
  target: "es2022",
  format: "cjs",
  sourcemap: "linked",
  minify,
  logLevel: "warning",
  legalComments: "none",
  // jsonc-parser's `main` is a UMD build whose `require("./impl/…")` calls esbuild cannot follow
  // (the bundle would fail at run time); its ES module build bundles cleanly.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
};

// dist/server.js is a small loader (server/src/lsp/loader.ts) that runs the server bundle,
// dist/server-bundle.js, through V8's code cache (a faster start from the second start on).
const server = { entryPoints: ["server/src/server.ts"], outfile: "dist/server-bundle.js" };
const loader = { entryPoints: ["server/src/lsp/loader.ts"], outfile: "dist/server.js", sourcemap: false };
const entries = [
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] },
  server,
  loader,
  { entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  { entryPoints: ["server/src/cli/worker.ts"], outfile: "dist/cli-worker.js" },
];

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  console.log("esbuild: watching client, server and CLI");
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  console.log(`esbuild: built ${entries.map((e) => e.outfile).join(", ")}`);
}
