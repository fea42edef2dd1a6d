// What a bulk write does once at its end instead of row by row: the derived tables' fills (for a
// body that only adds commitments, the insert triggers are paused and each table gets the new
// commitments' share once, summed; the sums are those of the triggers in
// schema/migrate_3_to_4.sql, written out once more for a range of ids, and
// test_storage_tallies.cpp checks both against the C++ rules), and the tables' indexes.

#include "connection.hpp"

#include <fmt/format.h>

namespace kept {

BulkFill reliability_tallies_bulk_fill() {
    return {"reliability_counts", "commitments_tally_insert", "commitments_tally_update",
            "commitments_tally_delete",
            "INSERT INTO reliability_counts SELECT owner, client, client_kind, count(*), "
            "sum((commitments.state = 'delivered' AND commitments.closed IS NOT NULL)), "
            "sum((commitments.state = 'dropped')), "
            "sum(((commitments.state = 'delivered' AND commitments.closed IS NOT NULL) AND "
            "commitments.closed <= commitments.original_due)), "
            "sum(((commitments.state = 'delivered' AND commitments.closed IS NOT NULL) AND "
            "commitments.closed <= commitments.due)), "
            "sum(CASE WHEN (commitments.state = 'delivered' AND commitments.closed IS NOT NULL) "
            "AND commitments.closed > commitments.original_due THEN "
            "ifnull(CAST(round(julianday(commitments.closed) - "
            "julianday(commitments.original_due)) AS INTEGER), 0) ELSE 0 END), "
            "sum(CASE WHEN (commitments.state = 'delivered' AND commitments.closed IS NOT NULL) "
            "AND commitments.closed > commitments.due THEN "
            "ifnull(CAST(round(julianday(commitments.closed) - julianday(commitments.due)) AS "
            "INTEGER), 0) ELSE 0 END), "
            "sum(commitments.renegotiations), sum(commitments.late_renegotiations) "
            "FROM commitments WHERE id > ?1 AND id <= ?2 GROUP BY owner, client, client_kind "
            "ON CONFLICT DO UPDATE SET commitments = commitments + excluded.commitments, "
            "delivered = delivered + excluded.delivered, dropped = dropped + excluded.dropped, "
            "on_time_first = on_time_first + excluded.on_time_first, "
            "on_time_last = on_time_last + excluded.on_time_last, "
            "slip_days = slip_days + excluded.slip_days, "
            "late_days = late_days + excluded.late_days, "
            "renegotiations = renegotiations + excluded.renegotiations, "
            "late_renegotiations = late_renegotiations + excluded.late_renegotiations"};
}

BulkFill open_work_bulk_fill() {
    return {"open_work", "commitments_open_insert", "commitments_open_update",
            "commitments_open_delete",
            "INSERT INTO open_work SELECT owner, due, sum(effort_minutes) AS effort, "
            "count(*) AS commitments, max(created) AS latest FROM commitments "
            "WHERE state = 'open' AND id > ?1 AND id <= ?2 GROUP BY owner, due "
            "ON CONFLICT DO UPDATE SET effort_minutes = effort_minutes + excluded.effort_minutes, "
            "commitments = commitments + excluded.commitments, "
            "latest_created = max(latest_created, excluded.latest_created)"};
}

namespace {

constexpr int bulk_index_cache_kib = 16 * 1024;

/// Drops the schema objects of `kind` (TRIGGER, INDEX) that `query` selects as (name, sql) and
/// returns their CREATE statements, to put back.
std::vector<std::string> drop_selected(SQLite::Database& db, SQLite::Statement& query,
                                       const char* kind) {
    std::vector<std::string> names;
    std::vector<std::string> created;
    while (query.executeStep()) {
        names.push_back(query.getColumn(0).getString());
        created.push_back(query.getColumn(1).getString());
    }
    query.reset();
    for (const auto& name : names) {
        db.exec(fmt::format("DROP {} \"{}\"", kind, name));
    }
    return created;
}

} // namespace

void Connection::with_fills_at_end(BulkFillMode mode, const std::function<void()>& body) {
    const bool all_rows = mode != BulkFillMode::added;
    std::int64_t before =
        all_rows ? 0 : db.execAndGet("SELECT ifnull(max(id), 0) FROM commitments").getInt64();
    struct Paused {
        BulkFill fill;
        std::vector<std::string> triggers; ///< their CREATE statements, to put back
    };
    std::vector<Paused> paused;
    for (BulkFill fill : {reliability_tallies_bulk_fill(), open_work_bulk_fill()}) {
        SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                                "(name = ?1 OR (?2 AND name = ?3) OR (?4 AND name = ?5))");
        q.bind(1, fill.insert_trigger);
        q.bind(2, all_rows ? 1 : 0);
        q.bind(3, fill.delete_trigger);
        q.bind(4, mode == BulkFillMode::recounted ? 1 : 0);
        q.bind(5, fill.update_trigger);
        Paused p{fill, drop_selected(db, q, "TRIGGER")};
        if (!p.triggers.empty()) {
            paused.push_back(std::move(p));
        }
    }
    auto empty_derived_tables = [&] {
        for (const auto& p : paused) {
            db.exec(fmt::format("DELETE FROM {}", p.fill.table));
        }
    };
    if (mode == BulkFillMode::replaced) {
        // Every row goes: the tallies and sums are emptied too, whatever they held.
        db.exec("DELETE FROM commitments");
        empty_derived_tables();
    }
    body();
    if (mode == BulkFillMode::recounted) {
        // What the tables held counted the changed rows as they were.
        empty_derived_tables();
    }
    std::int64_t last = db.execAndGet("SELECT ifnull(max(id), 0) FROM commitments").getInt64();
    for (const auto& p : paused) {
        SQLite::Statement fill(db, p.fill.add_since);
        // A range of ids at a time: the GROUP BY sorts its rows in memory.
        constexpr std::int64_t ids_at_once = 65536;
        for (std::int64_t from = before; from < last; from += ids_at_once) {
            fill.bind(1, from);
            fill.bind(2, std::min(from + ids_at_once, last));
            fill.exec();
            fill.reset();
        }
        for (const auto& trigger : p.triggers) {
            db.exec(trigger);
        }
    }
}

void Connection::with_indexes_built_at_end(std::initializer_list<const char*> tables,
                                           const std::function<void()>& body) {
    // An index of a UNIQUE constraint has no SQL of its own.
    SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                            "tbl_name = ? AND sql IS NOT NULL");
    std::vector<std::string> dropped;
    for (const char* table : tables) {
        q.bind(1, table);
        for (auto& index : drop_selected(db, q, "INDEX")) {
            dropped.push_back(std::move(index));
        }
    }
    // Without the indexes a write finds its pages by rowid and UUID, both growing, so a small
    // cache serves it; and each index's sort holds as many keys in memory as the cache holds
    // pages, with its spilled runs in memory too unless temp_store is a file. An import of 1M
    // rows: 211 MiB at the write's cache and temp_store, 66 MiB at these, in the same time.
    db.exec(fmt::format("PRAGMA cache_size = -{}", bulk_index_cache_kib));
    body();
    db.exec("PRAGMA temp_store = FILE");
    for (const auto& index : dropped) {
        db.exec(index);
    }
}

} // namespace kept
