// The report's reads: only the columns and events its rules need, so that a report over a big
// ledger neither parses JSON it does not use nor holds closed commitments in memory.

#include "connection.hpp"
#include "raw_statement.hpp"

#include "kept/error.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace kept {

namespace {

// The number of a commitment's scope items: schema 10 keeps it as a column (the open index
// carries it); before, it is the scope's, parsed from the row.
const char* scope_items_column(int schema) {
    return schema >= 10 ? "scope_items" : "json_array_length(scope)";
}

// What a ledger older than schema 8 (read as it is) lacks: fees and known finishes.
const char* fee_columns(int schema) {
    return schema >= 8 ? "fee_cents, original_fee_cents, known_finish" : "NULL, NULL, NULL";
}

// The facts' columns, in the order facts_from_row reads them, for a ledger at schema `schema`.
// Creep reads the number of scope items only of an open commitment whose scope grew, so only
// those have it read (at 100,000 open commitments, parsing every scope was a twentieth of the
// report).
std::string fact_columns(int schema) {
    return fmt::format(
        "id, owner, client, client_kind, state, created, due, original_due, closed, "
        "effort_minutes, original_effort_minutes, CASE WHEN state = 'open' AND scope_added > "
        "scope_dropped THEN {} ELSE 0 END, scope_added, scope_dropped, renegotiations, "
        "late_renegotiations, {}",
        scope_items_column(schema), fee_columns(schema));
}

// The same for the open commitments, as schema 8's index commitments_open holds them (an older
// ledger's index lacks some: SQLite reads those from the rows).
std::string open_fact_columns(int schema) {
    return fmt::format(
        "id, owner, client, client_kind, 'open', created, due, original_due, NULL, "
        "effort_minutes, original_effort_minutes, CASE WHEN scope_added > scope_dropped THEN "
        "{} ELSE 0 END, scope_added, scope_dropped, renegotiations, late_renegotiations, {}",
        scope_items_column(schema), fee_columns(schema));
}

void facts_from_row(const RawStatement& q, CommitmentFacts& f) {
    f.id = q.int64(0);
    f.owner.assign(q.text(1));
    f.client.assign(q.text(2));
    f.client_kind = client_kind_of(q.text(3));
    f.state = state_of(q.text(4));
    f.created = date_at(q, 5);
    f.due = date_at(q, 6);
    f.original_due = date_at(q, 7);
    f.closed = q.is_null(8) ? std::nullopt : std::optional(date_at(q, 8));
    f.effort = q.int64(9);
    f.original_effort = q.int64(10);
    f.scope_items = q.integer(11);
    f.scope_added = q.integer(12);
    f.scope_dropped = q.integer(13);
    f.renegotiations = q.integer(14);
    f.late_renegotiations = q.integer(15);
    f.fee = q.is_null(16) ? std::nullopt : std::optional<Cents>(q.int64(16));
    f.original_fee = q.is_null(17) ? std::nullopt : std::optional<Cents>(q.int64(17));
    f.known_finish = q.is_null(18) ? std::nullopt : std::optional(date_at(q, 18));
}

/// Runs a SELECT of the facts' columns (?1 bound to `owner` when given) and visits each row.
void visit_facts(Connection& c_, const std::string& sql, const std::optional<std::string>& owner,
                 const std::function<void(const CommitmentFacts&)>& visit) {
    return c_.guard([&] {
        RawStatement q(c_.db, sql.c_str());
        q.bind(1, owner);
        CommitmentFacts f;
        while (q.step()) {
            facts_from_row(q, f);
            visit(f);
        }
    });
}

} // namespace

void ReportReads::for_each_fact(const std::optional<std::string>& owner, bool open_only,
                                const std::function<void(const CommitmentFacts&)>& visit) {
    std::string sql = fmt::format("SELECT {} FROM commitments", fact_columns(c_.schema()));
    // In id order either way. The open ones of the whole team: their ids from the state index,
    // then their rows in id order, which reads the table front to back (looked up in the
    // index's due order instead, they cost twice as much at 100,000 open commitments).
    if (owner) {
        sql += " WHERE owner = ?1";
        sql += open_only ? " AND state = 'open' ORDER BY id" : " ORDER BY id";
    } else if (open_only) {
        sql += " WHERE id IN (SELECT id FROM commitments WHERE state = 'open')";
    }
    visit_facts(c_, sql, owner, visit);
}

void ReportReads::for_each_open(const std::function<void(const CommitmentFacts&)>& visit) {
    if (!c_.has_index("commitments_open")) {
        for_each_fact(std::nullopt, true, visit); // an older ledger, read as it is
        return;
    }
    // The partial index commitments_open holds every column read here (before schema 10, all but
    // the scope, which only a commitment whose scope grew has read from its row): half the time
    // of reading the rows at 100,000 open commitments.
    visit_facts(
        c_,
        fmt::format("SELECT {} FROM commitments INDEXED BY commitments_open WHERE state = 'open'",
                    open_fact_columns(c_.schema())),
        std::nullopt, visit);
}

void ReportReads::for_each_delivered(const std::optional<std::string>& owner,
                                     const std::function<void(const CommitmentFacts&)>& visit,
                                     bool with_dates) {
    // Schema 4's partial index commitments_delivered holds every column read here; without
    // being named, SQLite prefers the state index and a seek per row.
    bool indexed = c_.has_index("commitments_delivered");
    // A ledger older than schema 5, read as it is, has no spent effort.
    bool spent = c_.db.execAndGet("PRAGMA user_version").getInt() >= 5;
    std::string sql = fmt::format("SELECT owner, effort_minutes, original_effort_minutes, {}, "
                                  "created, original_due, closed FROM commitments {} "
                                  "WHERE state = 'delivered' AND closed IS NOT NULL",
                                  spent ? "spent_minutes" : "NULL",
                                  indexed ? "INDEXED BY commitments_delivered" : "");
    if (owner) {
        sql += " AND owner = ?1";
    }
    return c_.guard([&] {
        RawStatement q(c_.db, sql.c_str());
        q.bind(1, owner);
        CommitmentFacts f;
        f.state = State::delivered;
        // The index hands them over by owner and creation day: a date is often the last one
        // again, and parsing hundreds of thousands of them is most of this read.
        std::array<std::string, 3> last_text;
        std::array<Date, 3> last_date{};
        auto date_of = [&](int column) {
            auto i = static_cast<std::size_t>(column - 4);
            std::string_view text = q.text(column);
            if (text != last_text[i] || last_text[i].empty()) {
                last_text[i].assign(text);
                last_date[i] = date_at(q, column);
            }
            return last_date[i];
        };
        while (q.step()) {
            if (f.owner != q.text(0)) {
                f.owner.assign(q.text(0));
            }
            f.effort = q.int64(1);
            f.original_effort = q.int64(2);
            f.spent = q.is_null(3) ? std::nullopt : std::optional<Minutes>(q.int64(3));
            if (with_dates) {
                f.created = date_of(4);
                f.original_due = date_of(5);
                f.closed = date_of(6);
            }
            visit(f);
        }
    });
}

namespace {

// An owner's open work but one commitment, by due date, from the owner index (which holds every
// column read; the id is its rowid); the caller appends the comparison with ?3, a due date.
constexpr const char* queue_rows_sql =
    "SELECT id, due, effort_minutes FROM commitments INDEXED BY commitments_by_owner "
    "WHERE owner = ?1 AND state = 'open' AND id <> ?2 AND due ";

// Runs `q` (queue_rows_sql and its comparison) and appends its rows to `out` in the schedule's
// order: the index hands them over by due date (each date parsed once), by creation day within
// one; the schedule wants ids there.
void read_queue_rows(RawStatement& q, const std::string& owner, std::int64_t except_id,
                     std::string_view due_bound, std::vector<QueuedWork>& out) {
    q.reset();
    q.bind(1, std::string_view(owner));
    q.bind(2, except_id);
    q.bind(3, due_bound);
    std::size_t start = out.size();
    std::string due_text;
    Date due{};
    while (q.step()) {
        std::string_view text = q.text(1);
        if (out.size() == start || text != due_text) {
            due_text.assign(text);
            due = date_at(q, 1);
        }
        out.push_back({q.int64(0), due, q.int64(2)});
    }
    for (auto first = out.begin() + static_cast<std::ptrdiff_t>(start); first != out.end();) {
        auto last = std::find_if(first, out.end(),
                                 [&](const QueuedWork& w) { return w.due != first->due; });
        std::sort(first, last, queued_before);
        first = last;
    }
}

} // namespace

std::vector<QueuedWork> ReportReads::open_queue(const std::string& owner, std::int64_t except_id,
                                                std::optional<Date> from_due) {
    return c_.guard([&] {
        std::vector<QueuedWork> out;
        std::string from_text = from_due ? format_date(*from_due) : std::string();
        if (from_due) {
            // Schema 4 keeps the sums per due date; an older ledger sums the rows.
            bool sums = c_.db.tableExists("open_work");
            RawStatement ahead(c_.db, sums ? "SELECT total(effort_minutes) FROM open_work "
                                             "WHERE owner = ?1 AND due < ?2"
                                           : "SELECT total(effort_minutes) FROM commitments "
                                             "INDEXED BY commitments_by_owner "
                                             "WHERE owner = ?1 AND state = 'open' AND due < ?2");
            ahead.bind(1, std::string_view(owner));
            ahead.bind(2, std::string_view(from_text));
            if (ahead.step()) {
                Minutes sum = ahead.int64(0);
                RawStatement mine(c_.db, "SELECT effort_minutes FROM commitments WHERE id = ?1 "
                                         "AND owner = ?2 AND state = 'open' AND due < ?3");
                mine.bind(1, except_id);
                mine.bind(2, std::string_view(owner));
                mine.bind(3, std::string_view(from_text));
                if (mine.step()) {
                    sum -= mine.int64(0);
                }
                if (sum > 0) {
                    RawStatement last(c_.db, "SELECT max(due) FROM commitments INDEXED BY "
                                             "commitments_by_owner WHERE owner = ?1 AND "
                                             "state = 'open' AND due < ?2 AND id <> ?3");
                    last.bind(1, std::string_view(owner));
                    last.bind(2, std::string_view(from_text));
                    last.bind(3, except_id);
                    last.step();
                    out.push_back({summed_work_id, date_at(last, 0), sum});
                }
            }
        }
        if (!c_.select_open_queue) {
            c_.select_open_queue.emplace(c_.db, (std::string(queue_rows_sql) + ">= ?3").c_str());
        }
        read_queue_rows(*c_.select_open_queue, owner, except_id, from_text, out);
        return out;
    });
}

std::vector<QueuedWork> ReportReads::open_queue_before(const std::string& owner,
                                                       std::int64_t except_id, Date until_due) {
    return c_.guard([&] {
        RawStatement q(c_.db, (std::string(queue_rows_sql) + "< ?3").c_str());
        std::vector<QueuedWork> out;
        read_queue_rows(q, owner, except_id, format_date(until_due), out);
        return out;
    });
}

std::vector<OpenCommitment> ReportReads::open_commitments(const std::optional<std::string>& owner) {
    std::string sql = "SELECT id, uuid, title, client, client_kind, owner, due, effort_minutes "
                      "FROM commitments WHERE state = 'open'";
    if (owner) {
        sql += " AND owner = ?1";
    }
    return c_.guard([&] {
        RawStatement q(c_.db, sql.c_str());
        q.bind(1, owner);
        std::vector<OpenCommitment> out;
        while (q.step()) {
            OpenCommitment& c = out.emplace_back();
            c.id = q.int64(0);
            c.uuid.assign(q.text(1));
            c.title.assign(q.text(2));
            c.client.assign(q.text(3));
            c.client_kind = client_kind_of(q.text(4));
            c.owner.assign(q.text(5));
            c.due = date_at(q, 6);
            c.effort = q.int64(7);
        }
        return out;
    });
}

std::vector<LateRenegotiation> ReportReads::late_renegotiations(Date since, Date until) {
    // Schema 4's partial index events_late holds just the late renegotiations by day. An older
    // ledger walks events_by_day through the window: there, a late payload holds the word true
    // however it is spaced, so the text search spares parsing most of the others (a busy week
    // holds tens of thousands of renegotiations); json_extract still decides.
    const char* sql = "SELECT commitment_id, day, json_extract(payload, '$.due_in_force'), "
                      "json_extract(payload, '$.due.after') FROM events "
                      "WHERE day >= :since AND day <= :until AND kind = 'renegotiated' "
                      "AND instr(payload, 'true') > 0 AND json_extract(payload, '$.late') = 1 "
                      "ORDER BY clock, origin";
    return c_.guard([&] {
        SQLite::Statement q(c_.db, sql);
        q.bind(":since", format_date(since));
        q.bind(":until", format_date(until));
        std::vector<LateRenegotiation> out;
        while (q.executeStep()) {
            LateRenegotiation late;
            late.commitment_id = q.getColumn(0).getInt64();
            late.day = date_at(q, 1);
            late.due_in_force = date_at(q, 2);
            if (!q.getColumn(3).isNull()) {
                late.new_due = date_at(q, 3);
            }
            out.push_back(late);
        }
        return out;
    });
}

std::vector<std::int64_t> ReportReads::open_commitments_of_several_replicas() {
    // A conflict is two changes based on the same event, made on two replicas: only a
    // commitment with events of two origins can have one. events_by_commitment (commitment_id,
    // clock, origin) answers the inner query for each open commitment from the index alone.
    const char* sql = "SELECT id FROM commitments WHERE state = 'open' AND (SELECT min(origin) "
                      "<> max(origin) FROM events WHERE commitment_id = commitments.id) "
                      "ORDER BY id";
    return c_.guard([&] {
        RawStatement q(c_.db, sql);
        std::vector<std::int64_t> out;
        while (q.step()) {
            out.push_back(q.int64(0));
        }
        return out;
    });
}

} // namespace kept
