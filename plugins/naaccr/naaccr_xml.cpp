#include "naaccr_xml.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

namespace chartflow::naaccr {
namespace {

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

std::string pad2(std::size_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

class Writer {
 public:
  Writer(const NaaccrDictionary& dictionary, const XmlOptions& options, XmlFile& file)
      : dictionary_(dictionary), options_(options), file_(file) {}

  // One <Item>, or "" (counted) when the dictionary does not allow it here or its value.
  std::string item(const std::string& id, std::string value, const char* parent, const char* indent) {
    const NaaccrItem* definition = dictionary_.find(id);
    if (!definition || definition->parent != parent || definition->record_types.find(options_.record_type) == std::string::npos ||
        !dictionary_.check(*definition, value).empty()) {
      ++file_.items_left_out;
      return std::string();
    }
    return std::string(indent) + "<Item naaccrId=\"" + id + "\">" + xml_escape(value) + "</Item>\n";
  }

  // Patient-level items other than the id, in dictionary number order.
  std::string patient_items(const std::map<std::string, std::string>& items) {
    std::vector<std::pair<int, std::string>> ordered;
    for (const auto& [name, value] : items)
      if (const auto* d = dictionary_.find(name); d && name != "patientIdNumber") ordered.emplace_back(d->number, name);
      else ++file_.items_left_out;
    std::sort(ordered.begin(), ordered.end());
    std::string out;
    for (const auto& [n, name] : ordered) out += item(name, items.at(name), "Patient", "    ");
    return out;
  }

  void tumor(std::ostringstream& xml, const CaseTumor& tumor, std::size_t number) {
    xml << "    <Tumor>\n" << item("tumorRecordNumber", pad2(number), "Tumor", "      ");
    // Items in dictionary number order, as registry software lists them.
    std::vector<std::pair<int, std::string>> ordered;
    for (const auto& [name, value] : tumor.items)
      if (const auto* d = dictionary_.find(name)) ordered.emplace_back(d->number, name);
      else ++file_.items_left_out;
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [n, name] : ordered) xml << item(name, tumor.items.at(name).first, "Tumor", "      ");
    xml << "    </Tumor>\n";
    ++file_.tumors;
  }

 private:
  const NaaccrDictionary& dictionary_;
  const XmlOptions& options_;
  XmlFile& file_;
};

}  // namespace

XmlFile write_naaccr_xml(const std::vector<const CasePatient*>& patients, const NaaccrDictionary& dictionary, const XmlOptions& options) {
  XmlFile file;
  Writer writer(dictionary, options, file);
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<NaaccrData baseDictionaryUri=\"" << NaaccrDictionary::kBaseDictionaryUri << "\" recordType=\"" << options.record_type
      << "\" specificationVersion=\"" << NaaccrDictionary::kSpecificationVersion << "\" timeGenerated=\"" << options.time_generated
      << "\" xmlns=\"http://naaccr.org/naaccrxml\">\n";
  if (!options.registry_id.empty()) xml << writer.item("registryId", options.registry_id, "NaaccrData", "  ");
  std::size_t patient_number = 0;
  for (const CasePatient* patient : patients) {
    xml << "  <Patient>\n" << writer.item("patientIdNumber", std::to_string(++patient_number), "Patient", "    ");
    xml << writer.patient_items(patient->items);
    std::size_t tumor_number = 0;
    for (const auto& tumor : patient->tumors) writer.tumor(xml, tumor, ++tumor_number);
    xml << "  </Patient>\n";
  }
  xml << "</NaaccrData>\n";
  file.text = xml.str();
  return file;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char generated[32];
  std::strftime(generated, sizeof(generated), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return generated;
}

}  // namespace chartflow::naaccr
