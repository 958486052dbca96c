# shellcheck shell=bash
# Helpers shared by start.sh, stop.sh, kill-worker.sh and submit.sh. Sourced, never run.
# Requires bash >= 4 (mapfile) and Linux or macOS userland; curl or python3 for the web UI probe.

# Repository root (deploy/local-cluster/../..).
LC_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LC_CP_FILE="$LC_HOME/target/classpath.txt"
LC_JAR="$LC_HOME/target/optsweep.jar"

# The cluster folder when --dir is not given.
lc_default_dir() {
  printf '%s\n' "${OPTSWEEP_CLUSTER_DIR:-${TMPDIR:-/tmp}/optsweep-local-cluster}"
}

lc_log() { printf '%s: %s\n' "${LC_PROG:-local-cluster}" "$*" >&2; }

# lc_die MESSAGE [EXIT_CODE]
lc_die() {
  lc_log "error: $1"
  exit "${2:-1}"
}

# Milliseconds since the epoch (bash 5's EPOCHREALTIME, else whole seconds).
lc_now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local t="${EPOCHREALTIME/[.,]/}"
    printf '%s\n' "$((10#$t / 1000))"
  else
    printf '%s\n' "$(($(date +%s) * 1000))"
  fi
}

# lc_secs START_MS -> elapsed seconds with one decimal.
lc_secs() {
  local d=$(($(lc_now_ms) - $1))
  printf '%d.%d\n' "$((d / 1000))" "$(((d % 1000) / 100))"
}

# Spark's JVM flags from conf/jvm-flags into the array LC_JVM_FLAGS (comments and blanks skipped).
lc_read_jvm_flags() {
  LC_JVM_FLAGS=()
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '#'* | '') continue ;; esac
    LC_JVM_FLAGS+=("$line")
  done <"$LC_HOME/conf/jvm-flags"
}

lc_java() { printf '%s\n' "${JAVA_HOME:+$JAVA_HOME/bin/}java"; }

# Builds the jar and classpath file when missing (same build bin/optsweep runs).
lc_ensure_built() {
  if [ ! -f "$LC_CP_FILE" ] || [ ! -f "$LC_JAR" ]; then
    lc_log "building (mvn -q -DskipTests package) ..."
    (cd "$LC_HOME" && mvn -q -DskipTests package >&2) || lc_die "mvn package failed"
  fi
}

# Absolute path of a folder, creating it.
lc_abs_dir() {
  mkdir -p "$1" && (cd "$1" && pwd)
}

# The first JVM argument of every daemon start.sh launches: identifies our processes by pid + command
# line, so that a recycled pid never gets a signal meant for a cluster JVM.
lc_marker() { printf -- '-Doptsweep.localcluster.dir=%s\n' "$1"; }

lc_cmdline() {
  if [ -r "/proc/$1/cmdline" ]; then
    tr '\0' ' ' <"/proc/$1/cmdline"
  else
    ps -ww -o args= -p "$1" 2>/dev/null || true
  fi
}

# lc_is_ours PID DIR: true when PID is alive and was started by start.sh for DIR.
lc_is_ours() {
  kill -0 "$1" 2>/dev/null || return 1
  case "$(lc_cmdline "$1")" in
    *"$(lc_marker "$2") "*) return 0 ;;
    *) return 1 ;;
  esac
}

# lc_live_members PGID: pids of the processes in process group PGID that are not zombies.
lc_live_members() {
  local p
  for p in $(pgrep -g "$1" 2>/dev/null || true); do
    case "$(ps -o stat= -p "$p" 2>/dev/null || true)" in '' | Z*) ;; *) printf '%s\n' "$p" ;; esac
  done
}

# lc_alive PID DIR: true while the daemon, or a process in its process group (the executors a worker
# forked), is running. start.sh runs each daemon under setsid, so its pid is also its process group
# id, and executors stay in that group after their worker dies. Nobody else can create a group with
# that id while a member lives (setsid refuses), so live members of the group are ours. A zombie
# (exited, not yet reaped) counts as stopped.
lc_alive() {
  lc_is_ours "$1" "$2" && return 0
  if kill -0 "$1" 2>/dev/null && [ -n "$(lc_cmdline "$1")" ]; then
    return 1 # the pid now belongs to another program
  fi
  [ -n "$(lc_live_members "$1")" ]
}

# lc_signal SIGNAL PID DIR: signals the daemon's whole process group (the daemon and the executors it
# launched), or the single pid when it is not a group leader (no setsid on this system).
lc_signal() {
  local sig="$1" pid="$2" dir="$3"
  if ! lc_is_ours "$pid" "$dir" && kill -0 "$pid" 2>/dev/null && [ -n "$(lc_cmdline "$pid")" ]; then
    return 0 # pid reused by another program: not ours to signal
  fi
  kill "-$sig" -- "-$pid" 2>/dev/null || kill "-$sig" "$pid" 2>/dev/null || true
}

# Reads DIR/pids ("ROLE PID" per line) into parallel arrays LC_ROLES and LC_PIDS.
lc_read_pids() {
  LC_ROLES=()
  LC_PIDS=()
  local role pid
  [ -f "$1/pids" ] || return 0
  while read -r role pid _; do
    case "$pid" in '' | *[!0-9]*) continue ;; esac
    LC_ROLES+=("$role")
    LC_PIDS+=("$pid")
  done <"$1/pids"
}

# lc_http_get URL: prints the body, fails on connection errors and HTTP errors.
lc_http_get() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 3 "$1" 2>/dev/null
  else
    python3 -c 'import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=3).read().decode())' "$1" 2>/dev/null
  fi
}

# lc_json_field JSON KEY: first top-level-looking scalar value for KEY in Spark's pretty-printed JSON.
lc_json_field() {
  printf '%s\n' "$1" | grep -o "\"$2\" *: *[^,}]*" | head -n 1 | sed -e 's/^[^:]*: *//' -e 's/^"//' -e 's/" *$//'
}
