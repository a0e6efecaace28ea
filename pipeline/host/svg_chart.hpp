// Small helpers for the batch report (report.hpp): HTML escaping, number formatting, binning,
// and one kind of chart (columns over an x axis) drawn as inline SVG. No scripts, no styles
// beyond classes the page's own stylesheet sets, nothing fetched: the report must open from a
// file, offline, on any browser a back office has.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::host::html {

// Text made safe for HTML content and quoted attribute values: & < > " ' become entities, and
// malformed UTF-8 and control characters (file names are arbitrary bytes) become U+FFFD, so the
// page stays well-formed whatever a file was called.
std::string escape(std::string_view text);

// At most `max_bytes` of `text`, cut on a character boundary, with "…" when it was cut.
std::string truncate(std::string_view text, std::size_t max_bytes);

// `value` with `decimals` digits after the point ("12.5"); non-finite values print as "–".
std::string fixed(double value, int decimals);

// Counts of `values` in `bins` equal bins over [0, 1]. 1.0 falls in the last bin, values
// outside [0, 1] in the nearest end bin (a plugin's rounding should not vanish), NaN nowhere.
std::vector<std::size_t> unit_histogram(std::span<const double> values, std::size_t bins);

// The smallest of 1, 2, 2.5, 5 times a power of ten that is >= value (at least 1): the top of
// an axis with round tick labels.
double nice_ceiling(double value);

struct Column {
  double value = 0;
  std::string tooltip;  // plain text, shown on hover and read by screen readers (<title>)
};

struct Tick {
  double at = 0;  // 0..1 along the x axis
  std::string label;
};

struct ColumnChart {
  std::string id;     // unique in the page: names the chart's <title> for aria-labelledby
  std::string title;  // plain text
  std::string x_label, y_label;
  std::vector<Column> columns;  // drawn left to right, equally wide
  std::vector<Tick> x_ticks;
  double y_min_top = 1;  // the y axis reaches at least this: 5 for counts, so its ticks are whole numbers
};

// An inline <svg> element (no XML declaration) for the chart; all text in it is escaped here.
std::string svg_column_chart(const ColumnChart& chart);

}  // namespace chartflow::host::html
