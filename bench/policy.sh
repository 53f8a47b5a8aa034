#!/usr/bin/env bash
# The cost of the policy scan: JMH microbenchmark of Scanner.scan, all detectors, phone regions
# US/GB/DE/FR (src/test/java/dev/switchboard/bench/ScanBench.java): microseconds per KB of a
# coding-agent conversation (code, logs, JSON tool results, a few emails and IPs), milliseconds
# for a 100 KB and a 1 MB prompt of the same mix and for an adversarial 1 MB of digit runs, then
# the 1 MB / 100 KB ratio (a linear scan gives about 10). About two minutes on 2 cores.
# SCANNER_CLASSES=dir puts an older build's classes first, to measure the scanner it had.
# Usage: bench/policy.sh [extra JMH options]; env ITERATIONS=5 WARMUPS=3 (2 s each)
#
# Runs on the development machine, 2026-12-05 (2 cores, load average 6-9 from other builds: the
# error bars are wide; JDK 25). Before = the scanner of 8b7fca7 put first on the class path.
#                                  after (2 runs)      before (8b7fca7)
#   conversationPerKb    us/op     20.6 / 29.6         ~3,000-8,800
#   prompt100k           ms/op     1.84 / 2.90         172
#   prompt1m             ms/op     23.7 / 38.6         2,309
#   adversarialDigitRuns1m ms/op   186 / 116           16,738
#   1 MB / 100 KB ratio            12.9 / 13.3         13.4
# Wall time under that load inflates the big inputs; measured as thread CPU time (a throwaway
# main, same inputs) the after figures were 100 KB 2.2-2.6 ms, 1 MB 22-23 ms: ratio 9.1-10.3.
#
# 2026-12-05, RE2J deciding again (hand-written prefilters find candidates, each detector's RE2J
# pattern anchored there gives the span), ITERATIONS=3 WARMUPS=2, load average ~1.6; before = the
# hand-written scanners of 9e100b8 (SCANNER_CLASSES):
#                                  RE2J anchored       before (9e100b8)
#   conversationPerKb    us/op     27.8                20.4
#   prompt100k           ms/op     2.65                1.81
#   prompt1m             ms/op     26.9                22.5
#   adversarialDigitRuns1m ms/op   201                 79
#   1 MB / 100 KB ratio            10.2                12.4
# The digit wall costs most: RE2J (about 50 ns a character in its NFA) confirms each of its 44,000
# card-shaped matches and reads the 1 MB phone run once.
#
# 2026-12-06, with text without a digit skipping the digit detectors, ITERATIONS=3 WARMUPS=2, idle:
#   supportTicket1k 2.6 us/op, conversationPerKb 27.0 us/op, prompt100k 2.69 ms, prompt1m 26.8 ms,
#   adversarialDigitRuns1m 179 ms; 1 MB / 100 KB ratio 10.0.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${SWITCHBOARD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -q -B -ntp test-compile
CP_FILE=$(mktemp)
OUT=$(mktemp)
trap 'rm -f "$CP_FILE" "$OUT"' EXIT
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
PREFIX="${SCANNER_CLASSES:+$SCANNER_CLASSES:}"
java -cp "${PREFIX}target/test-classes:target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main \
  ScanBench -f 1 -wi "${WARMUPS:-3}" -w 2s -i "${ITERATIONS:-5}" -r 2s "$@" | tee "$OUT"
awk '/ScanBench.prompt100k / {small=$4} /ScanBench.prompt1m / {big=$4}
  END {if (small > 0) printf "1 MB / 100 KB ratio: %.1f (linear is about 10)\n", big / small}' "$OUT"
