#!/usr/bin/env bash
# Shared settings and helpers for the WordPress multisite e2e rig.
# Sourced by setup.sh, stop.sh, arm.sh and check.sh; defines nothing that runs on its own.

WP_E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_DIR="${WP_E2E_DIR}/.state"
ENV_FILE="${STATE_DIR}/env"
TLS_DIR="${STATE_DIR}/tls"

# Where Debian's wordpress package puts the code (docroot) and its content dir.
# shellcheck disable=SC2034  # used by setup.sh
WP_CORE_DIR=/usr/share/wordpress

WP_PORT="${WP_PORT:-8089}"
# Second listener for the "mapped domain" blog; must differ from WP_PORT.
WP_MAPPED_PORT="${WP_MAPPED_PORT:-$((WP_PORT + 1))}"
WP_MAPPED_DOMAIN="${WP_MAPPED_DOMAIN:-mapped.invalid}"
# HTTPS listener of the same network (and of the mapped blog, by the name `localhost`), with a
# certificate from the rig's own private CA (.state/tls/); must differ from both ports above.
WP_TLS_PORT="${WP_TLS_PORT:-$((WP_PORT + 2))}"
WP_SITES="${WP_SITES:-12}"
WP_DB_NAME="${WP_DB_NAME:-asc_e2e_wp}"
WP_DB_USER="${WP_DB_USER:-asc_e2e}"
WP_DB_PASSWORD="${WP_DB_PASSWORD:-asc_e2e_pw}"
WP_DB_HOST="${WP_DB_HOST:-127.0.0.1}"
WP_DB_PORT="${WP_DB_PORT:-3306}"
WP_TABLE_PREFIX="${WP_TABLE_PREFIX:-wp_}"
# Admin credentials for MariaDB (used only to create the database and user).
DB_ADMIN_USER="${DB_ADMIN_USER:-root}"
DB_ADMIN_PASSWORD="${DB_ADMIN_PASSWORD:-}"

PHP_FPM_BIN="${PHP_FPM_BIN:-}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"

log() { printf '[wp-e2e] %s\n' "$*" >&2; }
die() { printf '[wp-e2e] ERROR: %s\n' "$*" >&2; exit 1; }

# Locate the versioned php-fpm binary (php-fpm8.2 on bookworm) after install.
find_php_fpm() {
  if [[ -n "${PHP_FPM_BIN}" ]]; then echo "${PHP_FPM_BIN}"; return; fi
  local bin
  bin="$(compgen -c php-fpm | sort -V | tail -n1 || true)"
  [[ -n "${bin}" ]] || die "php-fpm not found"
  command -v "${bin}"
}

# mysql client as the DB admin, always over TCP to 127.0.0.1 (the socket may not be ours).
db_admin() {
  MYSQL_PWD="${DB_ADMIN_PASSWORD}" mysql --protocol=TCP -h "${WP_DB_HOST}" -P "${WP_DB_PORT}" \
    -u "${DB_ADMIN_USER}" "$@"
}

# mysql client as the WordPress user on the WordPress database, batch mode (tab separated, no headers).
db_wp() {
  MYSQL_PWD="${WP_DB_PASSWORD}" mysql --protocol=TCP -h "${WP_DB_HOST}" -P "${WP_DB_PORT}" \
    -u "${WP_DB_USER}" -N -B "${WP_DB_NAME}" "$@"
}

# Read the state file written by setup.sh (KEY=VALUE lines) into the environment.
load_state() {
  [[ -f "${ENV_FILE}" ]] || die "no ${ENV_FILE}: run setup.sh first"
  set -a
  # shellcheck disable=SC1090
  . "${ENV_FILE}"
  set +a
}
