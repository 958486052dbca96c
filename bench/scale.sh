#!/usr/bin/env bash
# Ten million trials on local[2] with a 512 MB heap for the whole Spark driver (local mode: the
# executors live in the same JVM), its report (optsweep report, local[2]), then a 2^40-point grid validated:
# neither holds anything per trial.
#   bench/scale.sh [OUT=/tmp/optsweep-scale]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/optsweep-scale}"
export OPTSWEEP_JAVA_OPTS="-Xmx512m"
start=$(date +%s)
bin/optsweep run bench/scale-1e7.yaml --out "$out" --overwrite --master 'local[2]' \
  --conf spark.sql.shuffle.partitions=16
echo "10^7 trials: $(( $(date +%s) - start )) s with -Xmx512m"
python3 - "$out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1] + "/job.json"))
print("job.json:", j["status"], j["rows"], "rows,", round(j["seconds"], 1), "s")
PY
# The report of the 10^7-trial output on local[2]: derived tables computed from scratch, then the page.
rm -f "$out/analysis.json"
start=$(date +%s.%N)
bin/optsweep report "$out" --master 'local[2]'
echo "report of 10^7 trials: $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s wall, $(stat -c %s "$out/report.html") bytes"
# A 2^40-point grid: five axes of 256 values.
grid=$(mktemp --suffix=.yaml)
python3 - "$grid" <<'PY'
import sys
keys = ["gamma", "schedule.lr0", "stopping.max_iterations", "stopping.step_tolerance", "objective.a"]
lines = ["name: grid-2-40", "objective: {name: ackley, dimension: 2}", "start: [25, 20]", "solver: nag", "parameters:"]
for k, key in enumerate(keys):
    vals = [v / 257 if k == 0 else float(v) for v in range(1, 257)]
    lines.append("  %s: {values: [%s]}" % (key, ", ".join(repr(v) for v in vals)))
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
bin/optsweep validate "$grid" | tail -3
rm -f "$grid"
