// The workstation's decisions through its service: each checked before it is stored, replayed in
// order, carried over a re-run when the record is the same, flagged when it is not.
#include "review_fixture.hpp"

namespace chartflow::test {
namespace {

using nlohmann::json;

constexpr const char* kBreast = "ICD-10-CM|C50.912";
constexpr const char* kHistory = "ICD-10-CM|Z80.41";

TEST_F(ReviewFixture, ChartShowsProposalsWithEvidenceTextAndPageBoxes) {
  const auto reply = service_->chart(kDocId, {"coder1", review::Role::coder});
  ASSERT_EQ(reply.status, 200);
  const auto review = json::parse(reply.body)["review"];
  EXPECT_EQ(review["status"], "to_review");
  const auto* breast = code(review, kBreast);
  ASSERT_NE(breast, nullptr);
  EXPECT_EQ((*breast)["state"], "proposed");
  EXPECT_EQ((*breast)["role"], "first_listed");
  EXPECT_FALSE((*breast)["evidence"][0]["text"].get<std::string>().empty());
  // Evidence in the normalized view lands on OCR words of the raw view, through the source map.
  ASSERT_FALSE((*breast)["boxes"].empty());
  EXPECT_EQ((*breast)["boxes"][0]["page"], 1);
  // Viewing a chart is audited.
  const auto audit = store_->audit_log();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().event, "view_chart");
  EXPECT_EQ(audit.back().doc_id, kDocId);
}

TEST_F(ReviewFixture, AcceptRejectEditAddAndPrincipalAreReplayedInOrder) {
  decide({{"action", "accept"}, {"key", kBreast}});
  decide({{"action", "reject"}, {"key", kHistory}, {"reason", "family history not relevant here"}});
  auto review = decide({{"action", "edit"}, {"key", kBreast}, {"code", "C50.411"}, {"reason", "upper-outer quadrant, right"}});
  EXPECT_EQ((*code(review, kBreast))["code"], "C50.411");
  EXPECT_EQ((*code(review, kBreast))["state"], "edited");
  EXPECT_EQ((*code(review, kBreast))["proposed_code"], "C50.912");
  review = decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "Z17.0"}, {"evidence", {{"view", "normalized"}, {"begin", 17}, {"end", 28}}}});
  const auto* added = code(review, "added|ICD-10-CM|Z17.0");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ((*added)["state"], "added");
  EXPECT_EQ((*added)["display"], "Estrogen receptor positive status [ER+]");
  review = decide({{"action", "principal"}, {"key", "added|ICD-10-CM|Z17.0"}});
  EXPECT_EQ((*code(review, "added|ICD-10-CM|Z17.0"))["role"], "first_listed");
  EXPECT_EQ((*code(review, "added|ICD-10-CM|Z17.0"))["sequence"], 1);
  EXPECT_EQ((*code(review, kBreast))["role"], "secondary");
  EXPECT_EQ((*code(review, kBreast))["sequence"], 2);
  EXPECT_EQ((*code(review, kHistory))["sequence"], 0);  // rejected: not in the final sequence
  EXPECT_EQ(review["status"], "in_progress");
  EXPECT_EQ(store_->for_document(kDocId).size(), 5u);
}

TEST_F(ReviewFixture, RefusedDecisionsSayWhyAndStoreNothing) {
  EXPECT_NE(decide({{"action", "reject"}, {"key", kHistory}}, 422)["error"].get<std::string>().find("why"), std::string::npos);
  decide({{"action", "edit"}, {"key", kBreast}, {"code", "C50.9"}}, 422);        // a header, not billable
  decide({{"action", "edit"}, {"key", kBreast}, {"code", "XYZ.123"}}, 422);      // no such code
  decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "C50.912"}}, 409);  // already coded
  decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "Z17.0"}, {"evidence", {{"view", "normalized"}, {"begin", 5}, {"end", 999999}}}}, 422);
  decide({{"action", "add"}, {"system", "ICD-10-CM"}, {"code", "Z17.0"}, {"evidence", {{"view", "nope"}, {"begin", 1}, {"end", 2}}}}, 422);
  decide({{"action", "accept"}, {"key", "ICD-10-CM|I10"}}, 404);
  decide({{"action", "frobnicate"}}, 400);
  decide({{"action", "query_create"}}, 400);
  decide({{"action", "status"}, {"status", "returned"}}, 422);  // a return needs a note
  decide({{"action", "abstract"}, {"tumor", "t1"}, {"field", "primarySite"}, {"value", "breast"}}, 422);
  decide({{"action", "abstract"}, {"tumor", "t9"}, {"field", "primarySite"}, {"value", "C504"}}, 404);
  decide({{"action", "accept"}, {"key", kBreast}}, 403, review::Role::reader);
  EXPECT_TRUE(store_->for_document(kDocId).empty());
}

TEST_F(ReviewFixture, ApprovalNeedsFlaggedCodesDecidedAndAcceptsTheRest) {
  auto record = example_record();
  record["codes"][0]["needs_review"] = false;
  record["codes"][1]["needs_review"] = true;
  record["codes"][1]["review_reasons"] = {"check the family history"};
  write_record(record);
  const auto refused = decide({{"action", "status"}, {"status", "approved"}}, 409);
  EXPECT_NE(refused["error"].get<std::string>().find("Z80.41"), std::string::npos);
  decide({{"action", "accept"}, {"key", kHistory}});
  const auto review = decide({{"action", "status"}, {"status", "approved"}});
  EXPECT_EQ(review["status"], "approved");
  EXPECT_EQ((*code(review, kBreast))["state"], "accepted");  // undecided and unflagged: accepted by the approval
  // An approved document is locked until it is set back in progress.
  decide({{"action", "reject"}, {"key", kBreast}, {"reason", "x"}}, 409);
  decide({{"action", "status"}, {"status", "in_progress"}});
  decide({{"action", "reject"}, {"key", kBreast}, {"reason", "x"}});
}

TEST_F(ReviewFixture, ARerunKeepsDecisionsAndFlagsMovedEvidenceAndVoidsTheApproval) {
  decide({{"action", "accept"}, {"key", kBreast}});
  decide({{"action", "reject"}, {"key", kHistory}, {"reason", "not documented as family history"}});
  decide({{"action", "status"}, {"status", "approved"}});
  // The pipeline ran again: same codes, but Z80.41's evidence moved.
  auto record = example_record();
  record["codes"][1]["evidence"][0]["begin"] = 120;
  write_record(record);
  const auto review = json::parse(service_->chart(kDocId, {"coder1", review::Role::coder}).body)["review"];
  EXPECT_TRUE(review["changed"].get<bool>());
  EXPECT_EQ(review["status"], "in_progress");
  EXPECT_EQ((*code(review, kHistory))["state"], "rejected");  // the decision is kept ...
  EXPECT_TRUE((*code(review, kHistory))["evidence_changed"].get<bool>());  // ... and flagged
  EXPECT_FALSE((*code(review, kBreast))["evidence_changed"].get<bool>());
  EXPECT_GE(review["flags"].size(), 2u);
}

TEST_F(ReviewFixture, RegistrarEditsAbstractFieldsWithTheirCodeLists) {
  auto review = decide({{"action", "abstract"}, {"tumor", "t1"}, {"field", "primarySite"}, {"value", "C504"}, {"reason", "upper-outer quadrant"}});
  const auto& site = review["tumors"][0]["fields"]["primarySite"];
  EXPECT_EQ(site["value"], "C504");
  EXPECT_TRUE(site["edited"].get<bool>());
  decide({{"action", "abstract"}, {"tumor", "t1"}, {"field", "laterality"}, {"value", "7"}}, 422);
  decide({{"action", "abstract"}, {"tumor", "t1"}, {"field", "dateOfDiagnosis"}, {"value", "20261301"}}, 422);
  decide({{"action", "abstract"}, {"tumor", "t1"}, {"field", "dateOfDiagnosis"}, {"value", "202603"}});
}

TEST_F(ReviewFixture, WorklistSummarisesStatusCodesFlagsAndQueries) {
  decide({{"action", "reject"}, {"key", kHistory}, {"reason", "no"}});
  const auto list = json::parse(service_->worklist().body);
  ASSERT_EQ(list["total"], 1);
  const auto& row = list["documents"][0];
  EXPECT_EQ(row["id"], kDocId);
  EXPECT_EQ(row["status"], "in_progress");
  EXPECT_EQ(row["code_count"], 1);
  EXPECT_EQ(row["codes"], json::array({"C50.912"}));
  EXPECT_EQ(row["kind"], "registry");
  EXPECT_EQ(row["source_name"], "scan-0001.tif");
  EXPECT_FALSE(row["decided_at"].get<std::string>().empty());
}

TEST_F(ReviewFixture, CodeSearchByWordsAndByCodeAndConflictChecks) {
  auto hits = json::parse(service_->search_codes("acute on chronic systolic heart failure", "ICD-10-CM", "5").body)["results"];
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0]["code"], "I50.23");
  hits = json::parse(service_->search_codes("e11.2", "", "10").body)["results"];
  ASSERT_FALSE(hits.empty());
  for (const auto& h : hits) EXPECT_TRUE(h["code"].get<std::string>().starts_with("E11.2"));
  EXPECT_EQ(service_->search_codes("x", "", "lots").status, 400);
  // A billable code, and a category that is not.
  auto check = json::parse(service_->check_code("ICD-10-CM", "Z85.3", kDocId).body);
  EXPECT_TRUE(check["exists"].get<bool>());
  EXPECT_TRUE(check["billable"].get<bool>());
  check = json::parse(service_->check_code("ICD-10-CM", "C50.91", kDocId).body);
  EXPECT_FALSE(check["billable"].get<bool>());
}

TEST_F(ReviewFixture, ExportAndAgreementCountProposalsByCodeAndRule) {
  decide({{"action", "accept"}, {"key", kBreast}});
  decide({{"action", "reject"}, {"key", kHistory}, {"reason", "=HYPERLINK(\"x\") not documented"}});
  const auto csv = service_->export_decisions("csv", {"coder1", review::Role::coder}).body;
  EXPECT_NE(csv.find("\"reject\",\"ICD-10-CM|Z80.41\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\") not documented\""), std::string::npos) << csv;  // formula defused
  const auto agreement = json::parse(service_->agreement().body);
  EXPECT_EQ(agreement["accepted"], 1);
  EXPECT_EQ(agreement["rejected"], 1);
  EXPECT_DOUBLE_EQ(agreement["precision"].get<double>(), 0.5);
  EXPECT_EQ(agreement["by_code"].size(), 2u);
}

TEST_F(ReviewFixture, UnknownDocumentsAndPagesAre404) {
  EXPECT_EQ(service_->chart("doc-0000000000000000", {"c", review::Role::coder}).status, 404);
  EXPECT_EQ(service_->chart("../../etc/passwd", {"c", review::Role::coder}).status, 404);
  EXPECT_EQ(service_->page(kDocId, "2", {"c", review::Role::coder}).status, 404);
  EXPECT_EQ(service_->page(kDocId, "-1", {"c", review::Role::coder}).status, 404);
  // Page 1 exists in the record, but its original file is nowhere: said, not crashed.
  const auto missing = service_->page(kDocId, "1", {"c", review::Role::coder});
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("original"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::test
