// Code evaluation: micro precision, recall and F1 of the codes in chartflow records against
// gold codes, at full code and 3-character category level, diagnoses and procedures apart.
//
//   chartflow_code_eval RECORDS_DIR --diagnoses GOLD.tsv [--procedures GOLD.tsv] [--from-mentions] [--edition-tolerant]
//
// RECORDS_DIR: the records folder of a `chartflow run` (one JSON record per document). GOLD.tsv:
// doc<TAB>code per line, doc being the input file name without its extension (the CodiEsp
// format). Codes are compared upper case without dots, so CodiEsp's "n28.89" equals "N28.89".
// --from-mentions scores the candidate concepts of the non-negated mentions instead of the codes:
// how much of the gold the mention stage puts within the coder's reach.
#include <nlohmann/json.hpp>

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;
using Codes = std::map<std::string, std::set<std::string>>;  // doc -> codes

static std::string normalise(std::string code) {
  std::string out;
  for (char c : code)
    if (c != '.' && !std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

static Codes read_gold(const std::string& file) {
  Codes gold;
  chartflow::sdk::read_tsv(file, "gold file", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 2 || f[0].empty() || f[1].empty()) throw std::runtime_error(where + ": expected doc<TAB>code");
    gold[f[0]].insert(normalise(f[1]));
  }, "");
  return gold;
}

// Partial ICD-10-PCS codes ('-' for the axes the text leaves open) are no full-code prediction;
// they count at category level when their first characters are known.
static Codes truncate(const Codes& codes, std::size_t n) {
  Codes out;
  for (const auto& [doc, set] : codes) {
    out[doc];
    for (const auto& c : set)
      if (c.substr(0, n).find('-') == std::string::npos) out[doc].insert(c.substr(0, n));
  }
  return out;
}

static Codes complete_only(const Codes& codes) {
  Codes out;
  for (const auto& [doc, set] : codes) {
    out[doc];
    for (const auto& c : set)
      if (c.find('-') == std::string::npos) out[doc].insert(c);
  }
  return out;
}

// With --edition-tolerant, a gold code that a later edition subdivided (CodiEsp's 2018 "R51"
// became "R51.9" in FY2026; "T14.8" gained a 7th character) matches a prediction it is a prefix of.
static bool tolerant = false;

static bool matches(const std::string& gold, const std::string& predicted) {
  return gold == predicted || (tolerant && predicted.size() > gold.size() && predicted.starts_with(gold));
}

static void score(const char* title, const Codes& gold, const Codes& predicted, const std::set<std::string>& docs) {
  long tp = 0, fp = 0, fn = 0;
  for (const auto& doc : docs) {
    static const std::set<std::string> none;
    const auto& g = gold.contains(doc) ? gold.at(doc) : none;
    const auto& p = predicted.contains(doc) ? predicted.at(doc) : none;
    std::set<std::string> found;
    for (const auto& c : p) {
      const auto hit = std::find_if(g.begin(), g.end(), [&](const std::string& x) { return !found.contains(x) && matches(x, c); });
      if (hit != g.end()) found.insert(*hit), ++tp;
      else ++fp;
    }
    fn += static_cast<long>(g.size() - found.size());
  }
  const double precision = tp + fp ? double(tp) / double(tp + fp) : 0, recall = tp + fn ? double(tp) / double(tp + fn) : 0;
  const double f1 = precision + recall ? 2 * precision * recall / (precision + recall) : 0;
  std::cout << std::left << std::setw(34) << title << std::right << std::fixed << std::setprecision(3) << std::setw(8) << precision
            << std::setw(8) << recall << std::setw(8) << f1 << "   (tp " << tp << ", fp " << fp << ", fn " << fn << ")\n";
}

int main(int argc, char** argv) {
  std::string records, diagnoses, procedures;
  bool from_mentions = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--diagnoses" && i + 1 < argc) diagnoses = argv[++i];
    else if (a == "--procedures" && i + 1 < argc) procedures = argv[++i];
    else if (a == "--from-mentions") from_mentions = true;
    else if (a == "--edition-tolerant") tolerant = true;
    else if (records.empty() && !a.starts_with("--")) records = a;
    else {
      std::cerr << "chartflow_code_eval: unknown argument '" << a << "'\n";
      return 2;
    }
  }
  if (records.empty() || diagnoses.empty()) {
    std::cerr << "usage: chartflow_code_eval RECORDS_DIR --diagnoses GOLD.tsv [--procedures GOLD.tsv] [--from-mentions] [--edition-tolerant]\n";
    return 2;
  }
  if (!fs::is_directory(records)) {
    std::cerr << "chartflow_code_eval: " << records << ": not a folder of records\n";
    return 1;
  }
  try {
    const Codes gold_d = read_gold(diagnoses), gold_p = procedures.empty() ? Codes{} : read_gold(procedures);
    Codes pred_d, pred_p;
    std::set<std::string> docs;
    std::size_t unreadable = 0;
    for (const auto& entry : fs::directory_iterator(records)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      const auto record = nlohmann::json::parse(in, nullptr, false);
      if (record.is_discarded() || !record.contains("document")) {
        ++unreadable;
        continue;
      }
      const std::string doc = fs::path(record["document"]["source"]["name"].get<std::string>()).stem().string();
      docs.insert(doc);
      pred_d[doc], pred_p[doc];
      if (from_mentions) {
        for (const auto& m : record.value("mentions", nlohmann::json::array()))
          if (m["assertion"]["status"] != "negated" && m.contains("concepts"))
            for (const auto& c : m["concepts"]) (c["system"] == "ICD-10-PCS" ? pred_p : pred_d)[doc].insert(normalise(c["code"]));
      } else {
        for (const auto& c : record.value("codes", nlohmann::json::array())) {
          if (c["system"] == "ICD-10-CM") pred_d[doc].insert(normalise(c["code"]));
          else if (c["system"] == "ICD-10-PCS") pred_p[doc].insert(normalise(c["code"]));
        }
      }
    }
    std::size_t gold_without_record = 0;
    for (const auto& [doc, codes] : gold_d) gold_without_record += docs.contains(doc) ? 0 : 1;
    std::cout << "documents with a record: " << docs.size() << " (gold documents without one: " << gold_without_record
              << ", unreadable records: " << unreadable << ")" << (from_mentions ? "; scoring mention candidates" : "") << "\n";
    std::cout << std::left << std::setw(34) << "" << std::right << std::setw(8) << "P" << std::setw(8) << "R" << std::setw(8) << "F1" << "\n";
    // Documents in gold but without a record count: their gold codes are all missed.
    std::set<std::string> all = docs;
    for (const auto& [doc, codes] : gold_d) all.insert(doc);
    score("diagnoses, full code", gold_d, pred_d, all);
    score("diagnoses, 3-character category", truncate(gold_d, 3), truncate(pred_d, 3), all);
    if (!procedures.empty()) {
      score("procedures, full code", gold_p, complete_only(pred_p), all);
      score("procedures, 3-character", truncate(gold_p, 3), truncate(pred_p, 3), all);
    }
  } catch (const std::exception& e) {
    std::cerr << "chartflow_code_eval: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
