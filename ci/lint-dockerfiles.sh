#!/usr/bin/env bash
# Lints the two Dockerfiles (called from .ci/run). Needs Node.js; npx fetches dockerfilelint once.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --yes dockerfilelint Dockerfile.native src/main/docker/Dockerfile.jvm
