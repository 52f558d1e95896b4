#!/bin/sh
# Install code-server 4.100.3 (VS Code 1.100.3) into a git-ignored cache, from the npm registry only.
# Usage: scripts/install-code-server.sh [DIR]   (default .vscode-test/code-server-4.100.3)
# Needs the Debian packages chromium, libkrb5-dev and ripgrep (and a C++ toolchain with python3): installed with apt-get when run as
# root, otherwise the exact command is printed and the script stops.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-$ROOT/.vscode-test/code-server-4.100.3}
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"
if [ -f "$DIR/.installed" ] && [ -f "$ENTRY" ]; then echo "code-server already installed in $DIR"; exit 0; fi

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
[ -f /usr/include/gssapi/gssapi.h ] || missing="$missing libkrb5-dev"
# native modules (argon2, node-pty, kerberos…) compile from source
{ command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1; } || missing="$missing build-essential"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
  else
    echo "Missing system packages:$missing. Run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
  fi
fi

started=$(date +%s)
rm -rf "$DIR"; mkdir -p "$DIR"; cd "$DIR"
echo '{"name":"code-server-host","private":true}' > package.json
export npm_config_unsafe_perm=true npm_config_yes=true
npm install code-server@4.100.3 --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild argon2 --loglevel=error                 # its prebuilt download fails here; it compiles from source
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # skips ripgrep's download from GitHub
npm rebuild --loglevel=error                       # node-pty, spdlog, kerberos, native-watchdog …
# the remaining steps of code-server's own postinstall
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -rf code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error)
touch "$DIR/.installed"
echo "code-server installed in $DIR ($(( $(date +%s) - started ))s)"
