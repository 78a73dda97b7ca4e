#!/usr/bin/env bash
# Stops the nginx and PHP-FPM that setup.sh started, by the pids in .state/ (nothing else).
# Leaves the database, the config files and the state file in place: setup.sh starts them again.
# Usage: e2e/wordpress/stop.sh [--quiet]
set -euo pipefail
# It installs packages, writes under /etc and runs nginx and PHP-FPM as root: a user who is not
# root (GitHub's runner) runs it through sudo, keeping the WP_* settings of the environment.
if [[ "$(id -u)" -ne 0 ]]; then
  exec sudo -E bash "${BASH_SOURCE[0]}" "$@"
fi
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1

# Stop one daemon from its pid file: TERM (fast shutdown for both nginx and php-fpm; a test rig
# has nothing to drain), wait up to 10 s, then KILL.
# The pid is trusted only if that process's command line names our config file,
# so a stale pid file can never kill an unrelated process that reused the pid.
stop_by_pidfile() {
  local name="$1" pidfile="$2" conf="$3" sig="$4" pid
  [[ -f "${pidfile}" ]] || { ((QUIET)) || log "${name}: not running (no pid file)"; return 0; }
  pid="$(cat "${pidfile}")"
  if [[ "${pid}" =~ ^[0-9]+$ ]] && [[ -r "/proc/${pid}/cmdline" ]] \
      && tr '\0' ' ' < "/proc/${pid}/cmdline" | grep -qF -- "${conf}"; then
    kill "-${sig}" "${pid}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      [[ -e "/proc/${pid}" ]] || break
      sleep 0.2
    done
    if [[ -e "/proc/${pid}" ]]; then
      kill -KILL "${pid}" 2>/dev/null || true
    fi
    log "${name}: stopped (pid ${pid})"
  else
    ((QUIET)) || log "${name}: pid file is stale; nothing to stop"
  fi
  rm -f "${pidfile}"
}

stop_by_pidfile nginx "${STATE_DIR}/nginx.pid" "${STATE_DIR}/nginx.conf" TERM
stop_by_pidfile php-fpm "${STATE_DIR}/php-fpm.pid" "${STATE_DIR}/php-fpm.conf" TERM
