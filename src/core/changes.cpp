#include "kept/changes.hpp"

#include "kept/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unordered_set>

namespace kept {

namespace {

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return false;
            }
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr std::uint32_t smallest[] = {0, 0x80, 0x800, 0x10000};
        if (code < smallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

nlohmann::json change(const nlohmann::json& before, const nlohmann::json& after) {
    return {{"before", before}, {"after", after}};
}

void require_open(const Commitment& c, std::string_view action) {
    if (!c.is_open()) {
        throw BadValue(fmt::format("commitment #{} is {}; {}", c.id, to_string(c.state), action));
    }
}

} // namespace

void check_item_count(std::string_view field, std::size_t count) {
    if (count > max_list_items) {
        throw BadValue(fmt::format("{}: {} items, more than the {} kept accepts on one commitment",
                                   field, count, max_list_items));
    }
}

void check_items(std::string_view field, const std::vector<std::string>& items) {
    check_item_count(field, items.size());
    std::unordered_set<std::string_view> seen;
    for (const auto& item : items) {
        check_text(field, item);
        if (!seen.insert(item).second) {
            throw BadValue(fmt::format("{}: \"{}\" is given twice", field, item));
        }
    }
}

void check_text(std::string_view field, const std::string& text, bool may_be_blank) {
    if (!valid_utf8(text)) {
        throw BadValue(fmt::format("{}: the text is not valid UTF-8", field));
    }
    if (text.find('\0') != std::string::npos) {
        throw BadValue(fmt::format("{}: the text contains a NUL byte", field));
    }
    if (!may_be_blank && blank(text)) {
        throw BadValue(fmt::format("{}: \"{}\" is empty", field, text));
    }
}

nlohmann::json added_payload(const NewCommitment& r, Date today) {
    check_text("title", r.title);
    check_text("--client", r.client);
    check_text("--owner", r.owner);
    check_items("--scope", r.scope);
    check_items("--tag", r.tags);
    if (r.effort < 1) {
        throw BadValue(
            fmt::format("--effort: {} must be at least one minute", format_hours(r.effort)));
    }
    if (r.due < today) {
        throw BadValue(fmt::format("--due: \"{}\" is before today ({})", format_date(r.due),
                                   format_date(today)));
    }
    nlohmann::json payload = {
        {"title", r.title},
        {"client", r.client},
        {"client_kind", to_string(r.client_kind)},
        {"owner", r.owner},
        {"due", format_date(r.due)},
        {"effort_minutes", r.effort},
        {"scope", r.scope},
        {"tags", r.tags},
        {"created", format_date(today)},
    };
    if (r.fee) {
        payload["fee"] = fee_decimal(*r.fee);
    }
    return payload;
}

std::optional<Cents> parse_fee_option(std::string_view text, bool may_clear) {
    if (may_clear && text == "none") {
        return std::nullopt;
    }
    return parse_fee(text, "--fee");
}

nlohmann::json renegotiated_payload(const Commitment& c, const Renegotiation& r, Date today) {
    require_open(c, "reopen it before renegotiating");
    if (r.requested_by != "client" && r.requested_by != "team") {
        throw BadValue(fmt::format("--requested-by: \"{}\" is not client or team", r.requested_by));
    }
    nlohmann::json payload = nlohmann::json::object();
    if (r.due && *r.due != c.due) {
        if (*r.due < c.created) {
            throw BadValue(fmt::format("--due: \"{}\" is before the commitment was made ({})",
                                       format_date(*r.due), format_date(c.created)));
        }
        payload["due"] = change(format_date(c.due), format_date(*r.due));
    }
    if (r.effort) {
        Minutes after = r.effort->apply(c.effort, "--effort");
        if (after != c.effort) {
            payload["effort_minutes"] = change(c.effort, after);
        }
    }
    if (r.owner && *r.owner != c.owner) {
        check_text("--owner", *r.owner);
        payload["owner"] = change(c.owner, *r.owner);
    }
    check_items("--add-scope", r.add_scope);
    check_items("--drop-scope", r.drop_scope);
    const std::unordered_set<std::string_view> scope(c.scope.begin(), c.scope.end());
    for (const auto& item : r.add_scope) {
        if (scope.count(item) != 0) {
            throw BadValue(fmt::format("--add-scope: \"{}\" is already in scope", item));
        }
    }
    for (const auto& item : r.drop_scope) {
        if (scope.count(item) == 0) {
            throw BadValue(fmt::format("--drop-scope: \"{}\" is not in scope", item));
        }
    }
    check_item_count("scope", c.scope.size() + r.add_scope.size() - r.drop_scope.size());
    if (!r.add_scope.empty() || !r.drop_scope.empty()) {
        payload["scope"] = {{"added", r.add_scope}, {"dropped", r.drop_scope}};
    }
    if (r.fee && *r.fee != c.fee) {
        auto decimal = [](const std::optional<Cents>& fee) {
            return fee ? nlohmann::json(fee_decimal(*fee)) : nlohmann::json(nullptr);
        };
        payload["fee"] = {{"before", decimal(c.fee)}, {"after", decimal(*r.fee)}};
    }
    if (payload.empty()) {
        throw BadValue(fmt::format("nothing to renegotiate: give --due, --effort, --add-scope, "
                                   "--drop-scope, --owner or --fee with a new value for #{}",
                                   c.id));
    }
    payload["requested_by"] = r.requested_by;
    payload["due_in_force"] = format_date(c.due);
    payload["late"] = today > c.due;
    return payload;
}

nlohmann::json edited_payload(const Commitment& c, const Edit& r) {
    nlohmann::json payload = nlohmann::json::object();
    std::vector<std::string> unchanged;
    auto text_edit = [&](const char* key, const char* option, const std::optional<std::string>& to,
                         const std::string& from) {
        if (!to) {
            return;
        }
        check_text(option, *to);
        if (*to == from) {
            unchanged.push_back(fmt::format("{} is already \"{}\"", key, from));
        } else {
            payload[key] = change(from, *to);
        }
    };
    text_edit("title", "--title", r.title, c.title);
    text_edit("client", "--client", r.client, c.client);
    if (r.client_kind) {
        if (*r.client_kind == c.client_kind) {
            unchanged.push_back(fmt::format("client kind is already {}", to_string(c.client_kind)));
        } else {
            payload["client_kind"] = change(to_string(c.client_kind), to_string(*r.client_kind));
        }
    }
    check_items("--tag", r.add_tags);
    check_items("--untag", r.drop_tags);
    const std::unordered_set<std::string_view> tags(c.tags.begin(), c.tags.end());
    const std::unordered_set<std::string_view> dropping(r.drop_tags.begin(), r.drop_tags.end());
    for (const auto& tag : r.add_tags) {
        if (dropping.count(tag) != 0) {
            throw BadValue(fmt::format("--untag: \"{}\" is also given to --tag", tag));
        }
        if (tags.count(tag) != 0) {
            throw BadValue(fmt::format("--tag: #{} is already tagged \"{}\"", c.id, tag));
        }
    }
    for (const auto& tag : r.drop_tags) {
        if (tags.count(tag) == 0) {
            throw BadValue(fmt::format("--untag: #{} is not tagged \"{}\"", c.id, tag));
        }
    }
    check_item_count("tags", c.tags.size() + r.add_tags.size() - r.drop_tags.size());
    if (!r.add_tags.empty() || !r.drop_tags.empty()) {
        payload["tags"] = {{"added", r.add_tags}, {"dropped", r.drop_tags}};
    }
    if (payload.empty()) {
        std::string what;
        for (const auto& part : unchanged) {
            what += (what.empty() ? "" : ", ") + part;
        }
        throw BadValue(what.empty() ? fmt::format("nothing to edit: give --title, --client, "
                                                  "--internal, --external, --tag or --untag "
                                                  "for #{}",
                                                  c.id)
                                    : fmt::format("nothing to edit: #{}'s {}", c.id, what));
    }
    return payload;
}

nlohmann::json closed_payload(const Commitment& c, State outcome, Date on, Date today,
                              std::optional<Minutes> spent) {
    require_open(c, "reopen it first to close it again");
    if (on < c.created) {
        throw BadValue(fmt::format("--on: \"{}\" is before the commitment was made ({})",
                                   format_date(on), format_date(c.created)));
    }
    if (on > today) {
        throw BadValue(fmt::format("--on: \"{}\" is in the future", format_date(on)));
    }
    nlohmann::json payload = {{"state", change(to_string(State::open), to_string(outcome))},
                              {"on", format_date(on)}};
    if (spent) {
        if (outcome != State::delivered) {
            throw BadValue("--spent: only a delivered commitment records the effort spent");
        }
        payload["spent_minutes"] = *spent;
    }
    return payload;
}

nlohmann::json reopened_payload(const Commitment& c) {
    if (c.is_open()) {
        throw BadValue(fmt::format("commitment #{} is already open", c.id));
    }
    return {{"state", change(to_string(c.state), to_string(State::open))}};
}

} // namespace kept
