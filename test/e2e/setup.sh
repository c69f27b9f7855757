#!/usr/bin/env bash
# Installs what the real-editor (code-server + Chromium) e2e run needs, into a
# cache folder outside the source tree. Idempotent: when the stamp file says the
# pinned versions are already installed (and the files are there), it returns
# at once.
#
# Exit codes (read by test/e2e/run.mjs):
#   0   everything is installed
#   10  system packages are missing and we are not root (cannot apt-get)
#   11  no network: the npm registry or the Debian mirrors cannot be reached
#   12  unsupported Node.js (code-server 4.100.x needs Node 20)
#   1   any other failure (a real install error: not a reason to skip)
#
# Env:
#   ATTACHE_E2E_CACHE   cache folder (default: $HOME/.cache/attache-e2e)
#   ATTACHE_E2E_CHROMIUM  browser binary (default: /usr/bin/chromium)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
APT_PACKAGES=(libkrb5-dev ripgrep chromium)

CACHE="${ATTACHE_E2E_CACHE:-$HOME/.cache/attache-e2e}"
CHROMIUM="${ATTACHE_E2E_CHROMIUM:-/usr/bin/chromium}"
STAMP="$CACHE/installed.stamp"
NODE_ABI="$(node -p 'process.versions.modules')"
WANT_STAMP="code-server=$CODE_SERVER_VERSION playwright-core=$PLAYWRIGHT_CORE_VERSION node-abi=$NODE_ABI"

log() { printf '[e2e setup] %s\n' "$*" >&2; }

have_system_packages() {
  [ -x "$CHROMIUM" ] && command -v rg >/dev/null 2>&1 || return 1
  # libkrb5-dev is only needed to build native modules; once the cache is built
  # it does not matter. Checked separately below.
  return 0
}

installed_ok() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT_STAMP" ] &&
    [ -f "$CACHE/node_modules/code-server/out/node/entry.js" ] &&
    [ -f "$CACHE/node_modules/code-server/lib/vscode/node_modules.asar/@vscode/ripgrep/bin/rg" ] &&
    [ -f "$CACHE/node_modules/playwright-core/package.json" ] &&
    have_system_packages
}

# ---- fast path --------------------------------------------------------------
if installed_ok; then
  log "already installed ($WANT_STAMP) in $CACHE"
  exit 0
fi

NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != "20" ]; then
  log "code-server $CODE_SERVER_VERSION needs Node 20; this is Node $(node -v)."
  exit 12
fi

mkdir -p "$CACHE"
# One installer at a time (two test runs started together).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if installed_ok; then log "installed by a concurrent run"; exit 0; fi

# ---- Debian packages ----------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    log "missing Debian packages: ${missing[*]}; not root, so cannot apt-get install them."
    log "install them (apt-get install -y ${missing[*]}) and run again."
    exit 10
  fi
  log "apt-get install ${missing[*]}"
  if ! timeout 300 apt-get update -qq; then
    log "apt-get update failed (no network?)"
    exit 11
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    # --no-install-recommends keeps it small; retry plain in case a recommend matters
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 || { log "apt-get install failed"; exit 1; }
  fi
fi
if ! have_system_packages; then
  log "no browser at $CHROMIUM or no ripgrep after install"
  exit 10
fi

# ---- npm packages -------------------------------------------------------------
if ! timeout 60 npm ping >/dev/null 2>&1; then
  log "the npm registry cannot be reached"
  exit 11
fi

cd "$CACHE"
cat >package.json <<EOF
{
  "name": "attache-e2e-cache",
  "private": true,
  "description": "Installed by attache test/e2e/setup.sh; safe to delete.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  }
}
EOF
rm -f "$STAMP"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-gyp downloads Node's headers unless told where they are; only the npm
# registry is reachable here, so use the installed ones when npm has no nodedir.
nodedir="$(npm config get nodedir 2>/dev/null || true)"
if { [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ "$nodedir" = "null" ]; } &&
  [ -f "$(dirname "$(dirname "$(command -v node)")")/include/node/node.h" ]; then
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi

log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION (about 3-4 minutes cold)"
npm_config_unsafe_perm=true npm install --ignore-scripts --no-package-lock >&2

VS="$CACHE/node_modules/code-server/lib/vscode"
(
  cd "$VS"
  log "installing VS Code's own dependencies"
  npm install --omit=dev --ignore-scripts --no-package-lock >&2
  # @vscode/ripgrep downloads its binary at install time; use Debian's instead.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  log "rebuilding native modules (node-gyp)"
  npm_config_yes=true npm rebuild >&2
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --no-package-lock >&2)
)
log "rebuilding argon2"
npm rebuild argon2 >&2

# Sanity: code-server starts and prints its version.
# (its own config file goes into the cache, not into ~/.config)
XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data" \
  node "$CACHE/node_modules/code-server/out/node/entry.js" --version >&2

printf '%s' "$WANT_STAMP" >"$STAMP"
log "done: $WANT_STAMP in $CACHE"
