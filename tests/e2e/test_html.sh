#!/usr/bin/env bash
# The HTML pages without a browser: kept report --format html and kept statement --format html
# are one self-contained document each (no script, no URL of any kind), every user text escaped,
# every section there, and the options that do not apply refused.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
. "$HERE/html_history.sh"

# no_fetch WHAT: the page in OUT holds no script, no URL and nothing that loads.
no_fetch() {
    local what=$1
    if grep -qi '<script' <<<"$OUT"; then fail "$what holds a <script>"; fi
    if grep -qiE 'https?:|//[a-z]|url\([^#]|@import|<link|<img|<iframe|<object|<embed|src=' \
        <<<"$OUT"; then
        fail "$what names something to load: $(grep -oiE '.{20}(https?:|//|url\(|@import|<link|<img|src=).{20}' <<<"$OUT" | head -3)"
    fi
    if grep -qiE '\bon[a-z]+=' <<<"$OUT"; then fail "$what has an event handler attribute"; fi
}

ok report --format html
page=$OUT
expect_out_has '<!DOCTYPE html>'
expect_out_has "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
expect_out_has '<title>kept report for platform &amp; &lt;ops&gt;</title>'
expect_out_has 'Export &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;'
expect_out_has 'O&#39;Brien &amp; &lt;Co&gt;'
expect_out_has '@page { size: A4;'
expect_out_has '@media print'
no_fetch "the report"
for id in flags load forecast on-time reliability; do
    expect_out_has "<section id=\"$id\">"
done
for picture in heat-map timeline line-chart; do
    expect_out_has "<svg class=\"$picture\" role=\"img\""
done
expect_out_has '<h2>Flags (7)</h2>'
# Over-capacity cells: alice's weeks 49 and 50 (late work), bob's week 49; each hatched and "!".
expect_eq "$(grep -o '<g class="cell over">' <<<"$OUT" | wc -l)" 3 "over-capacity cells"
expect_out_has '<title>alice, 2026-W49: 100% (6h late) (over capacity)</title>'
expect_eq "$(grep -o 'fill="url(#kept-heat-hatch)"' <<<"$OUT" | wc -l)" 4 "hatched rects (3 cells, 1 legend)"
# The timeline: one bar per open commitment, each saying its status in words too.
expect_out_has '<title>#9 SSO: 2026-12-01 to 2026-12-04, due 2026-12-03, will miss</title>'
expect_out_has '<title>#11 Dashboards: 2026-12-01 to 2026-12-02, due 2026-12-18, on track</title>'
expect_out_has '<td class="num">10</td><td>Audit log</td><td>acme</td><td>bob</td><td class="nw">2026-12-03</td><td class="nw">2026-12-04</td>'
# The on-time line: August to December, one point per month with deliveries.
expect_out_has '<tr><td>2026-08</td><td class="num">2</td><td class="num">50%</td><td class="num">50%</td></tr>'
expect_out_has '<tr><td>2026-10</td><td class="num">2</td><td class="num">100%</td><td class="num">50%</td></tr>'
expect_out_has '<tr><td>2026-12</td><td class="num">0</td><td class="num">-</td><td class="num">-</td></tr>'
expect_eq "$(grep -o '<polyline' <<<"$OUT" | wc -l)" 2 "lines (one per series, no gap)"
if grep -q '<td>2026-07</td>' <<<"$OUT"; then fail "the line starts before the first delivery"; fi
expect_out_has '<tr><td>team</td><td>all</td><td class="num">7</td><td class="num">43%</td><td class="num">57%</td>'
# The same figures as the JSON report.
ok report --format json
expect_eq "$(jq -r '.flags | length' <<<"$OUT")" 7 "flags in the JSON report"

# --fail-on: the page is printed and the exit code says a flag fired.
kept report --format html --fail-on risk
expect_rc 1
expect_err 'kept: --fail-on: 3 flags fired (risk)'
expect_eq "$OUT" "$page" "the page under --fail-on"
# --owner: one owner's page; --as-of a past day: the forecast is left out, saying why.
ok report --format html --owner bob
if grep -q '>alice<' <<<"$OUT"; then fail "--owner bob shows alice"; fi
expect_out_has '#10 Audit log'
ok report --format html --as-of 2026-11-10
expect_out_has 'Left out: the forecast schedules open work from today'
no_fetch "the report --as-of"

# Refused: what the page cannot show, and html where a command does not print it.
rejects 65 '--section: "load" with --format html: the page shows every section' \
    report --format html --section load
rejects 65 '--format: "xml" is not one of table, json, ndjson, csv, tsv, html' report --format xml
rejects 65 '--format: "html" is not one of table, json, ndjson, csv, tsv' check --format html
rejects 65 '--format: "html" is not one of table, json, ndjson, csv, tsv' forecast --format html
cp "$LEDGER" "$TEST_DIR/other.db"
REJECTS_RUN=kept_raw rejects 65 "--format: \"html\" shows one team's report; a report over several teams is one of table, json" \
    --ledger "$LEDGER" --ledger "$TEST_DIR/other.db" report --format html

# The statement.
ok statement --client acme --format html
expect_out_has '<!DOCTYPE html>'
expect_out_has '<title>Promises to acme</title>'
expect_out_has 'From the platform &amp; &lt;ops&gt; team, up to Tue 2026-12-01.'
expect_out_has '<strong>On time:</strong> 3 of 3 delivered by the agreed date (100%), 2 by the date first promised (67%).'
expect_out_has '<svg class="bar" role="img"'
for id in record open delivered changes; do
    expect_out_has "<section id=\"$id\">"
done
expect_out_has '<td class="num">9</td><td>SSO</td><td>alice</td><td class="nw">Thu 2026-12-03</td>'
expect_out_has '<td class="num">6</td><td>CSV import</td><td class="nw">Thu 2026-10-22</td><td class="nw">Fri 2026-10-23</td><td>on time</td><td class="nw">Fri 2026-10-09</td><td>13 days late</td>'
expect_out_has '<li><strong>#6 CSV import</strong>, Thu 2026-10-08, asked by you: due Fri 2026-10-09 → Fri 2026-10-23. <q>client added XLSX</q></li>'
expect_out_has '@page { size: A4;'
no_fetch "the statement"
ok statement --client "O'Brien & <Co>" --format html
expect_out_has '<title>Promises to O&#39;Brien &amp; &lt;Co&gt;</title>'
expect_out_has '<td>Export &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;</td>'
expect_out_has 'Nothing delivered in the period yet.'
no_fetch "the escaped statement"
ok statement --client billing --format html --since 2026-11-01
expect_out_has '<title>Promises to billing (internal)</title>'
rejects 65 '--format: "csv" is not one of md, html, json for kept statement' \
    statement --client acme --format csv

finish
