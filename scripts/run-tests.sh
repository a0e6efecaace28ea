#!/usr/bin/env bash
# Sets up chartflow on a fresh Debian 12 machine, builds everything with warnings as errors, and
# runs the whole-program tests (OCR, golden pipelines, real peers, dev sets, scripts); then builds
# again with AddressSanitizer + UndefinedBehaviorSanitizer and runs every other test executable
# (unit, host, CLI, ABI-conformance, plugin) under them. CHARTFLOW_SKIP_SANITIZERS=1 runs every
# test in the optimised build instead.
set -euo pipefail
cd "$(dirname "$0")/.."

# Where the time goes, printed at the end: CI must stay under 30 minutes on 2 cores.
phases=()
phase_start=$SECONDS
phase_done() { phases+=("$1 $((SECONDS - phase_start)) s"); phase_start=$SECONDS; }
trap 'echo "chartflow tests: ${phases[*]:-}"' EXIT

bash scripts/install-deps.sh
phase_done "install"
# With the sanitizer run below, the optimised build leaves out the test executables that run there
# (CHARTFLOW_TESTS=whole-program): their code is compiled and their tests run once, instrumented.
tests=whole-program
[ "${CHARTFLOW_SKIP_SANITIZERS:-0}" != 1 ] || tests=all
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHARTFLOW_WERROR=ON -DCHARTFLOW_TESTS=$tests >/dev/null
cmake --build build -j"$(nproc)"
phase_done "| build"
(cd build && ctest -j"$(nproc)" --output-on-failure --timeout 600)
phase_done "| tests"

# Sanitizers. Skipped with CHARTFLOW_SKIP_SANITIZERS=1 (a quick local run).
if [ "${CHARTFLOW_SKIP_SANITIZERS:-0}" != 1 ]; then
  # -Og without debug info: under the sanitizers (which double compile times) it compiles in two
  # thirds of -O1's time; the tests run about 1.45 times slower, which costs far less than it saves
  # (measured: build 1,930 -> 1,210 CPU s). Reports still name functions. Test code is built at -O0.
  # A unity build like the one above (CHARTFLOW_UNITY_BUILD): 1,175 CPU s for all of it.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-Og -DCMAKE_C_FLAGS_RELEASE=-Og \
    -DCHARTFLOW_WERROR=ON -DCHARTFLOW_SANITIZE=address -DCHARTFLOW_BUILD_BENCH=OFF >/dev/null
  # The grouper and code editor run the 20,000 CMS test claims under the sanitizers too.
  cmake --build build-asan -j"$(nproc)" --target sanitized_tests chartflow_compare_grouper chartflow_compare_mce chartflow_drg_data
  phase_done "| sanitizer build"
  # Any finding fails the test that hit it. LeakSanitizer is off: on these VMs its tracer itself
  # crashes ("Tracer caught signal 11") at the exit of a process that has loaded every shipped
  # plugin, which would fail the run without any finding (see docs/operations.md, "Sanitizers").
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build-asan && ctest -j"$(nproc)" --output-on-failure --timeout 900 -L "^(sanitized|drg_vectors)$")
  phase_done "| sanitizer tests"
fi
