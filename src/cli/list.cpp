#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/views.hpp"
#include "kept/owners.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

namespace kept::cli {

namespace {

struct ListOptions {
    FilterOptions filter;
    OrderOptions order;
};

int list_one(Context& context, Format format, const ListFilter& filter) {
    Ledger ledger = context.open_ledger(OpenMode::read);
    auto found = ledger.commitments().list(filter);
    if (!filter.owners.empty()) {
        warn_unmatched_owners(context, filter.owners, ledger.commitments().owners(),
                              format != Format::table);
    }
    print_commitments(context, format, found);
    return 0;
}

// An org roll-up: every team's matches in one order across teams (a tie keeps the teams' order;
// reversed, the whole list is read last to first).
int list_roll_up(Context& context, Format format, const ListFilter& filter,
                 std::vector<TeamScope>& scopes) {
    std::vector<std::pair<std::string, Commitment>> rows;
    std::vector<std::string> known;
    for (auto& scope : scopes) {
        Ledger ledger = scope.context->open_ledger(OpenMode::read);
        // Each team's first `limit` of the order asked for, merged in the forward order.
        auto found = ledger.commitments().list(filter);
        if (filter.reverse) {
            std::reverse(found.begin(), found.end());
        }
        for (auto& c : found) {
            rows.emplace_back(scope.name, std::move(c));
        }
        if (!filter.owners.empty()) {
            auto owners = ledger.commitments().owners();
            auto members = member_names(scope.context->config());
            known.insert(known.end(), owners.begin(), owners.end());
            known.insert(known.end(), members.begin(), members.end());
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        return listed_before(a.second, b.second, filter.sort);
    });
    if (filter.reverse) {
        std::reverse(rows.begin(), rows.end());
    }
    if (filter.limit && rows.size() > static_cast<std::size_t>(*filter.limit)) {
        rows.resize(static_cast<std::size_t>(*filter.limit));
    }
    if (!filter.owners.empty()) {
        warn_unmatched_owners(context, filter.owners, known, format != Format::table);
    }
    std::vector<Commitment> list;
    std::vector<std::string> teams;
    for (auto& [team, c] : rows) {
        teams.push_back(team);
        list.push_back(std::move(c));
    }
    print_commitments(context, format, list, &teams);
    return 0;
}

} // namespace

Run attach_list(CLI::App& sub) {
    auto o = std::make_shared<ListOptions>();
    add_filter_options(sub, o->filter);
    add_order_options(sub, o->order);
    return [o](Context& context) {
        Format format = context.format();
        ListFilter filter = make_filter(context, o->filter);
        apply_order(o->order, filter);
        auto scopes = roll_up_scopes(context);
        return scopes.empty() ? list_one(context, format, filter)
                              : list_roll_up(context, format, filter, scopes);
    };
}

} // namespace kept::cli
