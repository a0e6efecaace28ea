// The hcc-v28 stage. On hand-built coded records run through the host's own Stage (so the codes,
// mentions and identity are exactly the test's): a scored office visit worked by hand (hierarchy
// drop, interactions, count variable), the codes left out and why, missing demographics (HCCs
// listed, codes an age/sex edit could change held out, no score, review reasons), the segment
// option, hashed identity, and a record without ICD-10-CM codes. Then the risk-adjustment
// pipeline (configs/risk-adjustment.json) through the real program, whose record must validate.
#include "host/manifest.hpp"
#include "host/plugin_library.hpp"
#include "host/stage.hpp"
#include "record/stage_output.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace chartflow::test {
namespace {

using json = nlohmann::json;

const std::string kVisit =
    "OFFICE VISIT\n"
    "DATE OF SERVICE: 03/10/2025\n"
    "DOB: 05/14/1950   SEX: Female\n\n"
    "ASSESSMENT AND PLAN:\n"
    "Type 2 diabetes with diabetic nephropathy, on metformin. Diabetes mellitus. Chronic heart failure, stable on furosemide.\n"
    "COPD, continue inhaler. History of atrial fibrillation. No chronic kidney disease. Depression.\n";

struct Span {
  std::size_t begin = 0, end = 0;
};

Span find_span(const std::string& text, const std::string& phrase) {
  const auto at = text.find(phrase);
  if (at == std::string::npos) throw std::logic_error("test chart lacks '" + phrase + "'");
  return {at, at + phrase.size()};
}

json span_json(Span s) { return {{"view", "normalized"}, {"begin", s.begin}, {"end", s.end}}; }

// One ICD-10-CM code with the mention it rests on, asserted as `status`.
struct CodeSpec {
  std::string code, phrase, status = "affirmed";
  json extra = json::object();
};

json assertion(const std::string& status) {
  return {{"status", status}, {"negated", status == "negated"}, {"uncertain", false}, {"hypothetical", false},
          {"historical", status == "historical"}, {"experiencer", "patient"}};
}

void add_items(record::Record& r, const std::string& field, const json& items) {
  record::StageOutput out(r, record::FieldRegistry::builtin(), "setup", {field});
  ASSERT_EQ(out.add_items(field, items.dump()), "") << field;
  ASSERT_EQ(out.commit(r), "") << field;
}

json identity_json(const std::string& text, bool hashed) {
  json out = json::array();
  const auto add = [&](const char* kind, const char* label, const std::string& written, const char* value) {
    const Span s = find_span(text, written);
    json item = {{"id", "pi" + std::to_string(out.size() + 1)}, {"view", "normalized"}, {"begin", s.begin}, {"end", s.end}, {"kind", kind},
                 {"value_sha256", std::string(64, '0')}, {"label", label}};
    if (!hashed) item["value"] = value;
    out.push_back(std::move(item));
  };
  add("birth_date", "DOB", "05/14/1950", "1950-05-14");
  add("sex", "SEX", "Female", "female");
  return out;
}

enum class Identity { stated, absent, hashed };

record::Record record_of(const std::string& text, const std::vector<CodeSpec>& codes, Identity identity = Identity::stated) {
  record::Record r;
  r.document = {"doc-00000000000000a1", {"visit.txt", std::string(64, '0'), text.size()}, "text/plain", std::nullopt};
  r.views.push_back({"normalized", text, "file", "utf-8", std::nullopt, {}, "normalize", std::nullopt});
  add_items(r, "document_types", json::array({{{"id", "dt1"}, {"type", "office"}, {"loinc", "11506-3"}, {"display", "Progress note"},
                                               {"setting", "outpatient"}, {"confidence", 0.9}}}));
  if (identity != Identity::absent) add_items(r, "identity", identity_json(text, identity == Identity::hashed));
  json mentions = json::array(), items = json::array();
  for (const CodeSpec& c : codes) {
    const std::string n = std::to_string(items.size() + 1);
    const Span s = find_span(text, c.phrase);
    mentions.push_back({{"id", "m" + n}, {"view", "normalized"}, {"begin", s.begin}, {"end", s.end}, {"kind", "diagnosis"},
                        {"assertion", assertion(c.status)}});
    json code = {{"id", "c" + n}, {"system", "ICD-10-CM"}, {"code", c.code}, {"code_set_version", "FY2025"}, {"mention_ids", {"m" + n}},
                 {"evidence", json::array({span_json(s)})}, {"confidence", 0.9}, {"rule", "test"}, {"needs_review", false},
                 {"policy", "outpatient"}};
    code.update(c.extra);
    items.push_back(std::move(code));
  }
  add_items(r, "mentions", mentions);
  add_items(r, "codes", items);
  return r;
}

std::unique_ptr<host::Stage> make_stage(const json& config) {
  static const host::Manifest manifest = host::read_manifest(kPluginDir / "hcc-v28" / "plugin.json");
  static const record::FieldRegistry fields = [] {
    record::FieldRegistry declared;
    declared.declare(manifest.name, manifest.fields);
    return declared;
  }();
  return std::make_unique<host::Stage>("hcc", manifest, host::load_plugin(manifest), config, 1, fields);
}

json run_stage(record::Record& r, const json& config = json::object()) {
  const auto stage = make_stage(config);
  const auto failure = stage->run(r, "", 0);
  EXPECT_FALSE(failure.has_value()) << failure->status << ": " << failure->reason;
  const auto* items = r.field("reimbursement.hcc");
  return items ? json::parse(items->json_text()) : json::array();
}

std::vector<CodeSpec> visit_codes() {
  return {
      {"E11.22", "Type 2 diabetes with diabetic nephropathy"},
      {"E11.9", "Diabetes mellitus"},
      {"I50.9", "Chronic heart failure"},
      {"J44.9", "COPD"},
      {"I48.0", "atrial fibrillation", "historical"},
      {"N18.4", "chronic kidney disease", "negated"},
      {"F32.2", "Depression", "affirmed", {{"attributes", {{"review", "rejected"}}}}},
      {"E11.9", "diabetic nephropathy"},
  };
}

const json* hcc_entry(const json& item, int hcc) {
  for (const json& h : item["hccs"])
    if (h["hcc"] == hcc) return &h;
  return nullptr;
}

bool has_reason(const json& item, const std::string& words) {
  for (const json& r : item["review_reasons"])
    if (r.get<std::string>().find(words) != std::string::npos) return true;
  return false;
}

// Female, born 1950-05-14, seen 2025-03-10: payment year 2026, age on 2026-02-01 = 75 (the May
// birthday not reached): CNA_F75_79.
// E11.22 -> HCC 37, E11.9 -> HCC 38 (dropped: 37 is its parent), I50.9 -> HCC 226, J44.9 -> HCC 280.
// Payment HCCs 37, 226, 280: D3; interactions DIABETES_HF_V28 (37 x 226), HF_CHR_LUNG_V28 (226 x 280).
// Raw score = F75_79 0.465 + HCC37 0.166 + HCC226 0.360 + HCC280 0.319 + DIABETES_HF 0.112
//           + HF_CHR_LUNG 0.078 + D3 0 = 1.500.
TEST(HccStage, ScoresAnOfficeVisitWorkedByHand) {
  record::Record r = record_of(kVisit, visit_codes());
  const json items = run_stage(r);
  ASSERT_EQ(items.size(), 1u);
  const json& item = items[0];
  EXPECT_EQ(item["id"], "hcc-1");
  EXPECT_EQ(item["producer"], "hcc");
  EXPECT_EQ(item["setting"], "outpatient");
  EXPECT_EQ(item["document_type_id"], "dt1");
  EXPECT_EQ(item["date_of_service"], "2025-03-10");
  EXPECT_EQ(item["date_of_service_source"], "date_of_service");
  EXPECT_EQ(item["status"], "scored") << item.dump(1);
  EXPECT_EQ(item["payment_year"], 2026);
  EXPECT_EQ(item["age"], 75);
  EXPECT_EQ(item["sex"], "female");
  EXPECT_EQ(item["segment"], "CNA");
  EXPECT_EQ(item["segment_basis"], "assumed_community_non_dual");
  EXPECT_EQ(item["payment_hccs"], json({37, 226, 280}));
  EXPECT_EQ(item["count_variable"], "D3");
  EXPECT_EQ(item["interactions"], json({"DIABETES_HF_V28", "HF_CHR_LUNG_V28"}));
  EXPECT_DOUBLE_EQ(item["raw_score"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(item["demographic_score"].get<double>(), 0.465);
  EXPECT_DOUBLE_EQ(item["disease_score"].get<double>(), 1.035);

  // Every HCC links to the code items behind it; the hierarchy drop names its parent.
  const json* h37 = hcc_entry(item, 37);
  ASSERT_NE(h37, nullptr);
  EXPECT_EQ(h37->at("status"), "kept");
  EXPECT_EQ(h37->at("evidence"), json::parse(R"([{"code_id": "c1", "code": "E1122"}])"));
  const json* h38 = hcc_entry(item, 38);
  ASSERT_NE(h38, nullptr);
  EXPECT_EQ(h38->at("status"), "dropped_by_hierarchy");
  EXPECT_EQ(h38->at("dropped_by"), 37);
  EXPECT_EQ(h38->at("evidence")[0]["code_id"], "c2");
  EXPECT_EQ(item["hccs"].size(), 4u) << "37, 38, 226, 280: nothing from the codes left out";

  // Codes left out, with why; the top-level code_ids hold them all (the host checked each).
  EXPECT_EQ(item["code_ids"], json({"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"}));
  EXPECT_EQ(item["excluded"], json::parse(R"([
    {"code_id": "c5", "code": "I48.0", "reason": "historical", "hccs": [238]},
    {"code_id": "c6", "code": "N18.4", "reason": "not_affirmed", "hccs": [327]},
    {"code_id": "c7", "code": "F32.2", "reason": "rejected_in_review"},
    {"code_id": "c8", "code": "E11.9", "reason": "duplicate"}])"));
  EXPECT_TRUE(item["needs_review"]);
  EXPECT_TRUE(has_reason(item, "I48.0 would give HCC 238 (")) << item["review_reasons"].dump(1);
  EXPECT_TRUE(has_reason(item, "documented only as past history"));
  EXPECT_TRUE(has_reason(item, "N18.4 would give HCC 327"));
  for (const json& reason : item["review_reasons"]) EXPECT_EQ(reason.get<std::string>().find("atrial"), std::string::npos) << "no chart text";
}

// No identity stage values: no age, no sex. The HCCs are listed without a score; D66 (HCC 111, but
// 112 in a female) and C50.911 (HCC 23, but 22 under 50) depend on what is unknown and are held
// out. J44.9 (invalid under 18) is kept: an unknown age is taken as an adult's.
TEST(HccStage, WithoutDemographicsListsTheHccsAndSaysWhyNoScore) {
  const std::string text = kVisit + "Hemophilia A. Breast cancer.\n";
  std::vector<CodeSpec> codes = visit_codes();
  codes.push_back({"D66", "Hemophilia A"});
  codes.push_back({"C50.911", "Breast cancer"});
  record::Record r = record_of(text, codes, Identity::absent);
  const json items = run_stage(r);
  ASSERT_EQ(items.size(), 1u);
  const json& item = items[0];
  EXPECT_EQ(item["status"], "not_scored");
  EXPECT_EQ(item["not_scored_reason"], "no_birth_date");
  EXPECT_EQ(item["sex"], "unknown");
  EXPECT_FALSE(item.contains("raw_score"));
  EXPECT_FALSE(item.contains("terms"));
  EXPECT_FALSE(item.contains("segment"));
  EXPECT_FALSE(item.contains("age"));
  EXPECT_EQ(item["payment_hccs"], json({37, 226, 280}));
  ASSERT_NE(hcc_entry(item, 38), nullptr);
  EXPECT_EQ(hcc_entry(item, 38)->at("dropped_by"), 37);
  EXPECT_EQ(hcc_entry(item, 111), nullptr);
  EXPECT_EQ(hcc_entry(item, 112), nullptr);
  EXPECT_EQ(hcc_entry(item, 23), nullptr);
  const json& diagnoses = item["diagnoses"];
  ASSERT_EQ(diagnoses.size(), 6u) << diagnoses.dump(1);
  EXPECT_EQ(diagnoses[4]["code"], "D66");
  EXPECT_EQ(diagnoses[4]["status"], "depends_on_demographics");
  EXPECT_EQ(diagnoses[5]["status"], "depends_on_demographics");
  EXPECT_EQ(diagnoses[0]["status"], "mapped");
  EXPECT_EQ(diagnoses[0]["hccs"], json({37}));
  EXPECT_TRUE(has_reason(item, "no score: no readable birth date is stated")) << item["review_reasons"].dump(1);
  EXPECT_TRUE(has_reason(item, "D66: its HCCs depend on the age or sex"));
  EXPECT_TRUE(has_reason(item, "C50.911: its HCCs depend on the age or sex"));
}

// The identity stage wrote hashes only: neither the birth date nor the sex is read, and the item
// says so for each.
TEST(HccStage, HashedIdentityIsNotReadAndSaysSo) {
  const std::string text = kVisit + "Hemophilia A. Breast cancer.\n";
  record::Record r = record_of(text, {{"D66", "Hemophilia A"}, {"C50.911", "Breast cancer"}}, Identity::hashed);
  const json item = run_stage(r).at(0);
  EXPECT_EQ(item["not_scored_reason"], "no_birth_date");
  EXPECT_TRUE(has_reason(item, "birth date not readable: the identity stage hashes values")) << item["review_reasons"].dump(1);
  EXPECT_TRUE(has_reason(item, "sex not readable"));
  EXPECT_EQ(item["diagnoses"][0]["status"], "depends_on_demographics") << "the sex is hashed too";
}

TEST(HccStage, TheSegmentOption) {
  record::Record a = record_of(kVisit, visit_codes());
  const json none = run_stage(a, {{"segment", "none"}}).at(0);
  EXPECT_EQ(none["status"], "not_scored");
  EXPECT_EQ(none["not_scored_reason"], "no_segment");
  EXPECT_EQ(none["payment_hccs"], json({37, 226, 280}));
  EXPECT_FALSE(has_reason(none, "no score")) << "configured: nothing to review";

  // CND is for beneficiaries under 65: the model refuses a 75-year-old, and the item says why.
  record::Record b = record_of(kVisit, visit_codes());
  const json cnd = run_stage(b, {{"segment", "CND"}}).at(0);
  EXPECT_EQ(cnd["not_scored_reason"], "model_refused");
  EXPECT_TRUE(has_reason(cnd, "no score: ")) << cnd["review_reasons"].dump(1);

  // INS at 75: INS_F75_79 + INS_HCC37 + INS_HCC226 + INS_HCC280 + INS_DIABETES_HF_V28
  // + INS_HF_CHR_LUNG_V28 + INS_D3, read back from the table: the configured segment is used.
  record::Record c = record_of(kVisit, visit_codes());
  const json ins = run_stage(c, {{"segment", "INS"}}).at(0);
  EXPECT_EQ(ins["segment"], "INS");
  EXPECT_EQ(ins["segment_basis"], "configured");
  double sum = 0;
  for (const json& t : ins["terms"]) sum += t["coefficient"].get<double>();
  EXPECT_NEAR(ins["raw_score"].get<double>(), sum, 1e-9);

  EXPECT_THROW(make_stage({{"segment", "XYZ"}}), std::exception);
}

// A history or status Z code states the history itself: its historical or family mention is what
// it codes, so it counts (Z89.511, below-knee amputation status: HCC 409), where a condition
// named only as history does not (I48.0 above).
TEST(HccStage, HistoryAndStatusZCodesCount) {
  const std::string text = kVisit + "PAST HISTORY: right below-knee amputation. Mother with breast cancer.\n";
  record::Record r = record_of(text, {{"Z89.511", "right below-knee amputation", "historical"}, {"Z80.3", "breast cancer", "family"},
                                      {"I48.0", "atrial fibrillation", "historical"}});
  const json item = run_stage(r).at(0);
  ASSERT_EQ(item["diagnoses"].size(), 2u) << item.dump(1);
  EXPECT_EQ(item["diagnoses"][0]["hccs"], json({409}));
  EXPECT_EQ(item["diagnoses"][1]["status"], "no_hcc");
  EXPECT_EQ(item["payment_hccs"], json({409}));
  EXPECT_EQ(item["excluded"], json::parse(R"([{"code_id": "c3", "code": "I48.0", "reason": "historical", "hccs": [238]}])"));
}

TEST(HccStage, ARecordWithoutIcd10CmCodesGetsNothing) {
  record::Record r = record_of(kVisit, {});
  EXPECT_TRUE(run_stage(r).empty());
}

const std::string kPipelineVisit =
    "OFFICE VISIT\n"
    "Patient: Synthetic Patient 0042   MRN: 00-000-0042\n"
    "DOB: 05/14/1950   Sex: Female\n"
    "Date of Service: 03/10/2025\n\n"
    "ASSESSMENT AND PLAN:\n"
    "1. Type 2 diabetes mellitus without complications, continue metformin.\n"
    "2. Chronic systolic heart failure, continue furosemide.\n"
    "3. Chronic obstructive pulmonary disease, continue inhaler.\n";

TEST(HccStage, TheRiskAdjustmentPipelineWritesAValidRecord) {
  TempDir dir;
  write_file(dir / "in/visit.txt", kPipelineVisit);
  const auto run = run_chartflow("run --config " + quote(kSourceDir / "configs/risk-adjustment.json") + " --input " + quote(dir / "in") +
                                 " --output " + quote(dir / "out") + " --progress none --jobs 1");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ((run.out + run.err).find("00-000-0042"), std::string::npos) << "no identifier in the output";
  json record;
  for (const auto& e : fs::directory_iterator(dir / "out/records")) record = json::parse(read_file(e.path()));
  ASSERT_TRUE(record.contains("reimbursement.hcc")) << record.dump(1);
  const json& item = record["reimbursement.hcc"][0];
  EXPECT_EQ(item["status"], "scored") << item.dump(1);
  EXPECT_EQ(item["age"], 75) << item.dump(1);
  for (const int hcc : {38, 226, 280}) EXPECT_NE(hcc_entry(item, hcc), nullptr) << hcc << ": " << item.dump(1);
  const auto check = run_chartflow("validate --record " + quote(dir / "out/records"));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace chartflow::test
