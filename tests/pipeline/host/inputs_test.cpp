#include "host/errors.hpp"
#include "host/inputs.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

namespace chartflow::host {
namespace {

namespace fs = std::filesystem;

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

std::string reason_for(const InputSet& set, const std::string& name) {
  for (const auto& n : set.not_read)
    if (n.display_name == name) return n.reason;
  return "";
}

TEST(Inputs, LinksAreFollowedOnlyInsideTheInputFolderAndLoopsEnd) {
  test::TempDir dir;
  test::write_file(dir / "in/a.txt", "x");
  test::write_file(dir / "in/sub/b.txt", "x");
  test::write_file(dir / "secret.txt", "x");
  fs::create_symlink(dir / "in/sub", dir / "in/sub-again");      // a second way into sub
  fs::create_symlink(dir / "in", dir / "in/sub/loop");           // a loop back to the root
  fs::create_symlink(dir / "secret.txt", dir / "in/escape.txt");  // out of the input folder
  fs::create_symlink("/etc/passwd", dir / "in/passwd");
  fs::create_symlink(dir / "in/gone.txt", dir / "in/dangling.txt");
  fs::create_symlink(dir / "in/a.txt", dir / "in/alias.txt");    // inside: followed, and a.txt is taken once
  const InputSet set = collect_inputs({dir / "in"});
  std::vector<std::string> names;
  for (const auto& f : set.files) names.push_back(f.display_name);
  EXPECT_EQ(names, (std::vector<std::string>{"a.txt", "sub/b.txt"})) << "each file once, nothing from outside";
  EXPECT_NE(reason_for(set, "escape.txt").find("outside the input folder"), std::string::npos);
  EXPECT_NE(reason_for(set, "passwd").find("outside the input folder"), std::string::npos);
  EXPECT_NE(reason_for(set, "dangling.txt").find("dangling"), std::string::npos);
}

TEST(Inputs, SpecialFilesAndUnlistableFoldersAreReportedNotDropped) {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "x");
  ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
  fs::create_directories(dir / "locked");
  test::write_file(dir / "locked/c.txt", "x");
  fs::permissions(dir / "locked", fs::perms::none);
  const InputSet set = collect_inputs({dir.path()});
  fs::permissions(dir / "locked", fs::perms::owner_all);
  EXPECT_NE(reason_for(set, "pipe").find("named pipe"), std::string::npos);
  if (::geteuid() != 0) {  // root reads anything
    EXPECT_NE(reason_for(set, "locked").find("cannot list"), std::string::npos);
  }
}

TEST(Inputs, AnOutputFolderEqualToAnInputIsRefused) {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "x");
  try {
    collect_inputs({dir.path()}, dir.path());
    FAIL();
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("output folder"), std::string::npos) << e.what();
  }
}

TEST(Inputs, AnEmptyFolderIsAnEmptyRunNotAnError) {
  test::TempDir dir;
  EXPECT_TRUE(collect_inputs({dir.path()}).files.empty());
}

TEST(Inputs, ReadingAnInputGivesItsBytesOrSaysWhyNot) {
  test::TempDir dir;
  test::write_file(dir / "note.txt", "Chest pain.");
  const ReadResult ok = read_input(dir / "note.txt", 1000);
  EXPECT_EQ(ok.bytes, "Chest pain.");
  EXPECT_TRUE(ok.error.empty());
  EXPECT_NE(read_input(dir / "note.txt", 5).error.find("over the limit of 5"), std::string::npos);
  EXPECT_NE(read_input(dir / "gone.txt", 1000).error.find("No such file"), std::string::npos);
  // A file swapped for a pipe after the folder was listed: refused at once, never waited on.
  ASSERT_EQ(::mkfifo((dir / "pipe.txt").c_str(), 0600), 0);
  EXPECT_EQ(read_input(dir / "pipe.txt", 1000).error, "cannot read input (not a regular file)");
  EXPECT_EQ(read_input(dir.path(), 1000).error, "cannot read input (not a regular file)");
}

}  // namespace
}  // namespace chartflow::host
