#!/usr/bin/env bash
# Proves the rig with curl only, the way the service is expected to use it:
#   1. control: a 200 from wp-cron.php is not proof. `?doing_wp_cron=<value>` without the matching
#      lock runs nothing, so after arming, such a request must leave no row;
#   2. arm, then GET <siteurl>/wp-cron.php (no query string, like a system cron) for every eligible
#      blog, siteurl read from the DB as the service reads it (blog 1: <prefix>options, others
#      <prefix><id>_options, option `siteurl`);
#   3. every eligible blog has exactly one row in asc_e2e_runs, every other blog none.
# Prints PASS/FAIL per blog and overall; exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_state

FAILS=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILS=$((FAILS + 1)); }

siteurl_of() {
  local id="$1" table="${WP_TABLE_PREFIX}options"
  ((id == 1)) || table="${WP_TABLE_PREFIX}${id}_options"
  db_wp -e "SELECT option_value FROM ${table} WHERE option_name='siteurl'"
}

runs_of() { db_wp -e "SELECT COUNT(*) FROM asc_e2e_runs WHERE blog_id=$1"; }
total_runs() { db_wp -e "SELECT COUNT(*) FROM asc_e2e_runs"; }

# GET a URL, print the HTTP status (000 when no answer).
http_status() { curl -sS -o /dev/null -w '%{http_code}' --max-time 30 "$1" 2>/dev/null || true; }

# wp-cron.php answers first (fastcgi_finish_request) and runs the events afterwards, so rows
# appear shortly after the 200: poll until the expected count is reached, then settle briefly so a
# duplicate execution would be seen too.
wait_for_rows() {
  local want="$1"
  for _ in $(seq 1 150); do
    (($(total_runs) >= want)) && break
    sleep 0.2
  done
  sleep 1
}

# Eligibility as the spec defines it, from the DB, must match what setup.sh wrote in the state.
check_eligible_list() {
  local from_db
  from_db="$(db_wp -e "SELECT GROUP_CONCAT(blog_id ORDER BY blog_id) FROM ${WP_TABLE_PREFIX}blogs
    WHERE public=1 AND archived=0 AND deleted=0 AND spam=0 AND site_id=${WP_NETWORK_ID}")"
  if [[ "${from_db}" == "${WP_ELIGIBLE_BLOG_IDS}" ]]; then
    pass "eligible blogs in the DB (${from_db}) match the state file"
  else
    fail "eligible blogs in the DB (${from_db}) != state file (${WP_ELIGIBLE_BLOG_IDS})"
  fi
}

# The mapped blog must be reachable only through its own siteurl option.
check_mapped_blog() {
  local row url
  row="$(db_wp -e "SELECT CONCAT('http://', domain, path) FROM ${WP_TABLE_PREFIX}blogs WHERE blog_id=${WP_MAPPED_BLOG_ID}")"
  url="$(siteurl_of "${WP_MAPPED_BLOG_ID}")"
  if [[ "${row%/}" != "${url%/}" && "${url}" == "${WP_MAPPED_SITEURL}" ]]; then
    pass "mapped blog ${WP_MAPPED_BLOG_ID}: siteurl ${url} differs from wp_blogs ${row}"
  else
    fail "mapped blog ${WP_MAPPED_BLOG_ID}: siteurl ${url} vs wp_blogs ${row}"
  fi
}

check_control() {
  "${ARM_CMD}" >/dev/null
  local id="${WP_ELIGIBLE_BLOG_IDS%%,*}" url status
  url="$(siteurl_of "${id}")/wp-cron.php?doing_wp_cron=0.0000000000000000000001"
  status="$(http_status "${url}")"
  sleep 2
  if [[ "${status}" == 200 && "$(total_runs)" == 0 ]]; then
    pass "control: ${url} answered 200 and ran nothing (lock value mismatch)"
  else
    fail "control: ${url} answered ${status}, rows: $(total_runs) (expected 200 and 0)"
  fi
}

check_run() {
  "${ARM_CMD}" >/dev/null
  local id url status eligible=() ids
  IFS=',' read -r -a eligible <<< "${WP_ELIGIBLE_BLOG_IDS}"
  for id in "${eligible[@]}"; do
    url="$(siteurl_of "${id}")"
    status="$(http_status "${url%/}/wp-cron.php")"
    [[ "${status}" == 200 ]] || fail "blog ${id}: GET ${url%/}/wp-cron.php answered ${status}"
  done
  wait_for_rows "${#eligible[@]}"

  ids="$(db_wp -e "SELECT blog_id FROM ${WP_TABLE_PREFIX}blogs ORDER BY blog_id")"
  for id in ${ids}; do
    local n want=0
    [[ ",${WP_ELIGIBLE_BLOG_IDS}," == *",${id},"* ]] && want=1
    n="$(runs_of "${id}")"
    if [[ "${n}" == "${want}" ]]; then
      pass "blog ${id} ($( ((want)) && echo eligible || echo ineligible )): ${n} run(s)"
    else
      fail "blog ${id} ($( ((want)) && echo eligible || echo ineligible )): ${n} run(s), expected ${want}"
    fi
  done
}

main() {
  curl -fsS -o /dev/null --max-time 10 "${WP_URL}/?asc_e2e_whoami=1" \
    || { echo "FAIL  ${WP_URL} does not answer: run setup.sh"; exit 1; }
  check_eligible_list
  check_mapped_blog
  check_control
  check_run
  if ((FAILS)); then
    echo "check: FAIL (${FAILS} failure(s))"
    exit 1
  fi
  echo "check: PASS"
}

main "$@"
