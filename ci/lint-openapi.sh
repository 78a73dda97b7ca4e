#!/usr/bin/env bash
# Lints the OpenAPI document the tests wrote (target/openapi.json, from OpenApiTest) with Redocly's
# recommended rules: errors fail, warnings are shown. Run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

document=target/openapi.json
if [[ ! -s "$document" ]]; then
  echo "$document is missing: run the tests first (OpenApiTest writes it)" >&2
  exit 1
fi
npx --yes @redocly/cli@2.77.0 lint "$document"
