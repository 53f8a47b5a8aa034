#!/usr/bin/env bash
# The cost of routing: JMH microbenchmark of RoutePlanner.plan over a synthetic catalog of 20
# deployments of one model (src/test/java/dev/switchboard/bench/RoutePlanningBench.java): a plain
# request, one with a full provider object, and the planner before OpenRouter steering as a
# same-run baseline. Prints microseconds per plan. About a minute on 2 cores.
# Usage: bench/routing.sh [extra JMH options, e.g. -prof gc]; env ITERATIONS=5 WARMUPS=3 (2 s each)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -q -B -ntp test-compile
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
java -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main \
  RoutePlanningBench -f 1 -wi "${WARMUPS:-3}" -w 2s -i "${ITERATIONS:-5}" -r 2s -bm avgt -tu us "$@"
