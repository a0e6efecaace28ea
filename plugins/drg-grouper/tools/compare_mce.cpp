// Differential check of the MCE against the CMS MCE 43.1 outputs in the test vectors.
//
//   compare_mce <data folder> <claims_expected.tsv[.gz]> <codes_expected.tsv[.gz]> [benchmark rounds]
//
// Compares every MCE column: claim-level mce_version, mce_edit_type, mce_edits and the per-code mce_edits of
// the codes file, prints the agreement per column with a few mismatching examples, then times the editor on
// one core. Exit status 0 only when every compared column agrees on every row.
#include "mce.hpp"

#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using chartflow::drg::MceClaim;
using chartflow::drg::MceCodeEdits;
using chartflow::drg::MceEditor;
using chartflow::drg::MceResult;
using chartflow::drg::MceSex;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  for (std::string& w : split(text, ' '))
    if (!w.empty()) out.push_back(std::move(w));
  return out;
}

// A gzip (or plain) TSV file with a header row, read as rows of named columns.
class Table {
 public:
  explicit Table(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) throw std::runtime_error(path + ": cannot open");
    std::string line;
    char buffer[1 << 16];
    while (gzgets(file, buffer, sizeof buffer) != nullptr) {
      line.append(buffer);
      if (line.back() != '\n') continue;
      line.pop_back();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      add_line(path, line);
      line.clear();
    }
    if (!line.empty()) add_line(path, line);
    gzclose(file);
  }
  std::size_t size() const { return rows_.size(); }
  const std::string& get(std::size_t row, const std::string& column) const {
    const auto it = columns_.find(column);
    if (it == columns_.end()) throw std::runtime_error("missing column " + column);
    return rows_[row][it->second];
  }

 private:
  void add_line(const std::string& path, const std::string& line) {
    std::vector<std::string> fields = split(line, '\t');
    if (columns_.empty()) {
      for (std::size_t i = 0; i < fields.size(); ++i) columns_[fields[i]] = i;
      width_ = fields.size();
      return;
    }
    if (fields.size() != width_)
      throw std::runtime_error(path + ":" + std::to_string(rows_.size() + 2) + ": wrong field count");
    rows_.push_back(std::move(fields));
  }
  std::map<std::string, std::size_t> columns_;
  std::size_t width_ = 0;
  std::vector<std::vector<std::string>> rows_;
};

std::string code_of(const std::string& code_and_poa) { return code_and_poa.substr(0, code_and_poa.find(':')); }

MceSex sex_of(const std::string& text) {
  if (text == "0") return MceSex::male;  // test vectors: 0 male, 1 female, 2 unknown (MS-DRG convention)
  if (text == "1") return MceSex::female;
  return MceSex::unknown;
}

MceClaim claim_of(const Table& claims, std::size_t row) {
  MceClaim claim;
  claim.discharge_date = std::stoi(claims.get(row, "discharge_date"));
  claim.age = std::stoi(claims.get(row, "age"));
  claim.sex = sex_of(claims.get(row, "sex"));
  claim.discharge_status = std::stoi(claims.get(row, "discharge_status"));
  claim.length_of_stay = std::stoi(claims.get(row, "length_of_stay"));
  claim.pdx = code_of(claims.get(row, "pdx"));
  for (const std::string& sdx : words(claims.get(row, "sdx"))) claim.sdx.push_back(code_of(sdx));
  claim.procedures = words(claims.get(row, "procedures"));
  return claim;
}

// Agreement on one column, with the first few mismatches kept for printing.
struct Column {
  explicit Column(std::string column_name) : name(std::move(column_name)) {}

  std::string name;
  std::size_t rows = 0;
  std::size_t agree = 0;
  std::vector<std::string> examples;

  void check(const std::string& id, const std::string& ours, const std::string& expected) {
    ++rows;
    if (ours == expected) {
      ++agree;
    } else if (examples.size() < 8) {
      examples.push_back(id + ": ours '" + ours + "' expected '" + expected + "'");
    }
  }
  bool perfect() const { return agree == rows; }
  void print() const {
    const double percent = rows ? 100.0 * static_cast<double>(agree) / static_cast<double>(rows) : 100.0;
    std::printf("  %-22s %7zu / %7zu  %8.3f%%\n", name.c_str(), agree, rows, percent);
    for (const std::string& e : examples) std::printf("      %s\n", e.c_str());
  }
};

const MceCodeEdits* code_edits(const MceResult& result, const std::string& role, std::size_t seq) {
  if (role == "PDX") return seq == 0 ? &result.pdx : nullptr;
  if (role == "SDX") return seq >= 1 && seq <= result.sdx.size() ? &result.sdx[seq - 1] : nullptr;
  if (role == "PR") return seq >= 1 && seq <= result.procedures.size() ? &result.procedures[seq - 1] : nullptr;
  return nullptr;
}

// The CMS vectors list no edits on procedure rows (their procedure edits show only in the claim counts), so PR
// rows are reported apart and do not decide the exit status.
struct CodeColumns {
  Column pdx{"codes mce_edits PDX"};
  Column sdx{"codes mce_edits SDX"};
  std::size_t pr_rows = 0, pr_expected_nonempty = 0, pr_ours_nonempty = 0;
};

void compare_codes(const Table& codes, const std::unordered_map<std::string, std::size_t>& claim_index,
                   const std::vector<MceResult>& results, CodeColumns& out) {
  for (std::size_t row = 0; row < codes.size(); ++row) {
    const std::string& id = codes.get(row, "id");
    const std::string& role = codes.get(row, "role");
    const auto claim = claim_index.find(id);
    if (claim == claim_index.end()) throw std::runtime_error("codes file: unknown claim " + id);
    const MceCodeEdits* edits = code_edits(results[claim->second], role, std::stoul(codes.get(row, "seq")));
    const std::string ours = edits ? chartflow::drg::format_code_edits(*edits) : "<no such code>";
    const std::string& expected = codes.get(row, "mce_edits");
    const std::string where = id + " " + role + " " + codes.get(row, "seq") + " " + codes.get(row, "code");
    if (role == "PDX") out.pdx.check(where, ours, expected);
    if (role == "SDX") out.sdx.check(where, ours, expected);
    if (role == "PR") {
      ++out.pr_rows;
      out.pr_expected_nonempty += !expected.empty();
      out.pr_ours_nonempty += edits && !edits->empty();
    }
  }
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

void benchmark(const MceEditor& editor, const std::vector<MceClaim>& claims, int rounds) {
  std::size_t edits = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const MceClaim& claim : claims) edits += editor.edit(claim).pdx.size();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  const double per_second = static_cast<double>(claims.size()) * rounds / elapsed.count();
  std::printf("benchmark: %d x %zu claims in %.3f s = %.0f claims/s on one core (checksum %zu)\n", rounds,
              claims.size(), elapsed.count(), per_second, edits);
}

int run(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s <data folder> <claims_expected.tsv[.gz]> <codes_expected.tsv[.gz]> [rounds]\n",
                 argv[0]);
    return 2;
  }
  const long rss_before = resident_kib();
  const auto load_start = std::chrono::steady_clock::now();
  const MceEditor editor(argv[1]);
  const std::chrono::duration<double> load_time = std::chrono::steady_clock::now() - load_start;
  std::printf("tables loaded in %.2f s, resident memory +%ld KiB\n", load_time.count(), resident_kib() - rss_before);

  const Table claims(argv[2]);
  const Table codes(argv[3]);
  std::vector<MceClaim> inputs;
  std::vector<MceResult> results;
  std::unordered_map<std::string, std::size_t> claim_index;
  Column version{"mce_version"}, edit_type{"mce_edit_type"}, edits{"mce_edits"};
  for (std::size_t row = 0; row < claims.size(); ++row) {
    const std::string& id = claims.get(row, "id");
    claim_index[id] = row;
    inputs.push_back(claim_of(claims, row));
    results.push_back(editor.edit(inputs.back()));
    const MceResult& r = results.back();
    version.check(id, std::to_string(r.version), claims.get(row, "mce_version"));
    edit_type.check(id, std::string(chartflow::drg::to_string(r.edit_type)), claims.get(row, "mce_edit_type"));
    edits.check(id, chartflow::drg::format_edit_counts(r), claims.get(row, "mce_edits"));
  }
  CodeColumns code_columns;
  compare_codes(codes, claim_index, results, code_columns);

  std::printf("MCE agreement on %zu claims / %zu code rows:\n", claims.size(), codes.size());
  for (const Column* c : {&version, &edit_type, &edits, &code_columns.pdx, &code_columns.sdx}) c->print();
  std::printf("  codes mce_edits PR: %zu rows, expected non-empty on %zu (CMS vectors carry no procedure-level "
              "edits), ours on %zu (checked through the claim counts)\n",
              code_columns.pr_rows, code_columns.pr_expected_nonempty, code_columns.pr_ours_nonempty);
  benchmark(editor, inputs, argc > 4 ? std::stoi(argv[4]) : 20);
  const bool ok = version.perfect() && edit_type.perfect() && edits.perfect() && code_columns.pdx.perfect() &&
                  code_columns.sdx.perfect() && code_columns.pr_expected_nonempty == 0;
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_mce: %s\n", e.what());
    return 2;
  }
}
