// Commitment rows of `kept import --commitments`: the fields of `kept add`, given as a JSON
// object or a CSV row, checked field by field.

#include "kept/error.hpp"
#include "kept/import.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace kept {

namespace {

// The same bound parse_effort keeps: anything past a hundred years is a typo.
constexpr double max_effort_hours = 876'000.0;

// A value as JSON text for a message; bad UTF-8 in it is replaced, never thrown on.
std::string shown(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The value of `name` in `row`, or nullptr when it is absent or null.
const nlohmann::json* given(const nlohmann::json& row, const std::string& name) {
    auto it = row.find(name);
    return it == row.end() || it->is_null() ? nullptr : &*it;
}

std::string text_of(const nlohmann::json& value, const std::string& name) {
    if (!value.is_string()) {
        throw BadValue(fmt::format("{}: must be text, not {}", name, shown(value)));
    }
    std::string text = value.get<std::string>();
    check_text(name, text);
    return text;
}

std::string required_text(const nlohmann::json& row, const std::string& name) {
    const auto* value = given(row, name);
    if (value == nullptr) {
        throw BadValue(fmt::format("{}: missing", name));
    }
    return text_of(*value, name);
}

std::string trimmed(std::string_view text) {
    std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return "";
    }
    std::size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

bool bool_of(const nlohmann::json& value, const std::string& name) {
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_string()) {
        std::string text = util::lowercase(trimmed(value.get<std::string>()));
        if (text == "true" || text == "yes" || text == "1") {
            return true;
        }
        if (text == "false" || text == "no" || text == "0") {
            return false;
        }
    }
    throw BadValue(fmt::format("{}: {} is not true or false", name, shown(value)));
}

// An array of text, or text holding a JSON array or items separated by ";".
std::vector<std::string> list_of(const nlohmann::json& value, const std::string& name) {
    nlohmann::json items = value;
    if (value.is_string()) {
        std::string text = trimmed(value.get<std::string>());
        if (!text.empty() && text.front() == '[') {
            try {
                items = parse_json_line(text);
            } catch (const BadValue& error) {
                throw BadValue(fmt::format("{}: {}", name, error.what()));
            }
        } else {
            items = nlohmann::json::array();
            std::string_view rest = text;
            while (!rest.empty()) {
                std::size_t end = rest.find(';');
                std::string item = trimmed(rest.substr(0, end));
                rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
                if (!item.empty()) {
                    items.push_back(item);
                    check_item_count(name, items.size());
                }
            }
        }
    }
    if (!items.is_array()) {
        throw BadValue(fmt::format("{}: must be a list of text, not {}", name, shown(value)));
    }
    check_item_count(name, items.size());
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const auto& item : items) {
        out.push_back(text_of(item, name));
    }
    check_items(name, out);
    return out;
}

Minutes minutes_of_hours(const nlohmann::json& value, const std::string& name) {
    nlohmann::json number = value;
    if (value.is_string()) {
        try {
            number = parse_json_line(value.get<std::string>());
        } catch (const BadValue&) {
            number = value;
        }
    }
    if (!number.is_number()) {
        throw BadValue(fmt::format("{}: {} is not a number of hours", name, shown(value)));
    }
    double hours = number.get<double>();
    if (!std::isfinite(hours) || hours < 0 || hours > max_effort_hours) {
        throw BadValue(fmt::format("{}: {} hours is out of range", name, shown(number)));
    }
    Minutes minutes = std::llround(hours * 60.0);
    if (minutes < 1) {
        throw BadValue(fmt::format("{}: {} hours is less than one minute", name, shown(number)));
    }
    return minutes;
}

Minutes effort_of(const nlohmann::json& row, const EffortUnits& units) {
    const auto* effort = given(row, "effort");
    const auto* hours = given(row, "effort_hours");
    if (effort != nullptr && hours != nullptr) {
        throw BadValue("effort: give effort or effort_hours, not both");
    }
    if (hours != nullptr) {
        return minutes_of_hours(*hours, "effort_hours");
    }
    if (effort == nullptr) {
        throw BadValue("effort: missing (give effort, like 6h, or effort_hours)");
    }
    if (effort->is_number()) {
        return minutes_of_hours(*effort, "effort");
    }
    return parse_effort(text_of(*effort, "effort"), units, "effort");
}

ClientKind client_kind_of(const nlohmann::json& row, const RowContext& context,
                          const std::string& client) {
    std::optional<ClientKind> kind;
    if (const auto* value = given(row, "client_kind")) {
        std::string text = text_of(*value, "client_kind");
        if (text != "internal" && text != "external") {
            throw BadValue(fmt::format("client_kind: \"{}\" is not internal or external", text));
        }
        kind = text == "internal" ? ClientKind::internal : ClientKind::external;
    }
    if (const auto* value = given(row, "internal")) {
        ClientKind flagged =
            bool_of(*value, "internal") ? ClientKind::internal : ClientKind::external;
        if (kind && *kind != flagged) {
            throw BadValue(fmt::format("internal: {} contradicts client_kind \"{}\"", shown(*value),
                                       to_string(*kind)));
        }
        kind = flagged;
    }
    return kind.value_or(context.config.client_kind(client));
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

void check_field_name(const std::string& name) {
    if (!listed(commitment_row_fields(), name) && !listed(ignored_row_fields(), name)) {
        throw BadValue(fmt::format("\"{}\" is not a commitment field (use title, client, internal "
                                   "or client_kind, owner, due, effort or effort_hours, scope, "
                                   "tags, fee)",
                                   name));
    }
}

} // namespace

const std::vector<std::string>& commitment_row_fields() {
    static const std::vector<std::string> fields = {"title", "client", "internal", "client_kind",
                                                    "owner", "due",    "effort",   "effort_hours",
                                                    "scope", "tags",   "state",    "fee"};
    return fields;
}

const std::vector<std::string>& ignored_row_fields() {
    static const std::vector<std::string> fields = {
        "id",      "uuid",   "original_due",   "original_effort_hours",
        "created", "closed", "renegotiations", "late_renegotiations", "original_fee"};
    return fields;
}

NewCommitment commitment_from_json(const nlohmann::json& row, const RowContext& context) {
    if (!row.is_object()) {
        throw BadValue("a commitment must be a JSON object");
    }
    for (const auto& item : row.items()) {
        check_field_name(item.key());
    }
    if (const auto* state = given(row, "state")) {
        if (!state->is_string() || state->get<std::string>() != "open") {
            throw BadValue(fmt::format("state: {}: only open commitments can be imported (kept "
                                       "export --events copies a whole history)",
                                       shown(*state)));
        }
    }
    NewCommitment c;
    c.title = required_text(row, "title");
    c.client = required_text(row, "client");
    c.client_kind = client_kind_of(row, context, c.client);
    if (const auto* owner = given(row, "owner")) {
        c.owner = text_of(*owner, "owner");
    } else if (!context.default_owner.empty()) {
        c.owner = context.default_owner;
    } else {
        throw BadValue("owner: missing");
    }
    c.due = parse_date(required_text(row, "due"), context.today, context.config.workweek, "due");
    if (c.due < context.today) {
        throw BadValue(fmt::format("due: \"{}\" is before today ({})", format_date(c.due),
                                   format_date(context.today)));
    }
    c.effort = effort_of(row, context.config.effort_units());
    if (const auto* scope = given(row, "scope")) {
        c.scope = list_of(*scope, "scope");
    }
    if (const auto* tags = given(row, "tags")) {
        c.tags = list_of(*tags, "tags");
    }
    if (const auto* fee = given(row, "fee")) {
        // An export writes the fee as the string "1200.00"; a person may write a number.
        std::string text = fee->is_string() ? fee->get<std::string>() : fee->dump();
        if (!fee->is_string() && !fee->is_number()) {
            throw BadValue(fmt::format("fee: {} is not an amount", shown(*fee)));
        }
        c.fee = parse_fee(text, "fee");
    }
    return c;
}

void check_commitment_header(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        check_field_name(header[i]);
        if (std::find(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(i), header[i]) !=
            header.begin() + static_cast<std::ptrdiff_t>(i)) {
            throw BadValue(fmt::format("column \"{}\" appears twice in the header", header[i]));
        }
    }
    if (!listed(header, "title")) {
        throw BadValue("the header has no title column (the first row must name the columns)");
    }
}

NewCommitment commitment_from_csv(const std::vector<std::string>& header,
                                  const std::vector<std::string>& fields,
                                  const RowContext& context) {
    check_commitment_header(header);
    if (fields.size() != header.size()) {
        throw BadValue(fmt::format("the row has {} fields but the header names {} columns",
                                   fields.size(), header.size()));
    }
    nlohmann::json row = nlohmann::json::object();
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (!fields[i].empty()) {
            row[header[i]] = fields[i];
        }
    }
    return commitment_from_json(row, context);
}

} // namespace kept
