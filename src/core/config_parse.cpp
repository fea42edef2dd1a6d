#include "kept/config.hpp"

#include "kept/error.hpp"
#include "kept/signing.hpp"

#include "config_values.hpp"

#include <fmt/format.h>

#include <limits>
#include <optional>
#include <string>
#include <tuple>

namespace kept {

namespace {

using namespace config_values;

class ConfigParser {
  public:
    Config parse(const toml::table& root) {
        each(root, [this](const toml::key& key, const toml::node& node) { read_root(key, node); });
        if (first_) {
            throw ConfigError(fmt::format("{}:{}: {}", first_->where.line, first_->where.column,
                                          first_->message));
        }
        return std::move(config_);
    }

  private:
    // Reads every key of `table` with `read`, going on after a problem: toml++ visits keys in name
    // order, and the problem to report is the one that comes first in the file.
    template <typename Read> void each(const toml::table& table, Read read) {
        for (auto&& [key, node] : table) {
            try {
                read(key, node);
            } catch (Problem& problem) {
                const auto at = [](const Problem& p) {
                    return std::tuple{p.where.line, p.where.column};
                };
                if (!first_ || at(problem) < at(*first_)) {
                    first_ = std::move(problem);
                }
            }
        }
    }

    void set_origin(const std::string& name, const toml::key& key) {
        config_.origins[name] = fmt::format("line {}", key.source().begin.line);
    }

    void read_root(const toml::key& key, const toml::node& node);
    void read_team(const toml::key& key, const toml::node& node);
    void read_report(const toml::key& key, const toml::node& node);
    void read_sync(const toml::key& key, const toml::node& node);

    Config config_;
    std::optional<Problem> first_;
};

void ConfigParser::read_root(const toml::key& key, const toml::node& node) {
    const std::string name(key.str());
    const toml::table* table = node.as_table();
    if (name != "team" && name != "members" && name != "clients" && name != "report" &&
        name != "sync") {
        fail(key.source(), table ? fmt::format("unknown table [{}]", name)
                                 : fmt::format("unknown key {:?}", name));
    }
    if (!table) {
        fail(node.source(),
             fmt::format("{} must be a table ([{}]), not {}", name, name, describe(node)));
    }
    if (name == "team") {
        each(*table, [this](const toml::key& k, const toml::node& n) { read_team(k, n); });
    } else if (name == "report") {
        each(*table, [this](const toml::key& k, const toml::node& n) { read_report(k, n); });
    } else if (name == "sync") {
        each(*table, [this](const toml::key& k, const toml::node& n) { read_sync(k, n); });
    } else if (name == "members") {
        each(*table, [this](const toml::key& member_key, const toml::node& member_node) {
            const std::string member(member_key.str());
            if (member.empty()) {
                fail(member_key.source(), "members needs a name, as in [members.alice]");
            }
            Member& target = config_.members[member];
            const std::string prefix = "members." + member;
            each(table_named(member_node, "members", member),
                 [&](const toml::key& k, const toml::node& n) {
                     const std::string path = fmt::format("{}.{}", prefix, k.str());
                     if (k == "hours_per_week") {
                         target.hours_per_week = number(n, path, {0, true, 168, "from 0 to 168"});
                     } else if (k == "away") {
                         target.away = away_periods(n, path);
                     } else {
                         unknown_key(k, prefix);
                     }
                     set_origin(path, k);
                 });
        });
    } else {
        each(*table, [this](const toml::key& client_key, const toml::node& client_node) {
            const std::string client(client_key.str());
            if (client.empty()) {
                fail(client_key.source(), "clients needs a name, as in [clients.acme]");
            }
            ClientKind& target = config_.clients[client];
            const std::string prefix = "clients." + client;
            each(table_named(client_node, "clients", client),
                 [&](const toml::key& k, const toml::node& n) {
                     if (k != "kind") {
                         unknown_key(k, prefix);
                     }
                     target = client_kind(n, prefix + ".kind");
                     set_origin(prefix + ".kind", k);
                 });
        });
    }
}

void ConfigParser::read_sync(const toml::key& key, const toml::node& node) {
    const std::string name = fmt::format("sync.{}", key.str());
    auto strings = [&](std::string_view example) {
        const auto* array = node.as_array();
        if (!array) {
            fail(node.source(), fmt::format("{} must be an array of texts such as [{}], not {}",
                                            name, example, describe(node)));
        }
        std::vector<std::pair<std::string, const toml::node*>> out;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& item = *array->get(i);
            out.emplace_back(text(item, fmt::format("{}[{}]", name, i)), &item);
        }
        return out;
    };
    if (key == "remote") {
        config_.sync_remote = text(node, name);
    } else if (key == "trusted") {
        for (const auto& [entry, item] : strings("\"REPLICA-UUID=PUBLIC-KEY\"")) {
            auto pin = parse_trusted_entry(entry);
            if (!pin) {
                fail(item->source(), fmt::format("{}: {:?} is not REPLICA-UUID=PUBLIC-KEY (the "
                                                 "key as 64 lowercase hex digits, as kept sync "
                                                 "prints it)",
                                                 name, entry));
            }
            config_.sync_trust.pinned[pin->first].insert(pin->second);
        }
    } else if (key == "revoked") {
        for (const auto& [entry, item] : strings("\"PUBLIC-KEY\"")) {
            if (!is_key_text(entry)) {
                fail(item->source(), fmt::format("{}: {:?} is not a public key (64 lowercase hex "
                                                 "digits)",
                                                 name, entry));
            }
            config_.sync_trust.revoked.insert(entry);
        }
    } else {
        unknown_key(key, "sync");
    }
    set_origin(name, key);
}

void ConfigParser::read_team(const toml::key& key, const toml::node& node) {
    const std::string name = fmt::format("team.{}", key.str());
    if (key == "name") {
        config_.team_name = text(node, name);
    } else if (key == "ledger") {
        config_.ledger = text(node, name);
    } else if (key == "hours_per_day") {
        config_.hours_per_day = number(node, name, {0, false, 24, "greater than 0 and at most 24"});
    } else if (key == "workdays") {
        config_.workweek = workdays(node);
    } else if (key == "default_hours_per_week") {
        config_.default_hours_per_week = number(node, name, {0, true, 168, "from 0 to 168"});
    } else if (key == "strict") {
        config_.strict = boolean(node, name);
    } else if (key == "holidays") {
        config_.holidays = dates(node, name);
    } else if (key == "currency") {
        config_.currency = currency(node, name);
    } else {
        unknown_key(key, "team");
    }
    set_origin(name, key);
}

void ConfigParser::read_report(const toml::key& key, const toml::node& node) {
    const std::string name = fmt::format("report.{}", key.str());
    ReportSettings& r = config_.report;
    constexpr int many = std::numeric_limits<int>::max();
    if (key == "overload_ratio") {
        r.overload_ratio = number(node, name, {0, false, no_limit, "greater than 0"});
    } else if (key == "weeks") {
        r.weeks = whole_number(node, name, 1, 520, "from 1 to 520");
    } else if (key == "creep_ratio") {
        r.creep_ratio = number(node, name, {0, true, no_limit, "of at least 0"});
    } else if (key == "creep_items") {
        r.creep_items = whole_number(node, name, 1, many, "of at least 1");
    } else if (key == "chronic_renegotiations") {
        r.chronic_renegotiations = whole_number(node, name, 1, many, "of at least 1");
    } else if (key == "risk_days") {
        r.risk_days = whole_number(node, name, 0, many, "of at least 0");
    } else if (key == "neglect_points") {
        r.neglect_points = number(node, name, {0, true, 100, "from 0 to 100"});
    } else if (key == "confidence") {
        r.confidence = whole_number(node, name, 50, 99, "from 50 to 99");
    } else {
        unknown_key(key, "report");
    }
    set_origin(name, key);
}

} // namespace

Config parse_config(std::string_view text) {
    toml::table root;
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error& e) {
        throw ConfigError(fmt::format("{}:{}: {}", e.source().begin.line, e.source().begin.column,
                                      e.description()));
    }
    return ConfigParser{}.parse(root);
}

} // namespace kept
