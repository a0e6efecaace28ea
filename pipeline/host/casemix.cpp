#include "casemix.hpp"

#include <chartflow/json_fields.hpp>

#include "output_store.hpp"
#include "runner.hpp"

#include <algorithm>
#include <cstdio>

namespace chartflow::host {
namespace {

using nlohmann::json;

constexpr std::string_view kField = "reimbursement.drg";  // the drg-grouper stage's field

std::optional<DocumentDrg> from_item(const json& item) {
  if (!item.is_object() || sdk::string_field(item, "status") != "grouped") return std::nullopt;
  const auto final = item.find("final");
  if (final == item.end() || !final->is_object() || sdk::int_field(*final, "drg") <= 0) return std::nullopt;
  DocumentDrg d;
  d.drg = sdk::int_field(*final, "drg");
  d.title = sdk::string_field(*final, "title");
  d.mdc = sdk::int_field(*final, "mdc");
  d.mdc_title = sdk::string_field(*final, "mdc_title");
  d.med_surg = sdk::string_field(*final, "med_surg");
  d.severity = sdk::string_field(*final, "severity");
  d.return_code = sdk::string_field(*final, "return_code");
  d.needs_review = item.value("needs_review", false);
  if (const auto w = item.find("relative_weight"); w != item.end() && w->is_number()) d.relative_weight = w->get<double>();
  return d;
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string weight_text(const std::optional<double>& weight) {
  if (!weight) return {};
  char text[32];
  std::snprintf(text, sizeof(text), "%.4f", *weight);  // Table 5 gives four decimals
  return text;
}

}  // namespace

json DocumentDrg::to_json() const {
  json j = {{"drg", drg},           {"title", title},       {"mdc", mdc},
            {"mdc_title", mdc_title}, {"med_surg", med_surg}, {"severity", severity},
            {"return_code", return_code}, {"needs_review", needs_review}};
  if (relative_weight) j["relative_weight"] = *relative_weight;
  return j;
}

std::optional<DocumentDrg> DocumentDrg::from_json(const json& j) {
  if (!j.is_object() || sdk::int_field(j, "drg") <= 0) return std::nullopt;
  // The same shape as the item's final assignment, with the item's status implied.
  json item = {{"status", "grouped"}, {"final", j}, {"needs_review", j.value("needs_review", false)}};
  if (j.contains("relative_weight")) item["relative_weight"] = j["relative_weight"];
  return from_item(item);
}

std::optional<DocumentDrg> read_document_drg(const record::Record& record) {
  const record::ItemField* field = record.field(kField);
  if (!field || field->empty()) return std::nullopt;
  const json items = json::parse(field->json_text(), nullptr, false);
  if (!items.is_array()) return std::nullopt;
  for (const json& item : items)  // one item per record; the first grouped one if a pipeline ran the stage twice
    if (auto drg = from_item(item)) return drg;
  return std::nullopt;
}

std::string drg_number(int drg) {
  char text[8];
  std::snprintf(text, sizeof(text), "%03d", drg % 1000);
  return text;
}

std::string mdc_number(int mdc) {
  char text[8];
  std::snprintf(text, sizeof(text), "%02d", mdc % 100);
  return text;
}

bool has_casemix(const DocumentOutcome& d) { return (d.outcome == Outcome::written || d.outcome == Outcome::skipped) && d.stats.drg; }

std::string casemix_csv(const RunSummary& summary) {
  std::string out = "document_id,drg,drg_title,mdc,mdc_title,type,severity,return_code,needs_review,relative_weight\r\n";
  for (const auto& d : summary.documents) {
    if (!has_casemix(d)) continue;
    const DocumentDrg& g = *d.stats.drg;
    out += csv_field(d.id) + "," + drg_number(g.drg) + "," + csv_field(g.title) + "," + mdc_number(g.mdc) + "," + csv_field(g.mdc_title) + "," +
           csv_field(g.med_surg) + "," + csv_field(g.severity) + "," + csv_field(g.return_code) + "," + (g.needs_review ? "true" : "false") + "," +
           weight_text(g.relative_weight) + "\r\n";
  }
  return out;
}

void write_casemix(const std::filesystem::path& output_root, const RunSummary& summary) {
  const auto file = output_root / "casemix.csv";
  if (std::none_of(summary.documents.begin(), summary.documents.end(), has_casemix)) {
    std::error_code ignored;  // an earlier pipeline's case mix would describe records this folder no longer has
    std::filesystem::remove(file, ignored);
    return;
  }
  write_file_atomically(file, casemix_csv(summary));
}

}  // namespace chartflow::host
