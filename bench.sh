#!/usr/bin/env bash
# orderflow benchmarks: ./bench.sh <throughput|gateway|punctuation|latency|reads|memory|restore|scale|import|archive|all> [--option value ...]
# Builds the bench jar (and the gateway and streams-app jars it runs) when missing or older than the sources, then runs it on a
# fresh local stack and prints a markdown table. See BENCHMARKS.md. Needs Java 17+, Maven; wrk for `gateway`, `reads` (and the GETs of `memory`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/bench/target/orderflow-bench.jar"
GATEWAY_JAR="$ROOT/ingest-gateway/target/orderflow-ingest-gateway.jar"
STREAMS_JAR="$ROOT/streams-app/target/orderflow-streams-app.jar"

stale() {
  [[ ! -f "$JAR" || ! -f "$GATEWAY_JAR" || ! -f "$STREAMS_JAR" ]] && return 0
  [[ -n "$(find "$ROOT"/{schemas,serde,api-common,local-stack,ingest-gateway,streams-app,bench}/src "$ROOT"/pom.xml \
      "$ROOT"/*/pom.xml -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]
}

if [[ $# -eq 0 || "$1" == "help" || "$1" == "--help" ]]; then
  set -- help
elif stale; then
  echo "Building the bench (mvn -pl bench -am package -DskipTests)..." >&2
  (cd "$ROOT" && mvn -q -B -pl bench -am package -DskipTests) >&2   # stdout carries only the table
fi

cd "$ROOT"
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -Dorderflow.bench.command="./bench.sh $*" -jar "$JAR" "$@"
