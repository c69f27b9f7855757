// Workspace indexing benchmark: writes N generated releases (default 10,000) into a temporary
// folder, starts the bundled server over stdio as an editor would, opens that folder, and
// measures how long the background index takes, how responsive the server stays meanwhile
// (latency of a workspace-symbol request sent every 250 ms), and how much memory the server
// process holds afterwards (VmRSS and peak VmHWM from /proc/PID/status, Linux only).
//
//   npm run build && node --import tsx bench/index-workspace.ts [COUNT] [--keep]

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { WorkspaceSymbolRequest } from "vscode-languageserver-protocol/node";
import { startClient } from "../test/protocol/lspClient";
import { IndexChangedNotification, SpeakersRequest, type IndexChangedParams, type SpeakersResult } from "../server/src/lsp/protocol";
import { writeCorpus } from "./inputs";

function memory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

async function main(): Promise<void> {
  const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attache-index-bench-"));
  const t0 = performance.now();
  const { bytes } = writeCorpus(dir, count);
  console.log(`wrote ${count} releases (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s to ${dir}`);

  const client = await startClient({
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
    },
  });
  const pid = client.process.pid!;
  const idle = memory(pid);
  const folder = pathToFileURL(dir).href;
  const start = performance.now();
  client.connection.onRequest("workspace/workspaceFolders", () => [{ uri: folder, name: "bench" }]);
  const done = new Promise<IndexChangedParams>((resolve) =>
    client.connection.onNotification(IndexChangedNotification.method, (p: IndexChangedParams) => !p.indexing && p.files >= count && resolve(p)),
  );
  // Responsiveness: a workspace-symbol request every 250 ms while the index is built.
  const latencies: number[] = [];
  let indexing = true;
  const probe = (async () => {
    while (indexing) {
      const t = performance.now();
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "minister" });
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const result = await done;
  const seconds = (performance.now() - start) / 1000;
  indexing = false;
  await probe;
  const mem = memory(pid);
  const t1 = performance.now();
  const speakers = await client.connection.sendRequest<SpeakersResult>(SpeakersRequest.method, {});
  const speakersMs = performance.now() - t1;
  const t2 = performance.now();
  const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "a" })) as unknown[];
  const symbolsMs = performance.now() - t2;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(0);
  console.log(`indexed ${result.files} files in ${seconds.toFixed(1)} s (${((seconds * 1000) / result.files).toFixed(2)} ms per file)`);
  console.log(`server memory: idle ${idle.rss.toFixed(0)} MB; after indexing VmRSS ${mem.rss.toFixed(0)} MB, peak VmHWM ${mem.hwm.toFixed(0)} MB`);
  console.log(`workspace/symbol latency while indexing: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms over ${latencies.length} requests`);
  console.log(
    `after indexing: speakers request ${speakersMs.toFixed(0)} ms (${speakers.speakers.length} speakers), workspace/symbol "a" ${symbolsMs.toFixed(0)} ms (${symbols.length} symbols, capped at 1000)`,
  );
  await client.stop();
  if (!process.argv.includes("--keep")) fs.rmSync(dir, { recursive: true, force: true });
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
