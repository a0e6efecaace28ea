#include "naaccr_export.hpp"

#include "naaccr_dictionary.hpp"

#include "../host/errors.hpp"
#include "../host/json_file.hpp"
#include "../record/record_json.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace chartflow::exporting {
namespace {

namespace fs = std::filesystem;

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string csv(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out + "\"";
}

std::string pad2(std::size_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// One tumour as exported: the fields (item id -> value, confidence) of every report about it.
struct CaseTumor {
  std::map<std::string, std::pair<std::string, double>> items;
  std::vector<std::string> documents;
};

struct CasePatient {
  std::vector<CaseTumor> tumors;
};

std::string value_of(const record::Tumor& t, const std::string& field) {
  auto it = t.fields.find(field);
  return it != t.fields.end() && it->second.value ? *it->second.value : std::string();
}

std::string evidence_quote(const record::Record& r, const record::Tumor& t) {
  if (t.evidence.empty()) return {};
  const auto* view = r.find_view(t.evidence.front().view);
  if (!view) return {};
  const auto& e = t.evidence.front();
  const std::size_t from = e.begin > 40 ? e.begin - 40 : 0;
  const std::size_t to = std::min<std::size_t>(view->text.size(), e.end + 40);
  return from < to ? view->text.substr(from, to - from) : std::string();
}

void write_atomically(const fs::path& file, const std::string& content) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out || !(out << content) || !out.flush()) throw host::FatalError(file.string() + ": cannot write (check the folder exists and is writable)");
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw host::FatalError(file.string() + ": cannot write: " + ec.message());
}

}  // namespace

NaaccrExportSummary export_naaccr(const NaaccrExportOptions& options) {
  const auto& dictionary = NaaccrDictionary::v26();
  if (options.record_type.size() != 1 || std::string("AMCI").find(options.record_type) == std::string::npos)
    throw host::FatalError("record type '" + options.record_type + "' is not A, M, C or I");
  fs::path dir = options.records;
  if (fs::is_directory(dir / "records")) dir /= "records";
  if (!fs::is_directory(dir)) throw host::FatalError(options.records.string() + ": records folder not found (give the output folder of `chartflow run`)");

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  NaaccrExportSummary summary;
  std::map<std::string, CasePatient> patients;  // medical record number, else the document
  std::vector<std::string> patient_order;
  std::ostringstream cases;
  cases << "document,source,tumor,status,primary_site,histology,behavior,laterality,date_of_diagnosis,fields_to_review,reasons,evidence\n";

  for (const auto& file : files) {
    record::Record r;
    try {
      r = host::read_json_file(file, "record").get<record::Record>();
    } catch (const std::exception&) {
      ++summary.unreadable;
      continue;
    }
    ++summary.records;
    for (const auto& t : record::typed_items<record::Tumor>(r, "tumors")) {
      std::string review_fields;
      for (const auto& [name, f] : t.fields)
        if (f.needs_review) review_fields += (review_fields.empty() ? "" : " ") + name;
      std::string reasons;
      for (const auto& reason : t.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
      cases << csv(r.document.id) << ',' << csv(r.document.source.name) << ',' << csv(t.id) << ',' << csv(t.status) << ','
            << csv(value_of(t, "primarySite")) << ',' << csv(value_of(t, "histologicTypeIcdO3")) << ',' << csv(value_of(t, "behaviorCodeIcdO3"))
            << ',' << csv(value_of(t, "laterality")) << ',' << csv(value_of(t, "dateOfDiagnosis")) << ',' << csv(review_fields) << ','
            << csv(reasons) << ',' << csv(evidence_quote(r, t)) << '\n';
      if (t.status == "not_reportable") {
        ++summary.not_reportable;
        continue;
      }
      if (t.status == "needs_review") {
        ++summary.review;
        if (!options.include_review) continue;
      }
      // Several reports about one tumour of one patient are one case: same patient, same site
      // group and histology group.
      std::string patient_key = value_of(t, "medicalRecordNumber");
      if (patient_key.empty()) patient_key = "doc:" + r.document.id;
      if (!patients.contains(patient_key)) patient_order.push_back(patient_key);
      auto& patient = patients[patient_key];
      const std::string site = value_of(t, "primarySite").substr(0, 3), histology = value_of(t, "histologicTypeIcdO3").substr(0, 3);
      auto same = std::find_if(patient.tumors.begin(), patient.tumors.end(), [&](const CaseTumor& c) {
        const auto s = c.items.find("primarySite"), h = c.items.find("histologicTypeIcdO3");
        return s != c.items.end() && s->second.first.substr(0, 3) == site && (h == c.items.end() || histology.empty() || h->second.first.substr(0, 3) == histology);
      });
      CaseTumor* target = nullptr;
      if (same != patient.tumors.end() && !site.empty()) {
        target = &*same;
        ++summary.merged;
      } else {
        patient.tumors.emplace_back();
        target = &patient.tumors.back();
      }
      target->documents.push_back(r.document.id);
      for (const auto& [name, f] : t.fields) {
        if (!f.value) continue;
        auto& slot = target->items[name];
        // The date of diagnosis is the earliest any report gives; otherwise the best supported value wins.
        const bool earlier = name == "dateOfDiagnosis" && !slot.first.empty() && *f.value < slot.first;
        if (slot.first.empty() || earlier || (name != "dateOfDiagnosis" && f.confidence > slot.second)) slot = {*f.value, f.confidence};
      }
    }
  }

  // The XML: every item checked against the dictionary; what fails is left out and counted.
  std::ostringstream xml;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char generated[32];
  std::strftime(generated, sizeof(generated), "%Y-%m-%dT%H:%M:%SZ", &utc);
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<NaaccrData baseDictionaryUri=\"" << NaaccrDictionary::kBaseDictionaryUri << "\" recordType=\"" << options.record_type
      << "\" specificationVersion=\"" << NaaccrDictionary::kSpecificationVersion << "\" timeGenerated=\"" << generated
      << "\" xmlns=\"http://naaccr.org/naaccrxml\">\n";
  const auto item = [&](const std::string& id, std::string value, const char* parent, const char* indent) {
    const NaaccrItem* definition = dictionary.find(id);
    if (!definition || definition->parent != parent || definition->record_types.find(options.record_type) == std::string::npos ||
        !dictionary.check(*definition, value).empty()) {
      ++summary.items_left_out;
      return std::string();
    }
    return std::string(indent) + "<Item naaccrId=\"" + id + "\">" + xml_escape(value) + "</Item>\n";
  };
  if (!options.registry_id.empty()) xml << item("registryId", options.registry_id, "NaaccrData", "  ");
  std::size_t patient_number = 0;
  for (const auto& key : patient_order) {
    const auto& patient = patients[key];
    xml << "  <Patient>\n" << item("patientIdNumber", std::to_string(++patient_number), "Patient", "    ");
    std::size_t tumor_number = 0;
    for (const auto& tumor : patient.tumors) {
      xml << "    <Tumor>\n" << item("tumorRecordNumber", pad2(++tumor_number), "Tumor", "      ");
      // Items in dictionary number order, as registry software lists them.
      std::vector<std::pair<int, std::string>> ordered;
      for (const auto& [name, value] : tumor.items)
        if (const auto* d = dictionary.find(name)) ordered.emplace_back(d->number, name);
        else ++summary.items_left_out;
      std::sort(ordered.begin(), ordered.end());
      for (const auto& [number, name] : ordered) xml << item(name, tumor.items.at(name).first, "Tumor", "      ");
      xml << "    </Tumor>\n";
      ++summary.tumors;
    }
    xml << "  </Patient>\n";
  }
  xml << "</NaaccrData>\n";
  summary.patients = patient_order.size();
  write_atomically(options.xml, xml.str());
  if (!options.case_list.empty()) write_atomically(options.case_list, cases.str());
  return summary;
}

}  // namespace chartflow::exporting
