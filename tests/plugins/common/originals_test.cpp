// Finding a chart's original file again: only under the folders given, only the same file.
#include "common/originals.hpp"
#include "sample_record.hpp"
#include "test_support.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <gtest/gtest.h>

namespace chartflow::delivery {
namespace {

std::string sha256(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

ChartRecord chart_of(const std::string& name, const std::string& bytes) {
  auto record = testing::sample_record();
  record["document"]["source"] = {{"name", name}, {"sha256", sha256(bytes)}, {"size_bytes", bytes.size()}};
  return read_chart_record(record);
}

TEST(Originals, TheSameFileUnderAGivenFolderIsFound) {
  const test::TempDir dir;
  test::write_file(dir / "in/sub/chart.txt", "the chart");
  const auto found = find_original({dir / "other", dir / "in"}, chart_of("sub/chart.txt", "the chart"), 1000);
  ASSERT_TRUE(found.original);
  EXPECT_EQ(found.original->bytes, "the chart");
  EXPECT_EQ(found.note, "");
}

TEST(Originals, AChangedMissingLargeOrEscapingFileIsNotAttached) {
  const test::TempDir dir;
  test::write_file(dir / "in/chart.txt", "the chart, edited");
  EXPECT_NE(find_original({dir / "in"}, chart_of("chart.txt", "the chart, first...."), 1000).note.find("changed"), std::string::npos);
  EXPECT_NE(find_original({dir / "in"}, chart_of("gone.txt", "x"), 1000).note.find("not found"), std::string::npos);
  EXPECT_NE(find_original({dir / "in"}, chart_of("chart.txt", "the chart, edited"), 5).note.find("larger"), std::string::npos);
  EXPECT_NE(find_original({dir / "in"}, chart_of("../in/chart.txt", "the chart, edited"), 1000).note.find("not a relative path"),
            std::string::npos);
  EXPECT_NE(find_original({}, chart_of("chart.txt", "the chart, edited"), 1000).note.find("no originals folder"), std::string::npos);
}

TEST(Originals, FoldersComeFromTheConfigElseFromTheRun) {
  OriginalFolders from_run{""};
  from_run.begin_batch({{"input_folders", {"/data/a", 7, "/data/b"}}});
  EXPECT_EQ(from_run.folders(), (std::vector<std::filesystem::path>{"/data/a", "/data/b"}));
  from_run.begin_batch({{"command", "export"}});
  EXPECT_TRUE(from_run.folders().empty()) << "an export has no inputs";
  OriginalFolders configured{"/archive"};
  configured.begin_batch({{"input_folders", {"/data/a"}}});
  EXPECT_EQ(configured.folders(), (std::vector<std::filesystem::path>{"/archive"}));
}

}  // namespace
}  // namespace chartflow::delivery
