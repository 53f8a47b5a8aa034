#!/usr/bin/env bash
# Weekly rankings over a large ledger, on SQLite and PostgreSQL (src/test/java/dev/switchboard/
# bench/RankingsBench.java): seeds ROWS ledger rows (default 10 million; 60 days, 20 keys, every
# catalog deployment, 8 apps) in transactions of 10,000 that also raise the hourly rollups, as the
# ledger writer does; then times weekly rankings (all keys by model, origin and app; one key by
# model) REPEATS times each and prints median, p95 and max. The target: under 200 ms on both engines.
# PostgreSQL: the test server (127.0.0.1:5432, db test, user postgres), in a schema of its own,
# dropped afterwards; ENGINES="sqlite" leaves it out. Run under the shared lock:
#   flock /work/notes/bench.lock bench/rankings.sh
# Usage: bench/rankings.sh; env ROWS=10000000 DAYS=60 REPEATS=30 ENGINES="sqlite postgresql"
# A weekly ranking reads the rollups of two weeks, whose size depends on rows per hour, not on the
# total: ROWS=2333333 DAYS=14 reads what 10M rows over 60 days do, in a quarter of the seeding time.
#
# 2026-12-06, the shared 2-core development machine (p50 / p95 of 30 runs, weekly rankings):
#   ROWS=2333333 DAYS=14 (the rows per hour of 10M over 60 days), 528,958 rollup rows:
#     SQLite:     by model, all keys 2.4 / 6.8 ms; origin 0.7 / 4.9; app 1.7 / 8.3; one key 2.2 / 6.4
#     PostgreSQL: by model, all keys 4.8 / 11.4 ms; origin 0.6 / 3.3; app 3.9 / 27.5; one key 2.2 / 9.6
#   ROWS=10000000 DAYS=60 (2,261,297 rollup rows):
#     SQLite (533 s to seed):     by model, all keys 3.5 / 4.6 ms; origin 1.0 / 1.1; app 2.3 / 2.5;
#                                 one key 2.9 / 3.0
#     PostgreSQL (699 s to seed): by model, all keys 7.1 / 16.5 ms; origin 0.6 / 5.1; app 1.8 / 7.2;
#                                 one key 6.4 / 17.2
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
ROWS="${ROWS:-10000000}"
REPEATS="${REPEATS:-30}"
DAYS="${DAYS:-60}"
ENGINES="${ENGINES:-sqlite postgresql}"

./mvnw -o -q -B test-compile
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
for engine in $ENGINES; do
  java --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" dev.switchboard.bench.RankingsBench \
    "$engine" "$ROWS" "$REPEATS" "$DAYS" 2>/dev/null
done
