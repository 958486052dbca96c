#!/usr/bin/env bash
# Recipe: run an optsweep job on a Spark 4.2 standalone cluster (spark://host:7077) with a real Spark
# installation. Not runnable on the build machine (no such cluster here): adapt the variables.
#
#   SPARK_HOME=/opt/spark MASTER=spark://spark-master:7077 deploy/standalone/submit.sh
#
# Client deploy mode: the driver runs here, reads the job file from this machine and writes the
# output through the Hadoop filesystem API, so --out can be hdfs:, s3a: or a file: path that every
# worker can see (a shared mount). For --deploy-mode cluster the driver runs on a worker instead:
# put optsweep.jar, its dependencies and the job file where every worker can read them (hdfs://...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." # the repository root: target/, jobs/, conf/

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.x installation (Scala 2.13)}"
MASTER="${MASTER:-spark://spark-master:7077}"
JOB="${JOB:-jobs/seed-ackley-nag.yaml}"
OUT="${OUT:-hdfs:///user/${USER:-optsweep}/optsweep/$(basename "$JOB" .yaml)}"

# EJML for the executors, unless target/optsweep.jar bundles it: sets `deps`.
source deploy/app-deps.sh

# Resources: in standalone mode an application takes every free core unless capped; one core per
# executor (conf/spark-defaults.conf) gives one single-threaded task slot per executor.
exec "$SPARK_HOME/bin/spark-submit" \
  --master "$MASTER" \
  --deploy-mode client \
  --name "optsweep-$(basename "$JOB" .yaml)" \
  --class org.optsweep.cli.Main \
  --properties-file conf/spark-defaults.conf \
  --driver-memory 1g \
  --executor-memory 1g \
  --total-executor-cores "${TOTAL_CORES:-8}" \
  "${deps[@]}" \
  target/optsweep.jar \
  run "$JOB" --out "$OUT"
