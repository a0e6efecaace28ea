#include "host/inputs.hpp"
#include "host/output_store.hpp"
#include "host/pipeline.hpp"
#include "host/report.hpp"
#include "host/svg_chart.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>

namespace chartflow::host {
namespace {

using test::TempDir;

const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));  // 2023-11-14 22:13 UTC

std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The markup of the element with id `id` (from its opening tag to the first `end` after it).
std::string element(const std::string& page, const std::string& id, const std::string& end) {
  const auto begin = page.find("id=\"" + id + "\"");
  if (begin == std::string::npos) return {};
  return page.substr(begin, page.find(end, begin) - begin);
}

DocumentOutcome written(std::string input, DocumentStats stats) {
  DocumentOutcome d;
  d.input = std::move(input);
  d.id = "doc-" + std::string(16, 'a');
  d.outcome = Outcome::written;
  d.stats = std::move(stats);
  return d;
}

DocumentOutcome quarantined(std::string input, std::string stage, std::string status, std::string reason) {
  DocumentOutcome d;
  d.input = std::move(input);
  d.id = "doc-" + std::string(16, 'b');
  d.outcome = Outcome::quarantined;
  d.stage = std::move(stage), d.status = std::move(status), d.reason = std::move(reason);
  return d;
}

RunSummary finished_summary() {
  RunSummary s;
  s.pipeline_name = "default";
  s.fingerprint = "0123456789abcdef0123456789abcdef";
  s.complete = true;
  s.seconds = 125;
  return s;
}

TEST(Report, AnEmptyBatchRenders) {
  const std::string page = render_report(finished_summary(), kWhen);
  EXPECT_TRUE(page.starts_with("<!doctype html>"));
  EXPECT_TRUE(page.ends_with("</html>\n"));
  EXPECT_NE(page.find("<title>chartflow batch report: default</title>"), std::string::npos);
  EXPECT_NE(page.find("id=\"count-inputs\">0<"), std::string::npos);
  EXPECT_NE(page.find("class=\"state state-complete\""), std::string::npos);
  EXPECT_NE(page.find("No document was processed in this run."), std::string::npos);
  EXPECT_NE(page.find("No document was quarantined."), std::string::npos);
  EXPECT_NE(page.find("No OCR pages"), std::string::npos);
  EXPECT_NE(page.find("No code was proposed"), std::string::npos);
  EXPECT_NE(page.find("2023-11-14 22:13 UTC"), std::string::npos);
  EXPECT_NE(page.find("<code title=\"0123456789abcdef0123456789abcdef\">0123456789ab</code>"), std::string::npos) << "a short fingerprint";
  EXPECT_EQ(render_report(RunSummary{}, kWhen).find("class=\"state state-complete\""), std::string::npos) << "a default summary is no finished batch";
}

TEST(Report, TheHeadlineSaysWhetherTheBatchWasInterrupted) {
  RunSummary s = finished_summary();
  s.complete = false;
  s.interrupted = true;
  s.documents.emplace_back().input = "a.txt";  // pending
  const std::string page = render_report(s, kWhen);
  EXPECT_EQ(batch_state(s), BatchState::interrupted);
  EXPECT_NE(page.find("class=\"state state-interrupted\""), std::string::npos);
  EXPECT_NE(page.find("id=\"count-not-processed\">1<"), std::string::npos);
  s.interrupted = false;
  EXPECT_EQ(batch_state(s), BatchState::incomplete);
}

TEST(Report, EscapesWhatUsersAndPluginsNamed) {
  RunSummary s = finished_summary();
  s.pipeline_name = "</title><script>alert(0)</script>";
  s.documents.push_back(quarantined("<script>alert(1)</script>.txt", "st\"age", "<b>status</b>", "bad <img src=x onerror=alert(2)> & 'so'"));
  DocumentStats stats;
  stats.pages = 1;
  stats.pages_for_review = 1;
  stats.page_review_reasons["<i>blurry</i>"] = 1;
  stats.codes = {"ICD-10-CM <u>I10</u>"};
  stats.codes_for_review = 1;
  stats.code_review_reasons["\"><svg onload=alert(3)>"] = 1;
  stats.finished_seconds = 3;
  s.documents.push_back(written("a.txt", stats));
  s.documents.push_back(quarantined("ok\x01\xFF.txt", "read", "invalid-input", "x"));
  const std::string page = render_report(s, kWhen);
  for (const char* raw : {"<script", "<img", "<b>", "<i>", "<u>", "<svg onload", "st\"age", "\x01", "\xFF"})
    EXPECT_EQ(page.find(raw), std::string::npos) << raw;
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;.txt"), std::string::npos);
  EXPECT_NE(page.find("bad &lt;img src=x onerror=alert(2)&gt; &amp; &#39;so&#39;"), std::string::npos);
  EXPECT_NE(page.find("ICD-10-CM &lt;u&gt;I10&lt;/u&gt;"), std::string::npos);
  EXPECT_NE(page.find("ok\xEF\xBF\xBD\xEF\xBF\xBD.txt"), std::string::npos) << "a control byte and malformed UTF-8 become U+FFFD";
}

TEST(Report, EscapeHandlesEveryMarkupCharacter) {
  EXPECT_EQ(html::escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(html::escape("tab\tnew\nline"), "tab\tnew\nline");
  EXPECT_EQ(html::escape("caf\xC3\xA9 \xE2\x9C\x93"), "caf\xC3\xA9 \xE2\x9C\x93") << "UTF-8 passes as it is";
  EXPECT_EQ(html::escape("\xC2\x85"), "\xEF\xBF\xBD") << "a C1 control";
  EXPECT_EQ(html::escape("\xE2\x9C"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "a truncated sequence";
  EXPECT_EQ(html::truncate("ab\xC3\xA9", 3), "ab\xE2\x80\xA6") << "never cuts a character in two";
  EXPECT_EQ(html::truncate("abc", 3), "abc");
}

TEST(Report, ConfidenceHistogramBins) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> values{0.0, 0.049, 0.05, 0.5, 0.99, 1.0, -0.2, 1.5, nan};
  const auto bins = html::unit_histogram(values, 20);
  ASSERT_EQ(bins.size(), 20u);
  EXPECT_EQ(bins[0], 3u);   // 0, 0.049 and -0.2 (clamped)
  EXPECT_EQ(bins[1], 1u);   // 0.05
  EXPECT_EQ(bins[10], 1u);  // 0.5
  EXPECT_EQ(bins[19], 3u);  // 0.99, 1.0 and 1.5 (clamped)
  std::size_t total = 0;
  for (const auto n : bins) total += n;
  EXPECT_EQ(total, 8u) << "NaN is in no bin";
  EXPECT_EQ(html::unit_histogram(values, 10)[9], 3u);

  RunSummary s = finished_summary();
  DocumentStats stats;
  stats.pages = 3;
  stats.page_confidence = {0.12, 0.97, 0.98};
  s.documents.push_back(written("scan.tif", stats));
  const std::string page = render_report(s, kWhen);
  const std::string chart = element(page, "chart-confidence", "</svg>");
  ASSERT_FALSE(chart.empty());
  EXPECT_EQ(occurrences(chart, "<rect"), kReportConfidenceBins);
  EXPECT_NE(chart.find("<title>0.10\xE2\x80\x93" "0.15: 1 page</title>"), std::string::npos);
  EXPECT_NE(chart.find("<title>0.95\xE2\x80\x93" "1.00: 2 pages</title>"), std::string::npos);
  EXPECT_NE(page.find("3 pages with an OCR confidence; mean 0.69."), std::string::npos);
}

TEST(Report, NiceAxisTops) {
  EXPECT_EQ(html::nice_ceiling(0), 1);
  EXPECT_EQ(html::nice_ceiling(0.3), 1);
  EXPECT_EQ(html::nice_ceiling(3), 5);
  EXPECT_EQ(html::nice_ceiling(10), 10);
  EXPECT_EQ(html::nice_ceiling(11), 20);
  EXPECT_EQ(html::nice_ceiling(2100), 2500);
  EXPECT_EQ(html::nice_ceiling(7000), 10000);
}

TEST(Report, PagesPerMinuteComeFromWhenEachDocumentFinished) {
  RunSummary s = finished_summary();
  s.seconds = 120;
  for (const auto& [at, pages] : std::vector<std::pair<double, unsigned>>{{0.5, 0}, {1.5, 3}, {59, 1}, {119, 1}}) {
    DocumentStats stats;
    stats.pages = pages;
    stats.finished_seconds = at;
    s.documents.push_back(written("a.txt", stats));
  }
  s.documents.push_back(written("skipped.txt", {}));  // finished_seconds -1: not processed in this run
  s.documents.back().outcome = Outcome::skipped;
  for (const double damaged : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    DocumentStats stats;
    stats.finished_seconds = damaged;
    s.documents.push_back(written("damaged.txt", stats));
  }
  const std::string page = render_report(s, kWhen);
  EXPECT_NE(page.find("6 pages in 4 documents, 3.0 pages/min over the run."), std::string::npos);
  const std::string chart = element(page, "chart-throughput", "</svg>");
  ASSERT_FALSE(chart.empty());
  EXPECT_EQ(occurrences(chart, "<rect"), 60u) << "two-second intervals over two minutes";
  EXPECT_NE(chart.find("0.00\xE2\x80\x93" "0.03 min: 120.0 pages/min (4 pages)"), std::string::npos);
  EXPECT_NE(chart.find(">minutes since the batch started<"), std::string::npos);
  EXPECT_NE(chart.find(">pages/min<"), std::string::npos);
}

TEST(Report, ReviewFlagsAndCodesAreCounted) {
  RunSummary s = finished_summary();
  for (int i = 0; i < 3; ++i) {
    DocumentStats stats;
    stats.pages = 2;
    stats.pages_for_review = 1;
    stats.page_review_reasons["low-confidence"] = 1;
    stats.codes = {"ICD-10-CM I10", i == 0 ? "ICD-10-CM E11.9" : "ICD-10-CM I10"};
    stats.codes_for_review = 1;
    stats.code_review_reasons["uncertain-assertion"] = 1;
    s.documents.push_back(written("d.txt", stats));
  }
  const std::string page = render_report(s, kWhen);
  EXPECT_NE(page.find("<span id=\"pages-for-review\">3</span> of 6 pages"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"text\">low-confidence</td><td class=\"n\">3</td>"), std::string::npos);
  EXPECT_NE(page.find("<span id=\"codes-for-review\">3</span> of 6 proposed codes"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"text\">uncertain-assertion</td><td class=\"n\">3</td>"), std::string::npos);
  const std::string codes = element(page, "top-codes", "</table>");
  const auto i10 = codes.find("ICD-10-CM I10</code></td><td class=\"n\">5</td>");
  const auto e11 = codes.find("ICD-10-CM E11.9</code></td><td class=\"n\">1</td>");
  ASSERT_NE(i10, std::string::npos);
  ASSERT_NE(e11, std::string::npos);
  EXPECT_LT(i10, e11) << "most frequent first";
  EXPECT_NE(codes.find("width:100.0%"), std::string::npos);
  EXPECT_NE(codes.find("width:20.0%"), std::string::npos);
}

TEST(Report, ABigBatchGivesAPageOfReasonableSize) {
  RunSummary s = finished_summary();
  s.seconds = 8 * 3600;
  const std::string long_reason(2000, 'x');
  for (int i = 0; i < 20'000; ++i) {
    if (i % 20 == 0) {
      s.documents.push_back(quarantined("box-0042/folder/chart-" + std::to_string(i) + ".tif", "read-scan", "invalid-input", long_reason));
      continue;
    }
    DocumentStats stats;
    stats.pages = 1 + i % 7;
    for (unsigned p = 0; p < stats.pages; ++p) stats.page_confidence.push_back((i * 7 + p * 13) % 100 / 100.0);
    for (int c = 0; c < 4; ++c) stats.codes.push_back("ICD-10-CM X" + std::to_string((i * 31 + c * 17) % 500));
    stats.finished_seconds = i * (8 * 3600.0 / 20'000);
    s.documents.push_back(written("box-0042/folder/chart-" + std::to_string(i) + ".tif", stats));
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string page = render_report(s, kWhen);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_LT(page.size(), 300'000u) << "tables are capped";
  EXPECT_NE(page.find("id=\"count-inputs\">20000<"), std::string::npos);
  EXPECT_NE(page.find("id=\"count-quarantined\">1000<"), std::string::npos);
  EXPECT_EQ(occurrences(element(page, "quarantined-inputs", "</table>"), "<tr>"), kReportQuarantineRows + 1);  // + the header row
  EXPECT_NE(page.find("and 800 more"), std::string::npos);
  EXPECT_EQ(occurrences(element(page, "top-codes", "</table>"), "<tr>"), kReportTopCodes + 1);
  EXPECT_EQ(page.find(long_reason), std::string::npos) << "long reasons are cut";
  EXPECT_LE(occurrences(element(page, "chart-throughput", "</svg>"), "<rect"), 60u);
}

TEST(Report, ReferencesNothingOutsideThePage) {
  RunSummary s = finished_summary();
  s.documents.push_back(quarantined("see https://example.org/x.txt", "read", "invalid-input", "from http://example.org"));
  DocumentStats stats;
  stats.pages = 2;
  stats.page_confidence = {0.5, 0.9};
  stats.codes = {"ICD-10-CM I10"};
  stats.finished_seconds = 1;
  s.documents.push_back(written("a.txt", stats));
  const std::string page = render_report(s, kWhen);
  // User text may say "http://" (escaped, it is only text); the markup itself may only name the
  // SVG namespace.
  std::string markup = page;
  for (const std::string user : {"see https://example.org/x.txt", "from http://example.org"})
    markup.erase(markup.find(user), user.size());
  const std::string xmlns = "xmlns=\"http://www.w3.org/2000/svg\"";
  EXPECT_EQ(occurrences(markup, "http://"), occurrences(markup, xmlns));
  EXPECT_EQ(occurrences(markup, xmlns), 2u) << "two charts";
  for (const char* fetch : {"https://", "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "@font-face", "<base"})
    EXPECT_EQ(markup.find(fetch), std::string::npos) << fetch;
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
}

TEST(Report, IsWrittenAtomicallyBesideTheSummary) {
  TempDir dir;
  write_report(dir.path(), finished_summary());
  EXPECT_NE(test::read_file(dir / "report.html").find("<h1>Batch report</h1>"), std::string::npos);
  EXPECT_EQ(std::distance(test::fs::directory_iterator(dir.path()), test::fs::directory_iterator()), 1) << "no temporary file left";
  EXPECT_ANY_THROW(write_report(dir / "missing", finished_summary()));
}

// The runner writes it after the summary, with each written document's figures.
TEST(Report, ARunWritesItBesideTheSummary) {
  TempDir dir;
  const auto config = read_pipeline_config(test::write_config(dir.path(), R"([{"id": "read", "plugin": "text-reader"},
      {"id": "norm", "plugin": "text-normalizer"}, {"id": "sections", "plugin": "clinical-sections"},
      {"id": "mentions", "plugin": "clinical-mentions"}, {"id": "coding", "plugin": "clinical-coding"}])"));
  test::write_file(dir / "in" / "note.txt", "ASSESSMENT:\n1. Essential hypertension.\n2. Type 2 diabetes mellitus.\n");
  test::write_file(dir / "in" / "<b>empty</b>.txt", "");
  const Pipeline pipeline(config, 2);
  OutputStore store(dir / "out");
  RunOptions options;
  options.isolation = Isolation::none;  // stats travel in memory here; the worker channel carries them otherwise
  const RunSummary summary = run_pipeline(pipeline, collect_inputs({dir / "in"}), store, options);
  ASSERT_EQ(summary.count(Outcome::written), 1u);
  const std::string page = test::read_file(dir / "out" / "report.html");
  EXPECT_NE(page.find("id=\"count-written\">1<"), std::string::npos);
  EXPECT_NE(page.find("id=\"count-quarantined\">1<"), std::string::npos);
  EXPECT_NE(page.find("&lt;b&gt;empty&lt;/b&gt;.txt"), std::string::npos);
  EXPECT_NE(page.find("id=\"chart-throughput\""), std::string::npos);
  EXPECT_NE(page.find("ICD-10-CM I10"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::host
