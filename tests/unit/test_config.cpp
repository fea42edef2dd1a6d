#include "kept/config.hpp"
#include "kept/error.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace kept;

namespace {

constexpr Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::string config_error(std::string_view text) {
    try {
        parse_config(text);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "accepted";
}

void check_defaults(const Config& config) {
    CHECK(config.team_name == "default");
    CHECK_FALSE(config.ledger);
    CHECK(config.hours_per_day == 8.0);
    CHECK(config.workweek == WorkWeek{});
    CHECK(config.default_hours_per_week == 40.0);
    CHECK_FALSE(config.strict);
    CHECK(config.members.empty());
    CHECK(config.clients.empty());
    CHECK(config.report.overload_ratio == 1.0);
    CHECK(config.report.weeks == 8);
    CHECK(config.report.creep_ratio == 0.25);
    CHECK(config.report.creep_items == 2);
    CHECK(config.report.chronic_renegotiations == 3);
    CHECK(config.report.risk_days == 3);
    CHECK(config.report.neglect_points == 15.0);
    CHECK(config.report.confidence == 80);
    CHECK_FALSE(config.sync_remote);
}

// Uncomments the example lines ("# [table]" and "# key = value") of a config text.
std::string uncomment_examples(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    std::string line;
    while (std::getline(in, line)) {
        const bool example = line.rfind("# [", 0) == 0 ||
                             (line.rfind("# ", 0) == 0 && line.find(" = ") != std::string::npos &&
                              line.find(' ', 2) == line.find(" = "));
        out += (example ? line.substr(2) : line) + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("parse_config: a non-ASCII character where a key starts is named") {
    // toml++ 3.3.0 reaches its "unreachable" whitespace case for U+021D (src/core/toml.hpp).
    CHECK(config_error("[\xC8\x9D\ne =") ==
          "1:2: Error while parsing key: expected bare key starting character or string "
          "delimiter, saw '\xC8\x9D'");
    CHECK(config_error("\xC8\x9D = 1") != "accepted");
}

TEST_CASE("parse_config: empty text gives the built-in defaults") {
    const Config config = parse_config("");
    check_defaults(config);
    CHECK(config.origins.empty());
    CHECK(config.effort_units().hours_per_day == 8.0);
    CHECK(config.effort_units().workdays_per_week == 5);
}

TEST_CASE("parse_config: comments and empty tables change nothing") {
    const Config config = parse_config("# nothing here\n\n[team]\n[report]\n# x = 1\n[sync]\n");
    check_defaults(config);
    CHECK(config.origins.empty());
}

TEST_CASE("parse_config: the example of a full config") {
    const Config config = parse_config(R"([team]
name = "platform"
ledger = "platform.kept.db"      # relative to this file
hours_per_day = 8
workdays = ["mon", "tue", "wed", "thu", "fri"]
[members.alice]
hours_per_week = 32
away = [{ from = 2026-12-24, to = 2027-01-02 }]
[clients.billing-team]
kind = "internal"
[report]
overload_ratio = 1.0
)");
    CHECK(config.team_name == "platform");
    CHECK(config.ledger == "platform.kept.db");
    CHECK(config.hours_per_day == 8.0);
    CHECK(config.workweek == WorkWeek{});
    REQUIRE(config.members.count("alice") == 1);
    CHECK(config.members.at("alice").hours_per_week == 32.0);
    REQUIRE(config.members.at("alice").away.size() == 1);
    CHECK(config.members.at("alice").away[0].from == ymd(2026, 12, 24));
    CHECK(config.members.at("alice").away[0].to == ymd(2027, 1, 2));
    CHECK(config.client_kind("billing-team") == ClientKind::internal);
    CHECK(config.report.overload_ratio == 1.0);
}

TEST_CASE("parse_config: every key, with its origin") {
    const Config config = parse_config(R"([team]
name = "ops"
ledger = "/var/lib/kept/ops.db"
hours_per_day = 7.5
workdays = ["sun", "Monday", "TUE", "wed", "thu"]
default_hours_per_week = 37.5
strict = true

[members.alice]
hours_per_week = 0
away = [{ from = 2026-12-24, to = 2027-01-02 }, { from = "2027-02-01", to = "2027-02-01" }]

[members."bob smith"]

[clients.billing]
kind = "internal"
[clients.acme]
kind = "external"

[report]
overload_ratio = 0.9
weeks = 520
creep_ratio = 0
creep_items = 1
chronic_renegotiations = 1
risk_days = 0
neglect_points = 100
confidence = 99

[sync]
remote = "git@example.com:ops/ledger.git"
)");
    CHECK(config.team_name == "ops");
    CHECK(config.ledger == "/var/lib/kept/ops.db");
    CHECK(config.hours_per_day == 7.5);
    CHECK(config.workweek.mask == 0b0011111);
    CHECK(config.default_hours_per_week == 37.5);
    CHECK(config.strict);
    CHECK(config.effort_units().hours_per_day == 7.5);
    CHECK(config.effort_units().workdays_per_week == 5);

    REQUIRE(config.members.size() == 2);
    const Member& alice = config.members.at("alice");
    CHECK(alice.hours_per_week == 0.0);
    REQUIRE(alice.away.size() == 2);
    CHECK(alice.away[1].from == ymd(2027, 2, 1));
    CHECK(alice.away[1].to == ymd(2027, 2, 1));
    CHECK_FALSE(config.members.at("bob smith").hours_per_week);
    CHECK(config.members.at("bob smith").away.empty());
    CHECK(config.hours_per_week("alice") == 0.0);
    CHECK(config.hours_per_week("bob smith") == 37.5);
    CHECK(config.hours_per_week("carol") == 37.5);

    CHECK(config.client_kind("billing") == ClientKind::internal);
    CHECK(config.client_kind("acme") == ClientKind::external);
    CHECK(config.client_kind("unknown") == ClientKind::external);

    CHECK(config.report.overload_ratio == 0.9);
    CHECK(config.report.weeks == 520);
    CHECK(config.report.creep_ratio == 0.0);
    CHECK(config.report.creep_items == 1);
    CHECK(config.report.chronic_renegotiations == 1);
    CHECK(config.report.risk_days == 0);
    CHECK(config.report.neglect_points == 100.0);
    CHECK(config.report.confidence == 99);
    CHECK(config.sync_remote == "git@example.com:ops/ledger.git");

    const std::map<std::string, std::string> origins = {
        {"team.name", "line 2"},
        {"team.ledger", "line 3"},
        {"team.hours_per_day", "line 4"},
        {"team.workdays", "line 5"},
        {"team.default_hours_per_week", "line 6"},
        {"team.strict", "line 7"},
        {"members.alice.hours_per_week", "line 10"},
        {"members.alice.away", "line 11"},
        {"clients.billing.kind", "line 16"},
        {"clients.acme.kind", "line 18"},
        {"report.overload_ratio", "line 21"},
        {"report.weeks", "line 22"},
        {"report.creep_ratio", "line 23"},
        {"report.creep_items", "line 24"},
        {"report.chronic_renegotiations", "line 25"},
        {"report.risk_days", "line 26"},
        {"report.neglect_points", "line 27"},
        {"report.confidence", "line 28"},
        {"sync.remote", "line 31"},
    };
    CHECK(config.origins == origins);
}

TEST_CASE("parse_config: numbers may be integers or floats") {
    CHECK(parse_config("[team]\nhours_per_day = 6\n").hours_per_day == 6.0);
    CHECK(parse_config("[team]\nhours_per_day = 6.5\n").hours_per_day == 6.5);
    CHECK(parse_config("[team]\nhours_per_day = 24\n").hours_per_day == 24.0);
    CHECK(parse_config("[team]\nhours_per_day = 0.5\n").hours_per_day == 0.5);
    CHECK(parse_config("[team]\ndefault_hours_per_week = 0\n").default_hours_per_week == 0.0);
    CHECK(parse_config("[team]\ndefault_hours_per_week = 168.0\n").default_hours_per_week == 168.0);
    CHECK(parse_config("[report]\noverload_ratio = 2\n").report.overload_ratio == 2.0);
    CHECK(parse_config("[report]\nneglect_points = 7.5\n").report.neglect_points == 7.5);
}

TEST_CASE("parse_config: workdays") {
    CHECK(parse_config("[team]\nworkdays = [\"mon\"]\n").workweek.mask == 0b0000010);
    CHECK(parse_config("[team]\nworkdays = [\"saturday\", \"SUNDAY\"]\n").workweek.mask ==
          0b1000001);
    CHECK(parse_config("[team]\nworkdays = [\"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", "
                       "\"sat\"]\n")
              .workweek.days_per_week() == 7);
    CHECK(parse_config("[team]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\"]\n")
              .effort_units()
              .workdays_per_week == 4);
}

TEST_CASE("parse_config: away periods in every form") {
    const Config config = parse_config(R"([[members.alice.away]]
from = 2026-08-01
to = 2026-08-14

[[members.alice.away]]
from = "2026-12-24"
to = 2026-12-24
)");
    const Member& alice = config.members.at("alice");
    REQUIRE(alice.away.size() == 2);
    CHECK(alice.away[0].from == ymd(2026, 8, 1));
    CHECK(alice.away[0].to == ymd(2026, 8, 14));
    CHECK(alice.away[1].from == ymd(2026, 12, 24));
    CHECK(alice.away[1].to == ymd(2026, 12, 24));
    CHECK(config.origins.at("members.alice.away") == "line 1");
    CHECK(parse_config("[members.bob]\naway = []\n").members.at("bob").away.empty());
}

TEST_CASE("parse_config: [team] wrong types and out-of-range values") {
    CHECK(config_error("[team]\nname = \"x\"\nledger = \"x.db\"\nhours_per_day = \"abc\"\n") ==
          "4:17: team.hours_per_day must be a number greater than 0 and at most 24, not \"abc\"");
    SUBCASE("hours_per_day") {
        const std::string must =
            "2:17: team.hours_per_day must be a number greater than 0 and at most 24, not ";
        CHECK(config_error("[team]\nhours_per_day = 0\n") == must + "0");
        CHECK(config_error("[team]\nhours_per_day = 0.0\n") == must + "0.0");
        CHECK(config_error("[team]\nhours_per_day = -1\n") == must + "-1");
        CHECK(config_error("[team]\nhours_per_day = 24.5\n") == must + "24.5");
        CHECK(config_error("[team]\nhours_per_day = 25\n") == must + "25");
        CHECK(config_error("[team]\nhours_per_day = nan\n") == must + "nan");
        CHECK(config_error("[team]\nhours_per_day = inf\n") == must + "inf");
        CHECK(config_error("[team]\nhours_per_day = true\n") == must + "true");
        CHECK(config_error("[team]\nhours_per_day = [8]\n") == must + "an array");
        CHECK(config_error("[team]\nhours_per_day = 2026-01-01\n") == must + "2026-01-01");
        CHECK(config_error("[team]\nhours_per_day = 08:00:00\n") == must + "a time");
        CHECK(config_error("[team]\nhours_per_day = 2026-01-01T08:00:00\n") ==
              must + "a date-time");
        CHECK(config_error("[team]\nhours_per_day = { h = 8 }\n") == must + "a table");
    }
    SUBCASE("default_hours_per_week") {
        const std::string must =
            "2:26: team.default_hours_per_week must be a number from 0 to 168, not ";
        CHECK(config_error("[team]\ndefault_hours_per_week = -1\n") == must + "-1");
        CHECK(config_error("[team]\ndefault_hours_per_week = 168.5\n") == must + "168.5");
        CHECK(config_error("[team]\ndefault_hours_per_week = \"40\"\n") == must + "\"40\"");
        CHECK(config_error("[team]\ndefault_hours_per_week = -inf\n") == must + "-inf");
    }
    SUBCASE("name and ledger") {
        CHECK(config_error("[team]\nname = 5\n") ==
              "2:8: team.name must be a non-empty string, not 5");
        CHECK(config_error("[team]\nname = \"\"\n") ==
              "2:8: team.name must be a non-empty string, not \"\"");
        CHECK(config_error("[team]\nledger = true\n") ==
              "2:10: team.ledger must be a non-empty string, not true");
    }
    SUBCASE("strict") {
        CHECK(config_error("[team]\nstrict = \"yes\"\n") ==
              "2:10: team.strict must be true or false, not \"yes\"");
        CHECK(config_error("[team]\nstrict = 1\n") ==
              "2:10: team.strict must be true or false, not 1");
    }
    SUBCASE("workdays") {
        const std::string must = "team.workdays must be a non-empty array of weekday names such "
                                 "as [\"mon\", \"tue\"], not ";
        CHECK(config_error("[team]\nworkdays = \"mon\"\n") == "2:12: " + must + "\"mon\"");
        CHECK(config_error("[team]\nworkdays = []\n") == "2:12: " + must + "[]");
        CHECK(config_error("[team]\nworkdays = [\"mon\", \"funday\"]\n") ==
              "2:20: team.workdays[1] must be a weekday name (mon..sun), not \"funday\"");
        CHECK(config_error("[team]\nworkdays = [\"mon\", 3]\n") ==
              "2:20: team.workdays[1] must be a weekday name (mon..sun), not 3");
        CHECK(config_error("[team]\nworkdays = [\"mon\", \"tue\", \"Monday\"]\n") ==
              "2:27: team.workdays names \"Monday\" twice");
    }
    SUBCASE("a string with quotes is shown escaped") {
        CHECK(config_error("[team]\nname = 'say \"hi\"'\nhours_per_day = 'a\"b'\n") ==
              "3:17: team.hours_per_day must be a number greater than 0 and at most 24, not "
              "\"a\\\"b\"");
    }
}

TEST_CASE("parse_config: unknown tables and keys") {
    CHECK(config_error("[team]\ncolour = \"red\"\n") == "2:1: unknown key \"team.colour\"");
    CHECK(config_error("[teams]\nname = \"x\"\n") == "1:2: unknown table [teams]");
    CHECK(config_error("\n\n[foo.bar]\n") == "3:2: unknown table [foo]");
    CHECK(config_error("name = \"x\"\n") == "1:1: unknown key \"name\"");
    CHECK(config_error("[members.alice]\nhours = 3\n") ==
          "2:1: unknown key \"members.alice.hours\"");
    CHECK(config_error("[clients.acme]\ntype = \"internal\"\n") ==
          "2:1: unknown key \"clients.acme.type\"");
    CHECK(config_error("[report]\nweek = 3\n") == "2:1: unknown key \"report.week\"");
    CHECK(config_error("[sync]\nurl = \"x\"\n") == "2:1: unknown key \"sync.url\"");
    CHECK(config_error("[members.alice]\naway = [{ from = 2026-01-01, to = 2026-01-02, "
                       "why = \"x\" }]\n") == "2:47: unknown key \"members.alice.away[0].why\"");
}

TEST_CASE("parse_config: known names that are not tables") {
    CHECK(config_error("team = 5\n") == "1:8: team must be a table ([team]), not 5");
    CHECK(config_error("report = \"x\"\n") == "1:10: report must be a table ([report]), not \"x\"");
    CHECK(config_error("[members]\nalice = 5\n") ==
          "2:9: members.alice must be a table such as [members.alice], not 5");
    CHECK(config_error("[clients]\nacme = \"internal\"\n") ==
          "2:8: clients.acme must be a table such as [clients.acme], not \"internal\"");
    CHECK(config_error("[members.\"\"]\n") == "1:10: members needs a name, as in [members.alice]");
}

TEST_CASE("parse_config: [members] errors") {
    const std::string must =
        "2:18: members.alice.hours_per_week must be a number from 0 to 168, not ";
    CHECK(config_error("[members.alice]\nhours_per_week = 200\n") == must + "200");
    CHECK(config_error("[members.alice]\nhours_per_week = -1\n") == must + "-1");
    CHECK(config_error("[members.alice]\nhours_per_week = \"32\"\n") == must + "\"32\"");

    SUBCASE("away") {
        CHECK(config_error("[members.alice]\naway = 5\n") ==
              "2:8: members.alice.away must be an array such as [{ from = 2026-12-24, to = "
              "2027-01-02 }], not 5");
        CHECK(config_error("[members.alice]\naway = [5]\n") ==
              "2:9: members.alice.away[0] must be a table such as { from = 2026-12-24, to = "
              "2027-01-02 }, not 5");
        CHECK(config_error("[members.alice]\naway = [{ from = 2026-01-05 }]\n") ==
              "2:9: members.alice.away[0] needs both from and to dates");
        CHECK(config_error("[members.alice]\naway = [{ to = 2026-01-05 }]\n") ==
              "2:9: members.alice.away[0] needs both from and to dates");
        CHECK(config_error(
                  "[members.alice]\naway = [{ from = \"2026-02-30\", to = 2026-03-01 }]\n") ==
              "2:18: members.alice.away[0].from must be a date such as 2026-12-24, not "
              "\"2026-02-30\"");
        CHECK(config_error("[members.alice]\naway = [{ from = 2026-03-01, to = 5 }]\n") ==
              "2:35: members.alice.away[0].to must be a date such as 2026-12-24, not 5");
        CHECK(config_error("[members.alice]\naway = [{ from = 2026-03-01T09:00:00, to = "
                           "2026-03-02 }]\n") ==
              "2:18: members.alice.away[0].from must be a date such as 2026-12-24, not "
              "a date-time");
        CHECK(config_error("[members.alice]\naway = [{ from = 2026-01-01, to = 2026-01-02 },\n"
                           "        { from = 2026-01-05, to = 2026-01-04 }]\n") ==
              "3:35: members.alice.away[1] ends on 2026-01-04, before it starts on 2026-01-05");
    }
}

TEST_CASE("parse_config: [clients] errors") {
    const std::string must = "2:8: clients.acme.kind must be \"internal\" or \"external\", not ";
    CHECK(config_error("[clients.acme]\nkind = \"partner\"\n") == must + "\"partner\"");
    CHECK(config_error("[clients.acme]\nkind = \"Internal\"\n") == must + "\"Internal\"");
    CHECK(config_error("[clients.acme]\nkind = true\n") == must + "true");
    CHECK(parse_config("[clients.acme]\n").client_kind("acme") == ClientKind::external);
}

TEST_CASE("parse_config: [report] range errors") {
    struct Case {
        const char* line;
        const char* message;
    };
    const Case cases[] = {
        {"overload_ratio = 0",
         "2:18: report.overload_ratio must be a number greater than 0, not 0"},
        {"overload_ratio = inf",
         "2:18: report.overload_ratio must be a number greater than 0, not inf"},
        {"weeks = 0", "2:9: report.weeks must be a whole number from 1 to 520, not 0"},
        {"weeks = 521", "2:9: report.weeks must be a whole number from 1 to 520, not 521"},
        {"weeks = 2.5", "2:9: report.weeks must be a whole number from 1 to 520, not 2.5"},
        {"weeks = 8.0", "2:9: report.weeks must be a whole number from 1 to 520, not 8.0"},
        {"creep_ratio = -0.1", "2:15: report.creep_ratio must be a number of at least 0, not -0.1"},
        {"creep_items = 0", "2:15: report.creep_items must be a whole number of at least 1, not 0"},
        {"chronic_renegotiations = 0",
         "2:26: report.chronic_renegotiations must be a whole number of at least 1, not 0"},
        {"risk_days = -1", "2:13: report.risk_days must be a whole number of at least 0, not -1"},
        {"risk_days = \"3\"",
         "2:13: report.risk_days must be a whole number of at least 0, not \"3\""},
        {"neglect_points = 101",
         "2:18: report.neglect_points must be a number from 0 to 100, not 101"},
        {"neglect_points = -0.5",
         "2:18: report.neglect_points must be a number from 0 to 100, not -0.5"},
        {"confidence = 49", "2:14: report.confidence must be a whole number from 50 to 99, not 49"},
        {"confidence = 100",
         "2:14: report.confidence must be a whole number from 50 to 99, not 100"},
        {"confidence = 9999999999999",
         "2:14: report.confidence must be a whole number from 50 to 99, not 9999999999999"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.line);
        CHECK(config_error(std::string("[report]\n") + c.line + "\n") == c.message);
    }
}

TEST_CASE("parse_config: [sync] errors") {
    CHECK(config_error("[sync]\nremote = 5\n") ==
          "2:10: sync.remote must be a non-empty string, not 5");
    CHECK(config_error("[sync]\nremote = \"\"\n") ==
          "2:10: sync.remote must be a non-empty string, not \"\"");
}

TEST_CASE("parse_config: the first problem in the file is the one reported") {
    // Tables are visited in name order (report before team); the report must still follow the file.
    CHECK(config_error("[team]\nhours_per_day = 0\n[report]\nweeks = 0\n") ==
          "2:17: team.hours_per_day must be a number greater than 0 and at most 24, not 0");
    CHECK(config_error("[team]\nstrict = 1\nname = 5\n") ==
          "2:10: team.strict must be true or false, not 1");
}

TEST_CASE("parse_config: TOML syntax errors carry their position") {
    struct Case {
        const char* text;
        const char* position;
    };
    const Case cases[] = {
        {"[team\nname = \"x\"\n", "1:"},
        {"[team]\nname = = \"x\"\n", "2:8: "},
        {"[team]\nname = \"x\"\nname = \"y\"\n", "3:"},
        {"[team]\nname = \"x\n", "2:"},
        {"[members.alice]\naway = [{ from = 2026-02-30, to = 2026-03-01 }]\n", "2:"},
        {"\n\n\n[report]\nweeks = 08\n", "5:"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const std::string message = config_error(c.text);
        CHECK(message.rfind(c.position, 0) == 0);
        CHECK(message.size() > std::string(c.position).size() + 10);
    }
    CHECK(config_error("[team]\nname = = \"x\"\n") ==
          "2:8: Error while parsing value: could not determine value type");
}

TEST_CASE("to_string: client kinds") {
    CHECK(to_string(ClientKind::internal) == "internal");
    CHECK(to_string(ClientKind::external) == "external");
}

TEST_CASE("default_config_text: parses to the defaults for its team") {
    const Config config = parse_config(default_config_text("platform"));
    CHECK(config.team_name == "platform");
    CHECK(config.ledger == "platform.kept.db");
    CHECK(config.hours_per_day == 8.0);
    CHECK(config.workweek == WorkWeek{});
    CHECK(config.default_hours_per_week == 40.0);
    CHECK_FALSE(config.strict);
    CHECK(config.members.empty());
    CHECK(config.clients.empty());
    const ReportSettings defaults;
    CHECK(config.report.overload_ratio == defaults.overload_ratio);
    CHECK(config.report.weeks == defaults.weeks);
    CHECK(config.report.creep_ratio == defaults.creep_ratio);
    CHECK(config.report.creep_items == defaults.creep_items);
    CHECK(config.report.chronic_renegotiations == defaults.chronic_renegotiations);
    CHECK(config.report.risk_days == defaults.risk_days);
    CHECK(config.report.neglect_points == defaults.neglect_points);
    CHECK(config.report.confidence == defaults.confidence);
    CHECK_FALSE(config.sync_remote);
}

TEST_CASE("default_config_text: the ledger line names the team's file") {
    const std::string text = default_config_text("platform");
    CHECK(text.find("\nledger = \"platform.kept.db\"") != std::string::npos);
    CHECK(text.find("\nname = \"platform\"") != std::string::npos);
}

TEST_CASE("default_config_text: any team name survives quoting") {
    for (const char* name : {"ops \"blue\"", "back\\slash", "tab\there", "émile", "a'b"}) {
        CAPTURE(name);
        const Config config = parse_config(default_config_text(name));
        CHECK(config.team_name == name);
        CHECK(config.ledger == std::string(name) + ".kept.db");
    }
}

TEST_CASE("default_config_text: its commented-out examples parse too") {
    const std::string text = uncomment_examples(default_config_text("platform"));
    CHECK(text.find("\n[members.alice]\n") != std::string::npos);
    CHECK(text.find("\n[sync]\n") != std::string::npos);
    const Config config = parse_config(text);
    CHECK(config.hours_per_week("alice") == 32.0);
    REQUIRE(config.members.at("alice").away.size() == 1);
    CHECK(config.client_kind("billing-team") == ClientKind::internal);
    CHECK(config.sync_remote);
}
