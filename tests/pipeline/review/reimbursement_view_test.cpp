// The chart's reimbursement panel as the server sends it (review.reimbursement of the chart and of
// every decision's reply): the DRG of the drg-grouper stage with its drivers, CC/MCC and what-if
// hints named by review keys, a physician query ready for each hint, the HCCs of the hcc-v28 stage
// with their codes, and, once a coder changes the codes, the changes the figures do not reflect.
// The record is the schema's example made an inpatient stay with a third code (D64.9) and the two
// stages' items as docs/drg-stage.md and docs/hcc.md give their shape.
#include "review_fixture.hpp"

#include "review/drg_regroup.hpp"
#include "review/physician_queries.hpp"

namespace chartflow::test {
namespace {

using json = nlohmann::json;

const std::string kBreastKey = "ICD-10-CM|C50.912", kHistoryKey = "ICD-10-CM|Z80.41", kAnemiaKey = "ICD-10-CM|D64.9";

json drg_item() {
  const json assignment = {{"drg", 599}, {"title", "Malignant Breast Disorders without CC/MCC"}, {"mdc", 9},
                           {"mdc_title", "Diseases and Disorders of the Skin, Subcutaneous Tissue and Breast"},
                           {"med_surg", "MEDICAL"}, {"return_code", "OK"}, {"severity", "NON_CC"}};
  return {{"id", "drg-1"}, {"status", "grouped"}, {"inpatient_basis", "inpatient_policy"}, {"code_ids", {"c1", "c2", "c3"}},
          {"grouper_version", 430},
          {"claim", {{"pdx", "C50912"}, {"sdx", {"Z8041", "D649"}}, {"procedures", json::array()}, {"age", 62}, {"sex", "female"},
                     {"discharge_status", "01"}, {"discharge_status_source", "stated"}, {"discharge_date", "2026-03-06"},
                     {"discharge_date_source", "identity"}}},
          {"poa", {{{"code_id", "c1"}, {"code", "C50.912"}, {"poa", "Y"}, {"basis", "stated"}},
                   {{"code_id", "c2"}, {"code", "Z80.41"}, {"poa", "1"}, {"basis", "exempt"}},
                   {{"code_id", "c3"}, {"code", "D64.9"}, {"poa", "U"}, {"basis", "not_documented"}}}},
          {"initial", assignment}, {"final", assignment}, {"hac_status", "NOT_APPLICABLE"},
          {"drivers", {{{"code_id", "c1"}, {"code", "C50.912"}, {"role", "principal_diagnosis"}, {"effect", "principal_diagnosis"}, {"affects", "both"}}}},
          {"cc_mcc", json::array()},
          {"what_if",
           {{{"code_id", "c3"}, {"code", "D64.9"},
             {"if_documented", {{"code", "D62"}, {"title", "Acute posthemorrhagic anemia"}, {"severity", "CC"}}},
             {"drg", 598}, {"drg_title", "Malignant Breast Disorders with CC"}, {"mdc", 9}, {"severity", "CC"},
             {"hint", "Documentation opportunity, not a code to add: D64.9 (Anemia, unspecified) is coded in an unspecified form. If the "
                      "provider's documentation supported 'Acute posthemorrhagic anemia' (D62), a CC, the stay would group to MS-DRG 598 "
                      "(Malignant Breast Disorders with CC) instead of 599."}}}},
          {"needs_review", true}, {"review_reasons", {"POA not documented for D64.9: reported U"}}, {"producer", "drg"}};
}

json hcc_item() {
  return {{"id", "hcc-1"}, {"model", "CMS-HCC V28"}, {"setting", "inpatient"}, {"code_ids", {"c1", "c2", "c3"}},
          {"diagnoses", {{{"code_id", "c1"}, {"code", "C50.912"}, {"status", "mapped"}, {"hccs", {23}}},
                         {{"code_id", "c3"}, {"code", "D64.9"}, {"status", "no_hcc"}, {"hccs", json::array()}}}},
          {"excluded", {{{"code_id", "c2"}, {"code", "Z80.41"}, {"reason", "historical"}}}},
          {"hccs", {{{"hcc", 23}, {"label", "Prostate, Breast, and Other Cancers and Tumors"}, {"status", "kept"},
                     {"evidence", {{{"code_id", "c1"}, {"code", "C50912"}}}}}}},
          {"status", "scored"}, {"payment_year", 2027}, {"segment", "CNA"}, {"payment_hccs", {23}}, {"raw_score", 0.65},
          {"needs_review", false}, {"review_reasons", json::array()}, {"producer", "hcc"}};
}

json inpatient_record(bool with_items) {
  json r = example_record();
  for (auto& c : r["codes"]) c["policy"] = "inpatient";
  r["codes"][0]["role"] = "principal";
  json anemia = r["codes"][1];
  anemia.erase("mention_ids");
  anemia.update({{"id", "c3"}, {"code", "D64.9"}, {"display", "Anemia, unspecified"}, {"sequence", 3}, {"rule", "test"},
                 {"evidence", {{{"view", "normalized"}, {"begin", 43}, {"end", 68}}}}});
  r["codes"].push_back(anemia);
  if (with_items) {
    r["reimbursement.drg"] = json::array({drg_item()});
    r["reimbursement.hcc"] = json::array({hcc_item()});
  }
  return r;
}

class ReimbursementPanel : public ReviewFixture {
 protected:
  json chart() {
    const auto reply = service_->chart(kDocId, {"coder1", review::Role::coder});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body)["review"]["reimbursement"];
  }
};

TEST_F(ReimbursementPanel, ARecordWithoutTheStagesHasNoPanel) {
  const json r = chart();
  EXPECT_TRUE(r["drg"].is_null()) << r.dump(1);
  EXPECT_TRUE(r["hcc"].is_null()) << r.dump(1);
}

TEST_F(ReimbursementPanel, TheDrgWithItsDriversAndHintsNamedByReviewKeys) {
  write_record(inpatient_record(true));
  const json drg = chart()["drg"];
  ASSERT_TRUE(drg.is_object());
  EXPECT_EQ(drg["status"], "grouped");
  EXPECT_EQ(drg["drg"], 599);
  EXPECT_EQ(drg["title"], "Malignant Breast Disorders without CC/MCC");
  EXPECT_EQ(drg["mdc"], 9);
  EXPECT_EQ(drg["severity"], "NON_CC");
  EXPECT_EQ(drg["grouper_version"], 430);
  EXPECT_FALSE(drg.contains("initial")) << "the same DRG before and after HACs";
  ASSERT_EQ(drg["drivers"].size(), 1u);
  EXPECT_EQ(drg["drivers"][0]["key"], kBreastKey);
  EXPECT_EQ(drg["drivers"][0]["code"], "C50.912");
  EXPECT_EQ(drg["drivers"][0]["display"], "Malignant neoplasm of unspecified site of left female breast");
  EXPECT_EQ(drg["drivers"][0]["effect"], "principal_diagnosis");
  EXPECT_EQ(drg["review_reasons"], json({"POA not documented for D64.9: reported U"}));
  EXPECT_EQ(drg["computed_from"], "pipeline_codes");
  EXPECT_FALSE(drg["codes_changed"].get<bool>());
  EXPECT_TRUE(drg["changes"].empty());

  ASSERT_EQ(drg["what_if"].size(), 1u);
  const json& hint = drg["what_if"][0];
  EXPECT_EQ(hint["key"], kAnemiaKey);
  EXPECT_EQ(hint["if_documented"]["code"], "D62");
  EXPECT_EQ(hint["drg"], 598);
  EXPECT_NE(hint["hint"].get<std::string>().find("instead of 599"), std::string::npos);
  // D64.9 triggers the built-in anemia template: its compliant question, the code's evidence
  // sentence as indicator, and no word of DRGs or payment.
  const json& query = hint["query"];
  EXPECT_EQ(query["template"], "anemia-type");
  EXPECT_EQ(query["title"], "Anemia: type and acuity");
  ASSERT_FALSE(query["indicators"].empty());
  EXPECT_EQ(query["indicators"][0]["text"], "Left breast, core biopsy: invasive ductal carcinoma, grade 2.");
  EXPECT_EQ(query["options"].back(), "Unable to determine");
  for (const char* word : {"DRG", "598", "CC", "payment", "weight"}) EXPECT_EQ(query.dump().find(word), std::string::npos) << word;
}

TEST_F(ReimbursementPanel, TheHccsWithTheCodesBehindThem) {
  write_record(inpatient_record(true));
  const json hcc = chart()["hcc"];
  ASSERT_TRUE(hcc.is_object());
  EXPECT_EQ(hcc["status"], "scored");
  EXPECT_EQ(hcc["model"], "CMS-HCC V28");
  EXPECT_EQ(hcc["raw_score"], 0.65);
  ASSERT_EQ(hcc["hccs"].size(), 1u);
  EXPECT_EQ(hcc["hccs"][0]["hcc"], 23);
  EXPECT_EQ(hcc["hccs"][0]["label"], "Prostate, Breast, and Other Cancers and Tumors");
  ASSERT_EQ(hcc["hccs"][0]["codes"].size(), 1u);
  EXPECT_EQ(hcc["hccs"][0]["codes"][0]["key"], kBreastKey);
  EXPECT_EQ(hcc["hccs"][0]["codes"][0]["code"], "C50.912") << "the code as the review writes it, not the model's C50912";
  EXPECT_TRUE(hcc["excluded"].empty()) << "Z80.41 would give no HCC: nothing to gain from documenting it";
  EXPECT_FALSE(hcc["codes_changed"].get<bool>());
}

TEST_F(ReimbursementPanel, DecisionsThatChangeTheCodesAreListedNotRegrouped) {
  write_record(inpatient_record(true));
  json reply = decide({{"action", "accept"}, {"key", kBreastKey}});
  EXPECT_FALSE(reply["reimbursement"]["drg"]["codes_changed"].get<bool>()) << "accepting changes no code";
  reply = decide({{"action", "reject"}, {"key", kAnemiaKey}, {"reason", "not supported by the documentation"}});
  json drg = reply["reimbursement"]["drg"];
  EXPECT_TRUE(drg["codes_changed"].get<bool>());
  EXPECT_EQ(drg["changes"], json({"D64.9 rejected"}));
  EXPECT_EQ(drg["drg"], 599) << "still the pipeline's DRG";
  EXPECT_FALSE(drg["what_if"][0].contains("query")) << "no query about a rejected code";
  // D64.9 gave no HCC, but the HCC stage counted it: the panel says so rather than judge.
  EXPECT_EQ(reply["reimbursement"]["hcc"]["changes"], json({"D64.9 rejected"}));
  reply = decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "Z17.0"}, {"evidence", {{"view", "normalized"}, {"begin", 17}, {"end", 28}}}});
  reply = decide({{"action", "principal"}, {"key", "added|ICD-10-CM|Z17.0"}});
  drg = reply["reimbursement"]["drg"];
  EXPECT_EQ(drg["changes"], json({"D64.9 rejected", "Z17.0 added", "principal diagnosis now Z17.0"}));
  EXPECT_EQ(reply["reimbursement"]["hcc"]["changes"], json({"D64.9 rejected", "Z17.0 added"}));
  reply = decide({{"action", "edit"}, {"key", kBreastKey}, {"code", "C50.411"}, {"reason", "upper-outer quadrant"}});
  EXPECT_NE(std::find(reply["reimbursement"]["drg"]["changes"].begin(), reply["reimbursement"]["drg"]["changes"].end(), "C50.912 changed to C50.411"),
            reply["reimbursement"]["drg"]["changes"].end())
      << reply["reimbursement"]["drg"]["changes"].dump();
}

// With the MS-DRG tables (here the plugin's own data folder), a chart whose codes changed also
// gets the DRG of the reviewed codes: the stage's claim with the coder's codes.
TEST_F(ReimbursementPanel, WithTheTablesTheReviewedCodesAreRegrouped) {
  static const review::DrgRegrouper regrouper(kSourceDir / "plugins/drg-grouper/data");
  service_->set_regrouper(&regrouper);
  write_record(inpatient_record(true));
  EXPECT_FALSE(chart()["drg"].contains("reviewed")) << "nothing to regroup before a change";
  // Acute posthemorrhagic anemia is a CC that no breast cancer excludes: 599 becomes 598.
  json drg = decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "D62"}})["reimbursement"]["drg"];
  EXPECT_EQ(drg["changes"], json({"D62 added"}));
  EXPECT_EQ(drg["drg"], 599) << "the pipeline's DRG stays as it was";
  ASSERT_TRUE(drg.contains("reviewed")) << drg.dump(1);
  EXPECT_EQ(drg["reviewed"]["drg"], 598) << drg["reviewed"].dump();
  EXPECT_EQ(drg["reviewed"]["title"], "Malignant Breast Disorders with CC");
  EXPECT_EQ(drg["reviewed"]["mdc"], 9);
  EXPECT_EQ(drg["reviewed"]["severity"], "CC");
  EXPECT_EQ(drg["reviewed"]["return_code"], "OK");
  EXPECT_EQ(drg["reviewed"]["poa_assumed_u"], json({"D62"})) << "an added code has no POA reading: U, and said so";
  // Rejecting the principal diagnosis leaves no claim: said, not guessed.
  drg = decide({{"action", "reject"}, {"key", kBreastKey}, {"reason", "not the reason for admission"}})["reimbursement"]["drg"];
  EXPECT_EQ(drg["reviewed"]["error"], "the reviewed codes have no principal diagnosis");
}

TEST(SpecificityQuery, WithoutATemplateANeutralQuestionOfferingEveryForm) {
  const json record = inpatient_record(false);
  review::ReviewCode code;
  code.code = "I50.9";
  code.display = "Heart failure, unspecified";
  code.evidence = json::array({{{"view", "normalized"}, {"begin", 43}, {"end", 68}}});
  const review::EvidenceMap map(record);
  const json query = review::specificity_query({}, record, map, code, {"Acute systolic (congestive) heart failure", "Chronic systolic (congestive) heart failure"});
  EXPECT_EQ(query["template"], "specificity");
  EXPECT_EQ(query["title"], "Specificity: Heart failure, unspecified");
  EXPECT_NE(query["question"].get<std::string>().find("\"Heart failure, unspecified\""), std::string::npos) << query["question"];
  EXPECT_EQ(query["options"], json({"Acute systolic (congestive) heart failure", "Chronic systolic (congestive) heart failure", "Other (please specify)",
                                    "Unable to determine"}));
  EXPECT_EQ(query["indicators"].size(), 1u);
  // With the built-in templates, I50.9 takes the heart failure one.
  EXPECT_EQ(review::specificity_query(review::builtin_query_templates(), record, map, code, {})["template"], "heart-failure-specificity");
}

}  // namespace
}  // namespace chartflow::test
