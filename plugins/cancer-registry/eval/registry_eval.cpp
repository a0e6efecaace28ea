// Registry evaluation: case-finding sensitivity and specificity and the accuracy of each
// abstracted field, from chartflow records against gold labels.
//
//   chartflow_registry_eval RECORDS_DIR GOLD.tsv
//
// GOLD.tsv: doc<TAB>reportable (yes|no)<TAB>site<TAB>histology<TAB>behavior, one line per
// document ('#' comments; a header line starting "doc" is skipped). doc is the input file name
// without its extension. site is a 3-character topography group ("C50"), several allowed with
// '|' ("C18|C19|C20"), histology likewise ("8310|8312"); '-' in a column means "no gold for this
// field". A document is flagged when
// any tumour is reportable; needs_review tumours are counted apart (a registrar sees them).
#include <nlohmann/json.hpp>

#include <chartflow/tsv.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

struct Gold {
  bool reportable = false;
  std::set<std::string> sites, histologies;
  std::string behavior;
};

struct Predicted {
  bool flagged = false, review = false;
  long reportable_tumours = 0;
  std::string site, histology, behavior;
};

static std::set<std::string> split(const std::string& s) {
  std::set<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, '|');)
    if (!part.empty() && part != "-") out.insert(part);
  return out;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: chartflow_registry_eval RECORDS_DIR GOLD.tsv\n";
    return 2;
  }
  std::map<std::string, Gold> gold;
  try {
    chartflow::sdk::read_tsv(argv[2], "gold file", [&](const std::vector<std::string>& f, const std::string& where) {
      if (f.size() < 2 || (f[1] != "yes" && f[1] != "no")) throw std::runtime_error(where + ": expected doc<TAB>yes|no[<TAB>site<TAB>histology<TAB>behavior]");
      gold[f[0]] = {f[1] == "yes", f.size() > 2 ? split(f[2]) : std::set<std::string>{}, f.size() > 3 ? split(f[3]) : std::set<std::string>{},
                    f.size() > 4 && f[4] != "-" ? f[4] : ""};
    }, "doc");
  } catch (const std::exception& e) {
    std::cerr << "chartflow_registry_eval: " << e.what() << "\n";
    return 1;
  }
  if (!fs::is_directory(argv[1])) {
    std::cerr << "chartflow_registry_eval: " << argv[1] << ": not a folder of records\n";
    return 1;
  }
  std::map<std::string, Predicted> predicted;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const auto record = nlohmann::json::parse(in, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    const std::string doc = fs::path(record["document"]["source"]["name"].get<std::string>()).stem().string();
    Predicted p;
    for (const auto& t : record.value("tumors", nlohmann::json::array())) {
      if (t["status"] == "needs_review") p.review = true;
      if (t["status"] == "reportable") ++p.reportable_tumours;
      if (t["status"] != "reportable" || p.flagged) continue;
      p.flagged = true;
      const auto value = [&](const char* name) {
        const auto& fields = t["fields"];
        return fields.contains(name) && fields[name].contains("value") ? fields[name]["value"].get<std::string>() : std::string();
      };
      p.site = value("primarySite").substr(0, 3);
      p.histology = value("histologicTypeIcdO3");
      p.behavior = value("behaviorCodeIcdO3");
    }
    predicted[doc] = p;
  }
  long tp = 0, fn = 0, tn = 0, fp = 0, review_only = 0, missing = 0, tumours_of_cases = 0;
  std::map<std::string, std::pair<long, long>> fields;  // right, scored
  std::vector<std::string> misses;
  for (const auto& [doc, g] : gold) {
    auto it = predicted.find(doc);
    if (it == predicted.end()) {
      ++missing;
      misses.push_back(doc + ": no record");
      if (g.reportable) ++fn;
      continue;
    }
    const Predicted& p = it->second;
    if (g.reportable && p.flagged) ++tp, tumours_of_cases += p.reportable_tumours;
    else if (g.reportable) ++fn, review_only += p.review, misses.push_back(doc + ": reportable case missed" + (p.review ? " (flagged for review)" : ""));
    else if (p.flagged) ++fp, misses.push_back(doc + ": flagged but not reportable");
    else ++tn;
    if (!g.reportable || !p.flagged) continue;
    // A wrong field is listed with what was coded and what the gold allows, so a miss can be
    // read without opening the record.
    const auto score = [&](const std::string& name, const std::string& value, const std::set<std::string>& allowed) {
      if (allowed.empty()) return;
      const bool right = allowed.contains(value);
      auto& [r, n] = fields[name];
      ++n;
      r += right;
      if (right) return;
      std::string gold_values;
      for (const auto& a : allowed) gold_values += (gold_values.empty() ? "" : "|") + a;
      misses.push_back(doc + ": " + name + " wrong (" + (value.empty() ? "none" : value) + ", gold " + gold_values + ")");
    };
    score("primary site (3 characters)", p.site, g.sites);
    score("histology", p.histology, g.histologies);
    score("behaviour", p.behavior, g.behavior.empty() ? std::set<std::string>{} : std::set<std::string>{g.behavior});
  }
  std::cout << std::fixed << std::setprecision(3);
  std::cout << "documents " << gold.size() << " (without a record: " << missing << "); reportable " << tp + fn << ", not reportable " << tn + fp << "\n";
  std::cout << "case finding: sensitivity " << (tp + fn ? double(tp) / double(tp + fn) : 0) << " (" << tp << "/" << tp + fn << ")"
            << ", specificity " << (tn + fp ? double(tn) / double(tn + fp) : 0) << " (" << tn << "/" << tn + fp << ")"
            << "; missed cases flagged for review: " << review_only << "\n";
  // Each gold case is one cancer (the dev sets' reports are about one patient's cancer): more
  // than one reportable tumour per found case is a split the registrar has to merge.
  std::cout << "reportable tumours per found case " << (tp ? double(tumours_of_cases) / double(tp) : 0) << " (" << tumours_of_cases << "/" << tp
            << ")\n";
  for (const auto& [name, counts] : fields)
    std::cout << name << " accuracy " << (counts.second ? double(counts.first) / double(counts.second) : 0) << " (" << counts.first << "/" << counts.second << ")\n";
  for (const auto& m : misses) std::cout << "  " << m << "\n";
  return 0;
}
