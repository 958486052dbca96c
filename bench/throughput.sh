#!/usr/bin/env bash
# Throughput of `optsweep run` on local[CORES] vs one thread doing the same solves, measured in one
# run (see src/test/java/org/optsweep/bench/SweepThroughput.java). Not a test: prints a ratio.
#   bench/throughput.sh [TRIALS=20000] [REPLICATES=4] [CORES=2] [MAX_ITERATIONS=5000] [WARM_ROUNDS=3]
#   bench/throughput.sh JOB.yaml [CORES=2] [ROUNDS=1]   (a job file's own solves: loop vs optsweep run)
# A first ("cold") job in a fresh JVM, then WARM_ROUNDS jobs each paired with a single-thread sample.
set -euo pipefail
cd "$(dirname "$0")/.."
export SPARK_LOCAL_IP=127.0.0.1
if [[ "${1:-}" == *.yaml ]]; then
  exec mvn -q -Pbench test-compile exec:exec -Dbench.main=org.optsweep.bench.SweepThroughput \
    -Djmh.args="$(realpath "$1") ${2:-2} ${3:-1}"
fi
exec mvn -q -Pbench test-compile exec:exec -Dbench.main=org.optsweep.bench.SweepThroughput \
  -Djmh.args="${1:-20000} ${2:-4} ${3:-2} ${4:-5000} ${5:-3}"
