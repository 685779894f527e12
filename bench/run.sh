#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs rcusim's JMH benchmarks in one JMH run, then the
# 4096-CPU idle-heap measurement, and prints a summary (docs/benchmarks.md).
#
#   bench/run.sh                 modest settings for a small shared machine
#   bench/run.sh -i 10 -r 2s     any JMH options replace the defaults (see: java -jar
#                                bench/target/benchmarks.jar -h); a regexp selects benchmarks
#   RCUSIM_BENCH_NO_BUILD=1      skip the Maven build
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

# A JDK >= 21, found the way the project finds it.
if [ -f "$ROOT/scripts/jdk.sh" ]; then
    # shellcheck source=../scripts/jdk.sh
    . "$ROOT/scripts/jdk.sh"
else
    jdk_major() {
        local v
        v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
        v=${v#1.}
        v=${v%%[.+-]*}
        case $v in '' | *[!0-9]*) return 1 ;; esac
        echo "$v"
    }
    best=""
    best_major=0
    for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        major=$(jdk_major "$home") || continue
        if [ "$major" -ge 21 ] && { [ "$home" = "${JAVA_HOME:-}" ] || [ "$major" -gt "$best_major" ]; }; then
            best=$home
            best_major=$major
            [ "$home" = "${JAVA_HOME:-}" ] && break
        fi
    done
    if [ -z "$best" ]; then
        echo "bench/run.sh: needs a JDK 21 or newer (set JAVA_HOME)" >&2
        exit 2
    fi
    export JAVA_HOME=$best PATH=$best/bin:$PATH
fi

JAR=$ROOT/bench/target/benchmarks.jar
EXPORTS=--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED

if [ -z "${RCUSIM_BENCH_NO_BUILD:-}" ]; then
    echo "bench/run.sh: building with $JAVA_HOME ..." >&2
    (cd "$ROOT" && mvn -q -B install -DskipTests -pl bench -am)
fi
[ -f "$JAR" ] || { echo "bench/run.sh: $JAR is missing (build failed?)" >&2; exit 70; }

if [ $# -eq 0 ]; then
    set -- -f 1 -wi 3 -w 1s -i 5 -r 1s
fi
RESULTS=$ROOT/bench/target/jmh-result.json

echo "bench/run.sh: java $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); $(nproc 2>/dev/null || echo '?') CPUs; JMH options: $*" >&2
java "$EXPORTS" -cp "$JAR" rcusim.bench.BenchMain -rf json -rff "$RESULTS" "$@" | tee "$ROOT/bench/target/jmh-output.txt"
java "$EXPORTS" -Xss4m -cp "$JAR" rcusim.bench.IdleHeap 4096 | tee -a "$ROOT/bench/target/jmh-output.txt"
echo "(heap goal: < 256 MiB; raw JMH results: $RESULTS)"
