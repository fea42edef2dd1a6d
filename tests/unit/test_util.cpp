// The helpers of src/util: text, files, environment.

#include "util/environment.hpp"
#include "util/files.hpp"
#include "util/text.hpp"
#include "util/uuid.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <unistd.h>

using namespace kept::util;

TEST_CASE("lowercase: lowers ASCII only") {
    CHECK(lowercase("Fri EOW") == "fri eow");
    CHECK(lowercase("\xC3\x89TE") == "\xC3\x89te"); // "ÉTE": the UTF-8 É as it was
}

TEST_CASE("parse_integer: the whole text or nothing") {
    CHECK(parse_integer<int>("42") == 42);
    CHECK(parse_integer<int>("-3") == -3);
    CHECK_FALSE(parse_integer<int>(""));
    CHECK_FALSE(parse_integer<int>("+3"));
    CHECK_FALSE(parse_integer<int>("12x"));
    CHECK_FALSE(parse_integer<int>(" 1"));
    CHECK_FALSE(parse_integer<int>("99999999999"));
    CHECK(parse_integer<std::int64_t>("99999999999") == 99999999999);
}

TEST_CASE("in_comma_list: whole entries only") {
    CHECK(in_comma_list("table,json,ndjson", "json"));
    CHECK(in_comma_list("table,json,ndjson", "table"));
    CHECK(in_comma_list("table,json,ndjson", "ndjson"));
    CHECK_FALSE(in_comma_list("table,json,ndjson", "jso"));
    CHECK_FALSE(in_comma_list("table,json", ""));
}

TEST_CASE("from_hex: lowercase hex back to the bytes to_hex made, or false") {
    const unsigned char bytes[] = {0x00, 0x9f, 0xa0, 0xff};
    std::string hex = kept::util::to_hex(bytes, sizeof bytes);
    CHECK(hex == "009fa0ff");
    unsigned char out[4] = {};
    REQUIRE(kept::util::from_hex(hex, out));
    CHECK(std::equal(std::begin(out), std::end(out), std::begin(bytes)));
    CHECK(kept::util::from_hex("", out));
    CHECK_FALSE(kept::util::from_hex("009", out));
    CHECK_FALSE(kept::util::from_hex("00FF", out));
    CHECK_FALSE(kept::util::from_hex("0g", out));
}

TEST_CASE("read_file: whole, from an offset, up to a limit, or nullopt") {
    auto path =
        std::filesystem::temp_directory_path() / ("kept-util-read-" + std::to_string(::getpid()));
    {
        std::ofstream out(path, std::ios::binary);
        out << "hello\nworld\n";
    }
    CHECK(read_file(path) == "hello\nworld\n");
    CHECK(read_file(path, 6) == "world\n");
    CHECK(read_file(path, 100) == "");
    CHECK(read_file(path, 0, 3) == "hel");
    std::filesystem::remove(path);
    CHECK_FALSE(read_file(path));
}

TEST_CASE("xdg_home: the variable when absolute, else under HOME") {
    const char* saved_xdg = std::getenv("XDG_CONFIG_HOME");
    const char* saved_home = std::getenv("HOME");
    std::string xdg = saved_xdg ? saved_xdg : "";
    std::string home = saved_home ? saved_home : "";
    ::setenv("HOME", "/home/a", 1);
    ::setenv("XDG_CONFIG_HOME", "/etc/x", 1);
    CHECK(xdg_home("XDG_CONFIG_HOME", ".config") == std::filesystem::path("/etc/x"));
    ::setenv("XDG_CONFIG_HOME", "relative", 1);
    CHECK(xdg_home("XDG_CONFIG_HOME", ".config") == std::filesystem::path("/home/a/.config"));
    ::unsetenv("HOME");
    CHECK_FALSE(xdg_home("XDG_CONFIG_HOME", ".config"));
    saved_xdg ? ::setenv("XDG_CONFIG_HOME", xdg.c_str(), 1) : ::unsetenv("XDG_CONFIG_HOME");
    saved_home ? ::setenv("HOME", home.c_str(), 1) : ::unsetenv("HOME");
}

TEST_CASE("time_ordered_uuid: version 7, the time in milliseconds, in the order made") {
    auto ms_now = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    long long before = ms_now();
    std::string last;
    for (int i = 0; i < 20000; ++i) {
        auto uuid = kept::util::time_ordered_uuid();
        REQUIRE(uuid);
        REQUIRE(uuid->size() == 36);
        CHECK((*uuid)[14] == '7');
        CHECK(std::string("89ab").find((*uuid)[19]) != std::string::npos);
        REQUIRE(*uuid > last);
        last = *uuid;
    }
    std::string hex = last.substr(0, 8) + last.substr(9, 4);
    long long stamped = std::stoll(hex, nullptr, 16);
    CHECK(stamped >= before);
    // Made faster than 2,048 a millisecond, they run ahead of the clock: a full counter steps
    // the milliseconds on (RFC 9562, 6.2, method 1), at least 2,048 UUIDs a step.
    CHECK(stamped <= ms_now() + 20000 / 2048 + 1);
}

TEST_CASE("TimeOrderedUuids: a full millisecond steps on to the next; a clock gone back too") {
    auto stamp_of = [](const std::string& uuid) {
        return std::stoll(uuid.substr(0, 8) + uuid.substr(9, 4), nullptr, 16);
    };
    const long long ms = 1'796'083'200'000; // 2026-12-01
    kept::util::TimeOrderedUuids uuids;
    std::string last;
    // More than the 4,096 values of a millisecond's counter.
    for (int i = 0; i < 10000; ++i) {
        auto uuid = uuids.next(ms);
        REQUIRE(uuid);
        CHECK((*uuid)[14] == '7');
        REQUIRE(*uuid > last);
        last = *uuid;
    }
    CHECK(stamp_of(last) > ms);
    CHECK(stamp_of(last) <= ms + 10000 / 2048 + 1);
    auto back = uuids.next(ms - 60'000);
    REQUIRE(back);
    CHECK(*back > last);
}
