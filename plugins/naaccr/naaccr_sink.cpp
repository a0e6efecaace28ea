// naaccr: a batch sink that writes the reportable tumours of a run's records as one NAACCR XML
// v26 file and, optionally, a CSV case list. Records arrive one by one, possibly from several
// threads and in any order, so deliver() only collects what each says about its tumours;
// end_batch() puts them in document-id order, assembles the cases and writes the files.
#include "common/atomic_file.hpp"
#include "case_assembly.hpp"
#include "case_list.hpp"
#include "naaccr_dictionary.hpp"
#include "naaccr_xml.hpp"
#include "tumor_reports.hpp"
#include "mph/mph.hpp"

#include <chartflow/sdk.hpp>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <tuple>

namespace chartflow::naaccr {
namespace {

struct Options {
  std::filesystem::path xml;
  std::filesystem::path case_list;  // empty: none
  std::string record_type = "A";
  std::string registry_id;
  bool include_review = false;
};

// The host has validated the config against the manifest's schema; these checks also cover a
// host that did not, and what a schema cannot say (the folders exist and can be written).
Options read_options(const sdk::json& config) {
  Options o;
  if (!config.contains("output") || !config["output"].is_string() || config["output"].get<std::string>().empty())
    throw sdk::ConfigError("output: the NAACCR XML file to write is required");
  o.xml = config["output"].get<std::string>();
  o.case_list = config.value("case_list", std::string());
  o.record_type = config.value("record_type", std::string("A"));
  o.registry_id = config.value("registry_id", std::string());
  o.include_review = config.value("include_review", false);
  if (config.contains("heme_tables")) {
    try {
      mph::load_hematopoietic_tables(config["heme_tables"].get<std::string>());
    } catch (const std::exception& e) {
      throw sdk::ConfigError(std::string("heme_tables: ") + e.what());
    }
  }
  if (o.record_type.size() != 1 || std::string("AMCI").find(o.record_type) == std::string::npos)
    throw sdk::ConfigError("record_type: record type '" + o.record_type + "' is not A, M, C or I");
  if (const auto problem = files::check_writable(o.xml); !problem.empty()) throw sdk::ConfigError("output: cannot write the XML there: " + problem);
  if (!o.case_list.empty())
    if (const auto problem = files::check_writable(o.case_list); !problem.empty())
      throw sdk::ConfigError("case_list: cannot write the case list there: " + problem);
  return o;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// The sink lives in this file only, beside the options it keeps.
class NaaccrSink {
 public:
  explicit NaaccrSink(const sdk::Context& context)
      : options_(read_options(context.config())),
        dictionary_(NaaccrDictionary::load((std::filesystem::path(context.plugin_dir()) / NaaccrDictionary::kFileName).string())) {}

  void begin_batch(const sdk::json&) {
    std::lock_guard lock(mutex_);
    records_.clear();
    record_count_ = 0;
  }

  sdk::Delivery deliver(const sdk::json& record) {
    RecordReports reports;
    try {
      reports = read_record(record);
    } catch (const std::invalid_argument& e) {
      return sdk::Delivery::failed(e.what());
    }
    const std::size_t tumors = reports.tumors.size();
    std::lock_guard lock(mutex_);
    ++record_count_;
    if (tumors == 0) return sdk::Delivery::delivered("no tumours");
    records_.push_back(std::move(reports));
    return sdk::Delivery::delivered(plural(tumors, "tumour", "tumours") + " collected");
  }

  std::string end_batch(const sdk::json&) {
    std::lock_guard lock(mutex_);
    // Delivery order depends on the worker threads; the export must not.
    std::stable_sort(records_.begin(), records_.end(), [](const RecordReports& a, const RecordReports& b) {
      return std::tie(a.document_id, a.source_name) < std::tie(b.document_id, b.source_name);
    });
    CaseAssembler cases(options_.include_review);
    for (const auto& r : records_) cases.add(r);
    const XmlFile xml = write_naaccr_xml(cases.patients(), dictionary_, {options_.record_type, options_.registry_id, utc_now()});
    files::write_atomically(options_.xml, xml.text);
    if (!options_.case_list.empty()) files::write_atomically(options_.case_list, case_list_csv(records_));
    return report(cases, xml);
  }

 private:
  // One line, like the old `chartflow export naaccr` summary: counts only, never document text.
  std::string report(const CaseAssembler& cases, const XmlFile& xml) const {
    const CaseCounts& c = cases.counts();
    return "NAACCR XML v26 (record type " + options_.record_type + "): " + plural(record_count_, "record", "records") + ", " +
           plural(cases.patients().size(), "patient", "patients") + ", " + plural(xml.tumors, "tumour", "tumours") + " (" +
           std::to_string(c.merged) + " reports merged into a tumour another report described" +
           (c.questionable ? ", " + std::to_string(c.questionable) + " pairs kept apart as questionable by the multiple primary rules" : "") +
           "), " + std::to_string(c.not_reportable) +
           " not reportable, " + std::to_string(c.review) + " needing review" +
           (options_.include_review ? " (exported)" : " (not exported; include_review exports them)") + ", " +
           std::to_string(xml.items_left_out) + " items left out (not valid for the v26 dictionary or record type " + options_.record_type +
           ")" + (options_.case_list.empty() ? "" : "; case list written");
  }

  const Options options_;
  const NaaccrDictionary dictionary_;
  std::mutex mutex_;
  std::vector<RecordReports> records_;  // records with tumours, in delivery order until end_batch
  std::size_t record_count_ = 0;        // every record delivered, with tumours or not
};

}  // namespace

}  // namespace chartflow::naaccr

CHARTFLOW_SINK(chartflow::naaccr::NaaccrSink)
