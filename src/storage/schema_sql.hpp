#pragma once

// The frozen schema, embedded at build time from src/storage/schema/*.sql (cmake/EmbedSql.cmake):
// what a new ledger is created with and each step that upgrades an older one. A new ledger takes
// the same path as an upgraded one (v1, then every migration), so the two end with the same
// sqlite_master. These files are reviewed SQL: a change to a rule in C++ never changes them.

namespace kept::schema_sql {

/// Schema 1: meta, events, commitments and their indexes.
extern const char* const v1;
/// Events made append-only by triggers.
extern const char* const migrate_1_to_2;
/// The day and owner indexes widened to answer two reads alone.
extern const char* const migrate_2_to_3;
/// reliability_counts and open_work with their triggers and first fill; the partial indexes.
extern const char* const migrate_3_to_4;
/// commitments.spent_minutes, and the delivered index carrying it.
extern const char* const migrate_4_to_5;
/// replica_files, sync's memory of each replica file.
extern const char* const migrate_5_to_6;
/// The derived tables' upsert triggers in their frozen wording, whatever a ledger held.
extern const char* const migrate_6_to_7;
/// Fees, the finish known at a renegotiation, and the open index with the client.
extern const char* const migrate_7_to_8;
/// The replicas' keys and their events' signatures.
extern const char* const migrate_8_to_9;
/// commitments.scope_items, and the open index carrying it.
extern const char* const migrate_9_to_10;

} // namespace kept::schema_sql
