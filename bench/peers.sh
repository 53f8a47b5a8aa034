#!/usr/bin/env bash
# Switchboard beside the peer set-up of ../shared/bench, non-streamed, on loopback: the same wrk
# load (64 connections, bench/chat.lua) through nginx as a reverse proxy (the floor), Spring Cloud
# Gateway (if its jar is given) and Switchboard, all in front of the same static nginx mock, in
# alternating rounds. Prints req/s, p50/p99 and CPU us per request of each proxy, and ratios to nginx.
# Usage: bench/peers.sh [rounds=3] [duration=10s]
#   env SCG_JAR=<scg-peer.jar> adds Spring Cloud Gateway; BASE_JAR=<switchboard.jar of an earlier
#   build> adds that build as "sb-base" beside the current one (before/after figures from one run);
#   GW_JAVA_OPTS / BASE_JAVA_OPTS add JVM flags to either build (an A/B of one setting);
#   STREAM=1 streams (through ../shared/bench/mock-upstream.js, needs node); CONNS=1 for one client;
#   TRANSLATE=1 adds "sb-anth": the same request in Anthropic's format to /v1/messages of the same
#   gateway, translated to the OpenAI-format mock (the cost of translation against same-format);
#   POLICY=1 adds "sb-policy": the same build with the example data policy (resources/policy.yaml)
#   scanning every request (the cost of the policy against none, issue 9's "within 15%").
# Needs nginx and wrk (apt-get install nginx wrk); reads ../shared/bench/*.conf, writes only a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3} DURATION=${2:-10s} CONNS=${CONNS:-64}
PEER=${PEER_BENCH:-../shared/bench}
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA25="$JAVA_HOME/bin/java"
[ -f target/switchboard.jar ] || PATH="$JAVA_HOME/bin:$PATH" ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d); mkdir -p "$WORK/logs" "$WORK/tmp"
trap 'kill $(cat "$WORK"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
GW_PORT=18095

nginx -p "$WORK" -c "$(realpath "$PEER/nginx-mock.conf")" -e logs/error.log & echo $! > "$WORK/mock.pid"
nginx -p "$WORK" -c "$(realpath "$PEER/nginx-proxy.conf")" -e logs/error.log & echo $! > "$WORK/proxy.pid"
MOCK_PORT=18081 PROXY_PORT=18080
if [ "${STREAM:-0}" = 1 ]; then
  node "$PEER/mock-upstream.js" 18082 > "$WORK/mock-node.log" 2>&1 & echo $! > "$WORK/mock-node.pid"
  MOCK_PORT=18082 PROXY_PORT=18083
fi
start_switchboard() { # name jar port [jvm flags] -> a gateway with its own db and key
  cat > "$WORK/$1.yaml" <<YAML
server: {port: $3}
storage: {sqlite_path: $WORK/$1.db}
catalog:
  providers:
    - {id: openai, base_url: "http://127.0.0.1:$MOCK_PORT/v1", api_key: mock}
YAML
  if [ "${5:-}" = policy ]; then
    { echo "policy:"; sed 's/^/  /' src/main/resources/policy.yaml; } >> "$WORK/$1.yaml"
  fi
  KEY=$("$JAVA25" -jar "$2" keys create --config "$WORK/$1.yaml" --name bench 2>/dev/null | sed -n 's/^Secret.*: //p; s/^export KEY=//p' | head -1)
  [ -n "$KEY" ] || { echo "no key from $2" >&2; exit 1; }
  echo "$KEY" > "$WORK/$1.key"
  # shellcheck disable=SC2086 # the flags are words
  "$JAVA25" ${4:-} -jar "$2" serve --config "$WORK/$1.yaml" > "$WORK/$1.log" 2>&1 & echo $! > "$WORK/$1.pid"
}
start_switchboard gw target/switchboard.jar $GW_PORT "${GW_JAVA_OPTS:-}"
TARGETS="nginx|$PROXY_PORT|gpt-4o-mini|proxy switchboard|$GW_PORT|openai/gpt-5-mini|gw"
if [ -n "${BASE_JAR:-}" ]; then
  start_switchboard base "$BASE_JAR" $((GW_PORT + 1)) "${BASE_JAVA_OPTS:-}"
  TARGETS="$TARGETS sb-base|$((GW_PORT + 1))|openai/gpt-5-mini|base"
fi
if [ "${POLICY:-0}" = 1 ]; then
  start_switchboard policy target/switchboard.jar $((GW_PORT + 2)) "${GW_JAVA_OPTS:-}" policy
  TARGETS="$TARGETS sb-policy|$((GW_PORT + 2))|openai/gpt-5-mini|policy"
fi
if [ "${TRANSLATE:-0}" = 1 ]; then
  TARGETS="$TARGETS sb-anth|$GW_PORT|openai/gpt-5-mini|gw||anthropic"
fi
if [ -n "${SCG_JAR:-}" ]; then
  java -Xms512m -Xmx512m -jar "$SCG_JAR" > "$WORK/scg.log" 2>&1 & echo $! > "$WORK/scg.pid"
  TARGETS="$TARGETS scg|18090|gpt-4o-mini|scg"
  [ "${STREAM:-0}" = 1 ] && TARGETS="${TARGETS% *} scg|18090|gpt-4o-mini|scg|/node"
fi
for t in $TARGETS; do
  port=$(cut -d'|' -f2 <<<"$t")
  for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
done

# nginx -p runs a master and workers: count the CPU of the whole process group.
cpu_ticks() { local sum=0; for p in $(pgrep -g "$(ps -o pgid= "$1" | tr -d ' ')" 2>/dev/null || echo "$1"); do
  sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $sum; }
TICK=$(getconf CLK_TCK)
measure() { # name port model pidfile duration [path prefix] [ingress] -> "rps p50 p99 cpu_us_per_req"
  local pid a out n key=none path=${6:-}/v1/chat/completions
  [ "${7:-}" = anthropic ] && path=/v1/messages
  pid=$(cat "$WORK/$4.pid"); a=$(cpu_ticks "$pid")
  [ -f "$WORK/$4.key" ] && key=$(cat "$WORK/$4.key")
  out=$(LABEL=$1 TARGET_PATH=$path INGRESS=${7:-openai} MODEL=$3 KEY=$key wrk -t"$((CONNS < 2 ? 1 : 2))" -c"$CONNS" -d"$5" -s bench/chat.lua "http://127.0.0.1:$2")
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$out")
  [ "$(sed -n 's/.*non2xx=\([0-9]*\) errors=\([0-9]*\).*/\1+\2/p' <<<"$out")" = "0+0" ] && [ "${n:-0}" -gt 0 ] ||
    { echo "$1 failed: $out" >&2; exit 1; }
  echo "$(sed -n 's/.* rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/\1 \2 \3/p' <<<"$out") $(( ($(cpu_ticks "$pid") - a) * 1000000 / TICK / n ))"
}
echo "warm-up..."
for t in $TARGETS; do IFS='|' read -r name port model pidf prefix ingress <<<"$t"; measure "$name" "$port" "$model" "$pidf" "${WARMUP:-15s}" "$prefix" "$ingress" >/dev/null; done
FORMAT='%-6s %-11s %9s %8s %8s %14s\n'
printf "$FORMAT" round target req/s p50_ms p99_ms "CPU us/req"
for r in $(seq "$ROUNDS"); do
  for t in $TARGETS; do
    IFS='|' read -r name port model pidf prefix ingress <<<"$t"
    read -r rps p50 p99 cpu <<<"$(measure "$name" "$port" "$model" "$pidf" "$DURATION" "$prefix" "$ingress")"
    printf "$FORMAT" "$r" "$name" "$rps" "$p50" "$p99" "$cpu"
    echo "$name $rps $cpu $p50" >> "$WORK/rounds"
  done
done
awk '{rps[$1]=rps[$1]" "$2; cpu[$1]=cpu[$1]" "$3; p50[$1]=p50[$1]" "$4}
  function med(s,  a,n,i,j,t){n=split(s,a," "); for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]+0<a[i]+0){t=a[i];a[i]=a[j];a[j]=t}; return a[int((n+1)/2)]}
  END {nr=med(rps["nginx"]); nc=med(cpu["nginx"]); for (k in rps) printf "median %-11s %8.0f req/s (%.2fx nginx)  %5d us CPU/req (%.1fx nginx)  p50 %.3f ms\n", k, med(rps[k]), med(rps[k])/nr, med(cpu[k]), med(cpu[k])/nc, med(p50[k])}' "$WORK/rounds"
