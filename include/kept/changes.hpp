#pragma once

#include "kept/commitment.hpp"
#include "kept/effort.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kept {

/// What `kept add` asks for, already parsed.
struct NewCommitment {
    std::string title;
    std::string client;
    ClientKind client_kind = ClientKind::external;
    std::string owner;
    Date due{};
    Minutes effort = 0;
    std::vector<std::string> scope;
    std::vector<std::string> tags;
    std::optional<Cents> fee;
};

/// What `kept renegotiate` asks for, already parsed. Unset members are left as they are.
struct Renegotiation {
    std::optional<Date> due;
    std::optional<EffortChange> effort;
    std::vector<std::string> add_scope;
    std::vector<std::string> drop_scope;
    std::optional<std::string> owner;
    /// Set: the fee from now on; set to nullopt, `--fee none`: no fee any more.
    std::optional<std::optional<Cents>> fee;
    std::string requested_by = "team"; ///< "client" or "team"
};

/// Parses `--fee`: an amount (parse_fee), or for renegotiate (`may_clear`) also `none`.
std::optional<Cents> parse_fee_option(std::string_view text, bool may_clear);

/// What `kept edit` asks for, already parsed: corrections of what was recorded, not a change of
/// the promise. Unset members are left as they are.
struct Edit {
    std::optional<std::string> title;
    std::optional<std::string> client;
    std::optional<ClientKind> client_kind;
    std::vector<std::string> add_tags;
    std::vector<std::string> drop_tags;

    bool empty() const {
        return !title && !client && !client_kind && add_tags.empty() && drop_tags.empty();
    }
};

/// Throws BadValue naming `field` when `text` is empty (or only white space, unless `may_be_blank`)
/// or is not valid UTF-8.
void check_text(std::string_view field, const std::string& text, bool may_be_blank = false);

/// The most scope items, and the most tags, one commitment (or one change to it) may list.
constexpr std::size_t max_list_items = 1000;
/// Throws BadValue `FIELD: 1001 items, more than the 1000 kept accepts on one commitment` when
/// `count` is over max_list_items.
void check_item_count(std::string_view field, std::size_t count);
/// Checks a list of scope items or tags: at most max_list_items, each text as check_text wants
/// it, none twice (`FIELD: "x" is given twice`). Linear in the number of items.
void check_items(std::string_view field, const std::vector<std::string>& items);

/// The payload of an `added` event. Validates every field (non-empty text, valid UTF-8, effort of
/// at least a minute, due not before `today`, no duplicate scope items). Throws BadValue.
nlohmann::json added_payload(const NewCommitment& request, Date today);

/// The payload of a `renegotiated` event: each changed field with its before and after value, the
/// due date in force and whether the change came after it (late). Throws BadValue when nothing
/// would change, the commitment is closed, or a value is not acceptable.
nlohmann::json renegotiated_payload(const Commitment& current, const Renegotiation& request,
                                    Date today);

/// The payload of an `edited` event: `title`, `client`, `client_kind` as before and after values
/// (only those that change), `tags` as the tags added and dropped. A closed commitment may be
/// edited. Throws BadValue when a text is not acceptable, a tag to add is already there or one to
/// drop is not, a tag is both added and dropped, or nothing would change.
nlohmann::json edited_payload(const Commitment& current, const Edit& request);

/// The payload of a `closed` event. Throws BadValue when already closed, or `on` is before the
/// commitment was created or after today.
nlohmann::json closed_payload(const Commitment& current, State outcome, Date on, Date today,
                              std::optional<Minutes> spent = std::nullopt);

/// The payload of a `reopened` event. Throws BadValue when the commitment is open.
nlohmann::json reopened_payload(const Commitment& current);

} // namespace kept
