#include "report_casemix.hpp"

#include "svg_chart.hpp"

#include <chartflow/drg_item.hpp>

#include <algorithm>
#include <map>
#include <vector>

namespace chartflow::host {
namespace {

using html::escape;
using html::fixed;

struct DrgRow {
  const DocumentDrg* drg = nullptr;  // the first record's: number, titles, type
  std::size_t records = 0;
};

struct CaseMix {
  std::vector<const DocumentDrg*> records;
  std::map<int, DrgRow> by_drg;
  std::map<std::string, std::size_t> by_type, by_severity;
  std::size_t needs_review = 0, weighted = 0;
  double weight_sum = 0;
};

// Records with a final DRG: those written in this run and those already done (their stats come
// from the journal), so the case mix is the whole output folder's.
CaseMix gather(const RunSummary& summary) {
  CaseMix mix;
  for (const auto& d : summary.documents) {
    if (!has_casemix(d)) continue;
    const DocumentDrg& g = *d.stats.drg;
    mix.records.push_back(&g);
    DrgRow& row = mix.by_drg[g.drg];
    if (!row.drg) row.drg = &g;
    ++row.records;
    ++mix.by_type[g.med_surg];
    ++mix.by_severity[g.severity];
    if (g.needs_review) ++mix.needs_review;
    if (g.relative_weight) ++mix.weighted, mix.weight_sum += *g.relative_weight;
  }
  return mix;
}

std::string share(std::size_t n, std::size_t of) { return fixed(of ? 100.0 * static_cast<double>(n) / static_cast<double>(of) : 0, 1) + "%"; }

std::size_t count_of(const std::map<std::string, std::size_t>& counts, const std::string& key) {
  const auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

std::string type_name(const std::string& med_surg) {
  if (med_surg == "SURGICAL") return "surgical";
  if (med_surg == "MEDICAL") return "medical";
  return "neither";
}

// "Surgical 3 (30.0%), medical 7 (70.0%)" and the severity shares, one paragraph each.
std::string shares(const CaseMix& mix) {
  const std::size_t n = mix.records.size();
  std::string out = "<p id=\"casemix-split\">Surgical " + std::to_string(count_of(mix.by_type, "SURGICAL")) + " (" +
                    share(count_of(mix.by_type, "SURGICAL"), n) + "), medical " + std::to_string(count_of(mix.by_type, "MEDICAL")) + " (" +
                    share(count_of(mix.by_type, "MEDICAL"), n) + ")";
  if (const std::size_t other = n - count_of(mix.by_type, "SURGICAL") - count_of(mix.by_type, "MEDICAL"))
    out += ", neither (Pre-MDC error DRGs) " + std::to_string(other);
  out += ".</p><p id=\"casemix-severity\">With an MCC " + std::to_string(count_of(mix.by_severity, "MCC")) + " (" +
         share(count_of(mix.by_severity, "MCC"), n) + "), with a CC " + std::to_string(count_of(mix.by_severity, "CC")) + " (" +
         share(count_of(mix.by_severity, "CC"), n) + "), without a CC or MCC " + std::to_string(count_of(mix.by_severity, "NON_CC")) + " (" +
         share(count_of(mix.by_severity, "NON_CC"), n) + "), in a DRG without a CC/MCC split " +
         std::to_string(count_of(mix.by_severity, "NONE")) + " (" + share(count_of(mix.by_severity, "NONE"), n) + ").</p>";
  return out;
}

// Rows by record count, largest first (ties by DRG number), at most kReportTopDrgs.
std::string drg_table(const CaseMix& mix) {
  std::vector<const DrgRow*> rows;
  for (const auto& [number, row] : mix.by_drg) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const DrgRow* a, const DrgRow* b) { return a->records > b->records; });
  // The Table 5 weight of each DRG, when the stage had a Table 5 (every record of a DRG has the same).
  const bool weights = mix.weighted > 0;
  std::string out = "<table id=\"casemix-drgs\"><thead><tr><th scope=\"col\">MS-DRG</th><th scope=\"col\">Title</th><th scope=\"col\">MDC</th>"
                    "<th scope=\"col\">Type</th>" +
                    std::string(weights ? "<th scope=\"col\" class=\"n\">Weight</th>" : "") + "<th scope=\"col\" class=\"n\">Records</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < rows.size() && i < kReportTopDrgs; ++i) {
    const DocumentDrg& g = *rows[i]->drg;
    out += "<tr><td><code>" + sdk::drg_number(g.drg) + "</code></td><td class=\"text\">" + escape(g.title) + "</td><td class=\"text\"><code>" +
           sdk::mdc_number(g.mdc) + "</code> " + escape(g.mdc_title) + "</td><td>" + type_name(g.med_surg) + "</td>";
    if (weights) out += "<td class=\"n\">" + (g.relative_weight ? fixed(*g.relative_weight, 4) : std::string()) + "</td>";
    out += "<td class=\"n\">" + std::to_string(rows[i]->records) + "</td></tr>";
  }
  out += "</tbody></table>";
  if (rows.size() > kReportTopDrgs)
    out += "<p id=\"casemix-more\">and " + std::to_string(rows.size() - kReportTopDrgs) + " more DRGs: casemix.csv lists every record.</p>";
  return out;
}

}  // namespace

std::string casemix_section(const RunSummary& summary) {
  const CaseMix mix = gather(summary);
  if (mix.records.empty()) return {};  // no drg-grouper stage, or no inpatient record: nothing to say
  const std::size_t n = mix.records.size();
  std::string out = "<section id=\"casemix\" aria-labelledby=\"casemix-h\"><h2 id=\"casemix-h\">Case mix</h2>";
  out += "<p><span id=\"casemix-records\">" + std::to_string(n) + "</span> " + (n == 1 ? "record" : "records") +
         " with an MS-DRG (written in this run or already done), " + std::to_string(mix.by_drg.size()) + " different; " +
         std::to_string(mix.needs_review) + " of them need a coder's review. Every record is in casemix.csv.</p>";
  out += shares(mix);
  if (mix.weighted)
    out += "<p id=\"casemix-cmi\">Case-mix index " + fixed(mix.weight_sum / static_cast<double>(mix.weighted), 4) + " over the " +
           std::to_string(mix.weighted) + " records with a relative weight.</p>";
  return out + drg_table(mix) + "</section>\n";
}

}  // namespace chartflow::host
