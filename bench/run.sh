#!/usr/bin/env bash
# Non-streamed gateway overhead on loopback: the simulated provider reached directly, then through
# Switchboard, in alternating rounds of the same wrk load. Prints requests/s and the CPU time each
# process spent per request (from /proc), and the gateway's figures as ratios of the direct ones.
# Usage: bench/run.sh [rounds=3] [duration=10s] [connections=64]   (needs wrk; builds the jar if absent)
#        STREAM=1 bench/run.sh ...   measures streamed requests instead; WARMUP=15s is the JIT warm-up per target
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3} DURATION=${2:-10s} CONNS=${3:-64}
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package
WORK=$(mktemp -d) SIM_PORT=19090 GW_PORT=18088
trap 'kill $(cat "$WORK"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

cat > "$WORK/switchboard.yaml" <<YAML
server: {port: $GW_PORT}
storage: {sqlite_path: $WORK/bench.db}
catalog:
  providers:
    - {id: deepseek, base_url: "http://127.0.0.1:$SIM_PORT/deepseek/v1", api_key: sim}
  deployments:
    - {model: deepseek/deepseek-v3.2, provider: deepinfra, enabled: false}
YAML
java -jar target/switchboard.jar sim --port $SIM_PORT > "$WORK/sim.log" 2>&1 & echo $! > "$WORK/sim.pid"
KEY=$(java -jar target/switchboard.jar keys create --config "$WORK/switchboard.yaml" --name bench | sed -n 's/^Secret.*: //p')
java -jar target/switchboard.jar serve --config "$WORK/switchboard.yaml" > "$WORK/gw.log" 2>&1 & echo $! > "$WORK/gw.pid"
for port in $SIM_PORT $GW_PORT; do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
# One measured run: prints "rps p50_ms p99_ms cpu_us_per_request_of_pid1 cpu_us_per_request_of_pid2"
measure() { # label path model pid1 pid2
  local a1 a2 out
  a1=$(cpu_ticks "$4"); a2=$(cpu_ticks "$5")
  out=$(LABEL=$1 TARGET_PATH=$2 MODEL=$3 KEY=$KEY wrk -t2 -c"$CONNS" -d"$DURATION" -s bench/chat.lua "http://127.0.0.1:$([ "$1" = direct ] && echo $SIM_PORT || echo $GW_PORT)")
  local n rps p50 p99 bad
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$out"); rps=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$out")
  p50=$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$out"); p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$out")
  bad=$(sed -n 's/.*non2xx=\([0-9]*\) errors=\([0-9]*\).*/\1+\2/p' <<<"$out")
  [ "$bad" = "0+0" ] || { echo "$1: failed requests ($bad): $out" >&2; exit 1; }
  echo "$rps $p50 $p99 $(( ( $(cpu_ticks "$4") - a1 ) * 1000000 / TICK / n )) $(( ( $(cpu_ticks "$5") - a2 ) * 1000000 / TICK / n ))"
}
SIM=$(cat "$WORK/sim.pid") GW=$(cat "$WORK/gw.pid")
echo "warm-up..."
DURATION=${WARMUP:-15s} measure direct /deepseek/v1/chat/completions deepseek-chat "$SIM" "$GW" >/dev/null
DURATION=${WARMUP:-15s} measure gateway /v1/chat/completions deepseek/deepseek-v3.2 "$GW" "$SIM" >/dev/null
FORMAT='%-6s %-8s %9s %9s %9s %18s %15s\n'
printf "$FORMAT" round target req/s p50_ms p99_ms "target CPU us/req" "sim CPU us/req"
for r in $(seq "$ROUNDS"); do
  read -r drps d50 d99 dcpu _ <<<"$(measure direct /deepseek/v1/chat/completions deepseek-chat "$SIM" "$GW")"
  read -r grps g50 g99 gcpu gsim <<<"$(measure gateway /v1/chat/completions deepseek/deepseek-v3.2 "$GW" "$SIM")"
  printf "$FORMAT" "$r" direct "$drps" "$d50" "$d99" "$dcpu" "$dcpu" "$r" gateway "$grps" "$g50" "$g99" "$gcpu" "$gsim"
  echo "$drps $dcpu $grps $gcpu" >> "$WORK/rounds"
done
sort -n -k3 "$WORK/rounds" | awk '{a[NR]=$0} END {split(a[int((NR+1)/2)], m, " ");
  printf "median round: direct %.0f req/s at %d us CPU/req; gateway %.0f req/s at %d us CPU/req (gateway/direct: %.2fx req/s, %.2fx CPU per request)\n",
  m[1], m[2], m[3], m[4], m[3]/m[1], m[4]/m[2]}'
rows=$(sqlite3 "$WORK/bench.db" 'select count(*) from requests' 2>/dev/null || echo "?")
echo "ledger rows written during the run: $rows"
