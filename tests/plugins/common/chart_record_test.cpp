// What the delivery sinks read from a record, and when they must not deliver it.
#include "common/chart_record.hpp"
#include "common/stable_id.hpp"
#include "sample_record.hpp"

#include <gtest/gtest.h>

namespace chartflow::delivery {
namespace {

TEST(ChartRecord, ReadsTheSourceTypeIdentityAndCodes) {
  const ChartRecord chart = read_chart_record(testing::sample_record());
  EXPECT_EQ(chart.id, "doc-0123456789abcdef");
  EXPECT_EQ(chart.loinc, "18842-5");
  EXPECT_EQ(chart.setting, "inpatient");
  EXPECT_EQ(chart.date_of_service, "2026-03-06");  // the discharge date
  ASSERT_NE(chart.first(IdentityKind::mrn), nullptr);
  EXPECT_EQ(chart.first(IdentityKind::mrn)->value, "00-000-0001");
  ASSERT_EQ(chart.codes.size(), 4u);
  EXPECT_EQ(chart.codes[0].evidence.at(0).text, "Acute on chronic systolic heart failure");
  EXPECT_EQ(chart.producers.size(), 2u);
  EXPECT_TRUE(delivery_blockers(chart).empty());
}

TEST(ChartRecord, ReadsTheFinalDrgOfAGroupedRecordOnly) {
  EXPECT_FALSE(read_chart_record(testing::sample_record()).drg);
  const ChartRecord chart = read_chart_record(testing::sample_record_with_drg());
  ASSERT_TRUE(chart.drg);
  EXPECT_EQ(chart.drg->drg, testing::kSampleDrg);
  EXPECT_EQ(drg_code(chart.drg->drg), "291");
  EXPECT_EQ(drg_code(3), "003");
  EXPECT_EQ(chart.drg->mdc, 5);
  EXPECT_EQ(chart.drg->type, DrgType::medical);
  EXPECT_EQ(grouper_version_name(chart.drg->grouper_version), "43.0");
  EXPECT_EQ(chart.drg->code_ids, (std::vector<std::string>{"c1", "c2", "c3"}));
  EXPECT_TRUE(drg_hold_reason(*chart.drg, {"c1", "c2", "c3", "c4"}, false).empty());
  auto record = testing::sample_record_with_drg();
  record["reimbursement.drg"][0]["status"] = "not_grouped";
  EXPECT_FALSE(read_chart_record(record).drg);
  record["reimbursement.drg"][0]["status"] = "grouped";
  record["reimbursement.drg"][0].erase("final");
  EXPECT_FALSE(read_chart_record(record).drg);
}

TEST(ChartRecord, ReadsTheCmsHccsOfEachCode) {
  EXPECT_FALSE(read_chart_record(testing::sample_record()).hccs);
  const ChartRecord chart = read_chart_record(testing::sample_record_with_hcc());
  ASSERT_TRUE(chart.hccs);
  ASSERT_EQ(chart.hccs->by_code.size(), 1u);
  const CodeHcc& hcc = chart.hccs->by_code.at("c1").at(0);
  EXPECT_EQ(hcc.hcc, 224);
  EXPECT_EQ(hcc.status, "kept");
  EXPECT_EQ(hcc.label, "Acute on Chronic Heart Failure");
  EXPECT_TRUE(hcc_hold_reason(*chart.hccs, {"c1"}).empty()) << "c4 gives no HCC";
  EXPECT_EQ(hcc_hold_reason(*chart.hccs, {"c4"}), "CMS-HCCs not sent: a code they were derived from is held back");
}

TEST(ChartRecord, ADrgIsHeldBackWithoutItsCodesOrWhenItNeedsReview) {
  ChartDrg drg = *read_chart_record(testing::sample_record_with_drg()).drg;
  EXPECT_EQ(drg_hold_reason(drg, {"c1", "c3"}, true), "MS-DRG 291 not sent: a code it was grouped from is held back");
  drg.needs_review = true;
  EXPECT_EQ(drg_hold_reason(drg, {"c1", "c2", "c3"}, false), "MS-DRG 291 not sent: its grouping needs a coder's review");
  EXPECT_TRUE(drg_hold_reason(drg, {"c1", "c2", "c3"}, true).empty());
  drg.code_ids.clear();
  EXPECT_NE(drg_hold_reason(drg, {"c1"}, true).find("which codes"), std::string::npos);
  drg.return_code = "INVALID_PDX";
  EXPECT_EQ(drg_hold_reason(drg, {}, true), "MS-DRG 291 not sent: the grouper returned INVALID_PDX (no payable DRG)");
}

TEST(ChartRecord, VerificationFollowsTheMentionsAssertions) {
  const ChartRecord chart = read_chart_record(testing::sample_record());
  EXPECT_EQ(chart.codes[0].verification, Verification::confirmed);
  EXPECT_EQ(chart.codes[1].verification, Verification::provisional);  // "possible pneumonia"
  EXPECT_EQ(chart.codes[2].verification, Verification::confirmed);    // no mention: a rule's code
}

TEST(ChartRecord, AChartWithoutAnMrnIsHeldForReview) {
  auto record = testing::sample_record();
  record["identity"] = nlohmann::json::array({{{"id", "pi1"}, {"kind", "patient_name"}, {"value", "Synthetic Patient 0001"}}});
  const auto blockers = delivery_blockers(read_chart_record(record));
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_NE(blockers[0].find("no patient identifier"), std::string::npos);
}

TEST(ChartRecord, ConflictingIdentityBlocksDeliveryAndNamesOnlyTheKind) {
  auto record = testing::sample_record();
  record["identity"].push_back({{"id", "pi9"}, {"kind", "mrn"}, {"value", "99-999-9999"}, {"conflict", true}});
  record["identity"][1]["conflict"] = true;
  const auto blockers = delivery_blockers(read_chart_record(record));
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_EQ(blockers[0], "conflicting medical record numbers on the chart");
  EXPECT_EQ(blockers[0].find("99-999"), std::string::npos);
}

TEST(ChartRecord, HashedIdentityCannotBeDelivered) {
  auto record = testing::sample_record();
  record["identity"][1].erase("value");
  const auto blockers = delivery_blockers(read_chart_record(record));
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_NE(blockers[0].find("hashes only"), std::string::npos);
}

TEST(ChartRecord, EvidenceTextIsCutOnACharacterBoundary) {
  auto record = testing::sample_record();
  std::string text = "x";
  for (int i = 0; i < 150; ++i) text += "\xC3\xA9";  // é, two bytes each
  record["views"][0]["text"] = text;
  record["codes"][0]["evidence"][0] = {{"view", "normalized"}, {"begin", 0}, {"end", text.size()}};
  const ChartRecord chart = read_chart_record(record);
  const std::string& cut = chart.codes[0].evidence[0].text;
  EXPECT_LE(cut.size(), kMaxEvidenceText);
  EXPECT_EQ(cut.size() % 2, 1u);  // "x" and whole characters
}

TEST(ChartRecord, ARecordWithoutItsEnvelopeIsRefusedWithAReason) {
  EXPECT_THROW(read_chart_record(nlohmann::json::object()), std::invalid_argument);
  EXPECT_THROW(read_chart_record(nlohmann::json::array()), std::invalid_argument);
  EXPECT_THROW(read_chart_record({{"document", {{"id", "d"}}}}), std::invalid_argument);
}

TEST(StableId, TheSameSeedGivesTheSameVersion8Uuid) {
  const std::string a = stable_uuid("chart|Condition|I50.23");
  EXPECT_EQ(a, stable_uuid("chart|Condition|I50.23"));
  EXPECT_NE(a, stable_uuid("chart|Condition|I50.22"));
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '8');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);
}

TEST(StableId, Base64AndSha1AreTheStandardOnes) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(sha1_base64("abc"), "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
  EXPECT_EQ(base64(std::string(100, 'a')).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace chartflow::delivery
