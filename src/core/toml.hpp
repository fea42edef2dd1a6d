#pragma once

// toml++, as kept builds it: its implementation compiled once, in toml_implementation.cpp, rather
// than Debian's shared library loaded (src/core/CMakeLists.txt says why); and its own assertions
// off in every build, as in that library (built with NDEBUG): toml++ 3.3.0 trips one on a config
// of "[ȝ", where without it the parser says that the character does not start a key
// (tests/unit/test_config.cpp). Every file of kept that uses toml++ includes this header.

#define TOML_HEADER_ONLY 0
#define TOML_ASSERT(expr) static_assert(true)
#include <toml++/toml.h>
