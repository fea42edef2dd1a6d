# Renders a bench/run results file as Markdown tables: jq -r -f bench/table.jq RESULTS.json
def ms: if . == null then "–" else (. * 10000 | round / 10 | tostring) + " ms" end;
def mib: if . == null then "–" else (. / 1024 * 10 | round / 10 | tostring) + " MiB" end;
def x: if . == null then "–" else (. * 100 | round / 100 | tostring) + "×" end;
def rate: if . == null then "–" else (. | round | tostring) + "/s" end;
def count: if . == null then "–" else tostring end;
def timed: if . == null then "–"
    elif .status then .status
    else "\(.median_s | ms) (CPU \(.cpu_s | ms)), \(.max_rss_kib | mib)" end;

. as $r
| ($r.sizes // {} | keys_unsorted) as $sizes
| def row($name; f): "| \($name) | " + ([$sizes[] as $s | $r.sizes[$s] | f] | join(" | ")) + " |";
  "| per ledger | " + ($sizes | join(" | ")) + " |",
  "|---|" + ($sizes | map("---:") | join("|")) + "|",
  row("events"; .ledger.events | count),
  row("commitments (open)"; "\(.ledger.commitments) (\(.ledger.open))"),
  row("ledger file"; .ledger.bytes / 1024 | mib),
  row("generated in"; .ledger.seconds | if . == null then "–" else "\(. * 10 | round / 10) s" end),
  row("`kept add` median (CPU)"; "\(.add.kept_median_s | ms) (\(.add.kept_cpu_s | ms))"),
  row("floor: one-row insert (CPU)"; "\(.add.floor_median_s | ms) (\(.add.floor_cpu_s | ms))"),
  row("**add: kept / floor (wall)**"; .add.ratio | x),
  row("add: kept / floor (CPU)"; .add.cpu_ratio | x),
  row("add that warns of nothing: kept / floor (wall)"; .add_on_time.ratio | x),
  row("`kept renegotiate` median (CPU)";
      "\(.renegotiate.kept_median_s | ms) (\(.renegotiate.kept_cpu_s | ms))"),
  row("**renegotiate: kept / floor (wall)**"; .renegotiate.ratio | x),
  row("`list --owner owner07`"; .list | timed),
  row("`show ID`"; .show | timed),
  row("`report`"; .report | timed),
  row("`report --as-of` (90 days back)"; .report_as_of | timed),
  row("`verify`"; .verify | timed),
  row("`forecast --format ndjson` (every owner)"; .forecast | timed),
  row("`when --owner owner07 --effort 2d --confidence 90`"; .when | timed),
  row("`import` (\($r.sizes[$sizes[0]].import.commitments // "?") commitments)";
      if .import.kept_per_s then .import.kept_per_s | rate else .import.kept // "–" end),
  row("floor: prepared inserts"; .import.floor_per_s | rate),
  row("**import: kept / floor rate**"; .import.ratio | x),
  "",
  if ($r.peer.items // null) != null then
    "| peer: items | `task add` (\($r.peer.version)) | `kept add` | task / kept |",
    "|---:|---:|---:|---:|",
    ($r.peer.items | to_entries[] | .value
     | "| \(.items) | \(.task_add_median_s | ms) | \(.kept_add_median_s | ms) | \(.ratio | x) |")
  else "peer: \($r.peer.status // "not measured")" end,
  "",
  if ($r.grown // null) != null then
    ($r.grown | keys_unsorted) as $g
    | def grow($name; f): "| \($name) | " + ([$g[] as $k | $r.grown[$k] | f] | join(" | ")) + " |";
    "| ledger as users grow it | " + ($g | join(" | ")) + " |",
    "|---|" + ($g | map("---:") | join("|")) + "|",
    grow("made in"; "\(.ledger.making_s * 10 | round / 10) s"),
    grow("`.db` / `-wal` at rest"; "\(.ledger.db_bytes / 1024 | mib) / \(.ledger.wal_bytes_at_rest)"),
    grow("`kept add` (CPU)"; "\(.add.kept_median_s | ms) (\(.add.kept_cpu_s | ms))"),
    grow("**add: kept / floor (wall)**"; .add.ratio | x),
    grow("add: kept / floor (CPU)"; .add.cpu_ratio | x),
    grow("`list --owner owner07`"; .list | timed),
    grow("`report`"; .report | timed),
    grow("`when --confidence 90`"; .when | timed),
    grow("`forecast --format ndjson`"; .forecast | timed),
    ""
  else empty end,
  if ($r.peer.import // null) != null then
    ($r.peer.import | "Bulk import of \(.rows) rows into an empty ledger: `task import` \(.task_per_s | rate) (CPU \(.task_cpu_s * 1000 | round) ms), `kept import --commitments` \(.kept_per_s | rate) (CPU \(.kept_cpu_s * 1000 | round) ms, \(.kept_max_rss_kib / 1024 | round) MiB); task / kept \(.ratio | x)."),
    ""
  else empty end,
  "Machine: \($r.machine.cores) cores, \($r.machine.cpu), \($r.machine.ram) RAM, disk \($r.machine.disk), \($r.machine.os), kernel \($r.machine.kernel), SQLite \($r.machine.sqlite), \($r.machine.compiler); load average at the end \($r.machine.load_average_at_end).",
  "Run: \($r.run.date), `\($r.run.command)`, commit \($r.run.commit), \($r.run.build_type) build\(if $r.run.kept_binary then ", measuring an older kept binary" else "" end)."
