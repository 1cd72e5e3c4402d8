#!/usr/bin/env bash
# taizhang against its peers (bench/peers/run.py): installs the peers from
# their registries into bench/peers/.local (never into the project's
# dependencies), then runs every tool on bench/peers/answers.tsv.
#   bench/peers/run.sh [run.py options]      e.g. --seconds 5 --details
# Needs node/npm and python3 (with venv); taizhang through its Python
# bindings in the project's .venv (tools/bootstrap.sh --python, then
# .venv/bin/python -m pip install --no-build-isolation .), or TAIZHANG_PYTHON.
# A manual benchmark: not part of CI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
local="${PEERS_DIR:-$here/.local}"
mkdir -p "$local"
if [ ! -d "$local/node_modules/chrono-node" ] || [ ! -d "$local/node_modules/@microsoft/recognizers-text-suite" ]; then
  (cd "$local" && npm install --no-audit --no-fund --loglevel=error chrono-node @microsoft/recognizers-text-suite)
fi
[ -x "$local/venv/bin/python" ] || python3 -m venv "$local/venv"
"$local/venv/bin/python" -c 'import jionlp, cn2an' 2>/dev/null || "$local/venv/bin/python" -m pip install -q jionlp cn2an
echo "peers: chrono-node $(node -p "require('$local/node_modules/chrono-node/package.json').version"), recognizers-text-suite $(node -p "require('$local/node_modules/@microsoft/recognizers-text-suite/package.json').version"), $("$local/venv/bin/python" -m pip list 2>/dev/null | awk '/^(jionlp|cn2an) / {printf "%s %s, ", $1, $2}')taizhang $("${TAIZHANG_PYTHON:-$here/../../.venv/bin/python}" -c 'import taizhang; print(taizhang.__version__)' 2>/dev/null || echo '(not installed)')"
exec python3 "$here/run.py" "$@"
