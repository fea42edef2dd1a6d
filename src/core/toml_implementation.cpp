// toml++'s implementation, compiled once into kept (every other file includes its declarations
// only; see toml.hpp).

#define TOML_IMPLEMENTATION
#include "toml.hpp"
