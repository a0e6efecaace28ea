// What a sink receives after review: the coder's final codes (rejections gone, edits and
// additions in, the chosen principal first), never a proposal, and only once approved.
#include "review_fixture.hpp"

#include "review/reviewed_record.hpp"

namespace chartflow::test {
namespace {

using nlohmann::json;

TEST_F(ReviewFixture, ApprovedRecordCarriesTheFinalCodesOnly) {
  const std::string text = read_file(dir_.path() / "records" / (kDocId + ".json"));
  EXPECT_FALSE(review::approved_record_text(*store_, kDocId, text)) << "delivered before approval";
  decide({{"action", "reject"}, {"key", "ICD-10-CM|Z80.41"}, {"reason", "not documented"}});
  decide({{"action", "edit"}, {"key", "ICD-10-CM|C50.912"}, {"code", "C50.412"}});
  decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "Z17.0"}});
  decide({{"action", "abstract"}, {"tumor", "t1"}, {"field", "primarySite"}, {"value", "C504"}});
  EXPECT_FALSE(review::approved_record_text(*store_, kDocId, text));
  decide({{"action", "status"}, {"status", "approved"}});
  const auto approved = review::approved_record_text(*store_, kDocId, text);
  ASSERT_TRUE(approved);
  const json record = json::parse(*approved);
  ASSERT_EQ(record["codes"].size(), 2u);
  EXPECT_EQ(record["codes"][0]["code"], "C50.412");
  EXPECT_EQ(record["codes"][0]["role"], "first_listed");
  EXPECT_EQ(record["codes"][0]["sequence"], 1);
  EXPECT_EQ(record["codes"][0]["attributes"]["review"], "edited");
  EXPECT_EQ(record["codes"][0]["attributes"]["proposed_code"], "C50.912");
  EXPECT_FALSE(record["codes"][0]["needs_review"].get<bool>());
  EXPECT_EQ(record["codes"][1]["code"], "Z17.0");
  EXPECT_EQ(record["codes"][1]["attributes"]["review"], "added");
  EXPECT_EQ(record["tumors"][0]["fields"]["primarySite"]["value"], "C504");
  // A record that changed after approval is not delivered on the old approval.
  EXPECT_FALSE(review::approved_record_text(*store_, kDocId, text + " "));
}

}  // namespace
}  // namespace chartflow::test
