#!/usr/bin/env bash
# Is the printed answer true? Runs a job (default the seed job), takes the setting it printed first
# (its confirmed rate and Wilson 95% interval, from summary/), re-runs that one setting on N
# independent starts from another seed, and prints whether the re-measured rate is inside the
# printed interval.   bench/remeasure-best.sh [JOB=jobs/seed-ackley-nag.yaml] [N=400] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-jobs/seed-ackley-nag.yaml}"
n="${2:-400}"
out="${3:-$(mktemp -d)/out}"
export SPARK_LOCAL_IP=127.0.0.1
if [ ! -f "$out/_SUCCESS" ]; then
  bin/optsweep run "$job" --out "$out" --master 'local[2]' | sed -n '/^best settings/,/^output/p'
fi
mvn -q -Pbench test-compile exec:exec -Dbench.main=org.optsweep.tools.Remeasure \
  -Djmh.args="$(realpath "$out") $(realpath "$job") $n"
