#include "kept/error.hpp"
#include "kept/fee.hpp"

#include <doctest/doctest.h>

using namespace kept;

TEST_CASE("parse_fee: whole units or up to two decimals, exactly") {
    CHECK(parse_fee("1200", "--fee") == 120000);
    CHECK(parse_fee("1200.5", "--fee") == 120050);
    CHECK(parse_fee("1200.50", "--fee") == 120050);
    CHECK(parse_fee("0.99", "--fee") == 99);
    CHECK(parse_fee("0", "--fee") == 0);
    CHECK(parse_fee("007", "--fee") == 700);
    CHECK(parse_fee("0.1", "--fee") == 10);
    CHECK(parse_fee("1000000000000", "--fee") == max_fee);
    CHECK(parse_fee("000000000000001000000000000", "--fee") == max_fee);
    for (const char* bad : {"", "-5", "+5", "12,00", "1,200", "1.", ".5", "1.234", "1e3", "abc",
                            "1 200", "0x10", "EUR 5"}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(parse_fee(bad, "--fee"),
                             doctest::Contains("is not an amount (use 1200 or 1200.50)"),
                             BadValue);
    }
    CHECK_THROWS_WITH_AS(parse_fee("1000000000000.01", "--fee"),
                         "--fee: \"1000000000000.01\" is too large (at most 1000000000000)",
                         BadValue);
    CHECK_THROWS_WITH_AS(parse_fee("99999999999999999999999", "--fee"),
                         doctest::Contains("is too large"), BadValue);
}

TEST_CASE("format_fee and fee_decimal: grouped for people, exact for machines") {
    CHECK(format_fee(0) == "0");
    CHECK(format_fee(99) == "0.99");
    CHECK(format_fee(120000) == "1,200");
    CHECK(format_fee(120050) == "1,200.50");
    CHECK(format_fee(100000) == "1,000");
    CHECK(format_fee(99999) == "999.99");
    CHECK(format_fee(max_fee) == "1,000,000,000,000");
    CHECK(fee_decimal(0) == "0.00");
    CHECK(fee_decimal(5) == "0.05");
    CHECK(fee_decimal(120050) == "1200.50");
    for (Cents cents : {Cents{0}, Cents{1}, Cents{99}, Cents{100}, Cents{120050}, max_fee}) {
        CHECK(fee_from_decimal(fee_decimal(cents)) == cents);
    }
    CHECK(!fee_from_decimal("1,200.00"));
}
