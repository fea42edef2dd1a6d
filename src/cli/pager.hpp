#pragma once

// A pager for a long table on a terminal, the way git runs one.

#include <string>
#include <sys/types.h>

namespace kept::cli {

/// The pager command: $KEPT_PAGER, else $PAGER, else "less -FRX"; empty (no pager) when the
/// one found is empty or "cat".
std::string pager_command();

/// While a Pager runs, standard output is a pipe to it. The command is a program and its
/// arguments, split at blanks and run without a shell (so that a missing program is seen, and
/// the output printed directly). LESS is set to FRX when unset. SIGPIPE is ignored, so a pager quit
/// early shows as a failed write the caller may forgive.
class Pager {
  public:
    /// Starts `command`; when it is empty or cannot start, nothing runs and stdout stays.
    explicit Pager(const std::string& command);
    ~Pager();
    Pager(const Pager&) = delete;
    Pager& operator=(const Pager&) = delete;

    bool running() const { return pid_ > 0; }
    /// Flushes stdout, gives it back its own file and waits for the pager to end.
    void finish();

  private:
    pid_t pid_ = -1;
    int saved_stdout_ = -1;
};

} // namespace kept::cli
