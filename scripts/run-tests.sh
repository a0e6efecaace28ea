#!/usr/bin/env bash
# Sets up chartflow on a fresh Debian 12 machine, builds everything with warnings as errors, and
# runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHARTFLOW_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest -j"$(nproc)" --output-on-failure --timeout 600
