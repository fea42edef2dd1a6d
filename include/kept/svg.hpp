#pragma once

// The pictures of kept's HTML pages, drawn as inline SVG: a heat map, a timeline and a line
// chart. Each reads without color: every mark carries its value as text, and what color says
// (over capacity, at risk, will miss) a pattern and a word say too. Every text is escaped.

#include "kept/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kept {

/// A number as SVG coordinates write it: at most two decimals, no trailing zeros.
std::string svg_number(double value);

/// One cell of a heat map.
struct HeatCell {
    std::optional<double> percent; ///< how full; nullopt: nothing to measure (no capacity)
    bool over = false;             ///< marked: hatched, bordered, and "!" after its text
    std::string text;              ///< what the cell says, e.g. "85%"
};

/// Rows by columns of cells (cells[row][column]).
struct HeatMap {
    std::string title; ///< the picture's accessible name
    std::vector<std::string> rows, columns;
    std::vector<std::vector<HeatCell>> cells;
};

/// The heat map: darker is fuller (100% and more the darkest); over cells hatched.
std::string svg_heat_map(const HeatMap& map);

/// One bar of a timeline: work from `start` through `finish`, due on `due`.
struct TimelineItem {
    std::string label;          ///< e.g. "#12 Export API"
    Date start{};               ///< the first day of work
    std::optional<Date> finish; ///< the last day of work; nullopt: never finishes
    Date due{};
    std::string status; ///< "on track", "at risk" or "will miss": its pattern and its word
};

/// The items of one person, in the order worked.
struct TimelineLane {
    std::string name;
    std::vector<TimelineItem> items;
};

struct Timeline {
    std::string title;
    Date today{};
    std::vector<TimelineLane> lanes;
};

/// The timeline: a row per item under its lane's name, a day scale from today with Mondays
/// marked, each bar ending at its finish and a diamond at its due date.
std::string svg_timeline(const Timeline& timeline);

/// One line of a line chart: a value (percent, 0–100) per point, nullopt where there is none.
struct LineSeries {
    std::string name;
    bool dashed = false;
    std::vector<std::optional<double>> values;
};

struct LineChart {
    std::string title;
    std::vector<std::string> labels; ///< one per point, along the x axis
    std::vector<std::string> notes;  ///< one per point, under its label (e.g. "n=4"); optional
    std::vector<LineSeries> series;
};

/// The line chart on a 0–100% scale: each point marked and labelled with its value; a missing
/// value breaks the line.
std::string svg_line_chart(const LineChart& chart);

} // namespace kept

namespace kept {

/// One part of a stacked bar.
enum class BarLook { solid, dotted, hatched };
struct BarPart {
    std::string label;
    int count = 0;
    BarLook look = BarLook::solid;
};

/// A horizontal bar split into `parts` by count, each part's look a pattern and its count and
/// label written in the legend under it ("3 on time (60%)"). An empty bar when all are 0.
std::string svg_stacked_bar(const std::string& title, const std::vector<BarPart>& parts);

} // namespace kept
