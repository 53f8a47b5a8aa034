#!/usr/bin/env bash
# `opencode run` with its default tools (bash, read, edit, ...) against the gateway at
# $SWITCHBOARD_BASE_URL, through a custom OpenAI-compatible provider. Passes when opencode finishes
# on its own, calls a tool and answers in text within a few requests. Usage: opencode-check.sh DIR
# (a scratch directory: opencode's home, config and working directory go there).
set -euo pipefail
CLIENTS="$(cd "$(dirname "$0")" && pwd)"
DIR="$1"
MODEL="${SWITCHBOARD_MODEL:-deepseek/deepseek-v3.2}"
MAX_REQUESTS=6
mkdir -p "$DIR/home" "$DIR/work"

cat >"$DIR/opencode.json" <<JSON
{
  "\$schema": "https://opencode.ai/config.json",
  "provider": {
    "switchboard": {
      "npm": "@ai-sdk/openai-compatible",
      "name": "Switchboard",
      "options": { "baseURL": "$SWITCHBOARD_BASE_URL", "apiKey": "{env:SWITCHBOARD_KEY}" },
      "models": { "$MODEL": { "name": "$MODEL via Switchboard" } }
    }
  },
  "model": "switchboard/$MODEL",
  "autoupdate": false,
  "share": "disabled"
}
JSON

# A private home, and no models.dev fetch, update check, LSP download, plugins or sharing: the
# only network traffic is to the gateway.
export HOME="$DIR/home" XDG_CONFIG_HOME="$DIR/home/.config" XDG_DATA_HOME="$DIR/home/.local/share" \
  XDG_CACHE_HOME="$DIR/home/.cache" XDG_STATE_HOME="$DIR/home/.local/state" \
  OPENCODE_CONFIG="$DIR/opencode.json" OPENCODE_DISABLE_MODELS_FETCH=1 \
  OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_LSP_DOWNLOAD=1 OPENCODE_DISABLE_DEFAULT_PLUGINS=1 \
  OPENCODE_DISABLE_SHARE=1 OPENCODE_DISABLE_CLAUDE_CODE=1 OPENCODE_DISABLE_EXTERNAL_SKILLS=1

started=$(date +%s%N)
status=0
(cd "$DIR/work" && timeout 150 "$CLIENTS/node_modules/.bin/opencode" run --print-logs \
  -m "switchboard/$MODEL" "Use the bash tool to list the files here, then tell me what you found." \
  >"$DIR/stdout.txt" 2>"$DIR/stderr.txt") || status=$?
millis=$((($(date +%s%N) - started) / 1000000))
# One "stream" log line per model request (the session title is one of them).
requests=$(grep -c 'message=stream ' "$DIR/stderr.txt" || true)
tools=$(grep -c 'message=evaluated permission=' "$DIR/stderr.txt" || true)
answer=$(tr -s '\n' ' ' <"$DIR/stdout.txt" | cut -c1-80)

problem=""
if [ "$status" -ne 0 ]; then
  problem="exit $status"
elif [ "$tools" -lt 1 ]; then
  problem="no tool was called"
elif [ "$requests" -gt "$MAX_REQUESTS" ]; then
  problem="$requests requests, more than $MAX_REQUESTS"
elif [ -z "$answer" ]; then
  problem="no text answer"
fi
summary="opencode run ($requests requests, $tools tool calls, $millis ms)"
if [ -z "$problem" ]; then
  echo "PASS $summary: \"$answer\""
else
  echo "FAIL $summary: $problem"
  grep -vE '^timestamp=.*level=(DEBUG|INFO)' "$DIR/stderr.txt" | tail -20
  exit 1
fi
