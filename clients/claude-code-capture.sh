#!/usr/bin/env bash
# Records what a real Claude Code (`claude -p`) sends to an Anthropic-compatible endpoint.
# Installs the newest @anthropic-ai/claude-code from npm (version read at run time) into a scratch
# directory, starts claude-code-recorder.mjs on 127.0.0.1 (a minimal stand-in for the Anthropic API
# that saves every request), and runs `claude -p "say hi"` three times against it:
#   1. auth-token:  ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer)
#   2. api-key:     ANTHROPIC_API_KEY (sent as x-api-key)
#   3. other-model: ANTHROPIC_AUTH_TOKEN and --model moonshotai/kimi-k2.5
# Claude Code runs with a private, empty HOME, so no local settings or login leak in.
# Output: request-N.json / request-N.headers (credentials redacted) and requests.md in
# OUT (default src/test/resources/wire/claude-code). Needs Node.js >= 18 and npm registry access.
# CLAUDE_CODE_VERSION=x.y.z pins a version instead of npm's latest.
set -euo pipefail

CLIENTS="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$CLIENTS")"
OUT="${OUT:-$ROOT/src/test/resources/wire/claude-code}"
SCRATCH="${SCRATCH:-$(mktemp -d)}"
VERSION="${CLAUDE_CODE_VERSION:-$(npm view @anthropic-ai/claude-code version)}"

echo "claude-code $VERSION -> $SCRATCH"
(cd "$SCRATCH" && npm install --no-audit --no-fund --silent "@anthropic-ai/claude-code@$VERSION" >/dev/null)
CLAUDE="$SCRATCH/node_modules/.bin/claude"
"$CLAUDE" --version

mkdir -p "$OUT"
rm -f "$OUT"/request-*.json "$OUT"/request-*.headers "$OUT"/index.jsonl

REC_PID=""
stop_recorder() {
  if [ -n "$REC_PID" ] && kill -0 "$REC_PID" 2>/dev/null; then
    kill "$REC_PID" 2>/dev/null || true
    wait "$REC_PID" 2>/dev/null || true
  fi
  REC_PID=""
}
trap stop_recorder EXIT

# run_claude LABEL AUTH_VAR NONESSENTIAL(0|1) CUT_STREAMS [claude args...]
run_claude() {
  local label="$1" auth_var="$2" nonessential="$3" cut="$4"
  shift 4
  local port_file="$SCRATCH/port-$label"
  RECORDER_CUT_STREAMS="$cut" node "$CLIENTS/claude-code-recorder.mjs" "$OUT" "$label" >"$port_file" &
  REC_PID=$!
  for _ in $(seq 1 50); do
    grep -q listening "$port_file" 2>/dev/null && break
    sleep 0.1
  done
  local port
  port="$(awk '/listening/ {print $2}' "$port_file")"
  local home="$SCRATCH/home-$label"
  mkdir -p "$home"
  echo "run $label: port $port"
  local rc=0 quiet=()
  [ "$nonessential" = 1 ] || quiet=(CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1)
  (cd "$home" && env -i PATH="$PATH" HOME="$home" TERM=dumb \
    ANTHROPIC_BASE_URL="http://127.0.0.1:$port" \
    "$auth_var=sk-test-capture" DISABLE_TELEMETRY=1 "${quiet[@]}" \
    timeout 120 "$CLAUDE" -p "say hi" "$@") >"$SCRATCH/out-$label.txt" 2>&1 || rc=$?
  echo "run $label: exit $rc, answer: $(head -c 200 "$SCRATCH/out-$label.txt")"
  stop_recorder
}

run_claude auth-token ANTHROPIC_AUTH_TOKEN 0 0
run_claude api-key ANTHROPIC_API_KEY 0 0
run_claude other-model ANTHROPIC_AUTH_TOKEN 0 0 --model moonshotai/kimi-k2.5
run_claude hello-probe ANTHROPIC_AUTH_TOKEN 1 0
run_claude stream-fallback ANTHROPIC_AUTH_TOKEN 0 1

node "$CLIENTS/claude-code-summary.mjs" "$OUT" "$VERSION" >"$OUT/requests.md"
rm -f "$OUT/index.jsonl"
echo "saved $(ls "$OUT"/request-*.headers | wc -l) requests and requests.md in $OUT"
