#!/usr/bin/env bash
# One command for the whole benchmark: builds the runner when missing (or BENCH_BUILD=1), checks
# the tools, then bench/bench.py starts the stand-in network, the service and the baselines on
# 127.0.0.1 and prints the tables. Options are environment variables, e.g.
#   BENCH_SIZES="1000 10000 100000" BENCH_REPEAT=3 bench/run.sh
# (all of them: docs/benchmarks.md). Raw samples and logs: bench/.out/<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java jcmd wrk curl xargs mysql redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (Debian: apt-get install wrk curl)" >&2; exit 1; }
done
if [[ "${BENCH_BUILD:-0}" == 1 || ! -f target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -B -o -q package -DskipTests
fi
echo "bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec python3 bench/bench.py
