#!/usr/bin/env bash
# Builds kept from scratch-or-incrementally in build/ and runs the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-deps --test
# Tests ON explicitly: examples/demo.sh configures the same build directory without them.
# In batches (KEPT_UNITY_BUILD): twice as fast to build on two cores; a plain cmake build
# compiles file by file.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKEPT_WERROR=ON -DKEPT_BUILD_TESTS=ON \
    -DKEPT_UNITY_BUILD=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure --no-tests=error -j2
