#!/usr/bin/env bash
# Benchmarks. Every RATIO line divides two measurements taken in this run, on this machine;
# the load generator is this script's JVM, each measured process runs in its own.
#   deploy/bench/run.sh [--quick]          the whole suite: about 45 min on 2 cores, most of it
#                                          warm-ups until each JIT settles; --quick runs every
#                                          JVM on C1 alone, about 15 min (see README)
#   deploy/bench/run.sh --only=http,live   some parts (append, http, reads, replay, split, writes, live);
#                                          writes starts PostgreSQL (Debian's package) for its Axon baseline
#   deploy/bench/run.sh event-store        our event store against axon-mongo's, engines alone
#   deploy/bench/run.sh --jfr=DIR ...      every measured JVM records a JFR profile, DIR/<pid>.jfr
set -euo pipefail
cd "$(dirname "$0")/../.."
# Always rebuilt: figures of stale jars would say nothing about the code in front of you.
mvn -B -q -DskipTests -Dmaven.jar.forceCreation=true package -pl deploy/bench,deploy/standalone,command-side,query-side -am
exec java -Xmx1g -jar deploy/bench/target/inkstream-bench.jar "$@"
