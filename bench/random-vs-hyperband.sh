#!/usr/bin/env bash
# Random search against Hyperband on the seed question, from one run: runs jobs/seed-ackley-nag.yaml
# (random search, 2,000 settings to the full budget) and jobs/seed-ackley-hyperband.yaml (Hyperband,
# rungs that continue their solves), then prints for each the iterations its search spent, the
# settings it tried and the confirmed success rate of its best setting with its Wilson 95% interval.
#   bench/random-vs-hyperband.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-$(mktemp -d)}"
export SPARK_LOCAL_IP=127.0.0.1
for job in seed-ackley-nag seed-ackley-hyperband; do
  if [ ! -f "$dir/$job/_SUCCESS" ]; then
    bin/optsweep run "jobs/$job.yaml" --out "$dir/$job" --master 'local[2]' | sed -n '/^optsweep:/,/^output/p'
  fi
done
mvn -q -Pbench test-compile exec:exec -Dbench.main=org.optsweep.tools.CompareSearch \
  -Djmh.args="$(realpath "$dir/seed-ackley-nag") $(realpath "$dir/seed-ackley-hyperband")"
