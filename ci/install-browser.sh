#!/usr/bin/env bash
# Installs what the status page's browser test (StatusPageBrowserTest) drives: Debian's chromium,
# and playwright-core (the driver library only; it never downloads a browser of its own) into
# src/test/browser/node_modules. Idempotent: does nothing when both are there.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  sudo="sudo"
fi

if ! command -v chromium >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
chromium --version

if [[ ! -d src/test/browser/node_modules/playwright-core ]]; then
  (cd src/test/browser && npm ci --no-audit --no-fund --ignore-scripts)
fi
node -e "console.log('playwright-core', require('./src/test/browser/node_modules/playwright-core/package.json').version)"
