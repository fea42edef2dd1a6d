#include "kept/error.hpp"
#include "kept/event_lines.hpp"
#include "kept/replica.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace kept;

namespace {

/// A chain of `n` events of origin "origin-a", each line as a replica file holds it.
std::vector<Event> replica_chain(int n, std::int64_t first_clock = 1) {
    std::vector<Event> events;
    for (int i = 0; i < n; ++i) {
        Event e;
        e.uuid = new_uuid();
        e.commitment_uuid = new_uuid();
        e.timestamp = "2026-11-23T09:00:00Z";
        e.day = "2026-11-23";
        e.actor = "tester";
        e.payload = {{"title", "t"}};
        e.origin = "origin-a";
        e.clock = first_clock + i;
        e.prev_hash = events.empty() ? "" : events.back().hash;
        e.hash = compute_hash(e);
        events.push_back(e);
    }
    return events;
}

std::string lines_of(const std::vector<Event>& events) {
    std::string text;
    for (const auto& e : events) {
        text += event_line(e) + "\n";
    }
    return text;
}

} // namespace

TEST_CASE("check_remote_url: the transports a team uses pass") {
    for (const char* url : {"/srv/git/ledger.git", "../ledger.git", "ledger.git",
                            "file:///srv/ledger.git", "ssh://git@example.com/team/ledger.git",
                            "git@example.com:team/ledger.git", "https://example.com/ledger.git",
                            "git://example.com/ledger.git", "git+ssh://example.com/l.git"}) {
        CHECK_NOTHROW(check_remote_url(url));
    }
}

TEST_CASE("check_remote_url: helpers and other schemes are refused") {
    for (const char* url : {"fd::5", "ext::sh -c touch% x", "https::example.com", "http://x/l.git",
                            "ftp://x/l.git", "-uhelp", "", "foo\nbar"}) {
        CHECK_THROWS_AS(check_remote_url(url), UsageError);
    }
}

TEST_CASE("is_local_remote: paths and file URLs are local, ssh forms are not") {
    CHECK(is_local_remote("/srv/ledger.git"));
    CHECK(is_local_remote("./a:b"));
    CHECK(is_local_remote("file:///srv/ledger.git"));
    CHECK_FALSE(is_local_remote("git@example.com:team/ledger.git"));
    CHECK_FALSE(is_local_remote("https://example.com/ledger.git"));
}

TEST_CASE("lost_push_race: rejected pushes and ref locks are races, others are not") {
    CHECK(lost_push_race(" ! [rejected]        HEAD -> main (fetch first)"));
    CHECK(lost_push_race(" ! [rejected] HEAD -> main (non-fast-forward)"));
    CHECK(
        lost_push_race("remote: error: cannot lock ref 'refs/heads/main': is at 1 but expected 2"));
    CHECK_FALSE(lost_push_race("remote: remote is read-only today"));
    CHECK_FALSE(lost_push_race("fatal: Could not read from remote repository."));
}

TEST_CASE("lock_file_in_the_way: the lock git could not create, on its own line") {
    CHECK(lock_file_in_the_way("remote: error: cannot lock ref 'refs/heads/main': Unable to "
                               "create '/srv/l.git/./refs/heads/main.lock': File exists.\n") ==
          "/srv/l.git/./refs/heads/main.lock");
    CHECK(lock_file_in_the_way("Unable to create 'a.lock': File exists") == "a.lock");
    CHECK(lock_file_in_the_way("Unable to create 'a.lock': Permission denied") == "");
    CHECK(lock_file_in_the_way("Unable to create 'a.lock'\n': File exists") == "");
    CHECK(lock_file_in_the_way(" ! [rejected] HEAD -> main (fetch first)") == "");
    CHECK(lock_file_in_the_way("") == "");
}

TEST_CASE("retry_delay: doubles from 100 ms to 3.2 s, jittered down to half") {
    CHECK(retry_delay(1, 0.999).count() == 99);
    CHECK(retry_delay(1, 0).count() == 50);
    CHECK(retry_delay(2, 0).count() == 100);
    CHECK(retry_delay(6, 0.999).count() == 3198);
    CHECK(retry_delay(40, 0.999).count() == 3198);
}

TEST_CASE("read_replica_chain: an intact file is read whole") {
    auto events = replica_chain(3);
    auto chain = read_replica_chain(lines_of(events), "origin-a");
    CHECK_FALSE(chain.problem);
    REQUIRE(chain.events.size() == 3);
    CHECK(chain.events[2].uuid == events[2].uuid);
    CHECK(chain.lines == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("read_replica_chain: stops at the first bad line, keeping the lines before") {
    auto events = replica_chain(4);
    SUBCASE("malformed") {
        std::string text = lines_of({events[0], events[1]}) + "{\"uuid\": \"truncated\n" +
                           lines_of({events[2], events[3]});
        auto chain = read_replica_chain(text, "origin-a");
        CHECK(chain.events.size() == 2);
        REQUIRE(chain.problem);
        CHECK(chain.problem->line == 3);
    }
    SUBCASE("another replica's event") {
        events[1].origin = "origin-b";
        events[1].hash = compute_hash(events[1]);
        auto chain = read_replica_chain(lines_of(events), "origin-a");
        CHECK(chain.events.size() == 1);
        REQUIRE(chain.problem);
        CHECK(chain.problem->reason == "written by another replica (origin-b)");
    }
    SUBCASE("edited") {
        events[2].actor = "mallory";
        auto chain = read_replica_chain(lines_of(events), "origin-a");
        CHECK(chain.events.size() == 2);
        REQUIRE(chain.problem);
        CHECK(chain.problem->line == 3);
        CHECK(chain.problem->reason ==
              "hash chain broken: its content does not match its hash (edited)");
    }
    SUBCASE("a clock that does not grow") {
        events[1].clock = 1;
        events[1].hash = compute_hash(events[1]);
        auto chain = read_replica_chain(lines_of({events[0], events[1]}), "origin-a");
        REQUIRE(chain.problem);
        CHECK(chain.problem->reason == "clock 1 does not exceed the clock of the line before (1)");
    }
}

TEST_CASE("read_replica_chain: a clock over 2^40 is refused, 2^40 itself is not") {
    auto at_limit = replica_chain(1, max_imported_clock);
    CHECK_FALSE(read_replica_chain(lines_of(at_limit), "origin-a").problem);
    auto over = replica_chain(1, max_imported_clock + 1);
    auto chain = read_replica_chain(lines_of(over), "origin-a");
    REQUIRE(chain.problem);
    CHECK(chain.problem->reason == "clock 1099511627777 is over the limit of 2^40");
    CHECK(chain.events.empty());
}

TEST_CASE("chunk_file_name and chunk_number: six digits from 1, nothing else is a chunk") {
    CHECK(chunk_file_name(1) == "000001.ndjson");
    CHECK(chunk_file_name(1234) == "001234.ndjson");
    CHECK(chunk_number("000042.ndjson") == 42);
    CHECK(chunk_number(chunk_file_name(999999)) == 999999);
    for (const char* name :
         {"000000.ndjson", "42.ndjson", "00004a.ndjson", "000042.json", "000042.ndjson~", "x"}) {
        CHECK_FALSE(chunk_number(name));
    }
}

TEST_CASE("read_replica_chain: a chain read from its middle continues from the event before") {
    auto events = replica_chain(3);
    std::string tail = lines_of({events[1], events[2]});
    ChainStart after_first{2, 500, events[0].hash, events[0].clock};
    auto chain = read_replica_chain(tail, "origin-a", after_first);
    CHECK_FALSE(chain.problem);
    CHECK(chain.lines == std::vector<std::int64_t>{2, 3});
    REQUIRE(chain.offsets.size() == 2);
    CHECK(chain.offsets[0] == 500);
    CHECK(chain.offsets[1] == 500 + static_cast<std::int64_t>(event_line(events[1]).size()) + 1);
    ChainStart wrong{2, 0, events[2].hash, 0};
    REQUIRE(read_replica_chain(tail, "origin-a", wrong).problem);
}
