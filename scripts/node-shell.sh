#!/bin/sh
# npm's script shell (script-shell in the .npmrc that scripts/setup.sh writes): `sh`, with the
# project's own Node first on PATH when setup installed one (.node/bin, for machines whose Node is
# older than 22). Every npm script, npx command and the processes they start (`#!/usr/bin/env node`
# included) then run on it.
project_node_bin="$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)/.node/bin"
if [ -x "$project_node_bin/node" ]; then
  PATH="$project_node_bin:$PATH"
  export PATH
fi
exec sh "$@"
