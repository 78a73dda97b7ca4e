#!/usr/bin/env bash
# Installs the tools the operations tests call: promtool (checks the /q/metrics exposition).
# Only the promtool binary is taken from the distribution's prometheus package: installing the
# package itself would also set up (and possibly start) a Prometheus server.
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  promtool --version 2>&1 | head -n 1
  exit 0
fi

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  sudo="sudo"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# apt-get download needs the package lists; fetch them only when it fails without.
if ! apt-get download prometheus >/dev/null 2>&1; then
  $sudo apt-get update -qq
  apt-get download prometheus
fi
dpkg-deb -x prometheus_*.deb extracted
$sudo install -m 0755 extracted/usr/bin/promtool /usr/local/bin/promtool
promtool --version 2>&1 | head -n 1
