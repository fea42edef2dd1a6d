#pragma once

#include <stdexcept>
#include <string>

namespace kept {

/// Process exit codes (sysexits.h values where one fits); see docs/user-guide.md.
enum class ExitCode : int {
    ok = 0,
    check_failed = 1,
    usage = 64,
    bad_value = 65,
    not_found = 66,
    internal = 70,
    cannot_create = 73,
    io = 74,
    busy = 75,
    permission = 77,
    config = 78,
};

/// Base of every error kept reports to the user. The message is one line, without "kept: ".
class Error : public std::runtime_error {
  public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ExitCode code() const { return code_; }

  private:
    ExitCode code_;
};

/// Malformed command line (unknown option, missing argument).
struct UsageError : Error {
    explicit UsageError(const std::string& m) : Error(ExitCode::usage, m) {}
};
/// A value that parses but is not acceptable: a bad date, a zero effort, an illegal state change.
struct BadValue : Error {
    explicit BadValue(const std::string& m) : Error(ExitCode::bad_value, m) {}
};
/// No such ledger, config file or commitment.
struct NotFound : Error {
    explicit NotFound(const std::string& m) : Error(ExitCode::not_found, m) {}
};
/// Bad team config (the message names file:line:col) or an unsupported ledger schema.
struct ConfigError : Error {
    explicit ConfigError(const std::string& m) : Error(ExitCode::config, m) {}
};
/// The ledger stayed locked by another writer past the busy timeout.
struct BusyError : Error {
    explicit BusyError(const std::string& m) : Error(ExitCode::busy, m) {}
};
/// Reading or writing the ledger failed (disk full, I/O error, not a database).
struct StorageError : Error {
    using Error::Error;
    explicit StorageError(const std::string& m) : Error(ExitCode::io, m) {}
};
/// A check found something: verify found damage, a --fail-on flag fired.
struct CheckFailed : Error {
    explicit CheckFailed(const std::string& m) : Error(ExitCode::check_failed, m) {}
};

} // namespace kept
