#!/usr/bin/env bash
# The seed job's runs/ before and after a change, column for column (DuckDB reads both):
#   bench/compare-seed.sh [OLD_REV=a6e100f] [JOB=jobs/seed-ackley-nag.yaml]
# Builds OLD_REV in a temporary git worktree, runs the job with it and with this checkout on
# local[2], then compares every column both runs/ tables have (timing columns excepted); an older
# `reason` column is compared with the sentence rendered from the newer typed stop columns.
# Exit 0 when identical. a6e100f is the last commit before the restructuring of issue 12.
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-a6e100f}"
job="${2:-jobs/seed-ackley-nag.yaml}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export SPARK_LOCAL_IP=127.0.0.1
git worktree add --detach "$work/old" "$rev" >/dev/null
(cd "$work/old" && mvn -q -o -DskipTests package >/dev/null 2>&1 || mvn -q -DskipTests package >/dev/null)
echo "old ($rev):" >&2
# The older revision predates the confirmation stage (a key it would refuse); the search is the same.
grep -v '^confirmation:' "$job" > "$work/old-job.yaml"
"$work/old/bin/optsweep" run "$work/old-job.yaml" --out "$work/old-out" --master 'local[2]' >/dev/null
echo "new ($(git rev-parse --short HEAD)):" >&2
bin/optsweep run "$job" --out "$work/new-out" --master 'local[2]' >/dev/null
mvn -q -Pbench test-compile exec:exec -Dbench.main=org.optsweep.tools.CompareRuns \
  -Djmh.args="$work/old-out $work/new-out"
