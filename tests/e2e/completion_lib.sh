# Helper for the completion tests (sourced after lib.sh).

# expect_candidates WHAT ACTUAL EXPECTED...: ACTUAL (one candidate a line) holds exactly EXPECTED,
# in any order.
expect_candidates() {
    local what=$1 actual expected
    actual=$(printf '%s\n' "$2" | sort)
    shift 2
    expected=$(printf '%s\n' "$@" | sort)
    [ "$actual" = "$expected" ] || fail "$what:
--- expected
$expected
--- actual
$actual"
}
