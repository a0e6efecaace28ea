#include "casemix.hpp"

#include <chartflow/csv.hpp>
#include <chartflow/drg_item.hpp>

#include "output_store.hpp"
#include "runner.hpp"

#include <algorithm>
#include <cstdio>

namespace chartflow::host {
namespace {

using nlohmann::json;

constexpr std::string_view kField = "reimbursement.drg";  // the drg-grouper stage's field

std::optional<DocumentDrg> from_item(const json& item) {
  const auto a = sdk::read_drg_item(item);
  if (!a) return std::nullopt;
  return DocumentDrg{a->drg,         a->title,       a->mdc,          a->mdc_title,       a->med_surg,
                     a->severity,    a->return_code, a->needs_review, a->relative_weight, a->expected_payment};
}

std::string weight_text(const std::optional<double>& weight) {
  if (!weight) return {};
  char text[32];
  std::snprintf(text, sizeof(text), "%.4f", *weight);  // Table 5 gives four decimals
  return text;
}

std::string dollars_text(const std::optional<double>& dollars) {
  if (!dollars) return {};
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f", *dollars);
  return text;
}

}  // namespace

json DocumentDrg::to_json() const {
  json j = {{"drg", drg},           {"title", title},       {"mdc", mdc},
            {"mdc_title", mdc_title}, {"med_surg", med_surg}, {"severity", severity},
            {"return_code", return_code}, {"needs_review", needs_review}};
  if (relative_weight) j["relative_weight"] = *relative_weight;
  if (expected_payment) j["expected_payment"] = *expected_payment;
  return j;
}

std::optional<DocumentDrg> DocumentDrg::from_json(const json& j) {
  if (!j.is_object() || sdk::int_field(j, "drg") <= 0) return std::nullopt;
  // The same shape as the item's final assignment, with the item's status implied.
  json item = {{"status", "grouped"}, {"final", j}, {"needs_review", j.value("needs_review", false)}};
  for (const char* key : {"relative_weight", "expected_payment"})
    if (j.contains(key)) item[key] = j[key];
  return from_item(item);
}

std::optional<DocumentDrg> read_document_drg(const record::Record& record) {
  const record::ItemField* field = record.field(kField);
  if (!field || field->empty()) return std::nullopt;
  const auto a = sdk::read_drg_field(json::parse(field->json_text(), nullptr, false));
  if (!a) return std::nullopt;
  return DocumentDrg{a->drg,         a->title,       a->mdc,          a->mdc_title,       a->med_surg,
                     a->severity,    a->return_code, a->needs_review, a->relative_weight, a->expected_payment};
}

bool has_casemix(const DocumentOutcome& d) { return (d.outcome == Outcome::written || d.outcome == Outcome::skipped) && d.stats.drg; }

std::string casemix_csv(const RunSummary& summary) {
  std::string out = "document_id,drg,drg_title,mdc,mdc_title,type,severity,return_code,needs_review,relative_weight,expected_payment\r\n";
  for (const auto& d : summary.documents) {
    if (!has_casemix(d)) continue;
    const DocumentDrg& g = *d.stats.drg;
    out += sdk::csv_field(d.id) + "," + sdk::drg_number(g.drg) + "," + sdk::csv_field(g.title) + "," + sdk::mdc_number(g.mdc) + "," + sdk::csv_field(g.mdc_title) + "," +
           sdk::csv_field(g.med_surg) + "," + sdk::csv_field(g.severity) + "," + sdk::csv_field(g.return_code) + "," + (g.needs_review ? "true" : "false") + "," +
           weight_text(g.relative_weight) + "," + dollars_text(g.expected_payment) + "\r\n";
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
