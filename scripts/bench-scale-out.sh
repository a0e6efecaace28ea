#!/usr/bin/env bash
# Scale-out benchmark (issue 17), measured side by side in one invocation on this machine:
#   1. broker overhead per document: a synthetic text batch through one queue worker (RabbitMQ on
#      127.0.0.1, --jobs 1) against a local `chartflow run --jobs 1` of the same batch;
#   2. OCR scaling: scanned pages (the bundled scans, re-encoded into distinct pages) through one
#      queue worker and then two (--jobs 1 each), and through one shard and two shards side by
#      side; the ratio of pages per second, and pages per hour per core.
# Needs the build (cmake --build build) and Debian's rabbitmq-server (scripts/install-deps.sh).
#
#   bash scripts/bench-scale-out.sh [TEXT_NOTES (300)] [OCR_PAGES (16)]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target chartflow_runtime >/dev/null
exec /usr/bin/python3 scripts/bench_scale_out.py build/bin/chartflow "${1:-300}" "${2:-16}"
