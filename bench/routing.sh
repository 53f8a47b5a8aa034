#!/usr/bin/env bash
# The cost of routing: JMH microbenchmark of RoutePlanner.plan over a synthetic catalog of 20
# deployments of one model (src/test/java/dev/switchboard/bench/RoutePlanningBench.java): a plain
# request, one with a full provider object, and the planner before OpenRouter steering as a
# same-run baseline. Prints ns and bytes allocated per plan, through bench/jmh.sh (which see for
# BASELINE=, WARMUPS and ITERATIONS). About a minute on 2 cores.
# Usage: bench/routing.sh [extra JMH options]
exec "$(dirname "$0")/jmh.sh" RoutePlanningBench -- "$@"
