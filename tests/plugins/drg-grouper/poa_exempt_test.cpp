// CMS's POA-exempt list as the drg-grouper stage ships and reads it: the shipped FY2026 list
// loads whole, and a missing, empty or damaged list is refused with the file's name (the stage
// turns that into a start-up error, drg_stage_test.cpp).
#include "stage/drg_catalog.hpp"
#include "stage/poa_exempt.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using drg::stage::PoaExemptCodes;

const fs::path kShipped = kSourceDir / "plugins/drg-grouper/data/poa-exempt";
const auto kAll = [](drg::detail::CodeKey) { return true; };

std::string load_error(const fs::path& folder) {
  try {
    PoaExemptCodes::load(folder, kAll);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(PoaExempt, TheShippedFy2026ListLoadsWhole) {
  const PoaExemptCodes codes = PoaExemptCodes::load(kShipped, kAll);
  EXPECT_EQ(codes.size(), 38349u) << "CMS's ReadMePOAexemptFY26.txt: 38,349 codes";
  EXPECT_TRUE(codes.contains("Z79.4")) << "long-term use of insulin";
  EXPECT_TRUE(codes.contains("Z794")) << "without its dot, as claims write it";
  EXPECT_TRUE(codes.contains("B91")) << "a three-character code";
  EXPECT_TRUE(codes.contains("Z51.11"));
  EXPECT_TRUE(codes.contains("QA0.0101")) << "FY2026's new category, a letter second";
  EXPECT_FALSE(codes.contains("E11.9"));
  EXPECT_FALSE(codes.contains("I50.9"));
  EXPECT_FALSE(codes.contains("L89.314")) << "a hospital-acquired condition is never exempt";
  EXPECT_FALSE(codes.contains(""));
}

// The stage never takes a code on a hospital-acquired condition list as exempt (the grouper would
// make "1" there ungroupable); with CMS's FY2026 list and the v43 tables, that drops nothing.
TEST(PoaExempt, NoShippedExemptCodeIsOnAHacList) {
  const drg::stage::DrgCatalog catalog(kSourceDir / "plugins/drg-grouper/data");
  std::vector<std::string> on_hac_list;
  PoaExemptCodes::load(kShipped, [&](drg::detail::CodeKey key) {
    const std::string code = drg::detail::unpack_code(key);
    for (const int version : {430, 431})
      if (const auto* row = catalog.find(code, version); row && row->hac) on_hac_list.push_back(code);
    return true;
  });
  EXPECT_TRUE(on_hac_list.empty()) << on_hac_list.size() << " exempt codes on a HAC list, e.g. " << on_hac_list.front();
  const auto* ulcer = catalog.find("L89.314", 430);
  ASSERT_NE(ulcer, nullptr);
  EXPECT_TRUE(ulcer->hac) << "the catalog does see HAC lists";
}

TEST(PoaExempt, KeepsOnlyWhatItIsAskedTo) {
  const auto not_z79 = [](drg::detail::CodeKey key) { return !drg::detail::unpack_code(key).starts_with("Z79"); };
  const PoaExemptCodes codes = PoaExemptCodes::load(kShipped, not_z79);
  EXPECT_FALSE(codes.contains("Z79.4"));
  EXPECT_TRUE(codes.contains("Z51.11"));
}

TEST(PoaExempt, AMissingEmptyOrDamagedListIsRefusedNamingTheFile) {
  TempDir dir;
  const fs::path plain = dir / "poa_exempt_codes_fy2026.tsv";
  EXPECT_NE(load_error(dir.path()).find((dir / "poa_exempt_codes_fy2026.tsv.gz").string() + ": cannot open"), std::string::npos)
      << load_error(dir.path());
  const auto refused = [&](const std::string& content, const std::string& why) {
    write_file(plain, content);
    const std::string error = load_error(dir.path());
    EXPECT_NE(error.find(plain.string() + ":"), std::string::npos) << "names the file: " << error;
    EXPECT_NE(error.find(why), std::string::npos) << error;
  };
  refused("", "empty file");
  refused("code\n", "no code: the POA-exempt list is empty");
  refused("code\r\n\r\n", "no code");
  refused("\x1f\x8b\x08garbage", "");  // a broken gzip stream: refused, whatever zlib calls it
  refused("POAexemptCode\nZ79.4\n", "unexpected header");
  refused("code\nZ79.4\tLong term (current) use of insulin\n", ":2: expected 1 columns");
  refused("code\nZ79.4\nZ7\n", ":3: not an ICD-10-CM code: 'Z7'");
  refused("code\nZ79.4\nz79.5\n", "not an ICD-10-CM code: 'z79.5'");
  refused("code\nZ79.4\n795.1\n", "not an ICD-10-CM code: '795.1'");
  refused("code\nZ79.4\nZ51.11\nZ79.4\n", ":4: the code Z79.4 is listed twice");
  write_file(plain, "code\r\nZ79.4\r\nB91\r\n");
  EXPECT_EQ(PoaExemptCodes::load(dir.path(), kAll).size(), 2u) << "CRLF as CMS writes it";
}

}  // namespace
}  // namespace chartflow::test
