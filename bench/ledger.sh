#!/usr/bin/env bash
# Ledger throughput and acknowledgement latency on SQLite (src/test/java/dev/switchboard/bench/
# LedgerBench.java): closed loops of APPENDERS concurrent appenders (64 = what 64 client
# connections produce; 1 = a single agent), each usage row with 1 or 2 attempt rows as the gateway
# writes them. Variants, alternated in ROUNDS rounds (one fresh JVM and database each):
#   <rev>     for each rev in BASELINES, the writer that build opened by default, its classes put
#             first on the class path (none by default: builds before the storage seam do not load)
#   machine   this build, storage.durability: machine (every commit fsync'd before its ack)
#   process   this build, storage.durability: process (the default; WAL fsync'd within 50 ms),
#             acknowledged once committed
#   journal   the same, acknowledged once journaled, as the gateway answers; each loop appends
#             its next row once the last is committed, so rows/s is what the writer sustains
#   postgresql  this build's PostgreSQL writer, in a schema of its own on the test PostgreSQL
#             (127.0.0.1:5432, see README "Cluster mode"); POSTGRESQL=0 leaves it out
# Prints, per appender count, the medians of the rounds: usage rows/s (attempt rows not counted),
# and append()-to-acknowledgement p50/p99, which is what a response's final byte waits for, plus
# ratios against the first variant. Run under the shared lock:
#   flock /work/notes/bench.lock bench/ledger.sh
# Usage: bench/ledger.sh; env ROUNDS=3 APPENDERS="1 64 1024" WARMUP=2 MEASURE=3 (seconds)
#        BASELINES="<git rev> ..." (or "" for none)
#        LEDGER_HOOK=rollups: every writer runs the insight rollups, as the gateway's does (so a
#        baseline from before the rollups were deferred runs them in every batch's transaction)
#
# 2026-12-06, development machine (2 cores shared with four other engineers' builds and benches,
# load average 3-7: fsync latency swung from 0.2 to 8 ms between rounds, so read the medians),
# BASELINES="8f83dae c5ac5b8" ROUNDS=3 APPENDERS="1 64" WARMUP=2 MEASURE=4. 8f83dae = before
# (synchronous=FULL); c5ac5b8 = process durability, statements still prepared per transaction:
#   variant   appenders  rows/s  x first  ack p50 us  x first  ack p99 us  x first
#   8f83dae           1    3572     1.00       168.9     1.00      1122.5     1.00
#   c5ac5b8           1    6051     1.69       117.1     0.69       407.1     0.36
#   machine           1    5301     1.48       148.1     0.88       669.9     0.60
#   process           1    8328     2.33        71.6     0.42       324.3     0.29
#   8f83dae          64   22295     1.00      2781.0     1.00      5594.3     1.00
#   c5ac5b8          64   23478     1.05      2319.4     0.83      8624.7     1.54
#   machine          64   24638     1.11      2498.8     0.90      4972.0     0.89
#   process          64   25702     1.15      2096.1     0.75      8340.9     1.49
# An earlier run (MEASURE=3) agreed: at 64 process 1.21x and machine 1.02x the rows/s, p99 1.39x
# and 0.82x; at 1 the ack p50 0.32x and 0.67x.
# At 64 appenders the writer thread is the bottleneck (async-profiler: 74% of the process's CPU
# samples, 78% of its own in SQLite's step: the row, its three indexes, the attempts, the WAL
# writes), so durability changes throughput little; ack latency at 64 is mostly queueing behind
# the batch in progress. The writer thread still fsyncs in process mode (the profile shows it):
# SQLite's automatic checkpoint (every 4 MiB of WAL: page copies and two fsyncs) runs on it after a
# commit, the likely cause of process durability's p99 at 64: it must flush the WAL written since
# the last sync, which machine durability flushed commit by commit. Not the syncer: with the sync
# window at 1 min (LedgerBench durability process@60000, no WAL sync while measuring) p99 at 64 was
# the same (medians of 3: machine 5.9 ms, process 9.4 ms, process@60000 9.6 ms). A background
# checkpointer would
# starve under continuous writes (the WAL can only restart between the writer's transactions), so
# it stays there.
# PostgreSQL (local PostgreSQL 15, synchronous_commit on: every commit waits for its WAL fsync),
# 2026-12-06 on the same machine under heavier load (four builds at once, so only the ratios mean
# anything), ROUNDS=1 APPENDERS="1 64" WARMUP=1 MEASURE=3:
#   variant     appenders  rows/s  x first  ack p50 us  x first  ack p99 us  x first
#   machine             1     342     1.00      2256.6     1.00     11605.5     1.00
#   process             1    1547     4.52       115.2     0.05      7129.1     0.61
#   postgresql          1      89     0.26      8177.0     3.62     61903.1     5.33
#   machine            64    7191     1.00      5897.3     1.00     51878.3     1.00
#   process            64   10121     1.41      2536.0     0.43     61301.3     1.18
#   postgresql         64    4023     0.56     12819.3     2.17     78263.9     1.51
# Group commit carries PostgreSQL at 64 appenders (about 0.6x SQLite fsync'ing every commit); one
# appender alone pays four round trips and a server fsync per row.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
ROUNDS="${ROUNDS:-3}"
APPENDERS="${APPENDERS:-1 64 1024}"
WARMUP="${WARMUP:-2}"
MEASURE="${MEASURE:-3}"
# Builds before the storage seam (SqliteDatabase moved from ledger.sqlite to storage.sqlite) cannot
# be loaded under this bench's classes any more, so there is no default baseline.
BASELINES="${BASELINES-}"

./mvnw -o -q -B test-compile
CP_FILE=$(mktemp)
RESULTS=$(mktemp)
trap 'rm -f "$CP_FILE" "$RESULTS"' EXIT
./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"

VARIANTS=""
for rev in $BASELINES; do
  dir="target/ledger-baseline-$rev"
  if [ ! -d "$dir/target/classes" ]; then
    rm -rf "$dir"
    git worktree prune
    git worktree add -q --detach "$dir" "$rev"
    (cd "$dir" && ./mvnw -o -q -B -DskipTests compile)
  fi
  VARIANTS="$VARIANTS $rev"
done
VARIANTS="${VARIANTS# } machine process journal"
if [ "${POSTGRESQL:-1}" != 0 ]; then
  VARIANTS="$VARIANTS postgresql"
fi
VARIANTS="${VARIANTS# }"

for round in $(seq "$ROUNDS"); do
  for appenders in $APPENDERS; do
    for variant in $VARIANTS; do
      case "$variant" in
        machine | process | journal | postgresql) classpath="$CP" durability="$variant" ;;
        *) classpath="target/ledger-baseline-$variant/target/classes:$CP" durability=default ;;
      esac
      java --enable-native-access=ALL-UNNAMED -cp "$classpath" dev.switchboard.bench.LedgerBench \
        "$variant" "$durability" "$appenders" "$WARMUP" "$MEASURE" 2>/dev/null | tee -a "$RESULTS"
    done
  done
done

echo
echo "Medians of $ROUNDS rounds (rows/s = usage rows; ack = append() to its future completing):"
awk -v variants="$VARIANTS" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    split($2, k, "="); n = k[2]; seen[n] = 1
    for (f = 3; f <= NF; f++) { split($f, kv, "="); v[$1, n, kv[1]] = v[$1, n, kv[1]] " " kv[2] }
  }
  END {
    split(variants, names, " ")
    printf "%-9s %9s %10s %8s %11s %8s %11s %8s\n", "variant", "appenders", "rows/s", "x first", "ack p50 us", "x first", "ack p99 us", "x first"
    for (n in seen) {
      for (i = 1; i <= length(names); i++) {
        name = names[i]
        r = median(v[name, n, "rows_per_s"]); p50 = median(v[name, n, "ack_p50_us"]); p99 = median(v[name, n, "ack_p99_us"])
        if (i == 1) { r0 = r; p500 = p50; p990 = p99 }
        printf "%-9s %9s %10.0f %8s %11.1f %8s %11.1f %8s\n", name, n, r,
          sprintf("%.2f", r / r0), p50, sprintf("%.2f", p50 / p500), p99, sprintf("%.2f", p99 / p990)
      }
    }
  }' "$RESULTS"
