#include "svg_chart.hpp"

#include <chartflow/utf8.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace chartflow::host::html {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The chart's frame in SVG user units; the page scales it to its width (viewBox).
constexpr double kWidth = 640, kHeight = 240;
constexpr double kLeft = 60, kRight = 16, kTop = 14, kBottom = 48;
constexpr double kPlotWidth = kWidth - kLeft - kRight, kPlotHeight = kHeight - kTop - kBottom;
// Every top nice_ceiling() picks splits into five round steps (0.2, 0.4, 0.5, 1, 2 times 10^k).
constexpr int kYSteps = 5;

bool is_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F; }

// A y tick label: integers as such, anything else with at most two decimals.
std::string compact(double value) {
  if (std::abs(value - std::round(value)) < 1e-9) return fixed(value, 0);
  std::string text = fixed(value, 2);
  while (text.back() == '0') text.pop_back();
  return text;
}

void append_y_axis(std::string& svg, double top_value) {
  svg += "<g class=\"grid\">";
  for (int k = 0; k <= kYSteps; ++k) {
    const double y = kTop + kPlotHeight * (1.0 - static_cast<double>(k) / kYSteps);
    svg += "<line x1=\"" + fixed(kLeft, 1) + "\" x2=\"" + fixed(kWidth - kRight, 1) + "\" y1=\"" + fixed(y, 1) + "\" y2=\"" +
           fixed(y, 1) + "\"/>";
    svg += "<text x=\"" + fixed(kLeft - 6, 1) + "\" y=\"" + fixed(y + 4, 1) + "\" text-anchor=\"end\">" +
           compact(top_value * k / kYSteps) + "</text>";
  }
  svg += "</g>";
}

void append_columns(std::string& svg, const std::vector<Column>& columns, double top_value) {
  if (columns.empty()) return;
  const double slot = kPlotWidth / static_cast<double>(columns.size());
  const double gap = std::min(2.0, slot * 0.1);
  svg += "<g class=\"columns\">";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const double value = std::isfinite(columns[i].value) ? std::max(0.0, columns[i].value) : 0.0;
    const double height = kPlotHeight * std::min(1.0, value / top_value);
    svg += "<rect x=\"" + fixed(kLeft + slot * static_cast<double>(i) + gap, 2) + "\" y=\"" + fixed(kTop + kPlotHeight - height, 2) +
           "\" width=\"" + fixed(slot - 2 * gap, 2) + "\" height=\"" + fixed(height, 2) + "\"><title>" + escape(columns[i].tooltip) +
           "</title></rect>";
  }
  svg += "</g>";
}

void append_x_axis(std::string& svg, const ColumnChart& chart) {
  const double base = kTop + kPlotHeight;
  svg += "<g class=\"axis\"><line x1=\"" + fixed(kLeft, 1) + "\" x2=\"" + fixed(kWidth - kRight, 1) + "\" y1=\"" + fixed(base, 1) +
         "\" y2=\"" + fixed(base, 1) + "\"/>";
  for (const auto& tick : chart.x_ticks) {
    const double x = kLeft + kPlotWidth * std::clamp(tick.at, 0.0, 1.0);
    svg += "<line x1=\"" + fixed(x, 1) + "\" x2=\"" + fixed(x, 1) + "\" y1=\"" + fixed(base, 1) + "\" y2=\"" + fixed(base + 4, 1) + "\"/>";
    svg += "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(base + 17, 1) + "\" text-anchor=\"middle\">" + escape(tick.label) + "</text>";
  }
  svg += "</g>";
  svg += "<text class=\"label\" x=\"" + fixed(kLeft + kPlotWidth / 2, 1) + "\" y=\"" + fixed(kHeight - 6, 1) +
         "\" text-anchor=\"middle\">" + escape(chart.x_label) + "</text>";
  svg += "<text class=\"label\" transform=\"translate(14 " + fixed(kTop + kPlotHeight / 2, 1) +
         ") rotate(-90)\" text-anchor=\"middle\">" + escape(chart.y_label) + "</text>";
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8::sequence_length(text, i);
      // C1 controls (U+0080..U+009F) are as unwelcome in HTML as C0 ones.
      const bool c1 = n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
      if (n == 0 || c1) out += kReplacement;
      else out.append(text.substr(i, n));
      i += std::max<std::size_t>(n, 1);
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (is_control(c)) out += kReplacement;
        else out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

std::string truncate(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && !utf8::is_boundary(text, cut)) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";  // …
}

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "\xE2\x80\x93";  // –
  char text[64];
  std::snprintf(text, sizeof(text), "%.*f", decimals, value);
  return text;
}

std::vector<std::size_t> unit_histogram(std::span<const double> values, std::size_t bins) {
  std::vector<std::size_t> counts(bins, 0);
  if (bins == 0) return counts;
  for (const double v : values) {
    if (std::isnan(v)) continue;
    const double scaled = std::floor(std::clamp(v, 0.0, 1.0) * static_cast<double>(bins));
    ++counts[std::min(bins - 1, static_cast<std::size_t>(scaled))];
  }
  return counts;
}

double nice_ceiling(double value) {
  if (!(value > 1) || !std::isfinite(value)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(value)));
  for (const double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * power >= value * (1 - 1e-12)) return m * power;
  }
  return 10 * power;
}

std::string svg_column_chart(const ColumnChart& chart) {
  double top = 0;
  for (const auto& column : chart.columns)
    if (std::isfinite(column.value)) top = std::max(top, column.value);
  top = nice_ceiling(std::max(top, chart.y_min_top));
  const std::string title_id = escape(chart.id) + "-title";
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + escape(chart.id) + "\" viewBox=\"0 0 " +
                    fixed(kWidth, 0) + " " + fixed(kHeight, 0) + "\" role=\"img\" aria-labelledby=\"" + title_id + "\">";
  svg += "<title id=\"" + title_id + "\">" + escape(chart.title) + "</title>";
  append_y_axis(svg, top);
  append_columns(svg, chart.columns, top);
  append_x_axis(svg, chart);
  svg += "</svg>";
  return svg;
}

}  // namespace chartflow::host::html
