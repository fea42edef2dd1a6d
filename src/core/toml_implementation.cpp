// toml++'s implementation, compiled once into kept (the rest of core includes its declarations
// only, with TOML_HEADER_ONLY=0; see src/core/CMakeLists.txt).

#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
