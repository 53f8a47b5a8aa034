#!/usr/bin/env bash
# Switchboard side by side with the peers of ../shared/bench, in one run, on loopback: the nginx
# reverse proxy (the floor), Spring Cloud Gateway (a JVM proxy, no LLM logic) and the Portkey gateway,
# all in front of the same mocks, with the same wrk load and the same 1 KB chat body (bench/chat.lua;
# agent mode: an 80 KB one).
#
#   plain  : non-streamed, mock = nginx answering a fixed completion (usage 277)
#   stream : short streams, mock = mock-upstream.js (20 chunks + [DONE]); one request at a time it also
#            measures the time to the FIRST event and to the end (bench/first-event.mjs)
#   long   : 1,000-chunk streams, mock = mock-long-stream.js; CPU per chunk and streams/s
#   agent  : non-streamed, a coding agent's 80 KB request (bench/agent-request.json, written by
#            bench/agent-request.py: system prompt, 18 tools, 20 tool-call turns) instead of the 1 KB
#            one; mock and answer as plain
#
# Every run checks each target's answer first, warms the JVMs/V8 up, then measures medians of ROUNDS
# alternating rounds (even rounds in reverse order), and prints markdown tables of ratios (to the
# mock reached directly and to nginx, all from this run) plus Switchboard's resident memory, idle after
# start and after the load. The machine's cores are shared by wrk, mocks and proxies: read the ratios.
#
# Usage: bench/peers.sh [rounds=3] [duration=10s]   (~25 min; run it alone on the machine: other load skews it)
#   MODES=plain,stream,long,agent   which modes (default all four; STREAM=1 alone means MODES=stream)
#   CONNS=1,64                connection counts for plain, stream and agent; LONG_CONNS=16 for long streams
#   PEERS=nginx,scg,portkey   which peers beside Switchboard (portkey is measured non-streamed only)
#   QUICK=1                   short runs (3s / 2s, 5s warm-ups, 100 first-event requests): a smoke test, ~5 min;
#                             the JVMs are not warm yet, so its figures are not results
#   RESULTS=dir               where raw runs, logs and summary.md go (default: a new temp dir, kept)
#   BASE_JAR=<switchboard.jar of an earlier build> adds it as "sb-base" (before/after from one run)
#   JVM_FLAGS                 the launcher's JVM flags, given to every Switchboard (see launcher_jvm_flags)
#   GW_JAVA_OPTS / BASE_JAVA_OPTS   extra JVM flags for the current / the earlier build (an A/B of one flag)
#   POLICY=1                  adds "sb-policy": the current build with the example data policy (policy.yaml);
#                             with BASE_JAR also "sb-base-policy", the earlier build with it
#   POLL=1                    adds "sb-poll": the current build with server.busy_poll: 200us (its idle event
#                             loops poll for 200 us before they block), beside "sb", which blocks at once
#   URING=1                   adds "sb-uring": the current build with server.transport: io_uring (the
#                             same config otherwise), beside "sb" on the default transport
#   BUDGET=1                  adds "sb-budget": the same Switchboard with a key that has every limit (a credit
#                             limit, a daily cap, requests and tokens per minute, concurrency), all far
#                             from reached: the cost of budgets and rate limits on the request path
#   TRANSLATE=1               adds "sb-anth": the same requests in Anthropic's format to /v1/messages,
#                             translated to the OpenAI-format mocks
#   DUR_C1=5s DUR_LONG=10s WARM=15s FIRST_N=300   durations of the -c1 and long runs, the warm-up of each
#                             JIT'd target per mode (Switchboard's C2 needs ~20 s of load to settle), requests
#                             per first-event round
#   IDLE_WAIT=12              seconds between the last target listening and the idle resident-memory sample
#   PEERBENCH_WORK=dir        where ../shared/bench/setup.sh installs Portkey and SCG when they are absent
#                             (default <tmp>/peerbench; needs npm and mvn); SCG_JAR overrides the jar
# Needs nginx, wrk, node and python3; writes only RESULTS (and PEERBENCH_WORK on a first install).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
if [ "${QUICK:-0}" = 1 ]; then
  DUR=${2:-${DUR:-3s}} DUR_C1=${DUR_C1:-2s} DUR_LONG=${DUR_LONG:-3s} WARM=${WARM:-5s} FIRST_N=${FIRST_N:-100}
else
  DUR=${2:-${DUR:-10s}} DUR_C1=${DUR_C1:-5s} DUR_LONG=${DUR_LONG:-10s} WARM=${WARM:-15s} FIRST_N=${FIRST_N:-300}
fi
MODES=${MODES:-$([ "${STREAM:-0}" = 1 ] && echo stream || echo plain,stream,long,agent)}
CONNS=${CONNS:-1,64} LONG_CONNS=${LONG_CONNS:-16} PEERS=${PEERS:-nginx,scg,portkey}
LONG_CHUNKS=1000
PEER=${PEER_BENCH:-../shared/bench}
PEERBENCH_WORK=${PEERBENCH_WORK:-$(dirname "$(mktemp -u)")/peerbench}
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
SB_JAR=${SB_JAR:-target/switchboard.jar}
RUN=${RESULTS:-$(mktemp -d "$(dirname "$(mktemp -u)")/switchboard-peers.XXXXXX")}
RUN=$(mkdir -p "$RUN" && cd "$RUN" && pwd)
TICK=$(getconf CLK_TCK)
# Ports: the shared confs fix 18080-18083; the rest are ours.
MOCK_PLAIN=18081 MOCK_STREAM=18082 MOCK_LONG=18084 NGINX_PLAIN=18080 NGINX_STREAM=18083 NGINX_LONG=18085
SCG_PORT=18090 PORTKEY_PORT=18787 SB_PORT=18095 SB_BASE_PORT=18096 SB_POLICY_PORT=18097 SB_BASE_POLICY_PORT=18098 SB_URING_PORT=18099 SB_POLL_PORT=18100

has() { [[ ",$1," == *",$2,"* ]]; } # list item
streamed() { [ "$1" = stream ] || [ "$1" = long ]; } # mode
log() { echo "$*" >&2; }

# The launcher's JVM flags (jvm.options, as ./switchboard starts it), unless JVM_FLAGS says otherwise.
launcher_jvm_flags() {
  if [ -n "${JVM_FLAGS+x}" ]; then echo "$JVM_FLAGS"; else grep -v '^#' jvm.options | tr '\n' ' '; fi
}

# ---------------------------------------------------------------------------------------------------
# Installing and starting
# ---------------------------------------------------------------------------------------------------
install_peers_when_absent() {
  local need=0
  has "$PEERS" portkey && [ ! -f "$PEERBENCH_WORK/portkey/node_modules/@portkey-ai/gateway/build/start-server.js" ] && need=1
  has "$PEERS" scg && [ -z "${SCG_JAR:-}" ] && [ ! -f "$PEERBENCH_WORK/scg/target/scg-peer.jar" ] && need=1
  if [ $need = 1 ]; then
    log "installing the peers into $PEERBENCH_WORK ($PEER/setup.sh: npm and mvn, a few minutes)"
    PEERBENCH_WORK="$PEERBENCH_WORK" "$PEER/setup.sh" > "$RUN/setup.log" 2>&1 ||
      { log "setup failed, see $RUN/setup.log"; exit 1; }
  fi
  SCG_JAR=${SCG_JAR:-$PEERBENCH_WORK/scg/target/scg-peer.jar}
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for_port() { # port name
  for _ in $(seq 600); do port_open "$1" && return 0; sleep 0.1; done
  log "$2 did not open port $1 (logs in $RUN)"; exit 1
}
require_free_ports() {
  local p
  for p in "$@"; do
    if port_open "$p"; then log "port $p is already in use: is another bench running? (stop it, or wait)"; exit 1; fi
  done
}

# Records the PID of the process just started in the background; stop_everything ends exactly those.
remember_pid() { echo "$2" > "$RUN/pids/$1.pid"; }
stop_everything() {
  local f
  for f in "$RUN"/pids/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
  return 0
}

start_nginx() { # name conf
  local dir="$RUN/nginx-$1"; mkdir -p "$dir/logs" "$dir/tmp"
  nginx -p "$dir/" -c "$2" -e logs/error.log > "$dir/logs/stdout.log" 2>&1 &
  remember_pid "nginx-$1" $!
}

# The floor for long streams: nginx-proxy.conf's streaming server, pointed at the long mock.
long_stream_nginx_conf() {
  sed -e "s/$NGINX_PLAIN/18086/; s/$MOCK_STREAM/$MOCK_LONG/; s/$NGINX_STREAM/$NGINX_LONG/" \
    -e 's#logs/nginx-proxy.pid#logs/nginx-long.pid#' "$(realpath "$PEER/nginx-proxy.conf")" > "$RUN/nginx-long.conf"
  echo "$RUN/nginx-long.conf"
}

start_mocks_and_nginx() {
  start_nginx mock "$(realpath "$PEER/nginx-mock.conf")"
  start_nginx proxy "$(realpath "$PEER/nginx-proxy.conf")"
  node "$PEER/mock-upstream.js" $MOCK_STREAM > "$RUN/mock-stream.log" 2>&1 &
  remember_pid mock-stream $!
  if has "$MODES" long; then
    CHUNKS=$LONG_CHUNKS node "$PEER/mock-long-stream.js" $MOCK_LONG > "$RUN/mock-long.log" 2>&1 &
    remember_pid mock-long $!
    start_nginx long "$(long_stream_nginx_conf)"
  fi
}

# SCG's jar routes /v1 and /node/v1; the command line replaces that list to add /long/v1.
start_scg() {
  local r=spring.cloud.gateway.server.webflux.routes
  "$JAVA" -Xms512m -Xmx512m -jar "$SCG_JAR" \
    "--$r[0].id=mock-static" "--$r[0].uri=http://127.0.0.1:$MOCK_PLAIN" "--$r[0].predicates[0]=Path=/v1/**" \
    "--$r[1].id=mock-node" "--$r[1].uri=http://127.0.0.1:$MOCK_STREAM" "--$r[1].predicates[0]=Path=/node/v1/**" \
    "--$r[1].filters[0]=StripPrefix=1" \
    "--$r[2].id=mock-long" "--$r[2].uri=http://127.0.0.1:$MOCK_LONG" "--$r[2].predicates[0]=Path=/long/v1/**" \
    "--$r[2].filters[0]=StripPrefix=1" > "$RUN/scg.log" 2>&1 &
  remember_pid scg $!
}

start_portkey() {
  NODE_ENV=production node "$PEERBENCH_WORK/portkey/node_modules/@portkey-ai/gateway/build/start-server.js" \
    --port=$PORTKEY_PORT --headless > "$RUN/portkey.log" 2>&1 &
  remember_pid portkey $!
}

# One catalog model per mock: bench/plain, bench/stream, bench/long, each on its own OpenAI-format provider;
# bench/agent (it takes tools) on the plain mock's.
switchboard_config() { # name port [policy|uring|poll]
  local provider mock
  cat <<YAML
server: {port: $2$([ "${3:-}" = uring ] && echo ', transport: io_uring')$([ "${3:-}" = poll ] && echo ', busy_poll: 200us')}
storage: {sqlite_path: $RUN/$1.db}
catalog:
  providers:
YAML
  for provider in plain:$MOCK_PLAIN stream:$MOCK_STREAM long:$MOCK_LONG; do
    mock=${provider#*:}; provider=${provider%:*}
    echo "    - {id: mock-$provider, name: Mock $provider, format: openai, base_url: \"http://127.0.0.1:$mock/v1\","
    echo "       api_key: mock, jurisdiction: US, data_policy: {retains_prompts: true, trains_on_prompts: false, zero_retention: false}}"
  done
  echo "  models:"
  for provider in plain stream long; do
    echo "    - {id: bench/$provider, name: bench $provider, author: OpenAI, origin_country: US, context_length: 400000}"
  done
  echo "    - {id: bench/agent, name: bench agent, author: OpenAI, origin_country: US, context_length: 400000,"
  echo "       supported_parameters: [tools, tool_choice, temperature, max_tokens]}"
  echo "  deployments:"
  for provider in plain stream long; do
    echo "    - {model: bench/$provider, provider: mock-$provider, upstream_model: gpt-4o-mini, price: {input: 0.25, output: 2}}"
  done
  echo "    - {model: bench/agent, provider: mock-plain, upstream_model: gpt-4o-mini, price: {input: 0.25, output: 2}}"
  if [ "${3:-}" = policy ]; then echo "policy:"; sed 's/^/  /' src/main/resources/policy.yaml; fi
}

start_switchboard() { # name jar port extra-jvm-flags [policy|uring|poll]
  switchboard_config "$1" "$3" "${5:-}" > "$RUN/$1.yaml"
  "$JAVA" -jar "$2" keys create --config "$RUN/$1.yaml" --name bench 2> /dev/null |
    sed -n 's/^Secret.*: //p; s/^export KEY=//p' | head -1 > "$RUN/$1.key"
  [ -s "$RUN/$1.key" ] || { log "no key from $2 keys create"; exit 1; }
  if [ "$1" = sb ] && [ "${BUDGET:-0}" = 1 ]; then
    "$JAVA" -jar "$2" keys create --config "$RUN/$1.yaml" --name bench-budget --limit 1000000 \
        --daily-cap 1000000 --rpm 100000000 --tpm 2000000000 --concurrency 100000 2> /dev/null |
      sed -n 's/^Secret.*: //p; s/^export KEY=//p' | head -1 > "$RUN/sb-budget.key"
    [ -s "$RUN/sb-budget.key" ] || { log "no budget key from $2 keys create"; exit 1; }
  fi
  # shellcheck disable=SC2046 # the flags are words
  MALLOC_ARENA_MAX=2 "$JAVA" $(launcher_jvm_flags) $4 -jar "$2" serve --config "$RUN/$1.yaml" > "$RUN/$1.log" 2>&1 &
  remember_pid "$1" $!
}

start_everything() {
  mkdir -p "$RUN/pids"
  require_free_ports $MOCK_PLAIN $MOCK_STREAM $MOCK_LONG $NGINX_PLAIN $NGINX_STREAM $NGINX_LONG 18086 \
    $SCG_PORT $PORTKEY_PORT $SB_PORT $SB_BASE_PORT $SB_POLICY_PORT $SB_BASE_POLICY_PORT $SB_URING_PORT \
    $SB_POLL_PORT
  start_mocks_and_nginx
  has "$PEERS" scg && start_scg
  has "$PEERS" portkey && start_portkey
  start_switchboard sb "$SB_JAR" $SB_PORT "${GW_JAVA_OPTS:-}"
  [ -n "${BASE_JAR:-}" ] && start_switchboard sb-base "$BASE_JAR" $SB_BASE_PORT "${BASE_JAVA_OPTS:-}"
  [ "${URING:-0}" = 1 ] && start_switchboard sb-uring "$SB_JAR" $SB_URING_PORT "${GW_JAVA_OPTS:-}" uring
  [ "${POLL:-0}" = 1 ] && start_switchboard sb-poll "$SB_JAR" $SB_POLL_PORT "${GW_JAVA_OPTS:-}" poll
  [ "${POLICY:-0}" = 1 ] && start_switchboard sb-policy "$SB_JAR" $SB_POLICY_PORT "${GW_JAVA_OPTS:-}" policy
  [ "${POLICY:-0}" = 1 ] && [ -n "${BASE_JAR:-}" ] &&
    start_switchboard sb-base-policy "$BASE_JAR" $SB_BASE_POLICY_PORT "${BASE_JAVA_OPTS:-}" policy
  local f port
  for f in "$RUN"/pids/*.pid; do
    f=${f##*/}; f=${f%.pid}
    case $f in
      nginx-mock) port=$MOCK_PLAIN;; nginx-proxy) port=$NGINX_PLAIN;; nginx-long) port=$NGINX_LONG;;
      mock-stream) port=$MOCK_STREAM;; mock-long) port=$MOCK_LONG;; scg) port=$SCG_PORT;;
      portkey) port=$PORTKEY_PORT;; sb) port=$SB_PORT;; sb-base) port=$SB_BASE_PORT;; sb-policy) port=$SB_POLICY_PORT;; sb-uring) port=$SB_URING_PORT;;
      sb-poll) port=$SB_POLL_PORT;; sb-base-policy) port=$SB_BASE_POLICY_PORT;;
    esac
    wait_for_port "$port" "$f"
  done
}

# ---------------------------------------------------------------------------------------------------
# Targets: name|port|path|model|key|measured process|extra env for peers.lua
# ---------------------------------------------------------------------------------------------------
targets_of_mode() { # mode
  local mock_port nginx_port scg_path model
  case $1 in
    plain) mock_port=$MOCK_PLAIN nginx_port=$NGINX_PLAIN scg_path=/v1 model=bench/plain;;
    stream) mock_port=$MOCK_STREAM nginx_port=$NGINX_STREAM scg_path=/node/v1 model=bench/stream;;
    long) mock_port=$MOCK_LONG nginx_port=$NGINX_LONG scg_path=/long/v1 model=bench/long;;
    agent) mock_port=$MOCK_PLAIN nginx_port=$NGINX_PLAIN scg_path=/v1 model=bench/agent;;
  esac
  local mock_pid; mock_pid=$(streamed "$1" && echo "mock-$1" || echo nginx-mock)
  local nginx_pid; nginx_pid=$([ "$1" = long ] && echo nginx-long || echo nginx-proxy)
  echo "direct|$mock_port|/v1/chat/completions|gpt-4o-mini|sk-mock|$mock_pid|"
  has "$PEERS" nginx && echo "nginx|$nginx_port|/v1/chat/completions|gpt-4o-mini|sk-mock|$nginx_pid|"
  echo "sb|$SB_PORT|/v1/chat/completions|$model|@sb|sb|"
  [ -n "${BASE_JAR:-}" ] && echo "sb-base|$SB_BASE_PORT|/v1/chat/completions|$model|@sb-base|sb-base|"
  [ "${URING:-0}" = 1 ] && echo "sb-uring|$SB_URING_PORT|/v1/chat/completions|$model|@sb-uring|sb-uring|"
  [ "${POLL:-0}" = 1 ] && echo "sb-poll|$SB_POLL_PORT|/v1/chat/completions|$model|@sb-poll|sb-poll|"
  [ "${POLICY:-0}" = 1 ] && echo "sb-policy|$SB_POLICY_PORT|/v1/chat/completions|$model|@sb-policy|sb-policy|"
  [ "${POLICY:-0}" = 1 ] && [ -n "${BASE_JAR:-}" ] &&
    echo "sb-base-policy|$SB_BASE_POLICY_PORT|/v1/chat/completions|$model|@sb-base-policy|sb-base-policy|"
  [ "${BUDGET:-0}" = 1 ] && echo "sb-budget|$SB_PORT|/v1/chat/completions|$model|@sb-budget|sb|"
  [ "${TRANSLATE:-0}" = 1 ] && echo "sb-anth|$SB_PORT|/v1/messages|$model|@sb|sb|INGRESS=anthropic"
  has "$PEERS" scg && echo "scg|$SCG_PORT|$scg_path/chat/completions|gpt-4o-mini|sk-mock|scg|"
  has "$PEERS" portkey && ! streamed "$1" &&
    echo "portkey|$PORTKEY_PORT|/v1/chat/completions|gpt-4o-mini|sk-mock|portkey|PORTKEY_CUSTOM_HOST=http://127.0.0.1:$mock_port/v1"
  return 0
}
spec_field() { cut -d'|' -f"$2" <<< "$1"; } # spec 1-based-field
key_of() { local k; k=$(spec_field "$1" 5); [ "${k:0:1}" = @ ] && cat "$RUN/${k:1}.key" || echo "$k"; }
wrk_env_of() { # spec mode -> env for peers.lua
  echo "TARGET_PATH=$(spec_field "$1" 3) MODEL=$(spec_field "$1" 4) KEY=$(key_of "$1") $(spec_field "$1" 7)" \
    "$(streamed "$2" && echo STREAM=1)" "$([ "$2" = agent ] && echo "BODY_FILE=$RUN/agent-request.json")"
}

# ---------------------------------------------------------------------------------------------------
# Checking answers
# ---------------------------------------------------------------------------------------------------
# Peers pass the mock's answer through; Switchboard names its catalog model and adds usage.cost.
check_answer() { # mode spec -> prints OK or FAIL and what was seen
  local mode=$1 spec=$2 name port path model key ingress stream body resp
  name=$(spec_field "$spec" 1) port=$(spec_field "$spec" 2) path=$(spec_field "$spec" 3) model=$(spec_field "$spec" 4)
  key=$(key_of "$spec"); ingress=$(spec_field "$spec" 7)
  stream=$(streamed "$mode" && echo true || echo false)
  body="{\"model\":\"$model\",\"max_tokens\":256,\"stream\":$stream,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
  [ "$mode" = agent ] && body=$(sed "s#\"MODEL\"#\"$model\"#" "$RUN/agent-request.json")
  local headers=(-H 'content-type: application/json' -H "authorization: Bearer $key")
  [[ $ingress == INGRESS=anthropic ]] && headers=(-H 'content-type: application/json' -H "x-api-key: $key" -H 'anthropic-version: 2023-06-01')
  [[ $ingress == PORTKEY_CUSTOM_HOST=* ]] && headers+=(-H 'x-portkey-provider: openai' -H "x-portkey-custom-host: ${ingress#*=}")
  resp=$(curl -s -N -m 20 "http://127.0.0.1:$port$path" "${headers[@]}" -d "$body" || true)
  local want_chunks want_tokens; case $mode in
    plain | agent) want_chunks=0 want_tokens=277;; stream) want_chunks=20 want_tokens=230;;
    long) want_chunks=$((LONG_CHUNKS + 3)) want_tokens=$((213 + LONG_CHUNKS));;
  esac
  local problems=()
  if [[ $ingress == INGRESS=anthropic ]]; then
    streamed "$mode" || grep -q '^event: message_stop' <<< "$resp" || problems+=("no message_stop")
    grep -q "\"output_tokens\":$((want_tokens - 213))" <<< "$resp" || problems+=("output_tokens not $((want_tokens - 213))")
  else
    grep -q "\"total_tokens\":$want_tokens" <<< "$resp" || problems+=("total_tokens not $want_tokens")
    if streamed "$mode"; then
      local n last; n=$(grep -c '^data: {' <<< "$resp" || true); last=$(grep '^data:' <<< "$resp" | tail -1)
      [ "$n" = "$want_chunks" ] || problems+=("$n chunks, not $want_chunks")
      [ "$last" = "data: [DONE]" ] || problems+=("last event not [DONE]")
    fi
  fi
  if [[ $name == sb* ]]; then
    grep -q '"cost":' <<< "$resp" || problems+=("no usage.cost")
    [[ $ingress == INGRESS=anthropic ]] || grep -q "\"model\":\"$model\"" <<< "$resp" || problems+=("model is not $model")
  fi
  if [ ${#problems[@]} = 0 ]; then echo "OK   $mode $name"; else echo "FAIL $mode $name: ${problems[*]}: ${resp:0:160}"; fi
}

check_every_target() {
  local mode spec bad=0 line
  log "== checking every target's answer (plain, agent: usage 277; stream: 20 chunks + [DONE]; long: $((LONG_CHUNKS + 3)) + [DONE])"
  for mode in ${MODES//,/ }; do
    while read -r spec; do
      line=$(check_answer "$mode" "$spec"); log "  $line"; echo "$line" >> "$RUN/checks.txt"
      [[ $line == OK* ]] || bad=1
    done < <(targets_of_mode "$mode")
  done
  [ $bad = 0 ] || { log "a target answered wrongly; not measuring (logs in $RUN)"; exit 1; }
}

# ---------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------
# CPU ticks (user + system) of a recorded process and its children (nginx's workers).
cpu_ticks() { # pid-name
  local pid p sum=0 v; pid=$(cat "$RUN/pids/$1.pid")
  for p in $pid $(ps -o pid= --ppid "$pid" 2> /dev/null); do
    v=$(sed 's/.*) //' "/proc/$p/stat" 2> /dev/null | awk '{print $12 + $13}'); sum=$((sum + ${v:-0}))
  done
  echo $sum
}
rss_kib() { # pid-name -> resident KiB of the process and its children
  local pid p sum=0 v; pid=$(cat "$RUN/pids/$1.pid")
  for p in $pid $(ps -o pid= --ppid "$pid" 2> /dev/null); do
    v=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2> /dev/null); sum=$((sum + ${v:-0}))
  done
  echo $sum
}
machine_busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
# CPU of everything this bench runs: the recorded processes, plus wrk and other finished children of this shell.
bench_ticks() {
  local f sum=0
  for f in "$RUN"/pids/*.pid; do f=${f##*/}; sum=$((sum + $(cpu_ticks "${f%.pid}"))); done
  echo $((sum + $(sed 's/.*) //' "/proc/$$/stat" | awk '{print $14 + $15}')))
}

# One wrk run against one target; appends a line to runs.tsv (and returns quietly on errors: they are counted).
wrk_run() { # mode conns round spec duration [discard]
  local mode=$1 conns=$2 round=$3 spec=$4 dur=$5 name pidname out before after busy0 busy1
  name=$(spec_field "$spec" 1) pidname=$(spec_field "$spec" 6)
  out="$RUN/wrk/$mode-c$conns-r$round-$name.txt"
  local ours0 ours1; ours0=$(bench_ticks)
  before=$(cpu_ticks "$pidname"); busy0=$(machine_busy_ticks)
  # shellcheck disable=SC2046 # the env is words
  env LABEL="$name" $(wrk_env_of "$spec" "$mode") timeout $((${dur%s} + 30)) \
    wrk -t"$((conns < 2 ? 1 : 2))" -c"$conns" -d"$dur" --timeout 10s --latency -s bench/peers.lua \
    "http://127.0.0.1:$(spec_field "$spec" 2)" > "$out" 2>&1 || true
  after=$(cpu_ticks "$pidname"); busy1=$(machine_busy_ticks); ours1=$(bench_ticks)
  [ "${6:-}" = discard ] && return 0
  local result; result=$(grep '^RESULT' "$out" || echo "RESULT requests=0 rps=0 non2xx=0 errors=1")
  local shares; shares=($(echo "$busy0 $busy1 $ours0 $ours1" |
    awk '{d=$4-$2; b=$3-$1; o=b-($6-$5); printf "%.0f %.0f", (d > 0 ? 100*b/d : 0), (d > 0 && o > 0 ? 100*o/d : 0)}'))
  printf 'kind=wrk\tmode=%s\tconns=%s\tround=%s\ttarget=%s\t%s\tcpu_us=%s\tbusy_pct=%s\tothers_pct=%s\n' "$mode" "$conns" \
    "$round" "$name" "$(sed 's/^RESULT //; s/ /\t/g' <<< "$result")" $(((after - before) * 1000000 / TICK)) \
    "${shares[0]}" "${shares[1]}" >> "$RUN/runs.tsv"
  log "  [$mode c$conns r$round] $name: $(cut -d' ' -f3-8 <<< "$result")"
}

# The request body wrk sends to a target, written by peers.lua, so first-event.mjs sends the same bytes.
dump_request_body() { # mode spec file
  # shellcheck disable=SC2046
  env LABEL=dump BODY_OUT="$3" $(wrk_env_of "$2" "$1") wrk -t1 -c1 -d1s -s bench/peers.lua \
    "http://127.0.0.1:$(spec_field "$2" 2)" > /dev/null 2>&1 || true
}

first_event_run() { # round spec
  local spec=$2 name body result; name=$(spec_field "$spec" 1); body="$RUN/body-$name.json"
  [ -s "$body" ] || dump_request_body stream "$spec" "$body"
  local ingress; ingress=$(spec_field "$spec" 7)
  result=$(env LABEL="$name" KEY="$(key_of "$spec")" ${ingress:+"$ingress"} timeout 300 node bench/first-event.mjs \
    "http://127.0.0.1:$(spec_field "$spec" 2)$(spec_field "$spec" 3)" "$body" "$FIRST_N" 30 2>&1 | grep '^RESULT' ||
    echo "RESULT n=0 errors=$FIRST_N")
  printf 'kind=first\tmode=stream\tround=%s\ttarget=%s\t%s\n' "$1" "$name" "$(sed 's/^RESULT //; s/ /\t/g' <<< "$result")" >> "$RUN/runs.tsv"
  log "  [first event r$1] $name: $(cut -d' ' -f3-7 <<< "$result")"
}

# Rounds alternate: odd rounds in the listed order, even rounds reversed.
in_round_order() { # round specs...
  local round=$1; shift
  if [ $((round % 2)) = 1 ]; then printf '%s\n' "$@"; else printf '%s\n' "$@" | tac; fi
}

warm_up_jits() { # mode conns
  local spec
  while read -r spec; do
    case $(spec_field "$spec" 1) in direct | nginx) continue;; esac
    log "  warm-up $1 $(spec_field "$spec" 1) ($WARM)"
    wrk_run "$1" "$2" 0 "$spec" "$WARM" discard
  done < <(targets_of_mode "$1")
}

measure_mode() { # mode
  local mode=$1 conns round spec specs=() dur
  mapfile -t specs < <(targets_of_mode "$mode")
  local levels=$CONNS; [ "$mode" = long ] && levels=$LONG_CONNS
  log "== $mode"
  warm_up_jits "$mode" "$(tr ',' '\n' <<< "$levels" | sort -n | tail -1)"
  for conns in $(tr ',' '\n' <<< "$levels" | sort -rn); do # under load first: the -c1 runs find the JITs warm
    dur=$DUR; [ "$conns" = 1 ] && dur=$DUR_C1; [ "$mode" = long ] && dur=$DUR_LONG
    for round in $(seq "$ROUNDS"); do
      while read -r spec; do
        # the mock reached directly is the reference one request at a time; under load the floor is nginx
        [ "$(spec_field "$spec" 1)" = direct ] && [ "$conns" != 1 ] && continue
        wrk_run "$mode" "$conns" "$round" "$spec" "$dur"; sleep 0.5
      done < <(in_round_order "$round" "${specs[@]}")
    done
  done
  if [ "$mode" = stream ] && has "$CONNS" 1; then
    for round in $(seq "$ROUNDS"); do
      while read -r spec; do first_event_run "$round" "$spec"; done < <(in_round_order "$round" "${specs[@]}")
    done
  fi
}

# Switchboard logs a line per request: keep the head and the tail of logs over 1 MB.
trim_big_logs() {
  local f
  for f in "$RUN"/*.log; do
    [ "$(stat -c %s "$f")" -gt 1000000 ] || continue
    { head -100 "$f"; echo "... ($(wc -l < "$f") lines, trimmed by peers.sh) ..."; tail -100 "$f"; } > "$f.trimmed"
    mv "$f.trimmed" "$f"
  done
}

record_rss() { # when
  local f name
  for f in "$RUN"/pids/*.pid; do
    name=${f##*/}; name=${name%.pid}
    printf 'kind=rss\twhen=%s\ttarget=%s\tkib=%s\n' "$1" "$name" "$(rss_kib "$name")" >> "$RUN/runs.tsv"
  done
}

main() {
  command -v wrk > /dev/null && command -v nginx > /dev/null && command -v node > /dev/null ||
    { log "needs wrk, nginx and node (apt-get install wrk nginx nodejs)"; exit 1; }
  [ -f "$SB_JAR" ] || PATH="$JAVA_HOME/bin:$PATH" ./mvnw -q -B -DskipTests package
  mkdir -p "$RUN/wrk"; : > "$RUN/runs.tsv"; : > "$RUN/checks.txt"
  cp bench/agent-request.json "$RUN/agent-request.json"
  install_peers_when_absent
  trap stop_everything EXIT
  trap 'exit 130' INT TERM
  log "results: $RUN"
  start_everything
  # Idle means settled: a JVM's JIT keeps its start-up scratch memory (tens of MB) until the
  # compiler's arena pool is cleaned and malloc trimmed, each every 5 s; wait out two rounds.
  sleep "${IDLE_WAIT:-12}"; record_rss idle
  printf 'kind=meta\trounds=%s\tdur=%s\tdur_c1=%s\tdur_long=%s\twarm=%s\tfirst_n=%s\tchunks=%s\tquick=%s\tjvm_flags=%s\tgw_java_opts=%s\tcommit=%s\n' \
    "$ROUNDS" "$DUR" "$DUR_C1" "$DUR_LONG" "$WARM" "$FIRST_N" "$LONG_CHUNKS" "${QUICK:-0}" "$(launcher_jvm_flags)" \
    "${GW_JAVA_OPTS:-}" "$(git rev-parse --short HEAD 2> /dev/null || echo '?')" >> "$RUN/runs.tsv"
  check_every_target
  local mode
  for mode in plain stream long agent; do
    if has "$MODES" "$mode"; then measure_mode "$mode"; fi
  done
  record_rss after
  stop_everything
  trim_big_logs
  rm -f "$RUN"/*.db "$RUN"/*.db-wal "$RUN"/*.db-shm # ledgers of bench requests: large, and not results
  python3 bench/peers-summary.py "$RUN/runs.tsv" | tee "$RUN/summary.md"
  log "raw runs, logs and summary.md: $RUN"
}

main
