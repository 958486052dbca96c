#!/usr/bin/env bash
# Starts a real Spark standalone cluster on this machine: one Master and N Workers bound to
# 127.0.0.1, run straight from the Maven-resolved jars (target/classpath.txt), no Spark download.
# Waits until the master is ALIVE and every worker has registered, then prints the master URL on
# stdout (progress goes to stderr). See deploy/README.md.
set -euo pipefail
LC_PROG=start.sh # read by lib.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF'
usage: deploy/local-cluster/start.sh [options]
  --workers N          workers to start (default 2)
  --dir DIR            cluster folder: pids, master.url, logs/, work/, local/ (default
                       $OPTSWEEP_CLUSTER_DIR or ${TMPDIR:-/tmp}/optsweep-local-cluster)
  --worker-cores C     cores each worker offers (default 1)
  --worker-memory M    memory each worker offers, e.g. 1g, 1536m (default 1g)
  --master-port P      master RPC port (default: a free port)
  --webui-port P       master web UI port (default: a free port)
  --timeout S          seconds to wait for ALIVE + all workers registered (default 60)
env: SPARK_DAEMON_MEMORY (master/worker heap, default 512m), SPARK_DAEMON_JAVA_OPTS, JAVA_HOME.
stdout: spark://127.0.0.1:PORT.  exit: 0 up, 1 failed (everything started is stopped again),
2 usage error, 3 a cluster started from DIR is already running.
EOF
}

workers=2
dir=""
worker_cores=1
worker_memory=1g
master_port=""
webui_port=""
timeout=60
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="${2:?--workers needs a value}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
    --worker-cores) worker_cores="${2:?--worker-cores needs a value}"; shift 2 ;;
    --worker-memory) worker_memory="${2:?--worker-memory needs a value}"; shift 2 ;;
    --master-port) master_port="${2:?--master-port needs a value}"; shift 2 ;;
    --webui-port) webui_port="${2:?--webui-port needs a value}"; shift 2 ;;
    --timeout) timeout="${2:?--timeout needs a value}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; lc_die "unknown argument: $1" 2 ;;
  esac
done
# A whole number >= 1 (leading zeros aside).
pos_int() { case "$1" in '' | *[!0-9]*) return 1 ;; esac; [ "$((10#$1))" -ge 1 ]; }
pos_int "$workers" || lc_die "--workers must be a whole number >= 1, got '$workers'" 2
pos_int "$worker_cores" || lc_die "--worker-cores must be a whole number >= 1, got '$worker_cores'" 2
pos_int "$timeout" || lc_die "--timeout must be whole seconds >= 1, got '$timeout'" 2
case "$worker_memory" in [0-9]*[mMgG]) ;; *) lc_die "--worker-memory must look like 1g or 1536m, got '$worker_memory'" 2 ;; esac
for p in "$master_port" "$webui_port"; do
  if [ -n "$p" ] && ! { pos_int "$p" && [ "$p" -le 65535 ]; }; then lc_die "bad port '$p'" 2; fi
done

dir="$(lc_abs_dir "${dir:-$(lc_default_dir)}")" || lc_die "cannot create the cluster folder" 2

# Refuse to start twice from one folder; forget the state of a cluster that is gone.
lc_read_pids "$dir"
for i in "${!LC_PIDS[@]}"; do
  if lc_alive "${LC_PIDS[$i]}" "$dir"; then
    lc_die "a cluster from $dir is running (${LC_ROLES[$i]} pid ${LC_PIDS[$i]}); stop it with deploy/local-cluster/stop.sh --dir $dir" 3
  fi
done
rm -f "$dir/pids" "$dir/master.url" "$dir/master.webui" "$dir/cluster.env"

lc_ensure_built
cp="$(cat "$LC_CP_FILE")"
lc_read_jvm_flags
java_bin="$(lc_java)"
daemon_heap="${SPARK_DAEMON_MEMORY:-512m}"
read -r -a daemon_opts <<<"${SPARK_DAEMON_JAVA_OPTS:-}"

# N free TCP ports on 127.0.0.1 (bound together, then released). Spark itself moves to port+1 when a
# port it is given is taken, so the real ports are read back from the master's log and JSON below.
free_ports() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
  else
    # No python: random ports below the Linux ephemeral range that nothing answers on.
    local out=() p
    while [ "${#out[@]}" -lt "$1" ]; do
      p=$((20000 + RANDOM % 12000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then out+=("$p"); fi
    done
    echo "${out[*]}"
  fi
}
read -r -a ports <<<"$(free_ports $((workers + 2)))"
master_port="${master_port:-${ports[0]}}"
webui_port="${webui_port:-${ports[1]}}"

# Layout. Workers need SPARK_HOME/jars holding the runtime jars (they build each executor's classpath
# from it) and SPARK_SCALA_VERSION, or every executor dies with "Cannot find any build directories".
# Symlinks keep this cheap; non-jar classpath entries go through SPARK_DIST_CLASSPATH.
mkdir -p "$dir/logs" "$dir/work" "$dir/local"
rm -rf "$dir/spark-home"
mkdir -p "$dir/spark-home/jars" "$dir/spark-home/conf"
dist_cp=""
IFS=':' read -r -a cp_entries <<<"$cp"
for e in "${cp_entries[@]}"; do
  case "$e" in
    *.jar) ln -s "$e" "$dir/spark-home/jars/" ;;
    ?*) dist_cp="${dist_cp:+$dist_cp:}$e" ;;
  esac
done

export SPARK_LOCAL_IP=127.0.0.1 # else Spark binds to the first non-loopback interface
export SPARK_HOME="$dir/spark-home"
export SPARK_CONF_DIR="$dir/spark-home/conf" # empty: no spark-defaults.conf from elsewhere
export SPARK_SCALA_VERSION=2.13
export SPARK_DIST_CLASSPATH="$dist_cp"

started=() # pids launched by this run, for cleanup on failure
ok=0
cleanup() {
  [ "$ok" = 1 ] && return 0
  [ "${#started[@]}" -gt 0 ] || return 0
  lc_log "stopping what was started (${started[*]})"
  local p n=0
  for p in "${started[@]}"; do lc_signal TERM "$p" "$dir"; done
  while [ $n -lt 50 ]; do
    local any=0
    for p in "${started[@]}"; do if lc_alive "$p" "$dir"; then any=1; fi; done
    [ $any = 0 ] && break
    sleep 0.2
    n=$((n + 1))
  done
  for p in "${started[@]}"; do if lc_alive "$p" "$dir"; then lc_signal KILL "$p" "$dir"; fi; done
  rm -f "$dir/pids"
  rm -rf "$dir/local" "$dir/spark-home"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# launch ROLE LOGFILE SPARK_LOCAL_DIRS MAIN_CLASS ARGS...: starts a daemon in its own session (so
# stop.sh can signal it together with the executors it forks), records "ROLE PID" in DIR/pids.
launch() {
  local role="$1" log="$2" local_dirs="$3"
  shift 3
  mkdir -p "$local_dirs"
  local setsid=()
  if command -v setsid >/dev/null 2>&1; then setsid=(setsid); fi
  SPARK_LOCAL_DIRS="$local_dirs" "${setsid[@]}" "$java_bin" "$(lc_marker "$dir")" "${LC_JVM_FLAGS[@]}" \
    -Xmx"$daemon_heap" "${daemon_opts[@]}" -cp "$cp" "$@" </dev/null >"$log" 2>&1 &
  local pid=$!
  started+=("$pid")
  printf '%s %s\n' "$role" "$pid" >>"$dir/pids"
  LAUNCHED_PID=$pid
}

fail() {
  lc_log "error: $1"
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    lc_log "last lines of $2:"
    tail -n 20 "$2" >&2
  fi
  exit 1
}

t0=$(lc_now_ms)
deadline=$(($(date +%s) + timeout))

# The master's REST submission server (fixed port 6066, unauthenticated) is off: client-mode
# spark-submit does not need it and two clusters would collide on it.
launch master "$dir/logs/master.log" "$dir/local/master" \
  -Dspark.master.rest.enabled=false \
  org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$webui_port"
master_pid=$LAUNCHED_PID
lc_log "master pid $master_pid, log $dir/logs/master.log"

# Wait for ALIVE. The web UI port is read from the log because Spark moves to port+1 when it is taken.
webui=""
while :; do
  kill -0 "$master_pid" 2>/dev/null || fail "the master exited during start-up" "$dir/logs/master.log"
  [ "$(date +%s)" -lt "$deadline" ] || fail "the master was not ALIVE after ${timeout}s" "$dir/logs/master.log"
  if [ -z "$webui" ]; then
    ui_port="$(sed -n "s/.*Successfully started service 'MasterUI' on port \([0-9]*\).*/\1/p" "$dir/logs/master.log" | head -n 1)"
    [ -n "$ui_port" ] && webui="http://127.0.0.1:$ui_port"
  fi
  if [ -n "$webui" ] && json="$(lc_http_get "$webui/json/")" && [ "$(lc_json_field "$json" status)" = ALIVE ]; then
    break
  fi
  sleep 0.2
done
master_url="$(lc_json_field "$json" url)"
case "$master_url" in spark://*) ;; *) fail "unexpected master URL '$master_url' from $webui/json/" ;; esac
t_alive=$(lc_secs "$t0")
lc_log "master ALIVE at $master_url (web UI $webui) after ${t_alive}s"

worker_pids=()
for n in $(seq 1 "$workers"); do
  launch "worker-$n" "$dir/logs/worker-$n.log" "$dir/local/worker-$n" \
    org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$worker_cores" \
    --memory "$worker_memory" --webui-port "${ports[$((n + 1))]}" --work-dir "$dir/work/worker-$n" \
    "$master_url"
  worker_pids+=("$LAUNCHED_PID")
  lc_log "worker-$n pid $LAUNCHED_PID, log $dir/logs/worker-$n.log"
done

# Wait until the master lists N ALIVE workers.
while :; do
  for n in $(seq 1 "$workers"); do
    kill -0 "${worker_pids[$((n - 1))]}" 2>/dev/null || fail "worker-$n exited during start-up" "$dir/logs/worker-$n.log"
  done
  kill -0 "$master_pid" 2>/dev/null || fail "the master exited during start-up" "$dir/logs/master.log"
  if json="$(lc_http_get "$webui/json/")"; then
    alive="$(lc_json_field "$json" aliveworkers)"
    [ "${alive:-0}" -ge "$workers" ] && break
  fi
  [ "$(date +%s)" -lt "$deadline" ] ||
    fail "only ${alive:-0} of $workers workers registered after ${timeout}s (logs in $dir/logs)" "$dir/logs/worker-1.log"
  sleep 0.2
done
t_workers=$(lc_secs "$t0")

printf '%s\n' "$master_url" >"$dir/master.url"
printf '%s\n' "$webui" >"$dir/master.webui"
{
  echo "# written by deploy/local-cluster/start.sh; source it: . $dir/cluster.env"
  printf 'MASTER_URL=%q\nMASTER_WEBUI=%q\nCLUSTER_DIR=%q\nWORKERS=%q\n' "$master_url" "$webui" "$dir" "$workers"
  printf 'WORKER_CORES=%q\nWORKER_MEMORY=%q\n' "$worker_cores" "$worker_memory"
} >"$dir/cluster.env"
ok=1
lc_log "$workers workers registered after ${t_workers}s (${worker_cores} core(s), ${worker_memory} each)"
lc_log "stop with: deploy/local-cluster/stop.sh --dir $dir"
printf '%s\n' "$master_url"
