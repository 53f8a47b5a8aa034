#!/usr/bin/env bash
# The in-process hot spots, each as time AND allocation per operation (JMH with its gc profiler:
# gc.alloc.rate.norm is B/op): request parse (RequestParseBench) and route plan
# (RoutePlanningBench), stream chunk translation per format pair (StreamChunkBench: per chunk, from
# the provider's SSE bytes to the client's), the policy scan (ScanBench) and the cost arithmetic
# (CostBench). Sources: src/test/java/dev/switchboard/bench/. Prints a table: benchmark, ns/op, B/op.
#
# Usage: flock /work/notes/bench.lock bench/jmh.sh [benchmark regex ...] [-- extra JMH options]
#   bench/jmh.sh                          all of them (about 8 minutes on 2 cores)
#   bench/jmh.sh StreamChunkBench         one class; 'StreamChunkBench.openai' a subset of it
# env: WARMUPS=3 ITERATIONS=5 (1 s each), FORKS=1.
#   BASELINE=<classes dir> also runs the same benchmarks with an older build's classes first on the
#   class path (the benchmarks use only API that build had) and prints both side by side with the
#   ratio now/before. A baseline from main, for example:
#     git worktree add --detach /tmp/sb-main main && (cd /tmp/sb-main && ./mvnw -o -q compile)
#     BASELINE=/tmp/sb-main/target/classes bench/jmh.sh StreamChunkBench
#   The two runs follow each other on the same machine: read the ratios, not the absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
PATTERNS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do PATTERNS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ${#PATTERNS[@]} -eq 0 ]; then
  PATTERNS=(RequestParseBench RoutePlanningBench StreamChunkBench ScanBench CostBench)
fi
./mvnw -q -B -ntp test-compile
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp"
DEPS=$(cat "$WORK/cp")

run() { # run <label> <class path prefix>
  local label=$1 prefix=$2
  shift 2
  echo "== $label" >&2
  java -cp "${prefix}target/test-classes:target/classes:$DEPS" org.openjdk.jmh.Main "${PATTERNS[@]}" \
    -f "${FORKS:-1}" -wi "${WARMUPS:-3}" -w 1s -i "${ITERATIONS:-5}" -r 1s -bm avgt -prof gc \
    -rf json -rff "$WORK/$label.json" "$@" >&2 || true
}
if [ -n "${BASELINE:-}" ]; then
  run before "$BASELINE:" "$@"
fi
run now "" "$@"

python3 - "$WORK" <<'EOF'
import json, os, sys
work = sys.argv[1]
SCALE = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}
def load(name):
    path = os.path.join(work, name + ".json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {}
    rows = {}
    for r in json.load(open(path)):
        m = r["primaryMetric"]
        sec = {k.lstrip("\u00b7"): v for k, v in r["secondaryMetrics"].items()}
        alloc = sec.get("gc.alloc.rate.norm", {}).get("score", float("nan"))
        name = r["benchmark"].replace("dev.switchboard.bench.", "")
        rows[name] = (m["score"] * SCALE[m["scoreUnit"]], m["scoreError"] * SCALE[m["scoreUnit"]], alloc)
    return rows
now, before = load("now"), load("before")
if before:
    print("%-44s %12s %12s %7s %10s %10s %7s" % ("benchmark", "ns/op before", "ns/op now", "ratio",
                                                "B/op before", "B/op now", "ratio"))
    for name, (ns, err, alloc) in now.items():
        b = before.get(name)
        if b is None:
            print("%-44s %12s %12.1f %7s %10s %10.0f" % (name, "-", ns, "", "-", alloc))
        else:
            print("%-44s %12.1f %12.1f %7.2f %10.0f %10.0f %7.2f" % (
                name, b[0], ns, ns / b[0], b[2], alloc, alloc / b[2] if b[2] else float("nan")))
else:
    print("%-44s %14s %10s" % ("benchmark", "ns/op", "B/op"))
    for name, (ns, err, alloc) in now.items():
        print("%-44s %14.1f %10.0f" % (name, ns, alloc))
EOF
