#include "cli/command.hpp"
#include "cli/filters.hpp"
#include "cli/views.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

namespace kept::cli {

Run attach_list(CLI::App& sub) {
    auto o = std::make_shared<FilterOptions>();
    add_filter_options(sub, *o);
    return [o](Context& context) {
        Format format = context.format();
        ListFilter filter = make_filter(context, *o);
        auto scopes = roll_up_scopes(context);
        if (scopes.empty()) {
            Ledger ledger = context.open_ledger(OpenMode::read);
            print_commitments(context, format, ledger.commitments().list(filter));
            return 0;
        }
        // An org roll-up: every team's matches, soonest due first across teams.
        std::vector<std::pair<std::string, Commitment>> rows;
        for (auto& scope : scopes) {
            Ledger ledger = scope.context->open_ledger(OpenMode::read);
            for (auto& c : ledger.commitments().list(filter)) {
                rows.emplace_back(scope.name, std::move(c));
            }
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.second.due < b.second.due; });
        std::vector<Commitment> list;
        std::vector<std::string> teams;
        for (auto& [team, c] : rows) {
            teams.push_back(team);
            list.push_back(std::move(c));
        }
        print_commitments(context, format, list, &teams);
        return 0;
    };
}

} // namespace kept::cli
