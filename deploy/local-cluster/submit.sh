#!/usr/bin/env bash
# Runs optsweep through Spark's real spark-submit code path (org.apache.spark.deploy.SparkSubmit)
# without a Spark distribution: java + Spark's JVM flags + the Maven-resolved classpath, client deploy
# mode, conf/spark-defaults.conf as the properties file, target/optsweep.jar as the application jar
# (SparkSubmit ships it to the executors, exactly as on a real cluster).
#
#   deploy/local-cluster/submit.sh MASTER_URL [SPARK_SUBMIT_OPTIONS...] -- APP_ARGS...
#   deploy/local-cluster/submit.sh "$(cat /tmp/optsweep-local-cluster/master.url)" \
#       --conf spark.executor.memory=768m -- run jobs/seed-ackley-nag.yaml --out /tmp/out
#
# The spark-submit script would start the driver JVM with spark.driver.memory and the driver's extra
# Java options/classpath; this script does the same for --driver-memory, --driver-java-options,
# --driver-class-path and the matching --conf / properties-file keys (quotes in Java option strings
# follow xargs rules). Options given here come after the defaults, so they win (spark-submit keeps
# the last value of a repeated option).
# env: OPTSWEEP_EXECUTOR_MEMORY (adds --conf spark.executor.memory=...), OPTSWEEP_JAVA_OPTS (extra
#      driver JVM options), OPTSWEEP_APP_JAR (another application jar, e.g. a test program),
#      SPARK_DRIVER_MEMORY, JAVA_HOME. SPARK_LOCAL_IP defaults to 127.0.0.1 for a loopback master.
# exit: the driver's exit code (optsweep's own), 2 for a usage error here.
set -euo pipefail
LC_PROG=submit.sh # read by lib.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
}

[ $# -ge 1 ] || { usage; exit 2; }
case "$1" in -h | --help) usage; exit 0 ;; -*) usage; lc_die "the first argument must be the master URL" 2 ;; esac
master="$1"
shift
opts=()
found_sep=0
while [ $# -gt 0 ]; do
  if [ "$1" = -- ]; then found_sep=1; shift; break; fi
  opts+=("$1")
  shift
done
[ "$found_sep" = 1 ] || { usage; lc_die "missing '--' before the application arguments" 2; }
app_args=("$@")

props="$LC_HOME/conf/spark-defaults.conf"
app_jar="${OPTSWEEP_APP_JAR:-$LC_JAR}"
[ -n "${OPTSWEEP_APP_JAR:-}" ] || lc_ensure_built
[ -f "$LC_CP_FILE" ] || lc_die "$LC_CP_FILE missing: run mvn -q -DskipTests package" 1
[ -f "$app_jar" ] || lc_die "application jar $app_jar not found" 1

# Driver settings the spark-submit launcher applies to the driver JVM in client mode. Later options
# win; the properties file only fills keys no option set (as in spark-submit).
declare -A drv=()
deploy_mode=client
set_key() {
  case "$1" in
    spark.driver.memory | spark.driver.extraJavaOptions | spark.driver.defaultJavaOptions | spark.driver.extraClassPath)
      drv[$1]="$2" ;;
    spark.submit.deployMode) deploy_mode="$2" ;;
  esac
}
i=0
while [ $i -lt ${#opts[@]} ]; do
  o="${opts[$i]}"
  next="${opts[$((i + 1))]:-}"
  case "$o" in
    --driver-memory) set_key spark.driver.memory "$next"; i=$((i + 1)) ;;
    --driver-memory=*) set_key spark.driver.memory "${o#*=}" ;;
    --driver-java-options) set_key spark.driver.extraJavaOptions "$next"; i=$((i + 1)) ;;
    --driver-java-options=*) set_key spark.driver.extraJavaOptions "${o#*=}" ;;
    --driver-class-path) set_key spark.driver.extraClassPath "$next"; i=$((i + 1)) ;;
    --driver-class-path=*) set_key spark.driver.extraClassPath "${o#*=}" ;;
    --deploy-mode) deploy_mode="$next"; i=$((i + 1)) ;;
    --deploy-mode=*) deploy_mode="${o#*=}" ;;
    --properties-file) props="$next"; i=$((i + 1)) ;;
    --properties-file=*) props="${o#*=}" ;;
    --conf | -c) set_key "${next%%=*}" "${next#*=}"; i=$((i + 1)) ;;
    --conf=*) o="${o#--conf=}"; set_key "${o%%=*}" "${o#*=}" ;;
  esac
  i=$((i + 1))
done
if [ -f "$props" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    case "$line" in '' | '#'* | '!'*) continue ;; esac
    key="${line%%[[:space:]=:]*}"
    value="${line#"$key"}"
    value="${value#"${value%%[!$' \t=:']*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    case "$key" in spark.driver.*) [ -n "${drv[$key]+x}" ] || drv[$key]="$value" ;; esac
  done <"$props"
fi

lc_read_jvm_flags
jvm=("${LC_JVM_FLAGS[@]}")
cp="$(cat "$LC_CP_FILE")"
if [ "$deploy_mode" = client ]; then
  jvm+=("-Xmx${drv[spark.driver.memory]:-${SPARK_DRIVER_MEMORY:-1g}}")
  for k in spark.driver.defaultJavaOptions spark.driver.extraJavaOptions; do
    if [ -n "${drv[$k]:-}" ]; then
      mapfile -t extra < <(printf '%s\n' "${drv[$k]}" | xargs -n 1 printf '%s\n')
      jvm+=("${extra[@]}")
    fi
  done
  [ -z "${drv[spark.driver.extraClassPath]:-}" ] || cp="${drv[spark.driver.extraClassPath]}:$cp"
fi
read -r -a user_opts <<<"${OPTSWEEP_JAVA_OPTS:-}"
jvm+=("${user_opts[@]}")
[ ! -f "$LC_HOME/conf/log4j2.properties" ] || jvm+=("-Dlog4j2.configurationFile=$LC_HOME/conf/log4j2.properties")

# A loopback master means executors reach the driver on 127.0.0.1 too.
case "$master" in
  spark://127.0.0.1:* | spark://localhost:* | local | local\[*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
esac

defaults=(--master "$master" --deploy-mode client --class org.optsweep.cli.Main)
[ ! -f "$props" ] || defaults+=(--properties-file "$props")
[ -z "${OPTSWEEP_EXECUTOR_MEMORY:-}" ] || defaults+=(--conf "spark.executor.memory=$OPTSWEEP_EXECUTOR_MEMORY")

exec "$(lc_java)" "${jvm[@]}" -cp "$cp" org.apache.spark.deploy.SparkSubmit \
  "${defaults[@]}" "${opts[@]}" "$app_jar" "${app_args[@]}"
