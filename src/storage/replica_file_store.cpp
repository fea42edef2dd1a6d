// What sync remembers of each replica file (schema 6).

#include "connection.hpp"
#include "raw_statement.hpp"

#include "kept/error.hpp"

namespace kept {

std::vector<ReplicaFileState> ReplicaFileStore::all() {
    return c_.guard([&] {
        std::vector<ReplicaFileState> files;
        if (!c_.db.tableExists("replica_files")) {
            return files; // an older ledger, read as it is
        }
        RawStatement q(c_.db, "SELECT origin, resume_part, resume_offset, resume_line, "
                              "last_uuid, last_hash, last_clock, problem_part, problem_line, "
                              "problem "
                              "FROM replica_files ORDER BY origin");
        while (q.step()) {
            ReplicaFileState f;
            f.origin = q.text(0);
            f.resume_part = q.int64(1);
            f.resume_offset = q.int64(2);
            f.resume_line = q.int64(3);
            f.last_uuid = q.text(4);
            f.last_hash = q.text(5);
            f.last_clock = q.int64(6);
            if (!q.is_null(9)) {
                f.problem_part = q.int64(7);
                f.problem = ReplicaProblem{q.int64(8), std::string(q.text(9))};
            }
            files.push_back(std::move(f));
        }
        return files;
    });
}

void ReplicaFileStore::save(const ReplicaFileState& f) {
    if (!c_.in_write) {
        throw Error(ExitCode::internal, "ReplicaFileStore::save outside a write transaction");
    }
    return c_.guard([&] {
        SQLite::Statement q(c_.db, "INSERT OR REPLACE INTO replica_files (origin, resume_part, "
                                   "resume_offset, resume_line, last_uuid, last_hash, last_clock, "
                                   "problem_part, problem_line, problem) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, f.origin);
        q.bind(2, static_cast<std::int64_t>(f.resume_part));
        q.bind(3, static_cast<std::int64_t>(f.resume_offset));
        q.bind(4, static_cast<std::int64_t>(f.resume_line));
        q.bind(5, f.last_uuid);
        q.bind(6, f.last_hash);
        q.bind(7, static_cast<std::int64_t>(f.last_clock));
        if (f.problem) {
            q.bind(8, static_cast<std::int64_t>(f.problem_part));
            q.bind(9, static_cast<std::int64_t>(f.problem->line));
            q.bind(10, f.problem->reason);
        }
        q.exec();
    });
}

} // namespace kept
