// Every ICD-10-CM and ICD-10-PCS code the coder's sources name is in the FY2026 code sets: a code
// that does not exist fails silently where the coder looks it up (the anemia-of-pregnancy table
// named O99.010, which FY2026 does not have, so the rule never fired).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace chartflow::coding {
namespace {

using testing_fixture::fixture;

std::set<std::string> literals_in_sources(const std::regex& pattern) {
  std::set<std::string> found;
  for (const auto& entry : test::fs::directory_iterator(test::fs::path(CHARTFLOW_SOURCE_DIR) / "plugins" / "clinical-coding")) {
    const auto extension = entry.path().extension();
    if (extension != ".cpp" && extension != ".hpp") continue;
    std::stringstream text;
    text << std::ifstream(entry.path()).rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), pattern), end; it != end; ++it) found.insert((*it)[1].str());
  }
  return found;
}

// A code, a category or the start of one ("Z51.1", "O09", "Z3A." before a digit added at run time).
bool names_codes(const CodeSet& set, std::string code) {
  while (!code.empty() && (code.back() == '.' || code.back() == '-')) code.pop_back();
  return set.find(code) != nullptr || !set.children(code).empty() || !set.matching(code + "-", 1).empty();
}

TEST(CodeLiterals, EveryDiagnosisCodeTheSourcesNameExists) {
  // Words of the same shape that are no code: lab names the rules read in charts, and the
  // first categories past a range the rules compare with ("C81" <= code < "C97").
  static const std::set<std::string> kNotCodes{"A1C", "B12", "D3", "E2", "T3", "T4", "C97", "E14"};
  const auto literals = literals_in_sources(std::regex(R"re("([A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?-?)")re"));
  ASSERT_GT(literals.size(), 200u) << "the scan found the sources";
  for (const auto& code : literals) {
    if (kNotCodes.contains(code)) continue;
    EXPECT_TRUE(names_codes(fixture().cm, code)) << code << " is in no FY2026 ICD-10-CM code";
  }
}

TEST(CodeLiterals, EveryProcedureCodeTheSourcesNameExists) {
  const auto literals = literals_in_sources(std::regex(R"re("([0-9][0-9A-HJ-NP-Z]{6})")re"));
  ASSERT_GT(literals.size(), 10u) << "the scan found the sources";
  for (const auto& code : literals) EXPECT_TRUE(fixture().pcs.find(code) != nullptr) << code << " is no FY2026 ICD-10-PCS code";
}

}  // namespace
}  // namespace chartflow::coding
