#!/usr/bin/env bash
# A real Claude Code (`claude -p`, the version pinned in package.json) against `switchboard demo`:
#   on the demo check.sh started (SWITCHBOARD_BASE_URL, SWITCHBOARD_KEY, SWITCHBOARD_DEMO_LOG), or
#   on one of its own when those are unset, with the shipped aliases (claude-opus-* -> Claude via
#   the Anthropic-format sim): ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, --model moonshotai/kimi-k2.5
#   (the OpenAI-format sim), the same with its cheapest provider failing (x-sim-fault: status-503,
#   so the gateway falls back) and a Write tool turn;
#   on a second demo whose switchboard.yaml aliases every claude-* name to moonshotai/kimi-k2.5:
#   Claude Code's default model and a Write tool turn.
# A check passes when claude exits 0 with an answer and the demo's request log shows every request of
# the run answered 200 by the expected model (a tool turn: Write called, its tool_result sent back,
# an answer after it). One PASS/FAIL line per check; exit 1 if any failed.
# Usage: claude-code-check.sh [DIR] (scratch directory; default: a temporary one).
set -euo pipefail
# shellcheck source=clients/demo.sh
source "$(cd "$(dirname "$0")" && pwd)/demo.sh"
CLAUDE="$CLIENTS/node_modules/.bin/claude"
SHIPPED_CLAUDE=anthropic/claude-opus-4.6 # where the shipped aliases send claude-opus-*
KIMI=moonshotai/kimi-k2.5
WRITE_PROMPT="Use the Write tool to create a file named hello.txt containing hi"

DIR="${1:-}"
if [ -z "$DIR" ]; then
  DIR="$(mktemp -d)"
  trap 'stop_demos; rm -rf "$DIR"' EXIT
else
  mkdir -p "$DIR"
  trap stop_demos EXIT
fi
if [ -z "${SWITCHBOARD_DEMO_LOG:-}" ]; then
  require_node
  prepare_jar_and_packages
  launch_demo "$DIR/demo"
fi
# The Kimi demo starts now, so its JVM warms up while the first checks run.
mkdir -p "$DIR/kimi-demo"
cat >"$DIR/kimi-demo/switchboard.yaml" <<YAML
aliases: # Claude Code's own model names, all on Kimi K2.5 (an OpenAI-format provider)
  claude-opus-*: $KIMI
  claude-sonnet-*: $KIMI
  claude-haiku-*: $KIMI
YAML
launch_demo "$DIR/kimi-demo"

FAILED=0
# use_demo DIR: later checks talk to the demo started in DIR (waiting for it if needed).
use_demo() {
  await_demo "$1" || exit 1
  URL="${DEMO_URL%/v1}" KEY="$DEMO_KEY" LOG="$DEMO_LOG"
}
if [ -n "${SWITCHBOARD_DEMO_LOG:-}" ]; then
  URL="${SWITCHBOARD_BASE_URL%/v1}" KEY="$SWITCHBOARD_KEY" LOG="$SWITCHBOARD_DEMO_LOG"
else
  use_demo "$DIR/demo"
fi

# new_requests FROM: the demo's request lines after line FROM, once no new one came for 0.6 s (the
# last line is written as the answer ends, so it may follow claude's exit by a moment).
new_requests() {
  local from="$1" count=-1 stable=0
  for _ in $(seq 1 25); do
    local now
    now=$(tail -n +"$((from + 1))" "$LOG" | grep -c ' request ' || true)
    if [ "$now" -gt 0 ] && [ "$now" -eq "$count" ]; then
      stable=$((stable + 1))
      [ "$stable" -ge 3 ] && break
    else
      stable=0
    fi
    count=$now
    sleep 0.2
  done
  tail -n +"$((from + 1))" "$LOG" | grep ' request ' || true
}

# claude_check NAME AUTH_VAR MODEL TOOL [claude args...]: one `claude -p` run in a fresh home and
# working directory. MODEL: the catalog model every request must be served by. TOOL: a tool the
# run must call (then the output is stream-json, summarized by claude-code-turn.mjs), or "".
claude_check() {
  local name="$1" auth_var="$2" model="$3" tool="$4"
  shift 4
  local run="$DIR/runs/${name// /-}"
  mkdir -p "$run/home" "$run/work"
  local before status=0 started
  before=$(wc -l <"$LOG")
  local format=() headers=()
  [ -z "$tool" ] || format=(--output-format stream-json --verbose)
  # FAULT (for the next check only): an x-sim-fault header on every request Claude Code sends.
  [ -z "${FAULT:-}" ] || headers=(ANTHROPIC_CUSTOM_HEADERS="x-sim-fault: $FAULT")
  started=$(date +%s%N)
  # A private HOME and no inherited environment: no login, settings or real key leak in. Telemetry
  # and other non-essential traffic off, so the gateway is the only host contacted.
  (cd "$run/work" && env -i PATH="$PATH" HOME="$run/home" TERM=dumb \
    ANTHROPIC_BASE_URL="$URL" "$auth_var=$KEY" DISABLE_TELEMETRY=1 \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 CLAUDE_CODE_MAX_RETRIES=1 "${headers[@]}" \
    timeout 90 "$CLAUDE" -p "$@" "${format[@]}") >"$run/stdout" 2>"$run/stderr" || status=$?
  local millis=$((($(date +%s%N) - started) / 1000000))
  local requests total bad answer providers problem=""
  requests="$(new_requests "$before")"
  providers=$(printf '%s\n' "$requests" | grep -o ' provider=[^ ]*' | cut -d= -f2 | sort -u | paste -sd, -)
  total=$(printf '%s' "$requests" | grep -c . || true)
  bad=$(printf '%s\n' "$requests" | grep -v " status=200 model=$model " | grep -c . || true)
  if [ -n "$tool" ]; then
    answer="$(node "$CLIENTS/claude-code-turn.mjs" "$run/stdout" "$tool")" || problem="$answer"
    answer="$answer; wrote: $(cd "$run/work" && find . -type f -printf '%p (%s bytes) ' | head -c 120)"
  else
    answer="\"$(tr -s '\n' ' ' <"$run/stdout" | cut -c1-60)\""
    [ -n "$(tr -d '[:space:]' <"$run/stdout")" ] || problem="no output"
  fi
  # EXPECT (for the next check only): text the answer must contain, with no policy placeholder left.
  # The log line says the request was redacted (the provider got a placeholder, not the value).
  if [ -n "${EXPECT:-}" ] && { ! grep -qF "$EXPECT" "$run/stdout" || grep -q '<EMAIL_' "$run/stdout" ||
    ! printf '%s\n' "$requests" | grep -q 'policy_action=redact'; }; then
    problem="the answer is not '$EXPECT' redacted and restored: $(head -c 200 "$run/stdout")"
  fi
  if [ "$status" -ne 0 ]; then
    problem="exit $status${problem:+; $problem}"
  elif [ "$total" -eq 0 ]; then
    problem="no request in the demo's log"
  elif [ "$bad" -gt 0 ]; then
    problem="$bad of $total requests not answered 200 by $model"
  fi
  local summary="claude-code $name ($total requests, $millis ms)"
  if [ -z "$problem" ]; then
    echo "PASS $summary: $model via ${providers:-?}; $answer"
    return
  fi
  FAILED=$((FAILED + 1))
  echo "FAIL $summary: $problem"
  echo "--- claude stdout (tail)"
  tail -c 1500 "$run/stdout"
  echo "--- claude stderr (tail)"
  tail -n 20 "$run/stderr"
  echo "--- demo log since the run started (tail)"
  tail -n +"$((before + 1))" "$LOG" | tail -n 15
}

claude_check "default model, auth token" ANTHROPIC_AUTH_TOKEN "$SHIPPED_CLAUDE" "" "say hi"
claude_check "default model, api key" ANTHROPIC_API_KEY "$SHIPPED_CLAUDE" "" "say hi"
claude_check "--model $KIMI" ANTHROPIC_AUTH_TOKEN "$KIMI" "" "say hi" --model "$KIMI"
# The cheapest Kimi provider answers 503 (the demo's sim fault): the gateway falls back to another.
FAULT=status-503 claude_check "--model $KIMI, first provider 503" ANTHROPIC_AUTH_TOKEN "$KIMI" "" \
  "say hi" --model "$KIMI"
# The demo's data policy redacts the email before the provider sees it (the sim echoes what it got
# after "Repeat after me:"), and the answer Claude Code prints has it back.
EXPECT="jane.doe@example.com" claude_check "email redacted and restored" ANTHROPIC_AUTH_TOKEN \
  "$SHIPPED_CLAUDE" "" "Repeat after me: mail jane.doe@example.com"
claude_check "Write tool turn" ANTHROPIC_AUTH_TOKEN "$SHIPPED_CLAUDE" Write \
  "$WRITE_PROMPT" --allowedTools Write
use_demo "$DIR/kimi-demo"
claude_check "aliased to $KIMI" ANTHROPIC_AUTH_TOKEN "$KIMI" "" "say hi"
claude_check "Write tool turn aliased to $KIMI" ANTHROPIC_API_KEY "$KIMI" Write \
  "$WRITE_PROMPT" --allowedTools Write
[ "$FAILED" -eq 0 ]
