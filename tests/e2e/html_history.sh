# A small scripted team for the HTML page tests (sourced after lib.sh): three owners, four
# months of deliveries (some late), an overloaded week, a commitment that will miss, a
# renegotiation asked by the client, and titles and clients that need escaping. Ends with
# KEPT_TODAY=2026-12-01 exported.

cat >kept.toml <<'TOML'
[team]
name = "platform & <ops>"
[members.alice]
hours_per_week = 40
[members.bob]
hours_per_week = 20
[members.carol]
hours_per_week = 40
[clients.billing]
kind = "internal"
TOML

# at DAY ARGS...: runs kept on DAY (09:00 UTC) and requires success.
at() {
    local day=$1
    shift
    KEPT_TODAY=$day KEPT_NOW="${day}T09:00:00Z" succeeds "$@"
}

at 2026-08-03 add "Onboarding flow" --client acme --owner alice --due 2026-08-14 --effort 8h
at 2026-08-03 add "Rate limits" --client billing --owner bob --due 2026-08-21 --effort 6h
at 2026-08-14 close 1 --delivered
at 2026-08-24 close 2 --delivered
at 2026-09-01 add "Search" --client acme --owner carol --due 2026-09-18 --effort 12h
at 2026-09-01 add "Billing report" --client billing --owner alice --due 2026-09-25 --effort 6h
at 2026-09-17 close 3 --delivered
at 2026-09-30 close 4 --delivered
at 2026-10-01 add "Webhooks" --client globex --owner bob --due 2026-10-16 --effort 8h
at 2026-10-01 add "CSV import" --client acme --owner carol --due 2026-10-09 --effort 4h
at 2026-10-08 renegotiate 6 --due 2026-10-23 --requested-by client --reason "client added XLSX"
at 2026-10-15 close 5 --delivered
at 2026-10-22 close 6 --delivered
at 2026-11-02 add "Release notes" --client globex --owner carol --due 2026-11-13 --effort 4h
at 2026-11-02 add "Export <script>alert(1)</script> & \"quotes\" 'too'" --client "O'Brien & <Co>" \
    --owner alice --due 2026-12-04 --effort 8h
at 2026-11-02 add "SSO" --client acme --owner alice --due 2026-12-03 --effort 30h
at 2026-11-16 add "Audit log" --client acme --owner bob --due 2026-12-03 --effort 16h
at 2026-11-16 add "Dashboards" --client billing --owner carol --due 2026-12-18 --effort 10h
at 2026-11-20 close 7 --delivered
export KEPT_TODAY=2026-12-01
