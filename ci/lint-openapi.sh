#!/usr/bin/env bash
# Lints the OpenAPI document the tests wrote (target/openapi.json, from OpenApiTest) with Redocly's
# recommended rules: errors and warnings both fail. Run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

document=target/openapi.json
if [[ ! -s "$document" ]]; then
  echo "$document is missing: run the tests first (OpenApiTest writes it)" >&2
  exit 1
fi
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
npx --yes @redocly/cli@2.77.0 lint "$document" 2>&1 | tee "$output"
if grep -Eq 'You have [0-9]+ warnings?' "$output"; then
  echo "Redocly warned about $document (above): fix the document" >&2
  exit 1
fi
