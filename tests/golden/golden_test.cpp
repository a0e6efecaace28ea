// Whole-pipeline golden tests: each folder under tests/golden/ with a case.json runs
// `chartflow run` on its inputs and compares every record, quarantine entry and the summary
// with the files under <case>/expected/. Set CHARTFLOW_UPDATE_GOLDEN=1 to rewrite them after
// an intended change, then review the diff.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

namespace chartflow::test {
namespace {

using json = nlohmann::json;

const fs::path kGoldenDir = kSourceDir / "tests/golden";

// Drops what legitimately changes between runs and releases.
json stable(json j) {
  if (j.is_object()) {
    for (const char* key : {"host_version", "ms", "seconds", "input_path"}) j.erase(key);  // input_path: where the checkout is
    // The fingerprint hashes plugin data files too (data_hash.hpp): it moves with every edit of a
    // dictionary, which the records' content shows anyway.
    if (j.contains("pipeline") && j["pipeline"].is_object()) j["pipeline"].erase("host_version"), j["pipeline"].erase("fingerprint");
    for (auto& [key, value] : j.items()) value = stable(value);
  } else if (j.is_array()) {
    for (auto& value : j) value = stable(value);
  }
  return j;
}

std::set<std::string> json_files(const fs::path& dir) {
  std::set<std::string> names;
  if (fs::exists(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".json") names.insert(e.path().filename().string());
  return names;
}

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kGoldenDir))
    if (fs::exists(e.path() / "case.json")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, OutputMatchesExpected) {
  const fs::path dir = kGoldenDir / GetParam();
  const json spec = json::parse(read_file(dir / "case.json"));
  TempDir out;
  const auto result = run_chartflow("run --config " + quote(kSourceDir / spec["config"].get<std::string>()) + " --input " +
                                    quote(kSourceDir / spec["input"].get<std::string>()) + " --output " + quote(out.path()) +
                                    " --jobs 2 --pretty");
  ASSERT_TRUE(result.exit_code == 0 || result.exit_code == 3) << result.err;
  const bool update = std::getenv("CHARTFLOW_UPDATE_GOLDEN") != nullptr;
  const fs::path expected = dir / "expected";
  if (update) {
    fs::remove_all(expected);
    for (const char* sub : {"records", "quarantine"}) {
      fs::create_directories(expected / sub);
      for (const auto& name : json_files(out / sub))
        write_file(expected / sub / name, stable(json::parse(read_file(out / sub / name))).dump(2) + "\n");
    }
    write_file(expected / "summary.json", stable(json::parse(read_file(out / "summary.json"))).dump(2) + "\n");
    GTEST_SKIP() << "golden files of " << GetParam() << " rewritten";
  }
  for (const char* sub : {"records", "quarantine"}) {
    EXPECT_EQ(json_files(out / sub), json_files(expected / sub)) << sub << " differ in which documents they hold";
    for (const auto& name : json_files(expected / sub)) {
      if (!fs::exists(out / sub / name)) continue;
      const json got = stable(json::parse(read_file(out / sub / name)));
      const json want = json::parse(read_file(expected / sub / name));
      EXPECT_EQ(got, want) << sub << "/" << name << " differs; diff:\n" << json::diff(want, got).dump(2);
    }
  }
  const json got_summary = stable(json::parse(read_file(out / "summary.json")));
  const json want_summary = json::parse(read_file(expected / "summary.json"));
  EXPECT_EQ(got_summary, want_summary) << json::diff(want_summary, got_summary).dump(2);
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(cases()), [](const auto& info) {
  std::string name = info.param;
  for (auto& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
});

}  // namespace
}  // namespace chartflow::test
