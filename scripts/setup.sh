#!/usr/bin/env bash
# One-time setup of a fresh Debian/Ubuntu machine: Chromium, redis-server and PostgreSQL for the test suites
# (installed only when missing), Node.js 24 into .node/ when the machine's Node is older than 22,
# then the exact npm dependencies. Needs root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Node.js the project is tested on (.node-version), from the npm registry's node-linux-<cpu>
# package: the binary ships inside it. Integrity pinned per CPU; change it with .node-version.
MIN_NODE_MAJOR=22
NODE_VERSION="$(cat .node-version)"
declare -A NODE_INTEGRITY=(
  [x64]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
  [arm64]="sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw=="
)
PROJECT_NODE_DIR=.node

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v openssl >/dev/null 2>&1 || need+=(openssl) # a self-signed certificate for the rediss:// test
# A real PostgreSQL server for the history store's tests (testkit/postgres-server.ts).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== installing ${need[*]} (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

machine_node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$machine_node_major" -ge "$MIN_NODE_MAJOR" ]; then
  echo "== Node $(node --version) on this machine: using it"
elif [ "$("$PROJECT_NODE_DIR/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  echo "== Node v$NODE_VERSION already in $PROJECT_NODE_DIR/"
else
  case "$(uname -m)" in
    x86_64) cpu=x64 ;;
    aarch64 | arm64) cpu=arm64 ;;
    *) echo "No Node.js $NODE_VERSION package for $(uname -m): install Node.js $MIN_NODE_MAJOR or newer yourself." >&2; exit 1 ;;
  esac
  echo "== installing Node v$NODE_VERSION into $PROJECT_NODE_DIR/ (npm package node-linux-$cpu; this machine has $(node --version 2>/dev/null || echo none))"
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  tarball="$(cd "$download" && npm pack --silent "node-linux-$cpu@$NODE_VERSION")"
  actual="sha512-$(openssl dgst -sha512 -binary "$download/$tarball" | base64 -w0)"
  if [ "$actual" != "${NODE_INTEGRITY[$cpu]}" ]; then
    echo "node-linux-$cpu@$NODE_VERSION does not match its pinned integrity: got $actual" >&2
    exit 1
  fi
  rm -rf "$PROJECT_NODE_DIR"
  mkdir -p "$PROJECT_NODE_DIR"
  tar -xzf "$download/$tarball" -C "$PROJECT_NODE_DIR" --strip-components=1 package/bin/node package/LICENSE
  echo "   $("$PROJECT_NODE_DIR/bin/node" --version) in $PROJECT_NODE_DIR/bin (npm scripts and npx use it: .npmrc, scripts/node-shell.sh)"
fi

# With a project Node, npm's script shell puts it first on PATH for every npm script, npx command and
# install script. The path is absolute (npm resolves it from each script's own directory), so this
# .npmrc is this checkout's, git-ignored and written here; move the checkout, run setup again.
NPMRC_MARKER="# Written by scripts/setup.sh: npm scripts and npx run on the project's Node in .node/."
if [ -x "$PROJECT_NODE_DIR/bin/node" ]; then
  if [ ! -e .npmrc ] || [ "$(head -n1 .npmrc)" = "$NPMRC_MARKER" ]; then
    printf '%s\nscript-shell=%s\n' "$NPMRC_MARKER" "$PWD/scripts/node-shell.sh" > .npmrc
  else
    echo "!! .npmrc is yours: add this line to it so npm scripts run on .node/: script-shell=$PWD/scripts/node-shell.sh" >&2
  fi
fi

# npm itself runs on the project's Node too, so engines and install scripts see the Node that runs the app.
echo "== npm ci"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ./scripts/node-shell.sh -c 'npm ci --no-audit --no-fund'
