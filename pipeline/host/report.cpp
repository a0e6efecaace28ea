#include "report.hpp"

#include "report_casemix.hpp"
#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <utility>

namespace chartflow::host {
namespace {

using html::escape;
using html::fixed;
using Counts = std::map<std::string, std::size_t>;

// The page's only styling. No web fonts: the system's sans-serif, so nothing is fetched.
constexpr std::string_view kStyle = R"css(
:root{color-scheme:light;--ink:#1d2430;--muted:#545e6b;--line:#d5dae1;--accent:#2f6db5;--warn:#b3261e;--ok:#1e7b34}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f6f7f9}
header,main,footer{max-width:1100px;margin:0 auto;padding:12px 24px}
h1{font-size:1.6em;margin:.3em 0}
h2{font-size:1.2em;margin:0 0 .6em;padding-bottom:.3em;border-bottom:1px solid var(--line)}
h3{font-size:1em;margin:1em 0 .3em}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px;margin:0 0 16px}
.state{display:inline-block;margin:0;padding:2px 12px;border-radius:12px;font-weight:600;color:#fff}
.state-complete{background:var(--ok)}.state-interrupted{background:var(--warn)}.state-incomplete{background:#8a5a00}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:.8em 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
dl.counts{display:flex;flex-wrap:wrap;gap:12px;margin:0}
dl.counts div{flex:1 1 130px;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
dl.counts dt{color:var(--muted);font-size:.9em}dl.counts dd{margin:0;font-size:1.7em;font-weight:600}
dl.counts .alert dd{color:var(--warn)}
table{border-collapse:collapse;width:100%;margin:.4em 0}table.compact{width:auto;min-width:min(100%,420px)}
caption{text-align:left;color:var(--muted);padding:0 0 4px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f5}.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.text{overflow-wrap:anywhere}
td.bar{width:40%}td.bar span{display:block;height:.8em;margin-top:.3em;background:var(--accent);border-radius:2px;min-width:1px}
svg.chart{display:block;width:100%;max-width:760px;height:auto}
svg.chart text{font-size:11px;fill:var(--muted)}svg.chart text.label{font-size:12px;fill:var(--ink)}
svg.chart .grid line{stroke:#e3e7ec}svg.chart .axis line{stroke:var(--ink)}svg.chart rect{fill:var(--accent)}
.muted,footer{color:var(--muted)}
@media print{body{background:#fff}section{break-inside:avoid;border:none}}
)css";

// What this run's records add up to (documents skipped as already done have no figures here).
struct Figures {
  std::size_t records = 0, pages = 0;
  std::vector<double> confidence;
  std::size_t pages_for_review = 0;
  Counts page_review_reasons;
  Counts codes;
  std::size_t codes_proposed = 0, codes_for_review = 0;
  Counts code_review_reasons;
};

Figures add_up(const RunSummary& summary) {
  Figures f;
  for (const auto& d : summary.documents) {
    if (d.outcome != Outcome::written) continue;
    const DocumentStats& s = d.stats;
    ++f.records;
    f.pages += s.pages;
    f.confidence.insert(f.confidence.end(), s.page_confidence.begin(), s.page_confidence.end());
    f.pages_for_review += s.pages_for_review;
    for (const auto& [reason, n] : s.page_review_reasons) f.page_review_reasons[reason] += n;
    for (const auto& code : s.codes) ++f.codes[code];
    f.codes_proposed += s.codes.size();
    f.codes_for_review += s.codes_for_review;
    for (const auto& [reason, n] : s.code_review_reasons) f.code_review_reasons[reason] += n;
  }
  return f;
}

std::string num(std::size_t n) { return std::to_string(n); }
// "1 page", "2 pages".
std::string count_of(std::size_t n, std::string_view one, std::string_view many) { return num(n) + " " + std::string(n == 1 ? one : many); }

// Entries with the largest counts first (ties in name order), at most `limit` of them.
std::vector<std::pair<std::string, std::size_t>> by_count(const Counts& counts, std::size_t limit) {
  std::vector<std::pair<std::string, std::size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (rows.size() > limit) rows.resize(limit);
  return rows;
}

// A two-column table, "what" -> how many, largest first.
std::string count_table(std::string_view what, std::string_view how_many, const Counts& counts) {
  std::string out = "<table class=\"compact\"><thead><tr><th scope=\"col\">" + escape(what) + "</th><th scope=\"col\" class=\"n\">" + escape(how_many) +
                    "</th></tr></thead><tbody>";
  for (const auto& [name, n] : by_count(counts, counts.size()))
    out += "<tr><td class=\"text\">" + escape(name) + "</td><td class=\"n\">" + num(n) + "</td></tr>";
  return out + "</tbody></table>";
}

std::string duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "unknown";
  if (seconds < 60) return fixed(seconds, 1) + " s";
  const auto s = static_cast<long long>(std::llround(seconds));
  std::string out = s >= 3600 ? std::to_string(s / 3600) + " h " : "";
  return out + std::to_string(s % 3600 / 60) + " min " + std::to_string(s % 60) + " s";
}

std::string utc_text(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

std::string state_badge(BatchState state) {
  switch (state) {
    case BatchState::complete:
      return R"(<p class="state state-complete" id="batch-state">Complete: every input was settled</p>)";
    case BatchState::interrupted:
      return R"(<p class="state state-interrupted" id="batch-state">Interrupted: stopped before every input was processed; run the same command again</p>)";
    case BatchState::incomplete:
      return R"(<p class="state state-incomplete" id="batch-state">Incomplete: not every input was processed</p>)";
  }
  return {};
}

std::string page_head(const RunSummary& summary, std::chrono::system_clock::time_point generated) {
  std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    // Defence in depth: should anything slip past the escaping, the page still
                    // may not run a script or fetch anything.
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                    "<title>chartflow batch report: " + escape(summary.pipeline_name) + "</title>\n<style>" +
                    std::string(kStyle) + "</style>\n</head>\n<body>\n<header>\n<h1>Batch report</h1>\n" +
                    state_badge(batch_state(summary)) + "\n<dl class=\"facts\">";
  const auto fact = [&](std::string_view name, const std::string& value_html) {
    out += "<dt>" + std::string(name) + "</dt><dd>" + value_html + "</dd>";
  };
  fact("Pipeline", escape(summary.pipeline_name));
  fact("Fingerprint", "<code title=\"" + escape(summary.fingerprint) + "\">" + escape(summary.fingerprint.substr(0, 12)) + "</code>");
  fact("chartflow version", escape(host_version()));
  fact("Run time", duration_text(summary.seconds));
  fact("Report written", utc_text(generated));
  return out + "</dl>\n</header>\n<main>\n";
}

std::string counts_section(const RunSummary& summary) {
  std::string out = "<section id=\"counts\" aria-labelledby=\"counts-h\"><h2 id=\"counts-h\">Documents</h2><dl class=\"counts\">";
  const auto count = [&](std::string_view key, std::string_view label, std::size_t n, bool alert) {
    out += std::string("<div") + (alert && n ? " class=\"alert\"" : "") + "><dt>" + std::string(label) + "</dt><dd id=\"count-" +
           std::string(key) + "\">" + num(n) + "</dd></div>";
  };
  count("inputs", "Inputs", summary.documents.size(), false);
  count("written", "Written", summary.count(Outcome::written), false);
  count("skipped", "Skipped (already done)", summary.count(Outcome::skipped), false);
  count("quarantined", "Quarantined", summary.count(Outcome::quarantined), true);
  count("duplicates", "Duplicates", summary.count(Outcome::duplicate), false);
  count("not-processed", "Not processed", summary.count(Outcome::pending), true);
  out += "</dl>";
  std::string notes;
  if (summary.hidden_skipped) notes += num(summary.hidden_skipped) + " hidden files ignored. ";
  if (!summary.not_read.empty()) notes += num(summary.not_read.size()) + " entries of the input folders are no inputs (see not_read in summary.json). ";
  if (!summary.all_delivered) notes += "Some records were not delivered to a sink (see sinks in summary.json). ";
  if (!notes.empty()) out += "<p class=\"muted\">" + notes + "</p>";
  return out + "</section>\n";
}

// Interval widths (seconds) for the throughput chart: the smallest that gives at most
// kMaxColumns columns over the run.
constexpr double kIntervals[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400};
constexpr std::size_t kMaxColumns = 60;

double interval_for(double span) {
  for (const double w : kIntervals)
    if (span / w <= kMaxColumns) return w;
  return std::ceil(span / kMaxColumns / 3600) * 3600;
}

html::ColumnChart throughput_chart(const std::vector<std::pair<double, std::size_t>>& finished, double span) {
  const double width = interval_for(span);
  const auto columns = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(span / width)));
  std::vector<std::size_t> pages(columns, 0);
  for (const auto& [at, n] : finished) pages[std::min(columns - 1, static_cast<std::size_t>(at / width))] += n;
  const int decimals = width >= 60 ? 0 : width >= 6 ? 1 : 2;
  const auto minutes = [&](std::size_t k) { return fixed(static_cast<double>(k) * width / 60, decimals); };
  html::ColumnChart chart;
  chart.id = "chart-throughput";
  chart.title = "Pages finished per minute over the run, in " + fixed(width, 0) + "-second intervals";
  chart.x_label = "minutes since the batch started";
  chart.y_label = "pages/min";
  for (std::size_t i = 0; i < columns; ++i)
    chart.columns.push_back({static_cast<double>(pages[i]) * 60 / width,
                             minutes(i) + "\xE2\x80\x93" + minutes(i + 1) + " min: " + fixed(static_cast<double>(pages[i]) * 60 / width, 1) +
                                 " pages/min (" + count_of(pages[i], "page", "pages") + ")"});
  const std::size_t step = (columns + 5) / 6;  // about six labelled ticks
  for (std::size_t k = 0; k <= columns; k += step) chart.x_ticks.push_back({static_cast<double>(k) / static_cast<double>(columns), minutes(k)});
  return chart;
}

std::string throughput_section(const RunSummary& summary) {
  std::string out = "<section id=\"throughput\" aria-labelledby=\"throughput-h\"><h2 id=\"throughput-h\">Pages per minute</h2>";
  std::vector<std::pair<double, std::size_t>> finished;
  std::size_t pages = 0;
  double span = std::isfinite(summary.seconds) ? summary.seconds : 0;
  for (const auto& d : summary.documents) {
    // -1: not processed in this run. A NaN or infinite time (a damaged journal row) would wreck the axis.
    if (!(d.stats.finished_seconds >= 0) || !std::isfinite(d.stats.finished_seconds)) continue;
    const std::size_t n = std::max(1u, d.stats.pages);  // a document without pages is one unit of work
    finished.emplace_back(d.stats.finished_seconds, n);
    pages += n;
    span = std::max(span, d.stats.finished_seconds);
  }
  if (finished.empty()) return out + "<p>No document was processed in this run.</p></section>\n";
  span = std::max(span, 1.0);
  out += "<p>" + count_of(pages, "page", "pages") + " in " + count_of(finished.size(), "document", "documents") + ", " +
         fixed(static_cast<double>(pages) * 60 / span, 1) + " pages/min over the run. A document without pages (plain text) counts as one page.</p>";
  return out + html::svg_column_chart(throughput_chart(finished, span)) + "</section>\n";
}

std::string quarantine_section(const RunSummary& summary) {
  std::string out = "<section id=\"quarantine\" aria-labelledby=\"quarantine-h\"><h2 id=\"quarantine-h\">Quarantine</h2>";
  const std::size_t total = summary.count(Outcome::quarantined);
  if (total == 0) return out + "<p>No document was quarantined.</p></section>\n";
  out += "<h3>By stage and status</h3>" + count_table("Stage/status", "Documents", summary.quarantine_reasons());
  out += "<h3>Quarantined inputs</h3><table id=\"quarantined-inputs\"><thead><tr><th scope=\"col\">Input</th><th scope=\"col\">Id</th>"
         "<th scope=\"col\">Stage</th><th scope=\"col\">Status</th><th scope=\"col\">Reason</th></tr></thead><tbody>";
  std::size_t shown = 0;
  for (const auto& d : summary.documents) {
    if (d.outcome != Outcome::quarantined) continue;
    if (shown++ == kReportQuarantineRows) break;
    out += "<tr><td class=\"text\">" + escape(d.input) + "</td><td><code>" + escape(d.id) + "</code></td><td>" + escape(d.stage) +
           "</td><td>" + escape(d.status) + "</td><td class=\"text\">" + escape(html::truncate(d.reason, kReportReasonBytes)) + "</td></tr>";
  }
  out += "</tbody></table>";
  if (total > kReportQuarantineRows)
    out += "<p id=\"quarantine-more\">and " + num(total - kReportQuarantineRows) +
           " more: summary.json and the quarantine folder list every one.</p>";
  return out + "</section>\n";
}

std::string confidence_section(const Figures& f) {
  std::string out = "<section id=\"ocr\" aria-labelledby=\"ocr-h\"><h2 id=\"ocr-h\">OCR confidence</h2>";
  if (f.confidence.empty()) return out + "<p>No OCR pages in this run.</p></section>\n";
  double sum = 0;
  for (const double c : f.confidence) sum += c;
  out += "<p>" + count_of(f.confidence.size(), "page", "pages") + " with an OCR confidence; mean " + fixed(sum / static_cast<double>(f.confidence.size()), 2) +
         ".</p>";
  const auto counts = html::unit_histogram(f.confidence, kReportConfidenceBins);
  const double bin = 1.0 / kReportConfidenceBins;
  html::ColumnChart chart;
  chart.id = "chart-confidence";
  chart.title = "Pages by mean OCR word confidence";
  chart.x_label = "mean word confidence of the page";
  chart.y_label = "pages";
  chart.y_min_top = 5;
  for (std::size_t i = 0; i < counts.size(); ++i)
    chart.columns.push_back({static_cast<double>(counts[i]), fixed(static_cast<double>(i) * bin, 2) + "\xE2\x80\x93" +
                                                                 fixed(static_cast<double>(i + 1) * bin, 2) + ": " + count_of(counts[i], "page", "pages")});
  for (int k = 0; k <= 4; ++k) chart.x_ticks.push_back({k / 4.0, fixed(k / 4.0, 2)});
  return out + html::svg_column_chart(chart) + "</section>\n";
}

std::string review_section(const Figures& f) {
  std::string out = "<section id=\"review\" aria-labelledby=\"review-h\"><h2 id=\"review-h\">Pages flagged for review</h2>";
  out += "<p><span id=\"pages-for-review\">" + num(f.pages_for_review) + "</span> of " + count_of(f.pages, "page", "pages") + " flagged for review.</p>";
  if (!f.page_review_reasons.empty()) out += count_table("Reason", "Pages", f.page_review_reasons);
  return out + "</section>\n";
}

std::string codes_section(const Figures& f) {
  std::string out = "<section id=\"codes\" aria-labelledby=\"codes-h\"><h2 id=\"codes-h\">Codes</h2>";
  if (f.codes.empty()) {
    out += "<p>No code was proposed in this run.</p>";
  } else {
    const auto top = by_count(f.codes, kReportTopCodes);
    out += "<p>" + count_of(f.codes_proposed, "code", "codes") + " proposed, " + num(f.codes.size()) + " different" +
           (top.size() < f.codes.size() ? "; the " + num(top.size()) + " most frequent:" : ":") + "</p><table id=\"top-codes\"><thead><tr><th scope=\"col\">Code</th><th scope=\"col\" class=\"n\">Proposed</th>"
           "<th scope=\"col\"><span class=\"muted\">share of the most frequent</span></th></tr></thead><tbody>";
    const double most = static_cast<double>(top.front().second);
    for (const auto& [code, n] : top)
      out += "<tr><td class=\"text\"><code>" + escape(code) + "</code></td><td class=\"n\">" + num(n) +
             "</td><td class=\"bar\"><span style=\"width:" + fixed(100.0 * static_cast<double>(n) / most, 1) + "%\"></span></td></tr>";
    out += "</tbody></table>";
  }
  out += "<h3>Codes flagged for review</h3><p><span id=\"codes-for-review\">" + num(f.codes_for_review) + "</span> of " +
         count_of(f.codes_proposed, "proposed code", "proposed codes") + " flagged for review.</p>";
  if (!f.code_review_reasons.empty()) out += count_table("Reason", "Codes", f.code_review_reasons);
  return out + "</section>\n";
}

}  // namespace

BatchState batch_state(const RunSummary& summary) {
  if (summary.interrupted) return BatchState::interrupted;
  return summary.complete ? BatchState::complete : BatchState::incomplete;
}

std::string render_report(const RunSummary& summary, std::chrono::system_clock::time_point generated) {
  const Figures figures = add_up(summary);
  std::string page = page_head(summary, generated);
  page += counts_section(summary);
  page += throughput_section(summary);
  page += quarantine_section(summary);
  page += confidence_section(figures);
  page += review_section(figures);
  page += codes_section(figures);
  page += casemix_section(summary);
  page += "</main>\n<footer><p>Figures for pages, OCR and codes come from the " + num(figures.records) +
          " records written in this run. This report names inputs, as summary.json does: keep it with the records.</p></footer>\n"
          "</body>\n</html>\n";
  return page;
}

std::string render_report(const RunSummary& summary) { return render_report(summary, std::chrono::system_clock::now()); }

void write_report(const std::filesystem::path& output_root, const RunSummary& summary) {
  write_casemix(output_root, summary);  // first: the CSV a billing office reads does not wait on the page
  write_file_atomically(output_root / "report.html", render_report(summary));
}

}  // namespace chartflow::host
