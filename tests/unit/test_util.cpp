// The helpers of src/util: text, files, environment.

#include "util/environment.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

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
