#!/usr/bin/env bash
# What a key's limits add to one request's path (src/test/java/dev/switchboard/bench/LimitsBench.java):
# a budget reservation and its settlement in memory (one SQLite node) and in PostgreSQL (a cluster),
# a rate-limit permit in process and in Redis. Medians and p99 of OPS sequential requests, in
# microseconds. Needs the test PostgreSQL (127.0.0.1:5432, database test) and Redis (127.0.0.1:6379);
# bash .ci/services starts them. Run it alone on the machine:
#   flock /work/notes/bench.lock bench/limits.sh      env OPS=5000 WARM=2000
#
# 2026-12-06, quiet development machine (2 cores), OPS=5000 WARM=3000, one request at a time:
#   step                                          p50 us     p99 us
#   budget reservation, memory (SQLite node)        5.1       20.3
#   budget reservation, PostgreSQL                402.8     1593.0
#   rate limits in process, rpm                     2.4       32.0
#   rate limits in process, rpm+tpm+conc.           3.3       30.3
#   rate limits in Redis, rpm                     159.0      350.9
#   rate limits in Redis, rpm+tpm+conc.           356.1     2190.6
# PostgreSQL's is one autocommit round trip with its commit (the server fsyncs); Redis's is one
# round trip per limit (Bucket4j's compare-and-swap, then the concurrency script).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -o -q -B test-compile
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
java -Dops="${OPS:-5000}" -Dwarm="${WARM:-2000}" -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
  dev.switchboard.bench.LimitsBench 2>&1 | grep -v "^SLF4J\|INFO\|^[A-Z][a-z][a-z] [0-9]"
