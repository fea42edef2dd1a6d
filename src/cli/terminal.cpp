#include "cli/terminal.hpp"

#include "util/environment.hpp"
#include "util/text.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace kept::cli {

Terminal detect_terminal() {
    Terminal terminal;
    terminal.tty = ::isatty(STDOUT_FILENO) == 1;
    if (auto columns = util::env("COLUMNS")) {
        if (auto number = util::parse_integer<int>(*columns); number && *number > 0) {
            terminal.width = static_cast<std::size_t>(*number);
            return terminal;
        }
    }
    winsize size{};
    if (terminal.tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        terminal.width = size.ws_col;
    }
    return terminal;
}

} // namespace kept::cli
