#!/usr/bin/env bash
# Stops the cluster start.sh started from DIR: exactly the pids listed in DIR/pids (each with the
# executors it forked, which share its process group), TERM first and KILL after a timeout. Never
# looks processes up by name. Removes the Spark local dirs (shuffle/block files, which a killed
# executor can leave behind) and the state files; keeps logs/ and work/ unless --purge.
set -euo pipefail
LC_PROG=stop.sh # read by lib.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF'
usage: deploy/local-cluster/stop.sh [--dir DIR] [--timeout S] [--purge]
  --dir DIR      the folder given to start.sh (default $OPTSWEEP_CLUSTER_DIR or
                 ${TMPDIR:-/tmp}/optsweep-local-cluster)
  --timeout S    seconds between TERM and KILL (default 10)
  --purge        also delete logs/ and work/ (executor stdout/stderr) and DIR itself if then empty
exit: 0 stopped (or nothing was running), 1 something survived KILL, 2 usage error.
EOF
}

dir=""
timeout=10
purge=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
    --timeout) timeout="${2:?--timeout needs a value}"; shift 2 ;;
    --purge) purge=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; lc_die "unknown argument: $1" 2 ;;
  esac
done
case "$timeout" in '' | *[!0-9]*) lc_die "--timeout must be whole seconds, got '$timeout'" 2 ;; esac
dir="${dir:-$(lc_default_dir)}"
[ -d "$dir" ] || { lc_log "no cluster folder $dir: nothing to stop"; exit 0; }
dir="$(cd "$dir" && pwd)"

lc_read_pids "$dir"
live=()
# Workers first (their executors go with them), the master last.
for i in $(seq $((${#LC_PIDS[@]} - 1)) -1 0); do
  pid="${LC_PIDS[$i]}"
  if lc_alive "$pid" "$dir"; then
    lc_log "TERM ${LC_ROLES[$i]} (pid $pid)"
    lc_signal TERM "$pid" "$dir"
    live+=("$pid")
  fi
done

status=0
if [ "${#live[@]}" -gt 0 ]; then
  end=$(($(date +%s) + timeout))
  while :; do
    left=()
    for pid in "${live[@]}"; do if lc_alive "$pid" "$dir"; then left+=("$pid"); fi; done
    [ "${#left[@]}" -eq 0 ] && break
    if [ "$(date +%s)" -ge "$end" ]; then
      lc_log "KILL ${left[*]} (still running after ${timeout}s)"
      for pid in "${left[@]}"; do lc_signal KILL "$pid" "$dir"; done
      sleep 1
      for pid in "${left[@]}"; do
        if lc_alive "$pid" "$dir"; then lc_log "error: pid $pid survived KILL"; status=1; fi
      done
      break
    fi
    sleep 0.2
  done
else
  lc_log "nothing running from $dir"
fi

# Keep the pid list while something is still alive, so a second stop.sh can retry.
[ "$status" = 0 ] || exit "$status"
# Only paths start.sh creates, never DIR as a whole: DIR may be a folder the caller owns.
rm -rf "$dir/local" "$dir/spark-home"
rm -f "$dir/pids" "$dir/master.url" "$dir/master.webui" "$dir/cluster.env"
if [ "$purge" = 1 ]; then
  rm -rf "$dir/logs" "$dir/work"
  rmdir "$dir" 2>/dev/null || true
fi
lc_log "stopped"
