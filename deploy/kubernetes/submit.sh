#!/usr/bin/env bash
# Recipe: run an optsweep job on Kubernetes with spark-submit (cluster deploy mode) from a machine
# with a Spark 4.2 installation and access to the cluster's API server. Not runnable on the build
# machine (no Kubernetes here): adapt the variables. The image comes from
# deploy/kubernetes/Dockerfile: optsweep.jar (which bundles EJML and commons-cli) and jobs/ under
# /opt/optsweep/. For the Kubeflow Spark operator use deploy/kubernetes/sparkapplication.yaml instead.
#
#   SPARK_HOME=/opt/spark K8S_API=https://k8s.example.com:6443 \
#   IMAGE=registry.example.com/optsweep:0.1.0 deploy/kubernetes/submit.sh
#
# Needs: a namespace and a service account the driver may create executor pods with, e.g.
#   kubectl create namespace optsweep
#   kubectl -n optsweep create serviceaccount spark
#   kubectl -n optsweep create rolebinding spark-edit --clusterrole=edit --serviceaccount=optsweep:spark
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." # the repository root: conf/, jobs/

SPARK_HOME="${SPARK_HOME:?set SPARK_HOME to a Spark 4.2.x installation (Scala 2.13)}"
K8S_API="${K8S_API:?set K8S_API to the API server URL, e.g. https://k8s.example.com:6443}"
IMAGE="${IMAGE:?set IMAGE to the image built from deploy/kubernetes/Dockerfile}"
NAMESPACE="${NAMESPACE:-optsweep}"
SERVICE_ACCOUNT="${SERVICE_ACCOUNT:-spark}"
OUT="${OUT:-s3a://bucket/optsweep/seed}"

# The job file, two ways:
#  1. baked into the image (default): refer to it by its path inside the container.
#  2. from this machine: JOB_FILE=my-job.yaml UPLOAD=s3a://bucket/spark-upload deploy/kubernetes/submit.sh
#     spark-submit uploads --files to spark.kubernetes.file.upload.path and the driver downloads
#     them into its working directory (Spark >= 3.4, SPARK-33782), so the app uses the BASE NAME.
job_args=(run /opt/optsweep/jobs/seed-ackley-nag.yaml)
files=()
if [ -n "${JOB_FILE:-}" ]; then
  files=(--files "$JOB_FILE" --conf "spark.kubernetes.file.upload.path=${UPLOAD:?set UPLOAD for JOB_FILE}")
  job_args=(run "$(basename "$JOB_FILE")")
fi

# s3a:// output needs the hadoop-aws jar and the AWS SDK bundle in the image
# (ls /opt/spark/jars | grep -e hadoop-aws -e bundle) and credentials, e.g. through
#   --conf spark.hadoop.fs.s3a.aws.credentials.provider=com.amazonaws.auth.WebIdentityTokenCredentialsProvider
# or spark.kubernetes.driver.secretKeyRef.* / spark.kubernetes.executor.secretKeyRef.* env variables.
# No --add-opens options are needed: the spark-submit launcher inside the driver pod adds Spark's
# Java module options to the driver JVM and Spark adds them to every executor.
exec "$SPARK_HOME/bin/spark-submit" \
  --master "k8s://$K8S_API" \
  --deploy-mode cluster \
  --name optsweep-seed \
  --class org.optsweep.cli.Main \
  --properties-file conf/spark-defaults.conf \
  --conf spark.kubernetes.container.image="$IMAGE" \
  --conf spark.kubernetes.namespace="$NAMESPACE" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="$SERVICE_ACCOUNT" \
  --conf spark.executor.instances="${EXECUTORS:-4}" \
  --driver-memory 1g \
  --executor-memory 1g \
  "${files[@]}" \
  local:///opt/optsweep/optsweep.jar \
  "${job_args[@]}" --out "$OUT"
