#!/usr/bin/env bash
# What auto routing adds to a request: PromptScorer.shipped().score (all-MiniLM-L6-v2 embedding of
# the clipped prompt text + the ridge heads and boosted stumps) on 60, 300, 1,000, 1,800 and
# 20,000-character prompts
# (the last clipped to head + tail, 1,802 characters; the embedding reads at most its first 28 and
# last 12 tokens), p50/p99/max wall time after the one-off load
# (src/test/java/dev/switchboard/bench/AutorouteLatency.java). Under a minute on 2 cores.
# Usage: bench/autoroute.sh [rounds per size, default 400]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -q -B -ntp -o test-compile
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -q -B -ntp -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
java -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
  dev.switchboard.bench.AutorouteLatency "$@" 2>&1 | grep -v '^WARNING\|^[A-Z][a-z][a-z] [0-9]'
