// Coder gold evaluation on US-style charts: ICD-10-CM precision, recall and F1 overall and by
// setting, principal / first-listed accuracy, ICD-10-PCS F1 and document-type accuracy, against a
// gold file written by a coder (tests/fixtures/coding/us-charts/*/gold.tsv).
//
//   chartflow_chart_eval RECORDS_DIR --gold GOLD.tsv [--errors]
//                        [--min-cm-f1 X] [--min-principal X] [--min-pcs-f1 X] [--min-doc-type X]
//
// GOLD.tsv: chart, setting (inpatient|outpatient), doc_type, role (principal|secondary|procedure),
// system (CM|PCS), code, evidence; a header row. chart is the input file name without extension.
// --errors lists each chart's missed and extra codes. The --min options make the exit status 1
// when a figure falls below them (the test suite's regression guard).
#include <nlohmann/json.hpp>

#include <chartflow/tsv.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace {

struct Chart {
  std::string setting, doc_type, principal;
  std::set<std::string> cm, pcs;
};

struct Predicted {
  std::string principal, doc_type;
  std::set<std::string> cm, pcs;
};

std::string bare(std::string code) {
  std::erase(code, '.');
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

std::map<std::string, Chart> read_gold(const std::string& file) {
  std::map<std::string, Chart> gold;
  chartflow::sdk::read_tsv(file, "gold file", [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() < 6) throw std::runtime_error(where + ": expected chart, setting, doc_type, role, system, code[, evidence]");
    Chart& c = gold[f[0]];
    c.setting = f[1], c.doc_type = f[2];
    if (f[4] == "PCS") c.pcs.insert(bare(f[5]));
    else if (f[4] == "CM") c.cm.insert(bare(f[5]));
    else throw std::runtime_error(where + ": system must be CM or PCS, not '" + f[4] + "'");
    if (f[3] == "principal") c.principal = bare(f[5]);
  }, "chart");
  return gold;
}

std::map<std::string, Predicted> read_records(const fs::path& dir) {
  std::map<std::string, Predicted> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const auto record = nlohmann::json::parse(in, nullptr, false);
    if (record.is_discarded() || !record.contains("document")) continue;
    Predicted& p = out[fs::path(record["document"]["source"]["name"].get<std::string>()).stem().string()];
    for (const auto& c : record.value("codes", nlohmann::json::array())) {
      if (c.value("partial", false)) continue;
      const std::string code = bare(c.value("code", ""));
      if (c["system"] == "ICD-10-CM") p.cm.insert(code);
      if (c["system"] == "ICD-10-PCS") p.pcs.insert(code);
      if (c.value("role", "") == "principal" || c.value("role", "") == "first_listed") p.principal = code;
    }
    for (const auto& t : record.value("document_types", nlohmann::json::array())) p.doc_type = t.value("type", "");
  }
  return out;
}

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  void add(const std::set<std::string>& gold, const std::set<std::string>& predicted) {
    for (const auto& c : predicted) (gold.contains(c) ? tp : fp)++;
    for (const auto& c : gold) fn += predicted.contains(c) ? 0 : 1;
  }
  double f1() const { return tp ? 2.0 * double(tp) / double(2 * tp + fp + fn) : 0; }
  void print(const std::string& title) const {
    const double p = tp + fp ? double(tp) / double(tp + fp) : 0, r = tp + fn ? double(tp) / double(tp + fn) : 0;
    std::cout << std::left << std::setw(30) << title << std::right << std::fixed << std::setprecision(3) << std::setw(8) << p << std::setw(8) << r
              << std::setw(8) << f1() << "   (tp " << tp << ", fp " << fp << ", fn " << fn << ")\n";
  }
};

std::string joined(const std::set<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : " ") + c;
  return out;
}

void print_errors(const std::string& chart, const Chart& g, const Predicted& p) {
  std::set<std::string> missed, extra;
  std::set_difference(g.cm.begin(), g.cm.end(), p.cm.begin(), p.cm.end(), std::inserter(missed, missed.end()));
  std::set_difference(p.cm.begin(), p.cm.end(), g.cm.begin(), g.cm.end(), std::inserter(extra, extra.end()));
  std::set_difference(g.pcs.begin(), g.pcs.end(), p.pcs.begin(), p.pcs.end(), std::inserter(missed, missed.end()));
  std::set_difference(p.pcs.begin(), p.pcs.end(), g.pcs.begin(), g.pcs.end(), std::inserter(extra, extra.end()));
  if (missed.empty() && extra.empty() && g.principal == p.principal) return;
  std::cout << chart << " (" << g.setting << ", " << g.doc_type << (p.doc_type.empty() || p.doc_type == g.doc_type ? "" : ", typed " + p.doc_type) << ")";
  if (g.principal != p.principal) std::cout << "  principal " << (p.principal.empty() ? "-" : p.principal) << " for " << g.principal;
  std::cout << "\n    missed: " << joined(missed) << "\n    extra:  " << joined(extra) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string records, gold_file;
  bool errors = false;
  std::map<std::string, double> minimum;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--gold" && i + 1 < argc) gold_file = argv[++i];
    else if (a == "--errors") errors = true;
    else if (a.starts_with("--min-") && i + 1 < argc) minimum[a.substr(6)] = std::atof(argv[++i]);
    else if (records.empty() && !a.starts_with("--")) records = a;
    else {
      std::cerr << "chartflow_chart_eval: unknown argument '" << a << "'\n";
      return 2;
    }
  }
  if (records.empty() || gold_file.empty()) {
    std::cerr << "usage: chartflow_chart_eval RECORDS_DIR --gold GOLD.tsv [--errors] [--min-cm-f1 X] [--min-principal X] [--min-pcs-f1 X] [--min-doc-type X]\n";
    return 2;
  }
  if (!fs::is_directory(records)) {
    std::cerr << "chartflow_chart_eval: " << records << ": not a folder of records (give the records folder of a chartflow run)\n";
    return 1;
  }
  try {
    const auto gold = read_gold(gold_file);
    const auto predicted = read_records(records);
    Counts cm, pcs;
    std::map<std::string, Counts> by_setting;
    long principal_right = 0, typed_right = 0, without_record = 0;
    for (const auto& [chart, g] : gold) {
      static const Predicted none;
      const auto it = predicted.find(chart);
      const Predicted& p = it == predicted.end() ? none : it->second;
      without_record += it == predicted.end() ? 1 : 0;
      cm.add(g.cm, p.cm);
      by_setting[g.setting].add(g.cm, p.cm);
      pcs.add(g.pcs, p.pcs);
      principal_right += !g.principal.empty() && g.principal == p.principal;
      typed_right += g.doc_type == p.doc_type;
      if (errors) print_errors(chart, g, p);
    }
    const double charts = static_cast<double>(gold.size());
    std::cout << "charts: " << gold.size() << " (without a record: " << without_record << ")\n";
    std::cout << std::left << std::setw(30) << "" << std::right << std::setw(8) << "P" << std::setw(8) << "R" << std::setw(8) << "F1" << "\n";
    cm.print("ICD-10-CM, all charts");
    for (const auto& [setting, counts] : by_setting) counts.print("ICD-10-CM, " + setting);
    pcs.print("ICD-10-PCS");
    const double principal = principal_right / charts, doc_type = typed_right / charts;
    std::cout << "principal / first-listed right: " << principal_right << " of " << gold.size() << " (" << std::setprecision(3) << principal << ")\n";
    std::cout << "document type right: " << typed_right << " of " << gold.size() << " (" << doc_type << ")\n";
    const std::map<std::string, double> figures = {{"cm-f1", cm.f1()}, {"principal", principal}, {"pcs-f1", pcs.f1()}, {"doc-type", doc_type}};
    int status = 0;
    for (const auto& [name, floor] : minimum) {
      const auto figure = figures.find(name);
      if (figure == figures.end()) {
        std::cerr << "chartflow_chart_eval: unknown figure --min-" << name << " (cm-f1, principal, pcs-f1, doc-type)\n";
        return 2;
      }
      if (figure->second < floor) {
        std::cerr << "chartflow_chart_eval: " << name << " " << figure->second << " is below its floor " << floor << "\n";
        status = 1;
      }
    }
    return status;
  } catch (const std::exception& e) {
    std::cerr << "chartflow_chart_eval: " << e.what() << "\n";
    return 1;
  }
}
