# Sourced by check.sh and claude-code-check.sh: the JDK and Node.js they need, the jar and the
# pinned client packages, and `switchboard demo` started unpaced on a free port in a directory of
# its own (its ledger and log go there; a switchboard.yaml there configures it) and stopped again.
CLIENTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$CLIENTS")"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

require_node() {
  if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
    echo "FAIL Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))"
    exit 1
  fi
}

# The jar (the launcher rebuilds it when sources are newer) and the pinned client packages.
prepare_jar_and_packages() {
  "$ROOT/switchboard" --version >/dev/null
  if [ ! -f "$CLIENTS/node_modules/.package-lock.json" ] ||
    [ "$CLIENTS/package-lock.json" -nt "$CLIENTS/node_modules/.package-lock.json" ]; then
    # Not `npm ci`: the registry reachable here lacks opencode's optional binaries for other
    # platforms, so the lock file cannot list them and `npm ci` rejects it as out of sync.
    # `npm install` with the committed lock installs the same pinned versions.
    (cd "$CLIENTS" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

DEMO_PIDS=()

# launch_demo DIR: starts the demo in DIR and returns at once (await_demo DIR waits for it). Without
# the demo's own background traffic: the checks read their requests' lines in its log, which that
# traffic would silence and crowd.
launch_demo() {
  local dir="$1"
  mkdir -p "$dir"
  (cd "$dir" && exec "$ROOT/switchboard" demo --port 0 --db "$dir/demo.db" --no-traffic \
    --first-token-ms 0 --tokens-per-second 0 >"$dir/demo.log" 2>&1) &
  echo $! >"$dir/demo.pid"
  DEMO_PIDS+=($!)
}

# await_demo DIR: waits for the demo in DIR to print its key; sets DEMO_URL (ending in /v1),
# DEMO_KEY and DEMO_LOG, or says why it did not start and returns 1.
await_demo() {
  local dir="$1" pid
  pid="$(cat "$dir/demo.pid")"
  DEMO_LOG="$dir/demo.log"
  for _ in $(seq 1 240); do
    grep -q "export KEY=" "$DEMO_LOG" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  DEMO_URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/v1' "$DEMO_LOG" | head -1 || true)"
  DEMO_KEY="$(grep -o 'sk-sb-v1-[A-Za-z0-9]*' "$DEMO_LOG" | head -1 || true)"
  if [ -z "$DEMO_URL" ] || [ -z "$DEMO_KEY" ]; then
    echo "FAIL the demo in $dir did not start:"
    cat "$DEMO_LOG"
    return 1
  fi
}

# stop_demos: every demo launched by this shell. Each should stop on SIGTERM; one whose shutdown
# hangs is killed after 10 s.
stop_demos() {
  local pid
  for pid in "${DEMO_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || continue
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "WARN the demo did not stop within 10 s of SIGTERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  DEMO_PIDS=()
}
