#!/usr/bin/env bash
# Benchmarks. Every RATIO line divides two measurements taken in this run, on this machine.
#   deploy/bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f deploy/bench/target/inkstream-bench.jar ]; then
  mvn -B -q -DskipTests package -pl deploy/bench -am
fi
java -Xmx3g -jar deploy/bench/target/inkstream-bench.jar event-store "$@"
