#include "host/errors.hpp"
#include "host/inputs.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

TEST(Inputs, WalksFoldersInNameOrderAndSkipsHiddenFiles) {
  test::TempDir dir;
  test::write_file(dir / "b/2.txt", "x");
  test::write_file(dir / "b/1.txt", "x");
  test::write_file(dir / "a.txt", "x");
  test::write_file(dir / ".DS_Store", "x");
  test::write_file(dir / ".git/config", "x");
  const InputSet set = collect_inputs({dir.path()});
  ASSERT_EQ(set.files.size(), 3u);
  EXPECT_EQ(set.files[0].display_name, "a.txt");
  EXPECT_EQ(set.files[1].display_name, "b/1.txt");
  EXPECT_EQ(set.files[2].display_name, "b/2.txt");
  ASSERT_EQ(set.hidden.size(), 1u) << "hidden files are reported; hidden folders are not entered";
}

TEST(Inputs, TheSameFileGivenTwiceIsTakenOnce) {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "x");
  const InputSet set = collect_inputs({dir / "a.txt", dir.path(), dir / "./a.txt"});
  EXPECT_EQ(set.files.size(), 1u);
}

TEST(Inputs, TheOutputFolderInsideAnInputFolderIsNotAnInput) {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "x");
  test::write_file(dir / "out/records/doc-1.json", "{}");
  const InputSet set = collect_inputs({dir.path()}, dir / "out");
  ASSERT_EQ(set.files.size(), 1u);
  EXPECT_EQ(set.files[0].display_name, "a.txt");
}

TEST(Inputs, MissingPathsStopTheRunNamingThePath) {
  test::TempDir dir;
  try {
    collect_inputs({dir / "nope.txt"});
    FAIL();
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("nope.txt: input path not found"), std::string::npos);
  }
  EXPECT_THROW(collect_inputs({}), FatalError);
}

TEST(Inputs, AnEmptyFolderIsAnEmptyRunNotAnError) {
  test::TempDir dir;
  EXPECT_TRUE(collect_inputs({dir.path()}).files.empty());
}

}  // namespace
}  // namespace chartflow::host
