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
