#!/usr/bin/env bash
# Real-client checks: starts `switchboard demo` (simulated providers, no account) on a free port in a
# temporary directory, then runs the openai Node SDK's runTools, OpenRouter-style routing fields and the data policy (redaction restored in streams, approved providers, the scan API), the AI SDK's tool loop and
# structured output, LangChain's tool turn and withStructuredOutput, `opencode run` with its
# default tools, and Claude Code (claude-code-check.sh) against it. One PASS/FAIL line per check, a closing "N passed, N failed" line, and
# a non-zero exit if any check failed. Needs JDK 25 (JAVA_HOME), Node.js >= 20 and npm (registry
# access for `npm install` on the first run). Takes a minute or so once the jar and node_modules exist.
set -euo pipefail

# shellcheck source=clients/demo.sh
source "$(cd "$(dirname "$0")" && pwd)/demo.sh"
MODEL="${SWITCHBOARD_MODEL:-deepseek/deepseek-v3.2}"
export SWITCHBOARD_MODEL="$MODEL"
require_node

WORK="$(mktemp -d)"
trap 'stop_demos; rm -rf "$WORK"' EXIT

# 1. The jar and the pinned client packages.
prepare_jar_and_packages

# 2. The demo, unpaced, on a free port, with its ledger and any stray files in the temp directory.
launch_demo "$WORK/demo"
await_demo "$WORK/demo" || exit 1
# SWITCHBOARD_DEMO_LOG: claude-code-check.sh reads which model served each request there.
export SWITCHBOARD_BASE_URL="$DEMO_URL" SWITCHBOARD_KEY="$DEMO_KEY" SWITCHBOARD_DEMO_LOG="$DEMO_LOG"
echo "demo on $DEMO_URL, model $MODEL"

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
for script in openai-sdk openrouter-routing data-policy ai-sdk langchain; do
  check "$script" timeout 120 node --no-warnings "$script.mjs"
done
check opencode "$CLIENTS/opencode-check.sh" "$WORK/opencode"
check claude-code "$CLIENTS/claude-code-check.sh" "$WORK/claude-code"

stop_demos
passed=$(grep -c '^PASS' "$RESULTS" || true)
failed=$(grep -c '^FAIL' "$RESULTS" || true)
echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
