#!/usr/bin/env bash
# The HTML pages in a real browser: Debian's chromium, headless, prints each page (report and
# statement) to PNG and PDF and dumps its DOM; the DOM must hold the commitments and figures,
# the page must ask for nothing over the network (chromium's net log), the PNG must not be
# blank and the PDF must be A4. A planted page that loads an image proves the net-log check
# fails when a page does ask. Without chromium the test is skipped.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

command -v chromium >/dev/null || skip "chromium is not installed (.ci/install-deps --test installs it)"
command -v python3 >/dev/null || skip "python3 is not installed"

. "$HERE/html_history.sh"

# render NAME: chromium renders NAME.html to NAME.png (800 by 1200 px), NAME.pdf and NAME.dom, and
# logs its network activity to NAME.net.json. Nothing resolves: a request cannot leave the
# machine, but it is still logged.
render() {
    local name=$1 sandbox=()
    [ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox)
    timeout 60 chromium --headless "${sandbox[@]}" --disable-gpu --no-first-run \
        --no-default-browser-check --disable-extensions --disable-background-networking \
        --disable-component-update --disable-sync --host-resolver-rules="MAP * ~NOTFOUND" \
        --user-data-dir="$TEST_DIR/profile-$name" --log-net-log="$TEST_DIR/$name.net.json" \
        --hide-scrollbars --window-size=800,1200 --screenshot="$TEST_DIR/$name.png" \
        --print-to-pdf="$TEST_DIR/$name.pdf" --no-pdf-header-footer --dump-dom \
        "file://$TEST_DIR/$name.html" >"$TEST_DIR/$name.dom" 2>"$TEST_DIR/$name.chromium.log" ||
        fail "chromium could not render $name.html: $(tail -3 "$TEST_DIR/$name.chromium.log")"
}

# page_requests NAME: the URLs chromium's net log shows requested for the page (the requests
# whose network isolation key is the page's file:// site; the browser's own background
# requests have other keys), one a line.
page_requests() {
    python3 - "$TEST_DIR/$1.net.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
for event in log["events"]:
    params = event.get("params", {})
    if event["type"] == start and params.get("network_isolation_key", "").startswith("file:"):
        print(params.get("url"))
PY
}

# colors NAME: how many distinct colors NAME.png holds, and the percent of pixels not white
# (8-bit RGB or RGBA, non-interlaced: what chromium writes), decoded with zlib alone.
colors() {
    python3 - "$TEST_DIR/$1.png" <<'PY'
import struct, sys, zlib
from itertools import accumulate
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG kind"
bpp = 3 if color == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
previous = bytearray(stride)
seen, ink = set(), 0
for y in range(height):
    kind = raw[y * (stride + 1)]
    row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    # Up and Sub, most of chromium's rows, in bulk; Average and Paeth byte by byte.
    if kind == 2:
        row = bytearray((r + b) & 255 for r, b in zip(row, previous))
    elif kind == 1:
        for channel in range(bpp):
            row[channel::bpp] = bytes(accumulate(row[channel::bpp], lambda a, r: (a + r) & 255))
    elif kind in (3, 4):
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            if kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
                continue
            c = previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:  # every fourth row's colors are enough to tell a picture from a blank
        for x in range(0, stride, bpp):
            pixel = bytes(row[x:x + 3])
            seen.add(pixel)
            ink += pixel != b"\xff\xff\xff"
    previous = row
print(len(seen), round(100.0 * ink / (width * ((height + 3) // 4)), 1))
PY
}

# check_page NAME: renders NAME.html and checks the browser's view of it; the DOM texts follow.
check_page() {
    local name=$1 text
    shift
    render "$name"
    [ -s "$TEST_DIR/$name.dom" ] || fail "$name: chromium dumped no DOM"
    for text in "$@"; do
        grep -qF -- "$text" "$TEST_DIR/$name.dom" || fail "$name: the DOM lacks \"$text\""
    done
    if grep -qi '<script' "$TEST_DIR/$name.dom"; then fail "$name: the DOM holds a script"; fi
    local requests
    requests=$(page_requests "$name")
    [ -z "$requests" ] || fail "$name: the page asked the network for: $requests"
    [ -s "$TEST_DIR/$name.net.json" ] || fail "$name: chromium wrote no net log"
    local figures
    figures=$(colors "$name") || fail "$name: the PNG does not decode"
    read -r count ink <<<"$figures"
    [ "${count:-0}" -ge 8 ] || fail "$name: the PNG holds ${count:-no} colors"
    python3 -c "import sys; sys.exit(0 if float('${ink:-0}') >= 2.0 else 1)" ||
        fail "$name: the PNG is nearly blank (${ink:-0}% of pixels not white)"
    head -c 5 "$TEST_DIR/$name.pdf" | grep -q '%PDF-' || fail "$name: no PDF"
    # A4 is 595.28 x 841.89 points; chromium writes it rounded.
    grep -aqE '/MediaBox \[0 0 59[45](\.[0-9]+)? 84[12](\.[0-9]+)?\]' "$TEST_DIR/$name.pdf" ||
        fail "$name: the PDF pages are not A4"
}

kept report --format html
printf '%s\n' "$OUT" >"$TEST_DIR/report.html"
check_page report '<section id="load">' '<section id="forecast">' '<section id="on-time">' \
    $'Export &lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" \'too\'' \
    '<title>alice, 2026-W49: 100% (6h late) (over capacity)</title>' \
    '#10 Audit log' 'will miss' '38.0h of work due by 2026-12-06 for 32.0h of capacity' \
    '<td class="num">57%</td>'

kept statement --client acme --format html
printf '%s\n' "$OUT" >"$TEST_DIR/statement.html"
check_page statement '<title>Promises to acme</title>' \
    '3 of 3 delivered by the agreed date (100%)' '<td>SSO</td>' '<td>CSV import</td>' \
    '13 days late' '<q>client added XLSX</q>'

# The net-log check can fail: a page that loads an image is caught.
printf '<!DOCTYPE html><p>planted</p><img src="http://planted.invalid/p.png">\n' \
    >"$TEST_DIR/planted.html"
render planted
case "$(page_requests planted)" in
*planted.invalid*) ;;
*) fail "the net-log check missed the planted page's request" ;;
esac

# KEPT_HTML_PICTURE=FILE keeps the report's picture (docs/report-html.png is made so).
if [ -n "${KEPT_HTML_PICTURE:-}" ]; then
    cp "$TEST_DIR/report.png" "$KEPT_HTML_PICTURE"
fi
finish
