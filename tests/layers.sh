#!/usr/bin/env bash
# The layers of docs/architecture.md, checked on the sources: what each folder may include, and
# that the build lists every file. The libraries' link lines enforce the layers for symbols; this
# checks the includes, which the compiler cannot (SQLite's and CLI11's headers are on the system
# path for every target).
#
#   tests/layers.sh SOURCE_DIR
set -uo pipefail
cd "${1:?usage: tests/layers.sh SOURCE_DIR}" || exit 1
failures=0
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# The headers of include/kept that belong to storage; every other one is the core's.
storage_headers='ledger|ledger_copy|storage/[a-z_]*'
core_headers=$(printf '%s\n' include/kept/*.hpp | grep -Ev "/($storage_headers)\.hpp$")

# forbid WHAT PATTERN FILES...: no FILE has an #include line matching the extended regex PATTERN.
forbid() {
    local what=$1 pattern=$2
    shift 2
    local hits
    [ $# -gt 0 ] || return 0
    hits=$(grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$@")
    [ -z "$hits" ] || fail "$what:"$'\n'"$hits"
}

io='fstream|filesystem|cstdio|stdio\.h|unistd\.h|fcntl\.h'
# shellcheck disable=SC2086 # word splitting of the file lists is intended
{
    forbid "the core includes storage, the CLI or SQLite" \
        "kept/($storage_headers)\.hpp|SQLiteCpp/|sqlite3\.h|CLI/|cli/|app/|storage/" \
        src/core/*.cpp src/core/*.hpp $core_headers
    forbid "the core does I/O (it is handed text and today)" "$io" \
        src/core/*.cpp src/core/*.hpp $core_headers
    forbid "the core uses util beyond its text helpers" "util/(files|environment)" \
        src/core/*.cpp src/core/*.hpp $core_headers
    if grep -HnE '\bgetenv\b' src/core/*.cpp $core_headers; then
        fail "the core reads the environment"
    fi
    forbid "storage includes the CLI or the application layer" "CLI/|cli/|app/" \
        src/storage/*.cpp src/storage/*.hpp
    # The environment is read by the shell alone (cli/context.cpp): the layers below are handed
    # what it says.
    if grep -HnE '\bgetenv\b|util::env\b|util/environment' src/storage/*.cpp src/storage/*.hpp src/app/*.cpp src/app/*.hpp; then
        fail "storage or the application layer reads the environment"
    fi
}
if [ -d src/app ]; then
    forbid "the application layer includes the CLI" "CLI/|cli/" src/app/*.cpp src/app/*.hpp
fi
if [ -d src/util ]; then
    forbid "util includes kept" "kept/|cli/|app/|storage/|SQLiteCpp/|CLI/" \
        src/util/*.cpp src/util/*.hpp
fi

# Every source file is in its folder's CMakeLists.txt; every test in tests/CMakeLists.txt.
for dir in src/*/; do
    dir=${dir%/}
    list="$dir/CMakeLists.txt"
    [ -f "$list" ] || { fail "$dir has no CMakeLists.txt"; continue; }
    for file in "$dir"/*.cpp; do
        [ -e "$file" ] || continue
        grep -qE "^[[:space:]]*$(basename "$file")\b" "$list" || fail "$list does not list $(basename "$file")"
    done
done
for file in src/*.cpp; do
    grep -qE "\.\./$(basename "$file")\b" src/*/CMakeLists.txt || fail "no CMakeLists.txt lists $file"
done
for file in tests/unit/*.cpp; do
    grep -qE "unit/$(basename "$file")\b" tests/CMakeLists.txt || fail "tests/CMakeLists.txt does not list $file"
done
for file in tests/e2e/test_*.sh; do
    grep -qE "^[[:space:]]*$(basename "$file" .sh)$" tests/CMakeLists.txt ||
        fail "tests/CMakeLists.txt does not list $file"
done
if grep -rn --include=CMakeLists.txt --include='*.cmake' 'file(GLOB' . 2>/dev/null | grep -v '^./build'; then
    fail "a CMake file globs its sources (list them instead)"
fi

[ "$failures" = 0 ] || exit 1
echo "layers: ok"
