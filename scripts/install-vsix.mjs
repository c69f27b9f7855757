// Installs the packaged extension into VS Code when a `code` command exists; otherwise
// says how to install it by hand. Never fails the setup.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const vsix = "dist/attache.vsix";
if (!existsSync(vsix)) {
  console.log(`install-vsix: ${vsix} not found; run \`npm run package\` first.`);
  process.exit(0);
}
const probe = spawnSync(process.platform === "win32" ? "code.cmd" : "code", ["--version"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.log(`install-vsix: no \`code\` command on PATH; install ${vsix} from VS Code with "Extensions: Install from VSIX…".`);
  process.exit(0);
}
try {
  execFileSync(process.platform === "win32" ? "code.cmd" : "code", ["--install-extension", vsix, "--force"], { stdio: "inherit" });
} catch (e) {
  console.log(`install-vsix: \`code --install-extension\` failed (${e.message}); install ${vsix} by hand.`);
}
