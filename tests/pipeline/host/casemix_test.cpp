// The case mix of a batch: each record's final MS-DRG in its stats (and the journal's copy of
// them), casemix.csv and the report's case-mix section. The real pipeline's case mix is checked
// in tests/plugins/drg-grouper/drg_stage_test.cpp.
#include "host/casemix.hpp"
#include "host/report.hpp"
#include "host/report_casemix.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::host {
namespace {

using test::TempDir;

DocumentDrg drg(int number, std::string title, int mdc, std::string med_surg, std::string severity) {
  DocumentDrg d;
  d.drg = number, d.title = std::move(title), d.mdc = mdc, d.mdc_title = "MDC " + std::to_string(mdc);
  d.med_surg = std::move(med_surg), d.severity = std::move(severity), d.return_code = "OK";
  return d;
}

DocumentOutcome document(std::string id, Outcome outcome, std::optional<DocumentDrg> grouped) {
  DocumentOutcome d;
  d.input = id + ".txt", d.id = std::move(id), d.outcome = outcome;
  d.stats.drg = std::move(grouped);
  return d;
}

RunSummary batch() {
  RunSummary s;
  s.pipeline_name = "inpatient-drg";
  s.complete = true;
  s.documents.push_back(document("doc-1", Outcome::written, drg(292, "Heart Failure and Shock with CC", 5, "MEDICAL", "CC")));
  s.documents.push_back(document("doc-2", Outcome::written, std::nullopt));  // an outpatient note: no DRG
  s.documents.push_back(document("doc-3", Outcome::skipped, drg(470, "Major Hip and Knee Joint Replacement, or Reattachment of Lower Extremity without MCC", 8, "SURGICAL", "NON_CC")));
  s.documents.push_back(document("doc-4", Outcome::written, drg(291, "Heart Failure and Shock with MCC", 5, "MEDICAL", "MCC")));
  s.documents.push_back(document("doc-5", Outcome::written, drg(292, "Heart Failure and Shock with CC", 5, "MEDICAL", "CC")));
  s.documents.push_back(document("doc-6", Outcome::quarantined, drg(999, "Ungroupable", 0, "NONE", "NONE")));  // no record: not counted
  s.documents.back().stats.drg->return_code = "UNGROUPABLE";
  return s;
}

TEST(CaseMix, StatsCarryTheDrgAndOldStatsReadWithoutOne) {
  DocumentStats stats;
  stats.drg = drg(292, "Heart Failure and Shock with CC", 5, "MEDICAL", "CC");
  stats.drg->needs_review = true;
  stats.drg->relative_weight = 0.9154;
  stats.drg->expected_payment = 5950.10;
  const DocumentStats back = DocumentStats::from_json(stats.to_json());
  ASSERT_TRUE(back.drg);
  EXPECT_EQ(back.drg->drg, 292);
  EXPECT_EQ(back.drg->severity, "CC");
  EXPECT_TRUE(back.drg->needs_review);
  EXPECT_DOUBLE_EQ(back.drg->relative_weight.value_or(0), 0.9154);
  EXPECT_DOUBLE_EQ(back.drg->expected_payment.value_or(0), 5950.10);
  // A journal row written before the case mix, or for a record without a DRG: no "drg" at all.
  EXPECT_FALSE(DocumentStats().to_json().contains("drg"));
  EXPECT_FALSE(DocumentStats::from_json({{"pages", 2}}).drg);
  EXPECT_FALSE(DocumentStats::from_json({{"drg", {{"drg", 0}}}}).drg);
}

TEST(CaseMix, TheCsvHasOneRowPerRecordWithADrgQuotedWhereNeeded) {
  const std::string csv = casemix_csv(batch());
  EXPECT_EQ(csv,
            "document_id,drg,drg_title,mdc,mdc_title,type,severity,return_code,needs_review,relative_weight,expected_payment\r\n"
            "doc-1,292,Heart Failure and Shock with CC,05,MDC 5,MEDICAL,CC,OK,false,,\r\n"
            "doc-3,470,\"Major Hip and Knee Joint Replacement, or Reattachment of Lower Extremity without MCC\",08,MDC 8,SURGICAL,NON_CC,OK,false,,\r\n"
            "doc-4,291,Heart Failure and Shock with MCC,05,MDC 5,MEDICAL,MCC,OK,false,,\r\n"
            "doc-5,292,Heart Failure and Shock with CC,05,MDC 5,MEDICAL,CC,OK,false,,\r\n");
  RunSummary weighted = batch();
  weighted.documents[0].stats.drg->relative_weight = 0.91537;
  weighted.documents[0].stats.drg->expected_payment = 5950.1;
  weighted.documents[0].stats.drg->title = "say \"when\"";
  EXPECT_NE(casemix_csv(weighted).find("doc-1,292,\"say \"\"when\"\"\",05,MDC 5,MEDICAL,CC,OK,false,0.9154,5950.10\r\n"), std::string::npos);
}

TEST(CaseMix, TheFileIsWrittenWithTheReportOrRemovedWhenNoRecordHasADrg) {
  TempDir dir;
  write_report(dir.path(), batch());
  EXPECT_EQ(test::read_file(dir / "casemix.csv"), casemix_csv(batch()));
  RunSummary none = batch();
  for (auto& d : none.documents) d.stats.drg.reset();
  write_report(dir.path(), none);
  EXPECT_FALSE(test::fs::exists(dir / "casemix.csv")) << "an earlier pipeline's case mix must not outlive its records";
  EXPECT_TRUE(test::fs::exists(dir / "report.html"));
}

TEST(CaseMix, TheReportShowsDrgsByCountWithTheSplitAndSeverityShares) {
  const std::string page = render_report(batch());
  const std::string section = casemix_section(batch());
  ASSERT_FALSE(section.empty());
  EXPECT_NE(page.find(section), std::string::npos);
  EXPECT_NE(section.find("<span id=\"casemix-records\">4</span> records with an MS-DRG"), std::string::npos) << section;
  EXPECT_NE(section.find("3 different"), std::string::npos);
  EXPECT_NE(section.find("Surgical 1 (25.0%), medical 3 (75.0%)."), std::string::npos) << section;
  EXPECT_NE(section.find("With an MCC 1 (25.0%), with a CC 2 (50.0%), without a CC or MCC 1 (25.0%)"), std::string::npos) << section;
  EXPECT_EQ(section.find("casemix-cmi"), std::string::npos) << "no weights, no case-mix index";
  EXPECT_EQ(section.find(">Weight<"), std::string::npos) << "no weights, no weight column";
  const auto d292 = section.find("<code>292</code>"), d291 = section.find("<code>291</code>"), d470 = section.find("<code>470</code>");
  ASSERT_NE(d292, std::string::npos);
  EXPECT_LT(d292, d291) << "most records first";
  EXPECT_LT(d291, d470) << "ties by DRG number";
  EXPECT_NE(section.find("<code>05</code> MDC 5</td><td>medical</td><td class=\"n\">2</td>"), std::string::npos) << section;
  EXPECT_EQ(section.find("999"), std::string::npos) << "a quarantined document has no record";
}

TEST(CaseMix, TitlesAreEscapedLongListsCutAndWeightsGiveAnIndex) {
  RunSummary s = batch();
  s.documents[0].stats.drg->title = "<script>x</script>";
  s.documents[0].stats.drg->relative_weight = 1.0;
  s.documents[3].stats.drg->relative_weight = 2.0;
  for (int i = 0; i < 60; ++i) s.documents.push_back(document("many-" + std::to_string(i), Outcome::written, drg(100 + i, "T", 1, "MEDICAL", "NONE")));
  const std::string section = casemix_section(s);
  EXPECT_EQ(section.find("<script>"), std::string::npos);
  EXPECT_NE(section.find("Case-mix index 1.5000 over the 2 records with a relative weight"), std::string::npos) << section;
  EXPECT_NE(section.find("<th scope=\"col\" class=\"n\">Weight</th>"), std::string::npos) << section;
  // DRG 292's weight is its first record's (doc-1).
  EXPECT_NE(section.find("<code>05</code> MDC 5</td><td>medical</td><td class=\"n\">1.0000</td><td class=\"n\">2</td>"), std::string::npos) << section;
  EXPECT_NE(section.find("and 13 more DRGs: casemix.csv lists every record."), std::string::npos);
  EXPECT_NE(section.find("in a DRG without a CC/MCC split 60"), std::string::npos);
}

TEST(CaseMix, ABatchWithoutDrgsHasNoSection) {
  RunSummary s = batch();
  for (auto& d : s.documents) d.stats.drg.reset();
  EXPECT_TRUE(casemix_section(s).empty());
  EXPECT_EQ(render_report(s).find("id=\"casemix\""), std::string::npos);
}

}  // namespace
}  // namespace chartflow::host
