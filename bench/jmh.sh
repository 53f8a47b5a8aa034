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
#
# 2026-12-06, issue 14 (wire/ stream path as bytes), BASELINE = main at 8f83dae, one run of all of
# them (bench/jmh.sh, defaults), 2 cores shared with other builds: ScanBench and CostBench, whose
# code did not change, moved by up to 1.4x, so read time ratios under ~0.7 only; B/op is exact.
# StreamChunkBench, per chunk (200-chunk streams from the fixtures):
#                          ns/op before  now (old API)  now (byte API)   B/op before  old API  byte API
#   openaiToOpenai               7,293     4,434 0.61     1,483 0.20         5,405    2,777     974 0.18
#   openaiToAnthropic            7,238     2,818 0.39     1,714 0.24         5,629    2,287   1,541 0.27
#   anthropicToOpenai            2,965     2,836 0.96     3,685 (noise)      5,360    3,300   3,217 0.60
#   anthropicToAnthropic         2,142     2,053 0.96     2,423 (noise)      3,902    2,886   2,838 0.73
#   geminiToGemini              16,418     9,410 0.57    14,934 (noise)     11,031    8,898   8,782 0.80
# "byte API" is *Frames: SseDecoder.feedFrames, StreamDecoder.decode(Frame), Passthrough.Stream
# .relayTo(ByteSink), what gateway.StreamAttempt should call (FrameAttempt.java). About 550 of the
# byte path's 974 B/op is the client buffer api.ClientStream allocates per provider read
# (Buffer.buffer(512)), which the bench copies.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
PATTERNS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do PATTERNS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ${#PATTERNS[@]} -eq 0 ]; then
  PATTERNS=(RequestParseBench RoutePlanningBench StreamChunkBench ScanBench CostBench CategorizerBench)
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
        # JMH writes "NaN" as a string (an error bar from one iteration, say).
        scale = SCALE[m["scoreUnit"]]
        rows[name] = (float(m["score"]) * scale, float(m["scoreError"]) * scale, float(alloc))
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
