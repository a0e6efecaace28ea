// Logs must never carry document text or patient identifiers: run a chart full of identifiers
// through the whole pipeline at the most verbose level, in both formats, and search every log
// line for each identifier.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

const char* kIdentifiers[] = {"Jonathan Quibble", "Quibble", "MRN 88412907", "88412907", "123-45-6789",
                              "1947-03-02", "42 Larkspur Lane", "(555) 014-2231", "jquibble@example.org",
                              "Springfield", "Dr. Harriet Moss", "chest pain radiating"};

TEST(LoggingPhi, NoIdentifierReachesAnyLogLine) {
  TempDir dir;
  std::string chart = "PATIENT: Jonathan Quibble   MRN 88412907   SSN 123-45-6789   DOB 1947-03-02\n"
                      "ADDRESS: 42 Larkspur Lane, Springfield   PHONE (555) 014-2231   EMAIL jquibble@example.org\n"
                      "ATTENDING: Dr. Harriet Moss\nCHIEF COMPLAINT: chest pain radiating to the left arm.\n";
  write_file(dir / "in/Quibble_Jonathan_88412907.txt", chart);
  write_file(dir / "in/Quibble_bad_88412907.txt", chart + "QUARANTINE-ME\n");  // a quarantined one too
  write_file(dir / "in/empty_Quibble.txt", "");
  const auto config = write_config(dir.path(), R"([{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
      {"id": "annotate", "plugin": "test-annotator", "config": {"mode": "fail-on-marker"}}])");
  for (const char* format : {"text", "json"}) {
    const auto log_file = dir / (std::string("log.") + format);
    const auto result = run_chartflow("run --config " + quote(config) + " --input " + quote(dir / "in") + " --output " +
                                      quote(dir / (std::string("out-") + format)) + " --log-level trace --log-format " + format +
                                      " --log-file " + quote(log_file) + " --force");
    ASSERT_EQ(result.exit_code, 3) << result.err;
    const std::string logs = result.err + read_file(log_file);
    EXPECT_NE(logs.find("document.done"), std::string::npos) << "the logs were written";
    EXPECT_NE(logs.find("document.quarantined"), std::string::npos);
    for (const char* identifier : kIdentifiers) EXPECT_EQ(logs.find(identifier), std::string::npos) << format << " log leaks '" << identifier << "'";
  }
}

TEST(LoggingPhi, JsonLogLinesAreJson) {
  TempDir dir;
  write_file(dir / "in/a.txt", "Fever.\n");
  const auto config = write_config(dir.path(), R"([{"id": "read", "plugin": "text-reader"}])");
  const auto result = run_chartflow("run --config " + quote(config) + " --input " + quote(dir / "in") + " --output " +
                                    quote(dir / "out") + " --log-level debug --log-format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::size_t lines = 0, start = 0;
  while (start < result.err.size()) {
    const auto end = result.err.find('\n', start);
    const std::string line = result.err.substr(start, end - start);
    start = end == std::string::npos ? result.err.size() : end + 1;
    if (line.empty()) continue;
    const auto parsed = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << line;
    EXPECT_TRUE(parsed.contains("event") && parsed.contains("level") && parsed.contains("time")) << line;
    ++lines;
  }
  EXPECT_GE(lines, 2u);
}

}  // namespace
}  // namespace chartflow::test
