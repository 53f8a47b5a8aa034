#!/usr/bin/env bash
# 10,000 concurrent open streams from a slow simulated provider (one chunk every 1-3 s for about
# MAX_TOKENS seconds): opens them all through Switchboard and, while they are open, prints the
# gateway's resident memory, file descriptors, failed streams (each must end with usage and [DONE])
# and the p50/p99 of other requests made meanwhile (GET /v1/models and a small non-streamed chat to
# a second, unpaced simulator), beside the same probe with no stream open (the same run's baseline).
# Usage: bench/open-streams.sh [streams=10000]
#   env JVM_FLAGS    the gateway's JVM flags (default: those of the launcher, when it has them)
#       MAX_TOKENS=45  PROMPT_KB=0 (prose added to each prompt)  HOLD_SECONDS=10  OPENING=256 (streams connecting or sending at once)
#       HISTO=FILE     writes the heap histogram's growth per open stream to FILE (jcmd; full GCs)
#       UPSTREAM_YAML  extra keys of the gateway's upstream section, e.g. "http2: true"
#       GATEWAY_JAR    the gateway's jar (default target/switchboard.jar), to compare two builds
# Run it under the bench lock: flock /work/notes/bench.lock bench/open-streams.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STREAMS=${1:-10000}
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package
[ -f target/test-classes/dev/switchboard/bench/OpenStreams.class ] || ./mvnw -q -B test-compile
# Each stream holds two sockets in the gateway (client and provider) and one in each other process.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ $((2 * STREAMS + 100)) -gt "$(ulimit -n)" ] \
  && [[ "${UPSTREAM_YAML:-}" != *http2* ]]; then
  echo "note: ulimit -n is $(ulimit -n) (this user cannot raise it), below the 2 x $STREAMS + 100 files" \
    "the gateway needs over HTTP/1.1: the streams beyond it fail with 503 (out of file descriptors);" \
    "UPSTREAM_YAML='http2: true' multiplexes them over about 100 sockets per 10,000"
fi
if [ -z "${JVM_FLAGS+x}" ] && [ -f jvm.options ]; then
  JVM_FLAGS=$(grep -v '^#' jvm.options | xargs)
fi
JVM_FLAGS=${JVM_FLAGS:-}
WORK=$(mktemp -d) SLOW_PORT=19091 FAST_PORT=19092 GW_PORT=18089
trap 'kill $(cat "$WORK"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

cat > "$WORK/switchboard.yaml" <<YAML
server: {port: $GW_PORT}
storage: {sqlite_path: $WORK/bench.db}
upstream: {max_connections_per_host: 20000${UPSTREAM_YAML:+, $UPSTREAM_YAML}}
catalog:
  providers:
    - {id: deepseek, base_url: "http://127.0.0.1:$SLOW_PORT/deepseek/v1", api_key: sim}
    - {id: openai, base_url: "http://127.0.0.1:$FAST_PORT/openai/v1", api_key: sim}
  deployments:
    - {model: deepseek/deepseek-v3.2, provider: deepinfra, enabled: false}
YAML
SIM_FLAGS="-Xmx1g -XX:+UseParallelGC"
java $SIM_FLAGS -jar target/switchboard.jar sim --port $SLOW_PORT --tokens-per-second 1 > "$WORK/slow.log" 2>&1 & echo $! > "$WORK/slow.pid"
java $SIM_FLAGS -jar target/switchboard.jar sim --port $FAST_PORT > "$WORK/fast.log" 2>&1 & echo $! > "$WORK/fast.pid"
KEY=$(java -jar target/switchboard.jar keys create --config "$WORK/switchboard.yaml" --name bench | sed -n 's/^Secret.*: //p')
# shellcheck disable=SC2086
java $JVM_FLAGS -jar "${GATEWAY_JAR:-target/switchboard.jar}" serve --config "$WORK/switchboard.yaml" > "$WORK/gw.log" 2>&1 & echo $! > "$WORK/gw.pid"
for port in $SLOW_PORT $FAST_PORT $GW_PORT; do
  for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
GW=$(cat "$WORK/gw.pid")
echo "gateway JVM flags: ${JVM_FLAGS:-(none)}; RSS right after start: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$GW/status)"
status=0
GW_URL="http://127.0.0.1:$GW_PORT" KEY=$KEY GW_PID=$GW STREAMS=$STREAMS LABEL="${LABEL:-${JVM_FLAGS:-default flags}}" \
  java -Xmx1g -XX:+UseParallelGC -cp target/test-classes:target/switchboard.jar dev.switchboard.bench.OpenStreams || status=$?
if [ -n "${HISTO:-}" ] && [ -f "$HISTO" ]; then head -25 "$HISTO"; fi
errors=$(grep -c -E 'SEVERE|ERROR|Exception' "$WORK/gw.log" || true)
[ "$status" = 0 ] || { cp "$WORK/gw.log" /tmp/open-streams-gw.log; echo "gateway log kept in /tmp/open-streams-gw.log"; }
echo "gateway log: $errors error lines"; [ "$errors" = 0 ] || grep -m5 -E 'SEVERE|ERROR|Exception' "$WORK/gw.log"
exit $status
