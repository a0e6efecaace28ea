// The MDM^T02 and DFT^P03 a chart becomes (the MLLP test has Debian's python3-hl7 parse them
// and checks them against the v2.5.1 structures; these check the mapping).
#include "hl7v2/messages.hpp"
#include "sample_record.hpp"

#include <gtest/gtest.h>

namespace chartflow::hl7 {
namespace {

std::vector<std::string> segments_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find('\r', begin)) != std::string::npos; begin = end + 1) out.push_back(text.substr(begin, end - begin));
  return out;
}

std::string segment(const std::string& text, const std::string& id, int nth = 0) {
  for (const auto& s : segments_of(text))
    if (s.rfind(id + "|", 0) == 0 && nth-- == 0) return s;
  return {};
}

BuiltMessage build(MessageType type, const MessageOptions& options = {}) {
  return build_message(type, delivery::read_chart_record(testing::sample_record()), std::nullopt, options, "20260307100000");
}

TEST(Hl7Messages, MdmCarriesTheTextLineByLineEscaped) {
  const BuiltMessage m = build(MessageType::mdm_t02);
  EXPECT_EQ(m.control_id.size(), 20u);
  EXPECT_EQ(m.control_id, build(MessageType::mdm_t02).control_id);  // the same at every delivery
  EXPECT_NE(m.control_id, build(MessageType::dft_p03).control_id);
  EXPECT_EQ(segment(m.text, "MSH").substr(0, 9), "MSH|^~\\&|");
  EXPECT_NE(segment(m.text, "MSH").find("|MDM^T02^MDM_T02|" + m.control_id + "|P|2.5.1|"), std::string::npos);
  EXPECT_EQ(segment(m.text, "PID"), "PID|1||00-000-0001^^^^MR||Patient 0001^Synthetic");
  const std::string pv1 = segment(m.text, "PV1");
  std::vector<std::string> fields(1);
  for (const char c : pv1) {
    if (c == '|') fields.emplace_back();
    else fields.back().push_back(c);
  }
  ASSERT_EQ(fields.size(), 46u);
  EXPECT_EQ(fields[2], "I");  // inpatient, from the document type
  EXPECT_EQ(fields[44], "20260302");
  EXPECT_EQ(fields[45], "20260306");
  EXPECT_NE(segment(m.text, "TXA").find("TXA|1|DS|TX|20260306|"), std::string::npos);
  EXPECT_EQ(segment(m.text, "OBX", 0), "OBX|1|TX|18842-5^Discharge summary^LN||DISCHARGE SUMMARY||||||F");
  EXPECT_NE(segment(m.text, "OBX", 3).find("pneumonia \\S\\ \\T\\ \\R\\ \\E\\ end"), std::string::npos);
}

TEST(Hl7Messages, DftCarriesDiagnosesInDg1AndProceduresInFt1AndPr1) {
  const BuiltMessage m = build(MessageType::dft_p03);
  EXPECT_EQ(segment(m.text, "DG1", 0), "DG1|1||I50.23^Acute on chronic systolic (congestive) heart failure^I10C||20260307100000|W|||||||||1");
  EXPECT_EQ(segment(m.text, "DG1", 1).substr(0, 22), "DG1|2||J18.9^Pneumonia");
  EXPECT_TRUE(segment(m.text, "DG1", 2).empty());  // R06.02 needs review: held back
  EXPECT_EQ(m.held_back, 1u);
  EXPECT_NE(segment(m.text, "FT1").find("FT1|1|||20260306||CG|5A1955Z^"), std::string::npos);
  EXPECT_NE(segment(m.text, "PR1").find("PR1|1||5A1955Z^Respiratory Ventilation, Greater than 96 Consecutive Hours^I10P|"), std::string::npos);
  // Segment order: financial groups (FT1, PR1) before the DG1s.
  const std::string& t = m.text;
  EXPECT_LT(t.find("\rFT1|"), t.find("\rPR1|"));
  EXPECT_LT(t.find("\rPR1|"), t.find("\rDG1|"));
}

TEST(Hl7Messages, ADftWithoutProceduresHasOneFt1WithTheChargeCode) {
  auto record = testing::sample_record();
  record["codes"].erase(2);
  MessageOptions options;
  options.icd10cm_system = "I10";
  const BuiltMessage m = build_message(MessageType::dft_p03, delivery::read_chart_record(record), std::nullopt, options, "20260307100000");
  EXPECT_NE(segment(m.text, "FT1").find("|CG|CODING^Coding summary^99CFL|"), std::string::npos);
  EXPECT_TRUE(segment(m.text, "PR1").empty());
  EXPECT_NE(segment(m.text, "DG1").find("^I10|"), std::string::npos);
}

TEST(Hl7Messages, AnOriginalGoesInAnEdSegmentWhenAsked) {
  MessageOptions options;
  options.original_as_ed = true;
  const delivery::Original original{"application/pdf", "%PDF-1.4"};
  const BuiltMessage m = build_message(MessageType::mdm_t02, delivery::read_chart_record(testing::sample_record()), original, options, "20260307100000");
  EXPECT_EQ(segment(m.text, "OBX"), "OBX|1|ED|18842-5^Discharge summary^LN||^AP^PDF^Base64^JVBERi0xLjQ=||||||F");
  EXPECT_NE(segment(m.text, "TXA").find("TXA|1|DS|AP|"), std::string::npos);
  const delivery::Original huge{"application/pdf", std::string(60000, 'x')};
  const BuiltMessage text = build_message(MessageType::mdm_t02, delivery::read_chart_record(testing::sample_record()), huge, options, "20260307100000");
  EXPECT_NE(segment(text.text, "OBX").find("|TX|"), std::string::npos);
  EXPECT_FALSE(text.note.empty());
}

BuiltMessage dft_of(const nlohmann::json& record, const MessageOptions& options = {}) {
  return build_message(MessageType::dft_p03, delivery::read_chart_record(record), std::nullopt, options, "20260307100000");
}

TEST(Hl7Messages, AGroupedRecordsDftEndsWithItsDrgSegment) {
  const BuiltMessage m = dft_of(testing::sample_record_with_drg());
  const auto segments = segments_of(m.text);
  ASSERT_FALSE(segments.empty());
  // DFT_P03 places DRG after the DG1s, once; the coding system component names the grouper.
  EXPECT_EQ(segments.back(), "DRG|291^Heart Failure and Shock with MCC^MS-DRG v43.0");
  EXPECT_EQ(segments[segments.size() - 2].substr(0, 4), "DG1|");
  EXPECT_TRUE(m.note.empty()) << m.note;
  // Three digits, as CMS writes them.
  auto record = testing::sample_record_with_drg();
  record["reimbursement.drg"][0]["final"]["drg"] = 3;
  record["reimbursement.drg"][0]["grouper_version"] = 431;
  EXPECT_EQ(segment(dft_of(record).text, "DRG").substr(0, 12), "DRG|003^Hear");
  EXPECT_NE(segment(dft_of(record).text, "DRG").find("^MS-DRG v43.1"), std::string::npos);
}

TEST(Hl7Messages, WithoutAGroupedDrgTheDftIsUnchanged) {
  const std::string plain = dft_of(testing::sample_record()).text;
  EXPECT_TRUE(segment(plain, "DRG").empty());
  auto record = testing::sample_record_with_drg();
  record["reimbursement.drg"][0] = {{"id", "drg-1"}, {"status", "not_grouped"}, {"inpatient_basis", "discharge_summary"},
                                    {"not_grouped_reason", "no_discharge_date"}, {"reason", "no discharge date"}, {"code_ids", {"c1"}},
                                    {"needs_review", true}, {"review_reasons", {"no discharge date"}}};
  EXPECT_EQ(dft_of(record).text, plain);
  EXPECT_TRUE(segment(build_message(MessageType::mdm_t02, delivery::read_chart_record(testing::sample_record_with_drg()), std::nullopt, {},
                                    "20260307100000").text,
                      "DRG")
                  .empty());  // the document message never carries it
}

TEST(Hl7Messages, ADrgThatNeedsReviewIsHeldBackUnlessAsked) {
  auto record = testing::sample_record_with_drg();
  record["reimbursement.drg"][0]["needs_review"] = true;
  const BuiltMessage held = dft_of(record);
  EXPECT_TRUE(segment(held.text, "DRG").empty());
  EXPECT_EQ(held.note, "MS-DRG 291 not sent: its grouping needs a coder's review");
  MessageOptions options;
  options.include_needs_review = true;
  EXPECT_FALSE(segment(dft_of(record, options).text, "DRG").empty());
}

TEST(Hl7Messages, ADrgTravelsOnlyWithTheCodesItWasGroupedFrom) {
  auto record = testing::sample_record_with_drg();
  record["reimbursement.drg"][0]["code_ids"].push_back("c4");  // R06.02 needs review: not in the message
  const BuiltMessage m = dft_of(record);
  EXPECT_TRUE(segment(m.text, "DRG").empty());
  EXPECT_EQ(m.note, "MS-DRG 291 not sent: a code it was grouped from is held back");
  // The procedure, dropped for want of a date, takes the DRG with it.
  auto undated = testing::sample_record_with_drg();
  undated["identity"].erase(3);
  undated["identity"].erase(2);
  undated["views"][0]["text"] = "DISCHARGE SUMMARY\nMRN: 00-000-0001\n";
  const BuiltMessage no_date = dft_of(undated);
  EXPECT_TRUE(segment(no_date.text, "DRG").empty());
  EXPECT_EQ(no_date.note, "procedures not sent: the chart states no date for them; MS-DRG 291 not sent: a code it was grouped from is held back");
}

TEST(Hl7Messages, AnErrorDrgIsNotSent) {
  auto record = testing::sample_record_with_drg();
  record["reimbursement.drg"][0]["final"]["drg"] = 999;
  record["reimbursement.drg"][0]["final"]["return_code"] = "UNGROUPABLE";
  const BuiltMessage m = dft_of(record);
  EXPECT_TRUE(segment(m.text, "DRG").empty());
  EXPECT_EQ(m.note, "MS-DRG 999 not sent: the grouper returned UNGROUPABLE (no payable DRG)");
}

// HL7 v2.5.1 has no field for a CMS-HCC (DG1 and DRG have none, and a Z-segment is a private
// agreement with one receiver): a risk-adjusted record's messages are the same as without
// (docs/ehr-delivery.md). HCCs reach an EHR through the FHIR sink.
TEST(Hl7Messages, CmsHccsAreNotSentInHl7) {
  const auto with_hcc = [](MessageType type) {
    return build_message(type, delivery::read_chart_record(testing::sample_record_with_hcc()), std::nullopt, {}, "20260307100000").text;
  };
  EXPECT_EQ(with_hcc(MessageType::dft_p03), dft_of(testing::sample_record()).text);
  EXPECT_EQ(with_hcc(MessageType::mdm_t02), build(MessageType::mdm_t02).text);
}

}  // namespace
}  // namespace chartflow::hl7
