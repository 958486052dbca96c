#!/usr/bin/env bash
# Kills worker N's JVM with SIGKILL (no shutdown hooks, as when a machine dies) for "worker lost
# mid-job" tests, and prints its pid. Its executors notice the lost worker and exit by themselves
# (Spark's WorkerWatcher); --with-executors kills them at the same instant instead.
set -euo pipefail
LC_PROG=kill-worker.sh # read by lib.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF'
usage: deploy/local-cluster/kill-worker.sh [--dir DIR] [--signal KILL|TERM] [--with-executors] [N]
  N                 the worker to kill, 1-based as in DIR/pids (default 1)
  --dir DIR         the folder given to start.sh (default $OPTSWEEP_CLUSTER_DIR or
                    ${TMPDIR:-/tmp}/optsweep-local-cluster)
  --signal SIG      KILL (default) or TERM (TERM runs the worker's shutdown hook, which kills its
                    executors cleanly)
  --with-executors  signal the worker's whole process group (worker + its executor JVMs)
stdout: the worker's pid.  exit: 0 signalled, 1 worker N not found or not running, 2 usage error.
EOF
}

dir=""
sig=KILL
group=0
n=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
    --signal) sig="${2:?--signal needs a value}"; shift 2 ;;
    --with-executors) group=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; lc_die "unknown argument: $1" 2 ;;
    *) n="$1"; shift ;;
  esac
done
case "$n" in '' | *[!0-9]* | 0) lc_die "worker number must be >= 1, got '$n'" 2 ;; esac
case "$sig" in KILL | TERM) ;; *) lc_die "--signal must be KILL or TERM, got '$sig'" 2 ;; esac
dir="${dir:-$(lc_default_dir)}"
[ -d "$dir" ] || lc_die "no cluster folder $dir" 1
dir="$(cd "$dir" && pwd)"

lc_read_pids "$dir"
pid=""
for i in "${!LC_ROLES[@]}"; do
  if [ "${LC_ROLES[$i]}" = "worker-$n" ]; then pid="${LC_PIDS[$i]}"; fi
done
[ -n "$pid" ] || lc_die "no worker-$n in $dir/pids" 1
lc_is_ours "$pid" "$dir" || lc_die "worker-$n (pid $pid) is not running" 1

if [ "$group" = 1 ]; then
  lc_signal "$sig" "$pid" "$dir"
else
  kill "-$sig" "$pid"
fi
lc_log "sent SIG$sig to worker-$n (pid $pid$([ "$group" = 1 ] && echo ' and its executors'))"
printf '%s\n' "$pid"
