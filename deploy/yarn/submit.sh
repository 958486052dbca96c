#!/usr/bin/env bash
# Recipe: run an optsweep job on Hadoop YARN in cluster deploy mode with a Spark 4.2 installation.
# Not runnable on the build machine (no YARN here): adapt the variables.
#
#   SPARK_HOME=/opt/spark HADOOP_CONF_DIR=/etc/hadoop/conf deploy/yarn/submit.sh
#
# In cluster mode the driver runs inside the YARN ApplicationMaster container, not here. So the job
# file is shipped with --files, which YARN places in every container's working directory, and the
# application refers to it by its BASE NAME. The output goes to HDFS (or s3a:).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." # the repository root: target/, jobs/, conf/

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.x installation (Scala 2.13)}"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the cluster client configuration}"
export HADOOP_CONF_DIR
JOB="${JOB:-jobs/seed-ackley-nag.yaml}"
job_name="$(basename "$JOB")"
OUT="${OUT:-hdfs:///user/${USER:-optsweep}/optsweep/${job_name%.yaml}}"

# EJML for the executors, unless target/optsweep.jar bundles it: sets `deps`.
source deploy/app-deps.sh

# Spark 4 needs Java 17+ in every container. If the NodeManagers' default Java is older, point the
# containers at a Java 17 installed on all nodes, e.g.
#   --conf spark.yarn.appMasterEnv.JAVA_HOME=/usr/lib/jvm/java-17 \
#   --conf spark.executorEnv.JAVA_HOME=/usr/lib/jvm/java-17
# spark.yarn.maxAppAttempts=1: a second attempt would start over against an output folder the
# first attempt may have half written; rerun deliberately instead.
exec "$SPARK_HOME/bin/spark-submit" \
  --master yarn \
  --deploy-mode cluster \
  --name "optsweep-${job_name%.yaml}" \
  --class org.optsweep.cli.Main \
  --properties-file conf/spark-defaults.conf \
  --driver-memory 1g \
  --executor-memory 1g \
  --executor-cores 1 \
  --num-executors "${EXECUTORS:-4}" \
  --conf spark.yarn.maxAppAttempts=1 \
  --files "$JOB" \
  "${deps[@]}" \
  target/optsweep.jar \
  run "$job_name" --out "$OUT"
