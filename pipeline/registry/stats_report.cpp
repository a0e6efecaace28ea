#include "stats_report.hpp"

#include "incidence.hpp"
#include "survival.hpp"

#include "host/svg_chart.hpp"

#include <chartflow/csv.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace chartflow::registry {
namespace {

namespace html = host::html;  // the batch report's escaping: quotes and malformed UTF-8 too

struct Curve {
  std::string group, method;
  std::vector<SurvivalPoint> points;
};

std::string number(double v, int digits = 8) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

std::string group_of(const CohortCase& c, GroupBy by) {
  switch (by) {
    case GroupBy::site: return c.site.empty() ? "(no site)" : c.site;
    case GroupBy::stage: return c.stage.empty() ? "(no stage)" : c.stage;
    case GroupBy::treatment: return c.treatment.empty() ? "(no treatment)" : c.treatment;
    case GroupBy::none: break;
  }
  return "all";
}

std::vector<Curve> curves(const std::vector<CohortCase>& cases, const LifeTable* table, const StatsOptions& o) {
  std::map<std::string, std::vector<CohortCase>> groups;
  groups["all"] = cases;
  if (o.by != GroupBy::none)
    for (const auto& c : cases) groups[group_of(c, o.by)].push_back(c);
  std::vector<Curve> out;
  for (const auto& [name, members] : groups) {
    out.push_back({name, "kaplan_meier", kaplan_meier(members, o.confidence)});
    if (!table) continue;
    for (const auto method : {NetMethod::ederer2, NetMethod::pohar_perme})
      out.push_back({name, net_method_name(method), net_survival(members, *table, method)});
  }
  return out;
}

// A step curve of survival against years, 0-1 on the y axis.
std::string svg_curve(const std::vector<Curve>& all, const std::string& method) {
  static const char* colours[] = {"#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6"};
  double max_years = 1;
  for (const auto& c : all)
    if (!c.points.empty()) max_years = std::max(max_years, c.points.back().time / kDaysPerYear);
  const double w = 560, h = 260, left = 40, bottom = 20;
  std::ostringstream svg;
  svg << "<svg viewBox=\"0 0 " << w + left + 10 << " " << h + bottom + 10 << "\" role=\"img\"><title>" << html::escape(method) << "</title>";
  svg << "<line x1=\"" << left << "\" y1=\"" << h << "\" x2=\"" << left + w << "\" y2=\"" << h << "\" stroke=\"#888\"/>";
  svg << "<line x1=\"" << left << "\" y1=\"0\" x2=\"" << left << "\" y2=\"" << h << "\" stroke=\"#888\"/>";
  for (int y = 0; y <= static_cast<int>(max_years); ++y)
    svg << "<text x=\"" << left + w * y / max_years << "\" y=\"" << h + 15 << "\" font-size=\"10\" text-anchor=\"middle\">" << y << "</text>";
  for (int p = 0; p <= 100; p += 25)
    svg << "<text x=\"" << left - 4 << "\" y=\"" << h - h * p / 100.0 + 3 << "\" font-size=\"10\" text-anchor=\"end\">" << p << "%</text>";
  int colour = 0;
  for (const auto& c : all) {
    if (c.method != method) continue;
    std::ostringstream path;
    double x = left, y = 0;
    path << "M" << left << "," << 0;
    for (const auto& p : c.points) {
      x = left + w * (p.time / kDaysPerYear) / max_years;
      path << " H" << x;
      y = h - h * std::clamp(p.survival, 0.0, 1.0);
      path << " V" << y;
    }
    svg << "<path d=\"" << path.str() << "\" fill=\"none\" stroke=\"" << colours[colour % 6] << "\" stroke-width=\"1.5\"><title>"
        << html::escape(c.group) << "</title></path>";
    svg << "<text x=\"" << x + 2 << "\" y=\"" << y << "\" font-size=\"10\" fill=\"" << colours[colour++ % 6] << "\">" << html::escape(c.group) << "</text>";
  }
  svg << "</svg>";
  return svg.str();
}

}  // namespace

std::optional<GroupBy> parse_group_by(const std::string& name) {
  if (name == "none" || name.empty()) return GroupBy::none;
  if (name == "site") return GroupBy::site;
  if (name == "stage") return GroupBy::stage;
  if (name == "treatment") return GroupBy::treatment;
  return std::nullopt;
}

std::string write_stats(const std::vector<CohortCase>& cases, const LifeTable* table, const std::filesystem::path* population,
                        const StatsOptions& o, const std::filesystem::path& output) {
  std::filesystem::create_directories(output);
  const auto all = curves(cases, table, o);
  std::ofstream points(output / "survival.csv"), summary(output / "survival-summary.csv");
  points << "group,method,time_days,time_years,at_risk,events,censored,survival,std_error,lower,upper\n";
  summary << "group,method,cases,deaths,years,survival\n";
  std::ostringstream table_html;
  for (const auto& c : all) {
    for (const auto& p : c.points)
      points << sdk::csv_cell(c.group) << "," << c.method << "," << number(p.time) << "," << number(p.time / kDaysPerYear) << "," << p.at_risk << ","
             << p.events << "," << p.censored << "," << number(p.survival, 12) << "," << number(p.std_error, 12) << "," << number(p.lower, 12)
             << "," << number(p.upper, 12) << "\n";
    int deaths = 0, n = c.points.empty() ? 0 : c.points.front().at_risk;
    for (const auto& p : c.points) deaths += p.events;
    table_html << "<tr><td>" << html::escape(c.group) << "</td><td>" << c.method << "</td><td>" << n << "</td><td>" << deaths << "</td>";
    for (const double y : o.years) {
      const double s = survival_at(c.points, y * kDaysPerYear);
      summary << sdk::csv_cell(c.group) << "," << c.method << "," << n << "," << deaths << "," << number(y) << "," << number(s, 12) << "\n";
      table_html << "<td>" << number(100 * s, 4) << "%</td>";
    }
    table_html << "</tr>";
  }
  std::string incidence_html;
  if (population) {
    std::ofstream rates(output / "incidence.csv");
    rates << "area,cases,population,crude_per_100k,age_adjusted_per_100k,fay_feuer_lower,fay_feuer_upper,tiwari_lower,tiwari_upper\n";
    for (const auto& r : incidence(cases, read_population(*population), o.confidence)) {
      rates << sdk::csv_cell(r.area) << "," << r.cases << "," << number(r.population, 12) << "," << number(r.crude, 12) << "," << number(r.adjusted, 12)
            << "," << number(r.fay_feuer_lower, 12) << "," << number(r.fay_feuer_upper, 12) << "," << number(r.tiwari_lower, 12) << ","
            << number(r.tiwari_upper, 12) << "\n";
      incidence_html += "<tr><td>" + html::escape(r.area) + "</td><td>" + std::to_string(r.cases) + "</td><td>" + number(r.crude, 4) + "</td><td>" +
                        number(r.adjusted, 4) + "</td><td>" + number(r.tiwari_lower, 4) + " - " + number(r.tiwari_upper, 4) + "</td></tr>";
    }
  }
  std::ofstream html(output / "report.html");
  html << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>chartflow registry statistics</title>"
       << "<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
       << "td:first-child,th:first-child{text-align:left}svg{width:100%;max-width:640px;display:block}</style></head><body>"
       << "<h1>Registry statistics</h1><p>" << cases.size() << " tumours. Survival from diagnosis; "
       << (table ? "net survival against the life table given" : "no life table given, so no net survival") << ".</p>"
       << "<h2>Survival</h2><table><thead><tr><th>group</th><th>method</th><th>cases</th><th>deaths</th>";
  for (const double y : o.years) html << "<th>" << number(y) << "-year</th>";
  html << "</tr></thead><tbody>" << table_html.str() << "</tbody></table>";
  html << "<h2>Observed survival (Kaplan-Meier)</h2>" << svg_curve(all, "kaplan_meier");
  if (table) html << "<h2>Net survival (Pohar-Perme)</h2>" << svg_curve(all, "pohar_perme");
  if (population)
    html << "<h2>Incidence per 100,000</h2><table><thead><tr><th>area</th><th>cases</th><th>crude</th><th>age-adjusted (2000 US std)</th>"
         << "<th>95% CI (Tiwari)</th></tr></thead><tbody>" << incidence_html << "</tbody></table>";
  html << "</body></html>\n";
  if (!points || !summary || !html) throw CohortError(output.string() + ": could not write the statistics");
  return std::to_string(cases.size()) + " tumours, " + std::to_string(all.size()) + " survival curves";
}

}  // namespace chartflow::registry
