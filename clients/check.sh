#!/usr/bin/env bash
# Real-client checks: starts `switchboard demo` (simulated providers, no account) on a free port in a
# temporary directory, then runs the openai Node SDK's runTools, the AI SDK's tool loop and
# structured output, LangChain's tool turn and withStructuredOutput, and `opencode run` with its
# default tools against it. One PASS/FAIL line per check, a closing "N passed, N failed" line, and
# a non-zero exit if any check failed. Needs JDK 25 (JAVA_HOME), Node.js >= 20 and npm (registry
# access for `npm install` on the first run). Takes about a minute once the jar and node_modules exist.
set -euo pipefail

CLIENTS="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$CLIENTS")"
MODEL="${SWITCHBOARD_MODEL:-deepseek/deepseek-v3.2}"
export SWITCHBOARD_MODEL="$MODEL"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "FAIL Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))"
  exit 1
fi

WORK="$(mktemp -d)"
DEMO_PID=""
stop_demo() {
  if [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null; then
    kill "$DEMO_PID" 2>/dev/null || true
    # The demo should stop on SIGTERM; if its shutdown hangs, it is killed after 10 s.
    for _ in $(seq 1 20); do
      kill -0 "$DEMO_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$DEMO_PID" 2>/dev/null; then
      echo "WARN the demo did not stop within 10 s of SIGTERM; killing it"
      kill -KILL "$DEMO_PID" 2>/dev/null || true
    fi
    wait "$DEMO_PID" 2>/dev/null || true
  fi
  DEMO_PID=""
}
trap 'stop_demo; rm -rf "$WORK"' EXIT

# 1. The jar (the launcher rebuilds it when sources are newer) and the pinned client packages.
"$ROOT/switchboard" --version >/dev/null
if [ ! -f "$CLIENTS/node_modules/.package-lock.json" ] ||
  [ "$CLIENTS/package-lock.json" -nt "$CLIENTS/node_modules/.package-lock.json" ]; then
  # Not `npm ci`: the registry reachable here lacks opencode's optional binaries for other
  # platforms, so the lock file cannot list them and `npm ci` rejects it as out of sync.
  # `npm install` with the committed lock installs the same pinned versions.
  (cd "$CLIENTS" && npm install --no-audit --no-fund --loglevel=error)
fi

# 2. The demo, unpaced, on a free port, with its ledger and any stray files in the temp directory.
mkdir -p "$WORK/demo"
(cd "$WORK/demo" && exec "$ROOT/switchboard" demo --port 0 --db "$WORK/demo/demo.db" \
  --first-token-ms 0 --tokens-per-second 0 >"$WORK/demo.log" 2>&1) &
DEMO_PID=$!
for _ in $(seq 1 240); do
  grep -q "export KEY=" "$WORK/demo.log" 2>/dev/null && break
  kill -0 "$DEMO_PID" 2>/dev/null || break
  sleep 0.5
done
BASE_URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/v1' "$WORK/demo.log" | head -1 || true)"
KEY="$(grep -o 'sk-sb-v1-[A-Za-z0-9]*' "$WORK/demo.log" | head -1 || true)"
if [ -z "$BASE_URL" ] || [ -z "$KEY" ]; then
  echo "FAIL the demo did not start:" >&2
  cat "$WORK/demo.log" >&2
  exit 1
fi
export SWITCHBOARD_BASE_URL="$BASE_URL" SWITCHBOARD_KEY="$KEY"
echo "demo on $BASE_URL, model $MODEL"

# 3. The checks. Each node script prints one PASS/FAIL line per check.
RESULTS="$WORK/results.txt"
check() { # name, command...: a command that failed without saying FAIL still counts as one
  local name="$1" out="$WORK/$1.out" status=0
  shift
  "$@" >"$out" 2>&1 || status=$?
  cat "$out"
  grep -E '^(PASS|FAIL)' "$out" >>"$RESULTS" || true
  if [ "$status" -ne 0 ] && ! grep -q '^FAIL' "$out"; then
    echo "FAIL $name exited with $status" | tee -a "$RESULTS"
  fi
}
cd "$CLIENTS"
for script in openai-sdk ai-sdk langchain; do
  check "$script" timeout 120 node --no-warnings "$script.mjs"
done
check opencode "$CLIENTS/opencode-check.sh" "$WORK/opencode"

stop_demo
passed=$(grep -c '^PASS' "$RESULTS" || true)
failed=$(grep -c '^FAIL' "$RESULTS" || true)
echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
