// Image libraries print their own warnings and errors: libpng, through Leptonica, wrote
// "libpng warning: iCCP: ..." straight onto stderr, breaking `--log-format json` and bypassing
// the logs' rule of no document content. Through the real program, every stderr line must be one
// JSON log object, whatever the images' decoders had to say.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using json = nlohmann::json;

const fs::path kScans = CHARTFLOW_SCAN_FIXTURES;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

json record_of(const fs::path& out, const std::string& input) {
  const json summary = json::parse(read_file(out / "summary.json"));
  for (const auto& doc : summary["documents"])
    if (doc["input"] == input && doc["outcome"] == "written") return json::parse(read_file(out / "records" / (doc["id"].get<std::string>() + ".json")));
  return nullptr;
}

TEST(OcrLibraryOutput, StderrHoldsOnlyJsonLogLines) {
  TempDir dir;
  fs::create_directories(dir / "in");
  for (const char* file : {"icc-warning.png", "extra-bytes.jpg", "truncated.png", "truncated.jpg", "truncated.tif", "truncated.gif", "bomb.gif"})
    fs::copy_file(kScans / file, dir / "in" / file);
  const auto config = write_config(dir.path(), R"([{"id": "read-scan", "plugin": "ocr-tesseract"}])");
  const auto result = run_chartflow("run --config " + quote(config) + " --input " + quote(dir / "in") + " --output " + quote(dir / "out") +
                                    " --log-level debug --log-format json --progress none --jobs 1");
  ASSERT_EQ(result.exit_code, 3) << result.err;
  const auto lines = lines_of(result.err);
  EXPECT_FALSE(lines.empty());
  for (const auto& line : lines) {
    const json parsed = json::parse(line, nullptr, false);
    EXPECT_TRUE(parsed.is_object() && parsed.contains("event")) << "not a JSON log line: " << line;
  }
  // Warnings are kept where a reviewer sees them, on the page.
  for (const auto& [file, warning] : {std::pair{"icc-warning.png", "PNG decoder warning: iCCP"},
                                      std::pair{"extra-bytes.jpg", "JPEG decoder warning: Corrupt JPEG data"}}) {
    const json record = record_of(dir / "out", file);
    ASSERT_TRUE(record.is_object()) << file << " has no record: " << read_file(dir / "out/summary.json");
    const std::string notes = record["pages"][0]["attributes"].value("notes", json::array()).dump();
    EXPECT_NE(notes.find(warning), std::string::npos) << file << ": " << notes;
  }
}

}  // namespace
}  // namespace chartflow::test
