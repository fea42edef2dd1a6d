# A scripted team history for the report tests (sourced after lib.sh). By the end of
# 2026-11-23 (a Monday, ISO week 48) exactly these flags fire:
#   overdue  #6 dave      due 2026-11-20
#   overload alice 2026-W48  36.0h due by Sunday for 32.0h of capacity; #5 finishes late
#   risk     #5 alice     due 2026-11-27: #1 then #5 (36h) at 6.4h a day, done Mon 2026-11-30
#   risk     #7 bob       due 2026-11-25: 30h at 8h a day for 24h of capacity, done Thu 2026-11-26
#   late     #2 bob       renegotiated 2026-11-18, after its due date 2026-11-13
#   creep    #3 carol     effort 8h -> 13h, scope +2 items, due unchanged
#   chronic  #4 carol     renegotiated 3 times

cat >kept.toml <<'TOML'
[team]
name = "platform"
[members.alice]
hours_per_week = 32
[clients.billing]
kind = "internal"
TOML

# on DAY ARGS...: runs kept on DAY (09:00 UTC) and requires success.
on() {
    local day=$1
    shift
    KEPT_TODAY=$day KEPT_NOW="${day}T09:00:00Z" succeeds "$@"
}

on 2026-11-02 add "Export API" --client acme --owner alice --due 2026-11-27 --effort 16h
on 2026-11-02 add "Fix login" --client billing --owner bob --due 2026-11-13 --effort 6h
on 2026-11-02 add "SSO" --client acme --owner carol --due 2026-12-18 --effort 8h --scope saml
on 2026-11-02 add "Audit" --client initech --owner carol --due 2026-12-11 --effort 4h
on 2026-11-10 renegotiate 4 --due 2026-12-14 --reason "auditor moved"
on 2026-11-12 renegotiate 4 --due 2026-12-16 --reason "auditor moved again"
on 2026-11-16 renegotiate 4 --due 2026-12-17 --reason "and again"
on 2026-11-16 renegotiate 3 --effort 13h --add-scope oidc --add-scope scim --reason "client asked"
on 2026-11-18 renegotiate 2 --due 2026-11-27 --reason "forgot about it"
on 2026-11-20 add "Migration" --client acme --owner alice --due 2026-11-27 --effort 20h
on 2026-11-20 add "Invoice export" --client acme --owner dave --due 2026-11-20 --effort 3h
on 2026-11-23 add "Hotfix" --client initech --owner bob --due 2026-11-25 --effort 30h
