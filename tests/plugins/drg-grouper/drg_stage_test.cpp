// The drg-grouper stage. On hand-built inpatient records run through the host's own Stage (so the
// codes are exactly the test's): the DRG item, POA read from the text around each diagnosis, the
// what-if hint for an unspecified heart failure, codes left out, defaults with review reasons, and
// the records that are not grouped; with a synthetic Table 5, the weight and payment, and a bad
// Table 5 refused at start-up. Then the inpatient pipeline (configs/inpatient-drg.json) through
// the real program, whose record must validate, with and without a Table 5.
#include "host/manifest.hpp"
#include "host/plugin_library.hpp"
#include "host/stage.hpp"
#include "record/stage_output.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

namespace chartflow::test {
namespace {

using json = nlohmann::json;

const std::string kChart =
    "DISCHARGE SUMMARY\n\n"
    "ADMISSION DATE: 03/02/2026   DISCHARGE DATE: 03/06/2026\n"
    "DATE OF BIRTH: 05/14/1950   SEX: Female\n\n"
    "HISTORY OF PRESENT ILLNESS:\n"
    "The patient has long-standing hypertensive heart disease and was admitted with heart failure after a week of dyspnea.\n\n"
    "HOSPITAL COURSE:\n"
    "She was diuresed with IV furosemide. Acute kidney injury developed on hospital day 2 and resolved. "
    "Type 2 diabetes mellitus was managed with insulin. She was transfused one unit of packed red cells.\n\n"
    "DISCHARGE DIAGNOSES:\n"
    "1. Hypertensive heart disease with heart failure.\n2. Heart failure.\n3. Acute kidney injury.\n4. Type 2 diabetes mellitus.\n\n"
    "DISCHARGE DISPOSITION:\n"
    "Home with home health services.\n";

struct Span {
  std::size_t begin = 0, end = 0;
};

Span find_span(const std::string& text, const std::string& phrase, std::size_t from = 0) {
  const auto at = text.find(phrase, from);
  if (at == std::string::npos) throw std::logic_error("test chart lacks '" + phrase + "'");
  return {at, at + phrase.size()};
}

json span_json(Span s) { return {{"view", "normalized"}, {"begin", s.begin}, {"end", s.end}}; }

// Sentences as the splitter gives them here: each line, cut after ". ".
json sentences_of(const std::string& text) {
  json out = json::array();
  std::size_t begin = 0;
  const auto add = [&](std::size_t end) {
    if (end > begin) out.push_back({{"id", "snt" + std::to_string(out.size() + 1)}, {"view", "normalized"}, {"begin", begin}, {"end", end}});
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') add(i), begin = i + 1;
    else if (text[i] == '.' && i + 1 < text.size() && text[i + 1] == ' ') add(i + 1), begin = i + 2;
  }
  add(text.size());
  return out;
}

struct CodeSpec {
  std::string system, code, display, role;
  std::vector<Span> evidence;
  json extra = json::object();
};

json codes_json(const std::vector<CodeSpec>& specs, const std::string& policy) {
  json out = json::array();
  for (const CodeSpec& s : specs) {
    json evidence = json::array();
    for (const Span& e : s.evidence) evidence.push_back(span_json(e));
    json c = {{"id", "c" + std::to_string(out.size() + 1)}, {"system", s.system}, {"code", s.code}, {"display", s.display},
              {"code_set_version", "FY2026"}, {"evidence", evidence}, {"confidence", 0.9}, {"rule", "test"}, {"needs_review", false},
              {"sequence", out.size() + 1}, {"role", s.role}, {"policy", policy}};
    c.update(s.extra);
    out.push_back(std::move(c));
  }
  return out;
}

json identity_json(const std::string& text, const std::string& year = "2026") {
  json out = json::array();
  const auto add = [&](const char* kind, const char* label, const std::string& written, const std::string& value) {
    const Span s = find_span(text, written);
    out.push_back({{"id", "pi" + std::to_string(out.size() + 1)}, {"view", "normalized"}, {"begin", s.begin}, {"end", s.end}, {"kind", kind},
                   {"value", value}, {"value_sha256", std::string(64, '0')}, {"label", label}});
  };
  add("admission_date", "ADMISSION DATE", "03/02/" + year, year + "-03-02");
  add("discharge_date", "DISCHARGE DATE", "03/06/" + year, year + "-03-06");
  add("birth_date", "DATE OF BIRTH", "05/14/1950", "1950-05-14");
  add("sex", "SEX", "Female", "female");
  return out;
}

const json kDischargeSummary = {{"id", "dt1"}, {"type", "discharge_summary"}, {"loinc", "18842-5"}, {"display", "Discharge summary"},
                                {"setting", "inpatient"}, {"confidence", 0.95}};

void add_items(record::Record& r, const std::string& field, const json& items) {
  record::StageOutput out(r, record::FieldRegistry::builtin(), "setup", {field});
  ASSERT_EQ(out.add_items(field, items.dump()), "") << field;
  ASSERT_EQ(out.commit(r), "") << field;
}

record::Record record_of(const std::string& text, const std::vector<CodeSpec>& codes, bool discharge_summary = true,
                         bool identity = true, const std::string& policy = "inpatient") {
  record::Record r;
  r.document = {"doc-00000000000000d1", {"chart.txt", std::string(64, '0'), text.size()}, "text/plain", std::nullopt};
  r.views.push_back({"normalized", text, "file", "utf-8", std::nullopt, {}, "normalize", std::nullopt});
  add_items(r, "sentences", sentences_of(text));
  if (discharge_summary) add_items(r, "document_types", json::array({kDischargeSummary}));
  if (identity) add_items(r, "identity", identity_json(text));
  add_items(r, "codes", codes_json(codes, policy));
  return r;
}

const host::Manifest& drg_manifest() {
  static const host::Manifest manifest = host::read_manifest(kPluginDir / "drg-grouper" / "plugin.json");
  return manifest;
}

// The stage as the host makes it (the field registry outlives every stage: they refer to it).
std::unique_ptr<host::Stage> make_stage(const json& config) {
  const host::Manifest& manifest = drg_manifest();
  static const record::FieldRegistry fields = [&manifest] {
    record::FieldRegistry declared;
    declared.declare(manifest.name, manifest.fields);
    return declared;
  }();
  return std::make_unique<host::Stage>("drg", manifest, host::load_plugin(manifest), config, 1, fields);
}

// The stage for `config`, made once per test program: each stage loads the grouper's tables
// (0.3 s, and ten times that under the sanitizers), and a stage keeps nothing from one record to
// the next, as the host relies on when it shares one across its workers.
const host::Stage& shared_stage(const json& config) {
  static std::map<std::string, std::unique_ptr<host::Stage>> stages;
  auto& stage = stages[config.dump()];
  if (!stage) stage = make_stage(config);
  return *stage;
}

// The stage's items after running it on `r` as the host does.
json run_stage(record::Record& r, const json& config = json::object()) {
  const host::Stage& stage = shared_stage(config);
  const auto failure = stage.run(r, "", 0);
  EXPECT_FALSE(failure.has_value()) << failure->status << ": " << failure->reason;
  const auto* items = r.field("reimbursement.drg");
  return items ? json::parse(items->json_text()) : json::array();
}

std::vector<CodeSpec> heart_failure_codes(const std::string& text) {
  const std::size_t list = text.find("DISCHARGE DIAGNOSES");
  return {
      {"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
       {find_span(text, "hypertensive heart disease"), find_span(text, "Hypertensive heart disease with heart failure", list)}},
      {"ICD-10-CM", "I50.9", "Heart failure, unspecified", "secondary", {find_span(text, "heart failure"), find_span(text, "Heart failure.", list)}},
      {"ICD-10-CM", "N17.9", "Acute kidney failure, unspecified", "secondary",
       {find_span(text, "Acute kidney injury"), find_span(text, "Acute kidney injury", list)}},
      {"ICD-10-CM", "E11.9", "Type 2 diabetes mellitus without complications", "secondary", {find_span(text, "Type 2 diabetes mellitus", list)}},
      {"ICD-10-PCS", "30233N1", "Transfusion of nonautologous red blood cells into peripheral vein, percutaneous approach", "procedure",
       {find_span(text, "transfused one unit of packed red cells")}},
      {"ICD-10-PCS", "5A1", "", "procedure", {find_span(text, "diuresed")}, {{"partial", true}}},
      {"ICD-10-CM", "R06.00", "Dyspnea, unspecified", "secondary", {find_span(text, "dyspnea")}, {{"attributes", {{"review", "rejected"}}}}},
  };
}

const json* entry_for(const json& list, const std::string& code_id) {
  for (const json& e : list)
    if (e.value("code_id", "") == code_id) return &e;
  return nullptr;
}

bool has_reason(const json& item, const std::string& words) {
  for (const json& r : item["review_reasons"])
    if (r.get<std::string>().find(words) != std::string::npos) return true;
  return false;
}

TEST(DrgStage, GroupsAHeartFailureStayWithPoaReadFromTheChart) {
  record::Record r = record_of(kChart, heart_failure_codes(kChart));
  const json items = run_stage(r);
  ASSERT_EQ(items.size(), 1u) << items.dump(1);
  const json& item = items[0];
  EXPECT_EQ(item["id"], "drg-1");
  EXPECT_EQ(item["producer"], "drg");
  EXPECT_EQ(item["status"], "grouped");
  EXPECT_EQ(item["inpatient_basis"], "discharge_summary");
  EXPECT_EQ(item["document_type_id"], "dt1");
  EXPECT_EQ(item["grouper_version"], 430);
  EXPECT_EQ(item["final"]["drg"], 292) << "I11.0 with N17.9 (CC): heart failure and shock with CC";
  EXPECT_EQ(item["final"]["title"], "Heart Failure and Shock with CC");
  EXPECT_EQ(item["final"]["mdc"], 5);
  EXPECT_EQ(item["final"]["med_surg"], "MEDICAL");
  EXPECT_EQ(item["initial"]["drg"], 292);
  EXPECT_EQ(item["claim"]["pdx"], "I110");
  EXPECT_EQ(item["claim"]["sdx"], json({"I509", "N179", "E119"}));
  EXPECT_EQ(item["claim"]["age"], 75);
  EXPECT_EQ(item["claim"]["sex"], "female");
  EXPECT_EQ(item["claim"]["length_of_stay"], 4);
  EXPECT_EQ(item["claim"]["discharge_date"], "2026-03-06");
  EXPECT_EQ(item["claim"]["discharge_status"], "06") << "home with home health";
  EXPECT_EQ(item["claim"]["discharge_status_source"], "stated");
  EXPECT_EQ(item["mce"]["edit_type"], "NONE") << item["mce"].dump();

  // POA from the words around each diagnosis's evidence.
  const json* aki = entry_for(item["poa"], "c3");
  ASSERT_NE(aki, nullptr);
  EXPECT_EQ((*aki)["poa"], "N");
  EXPECT_EQ((*aki)["basis"], "stated");
  const Span said{(*aki)["evidence"]["begin"].get<std::size_t>(), (*aki)["evidence"]["end"].get<std::size_t>()};
  EXPECT_EQ(kChart.substr(said.begin, said.end - said.begin), "developed on hospital day 2");
  EXPECT_EQ((*entry_for(item["poa"], "c1"))["poa"], "Y");
  EXPECT_EQ((*entry_for(item["poa"], "c2"))["poa"], "Y") << "admitted with heart failure";
  EXPECT_EQ((*entry_for(item["poa"], "c4"))["poa"], "U");
  EXPECT_EQ((*entry_for(item["poa"], "c4"))["basis"], "not_documented");
  EXPECT_TRUE(item["needs_review"].get<bool>());
  EXPECT_TRUE(has_reason(item, "POA not documented for E11.9")) << item["review_reasons"].dump(1);

  // What drove the DRG, and the CC that counted although not present on admission (no HAC).
  const json* principal = entry_for(item["drivers"], "c1");
  ASSERT_NE(principal, nullptr) << item["drivers"].dump(1);
  EXPECT_EQ((*principal)["effect"], "principal_diagnosis");
  const json* cc = entry_for(item["drivers"], "c3");
  ASSERT_NE(cc, nullptr) << item["drivers"].dump(1);
  EXPECT_EQ((*cc)["effect"], "cc");
  EXPECT_EQ(entry_for(item["drivers"], "c5"), nullptr) << "a non-OR transfusion does not change a medical DRG";
  EXPECT_EQ((*entry_for(item["cc_mcc"], "c3"))["usage"], "CC");
}

TEST(DrgStage, WhatIfSuggestsDocumentingTheTypeOfAnUnspecifiedHeartFailure) {
  record::Record r = record_of(kChart, heart_failure_codes(kChart));
  const json item = run_stage(r).at(0);
  std::vector<json> heart_failure;
  for (const json& w : item["what_if"])
    if (w["code_id"] == "c2") heart_failure.push_back(w);
  ASSERT_FALSE(heart_failure.empty()) << item["what_if"].dump(1);
  EXPECT_LE(heart_failure.size(), 3u) << "at most what_if_hints_per_diagnosis";
  for (const json& w : heart_failure) {
    EXPECT_EQ(w["code"], "I50.9");
    EXPECT_TRUE(w["if_documented"]["code"].get<std::string>().starts_with("I50.")) << w.dump();
    EXPECT_EQ(w["if_documented"]["severity"], "MCC");
    EXPECT_EQ(w["drg"], 291);
    EXPECT_EQ(w["drg_title"], "Heart Failure and Shock with MCC");
    const std::string hint = w["hint"];
    EXPECT_NE(hint.find("not a code to add"), std::string::npos) << hint;
    EXPECT_NE(hint.find("instead of 292"), std::string::npos) << hint;
    EXPECT_EQ(hint.find("furosemide"), std::string::npos) << "hints carry code set words, never chart text";
  }
  // Type 2 diabetes without complications is not an unspecified form: no hint.
  EXPECT_EQ(entry_for(item["what_if"], "c4"), nullptr);
}

TEST(DrgStage, LeavesOutPartialAndRejectedCodes) {
  record::Record r = record_of(kChart, heart_failure_codes(kChart));
  const json item = run_stage(r).at(0);
  EXPECT_EQ(item["code_ids"], json({"c1", "c2", "c3", "c4", "c5"})) << "c6 is partial, c7 rejected in review";
  EXPECT_EQ(item["claim"]["procedures"], json({"30233N1"}));
  EXPECT_TRUE(has_reason(item, "ICD-10-PCS 5A1 is partial")) << item["review_reasons"].dump(1);
}

// The POA the chart states decides a hospital-acquired condition: an MCC for the initial DRG, not
// for the final one.
TEST(DrgStage, AHospitalAcquiredConditionTheChartDatesLowersTheDrg) {
  const std::string text = "DISCHARGE SUMMARY\nADMISSION DATE: 03/02/2026   DISCHARGE DATE: 03/06/2026\n"
                           "DATE OF BIRTH: 05/14/1950   SEX: Female\n"
                           "She was admitted with acute on chronic systolic heart failure.\n"
                           "A stage 4 pressure ulcer of the right buttock developed on hospital day 3.\n";
  record::Record r = record_of(text, {{"ICD-10-CM", "I50.23", "Acute on chronic systolic (congestive) heart failure", "principal",
                                       {find_span(text, "acute on chronic systolic heart failure")}},
                                      {"ICD-10-CM", "L89.314", "Pressure ulcer of right buttock, stage 4", "secondary",
                                       {find_span(text, "stage 4 pressure ulcer of the right buttock")}}});
  const json item = run_stage(r).at(0);
  EXPECT_EQ((*entry_for(item["poa"], "c2"))["poa"], "N");
  EXPECT_EQ(item["initial"]["drg"], 291);
  EXPECT_EQ(item["final"]["drg"], 293);
  EXPECT_EQ(item["hac_status"], "FINAL_DRG_CHANGES");
  const json* hac = entry_for(item["drivers"], "c2");
  ASSERT_NE(hac, nullptr) << item["drivers"].dump(1);
  EXPECT_EQ((*hac)["effect"], "hac");
  EXPECT_TRUE(has_reason(item, "L89.314 meets the criteria of hospital-acquired condition")) << item["review_reasons"].dump(1);
}

// CMS's POA-exempt codes get the exempt indicator and no review reason; a code off the list the
// chart says nothing about is still U with one, and a hospital-acquired condition (never exempt)
// still goes through the HAC logic with its U.
TEST(DrgStage, ExemptCodesGetTheExemptIndicatorOthersStillNeedTheChart) {
  const std::string text = "DISCHARGE SUMMARY\nADMISSION DATE: 03/02/2026   DISCHARGE DATE: 03/06/2026\n"
                           "DATE OF BIRTH: 05/14/1950   SEX: Female\n"
                           "She was admitted with acute on chronic systolic heart failure.\n"
                           "A stage 4 pressure ulcer of the right buttock was dressed daily.\n"
                           "Type 2 diabetes mellitus was managed. She takes insulin long term.\n";
  record::Record r = record_of(text, {{"ICD-10-CM", "I50.23", "Acute on chronic systolic (congestive) heart failure", "principal",
                                       {find_span(text, "acute on chronic systolic heart failure")}},
                                      {"ICD-10-CM", "L89.314", "Pressure ulcer of right buttock, stage 4", "secondary",
                                       {find_span(text, "stage 4 pressure ulcer of the right buttock")}},
                                      {"ICD-10-CM", "E11.9", "Type 2 diabetes mellitus without complications", "secondary",
                                       {find_span(text, "Type 2 diabetes mellitus")}},
                                      {"ICD-10-CM", "Z79.4", "Long term (current) use of insulin", "secondary",
                                       {find_span(text, "takes insulin long term")}}});
  const json item = run_stage(r).at(0);
  const json* insulin = entry_for(item["poa"], "c4");
  ASSERT_NE(insulin, nullptr) << item["poa"].dump(1);
  EXPECT_EQ((*insulin)["poa"], "1");
  EXPECT_EQ((*insulin)["basis"], "exempt");
  EXPECT_FALSE(insulin->contains("evidence"));
  for (const json& reason : item["review_reasons"]) EXPECT_EQ(reason.get<std::string>().find("Z79.4"), std::string::npos) << reason;
  EXPECT_EQ((*entry_for(item["poa"], "c3"))["poa"], "U");
  EXPECT_EQ((*entry_for(item["poa"], "c3"))["basis"], "not_documented");
  EXPECT_TRUE(has_reason(item, "POA not documented for L89.314, E11.9: reported U")) << item["review_reasons"].dump(1);
  // The pressure ulcer: U, a hospital-acquired condition for the final DRG, as before the list.
  EXPECT_EQ((*entry_for(item["poa"], "c2"))["poa"], "U");
  EXPECT_EQ(item["initial"]["drg"], 291);
  EXPECT_EQ(item["final"]["drg"], 293);
  EXPECT_EQ(item["final"]["return_code"], "OK");
  EXPECT_EQ(item["hac_status"], "FINAL_DRG_CHANGES");
  EXPECT_EQ((*entry_for(item["drivers"], "c2"))["effect"], "hac") << item["drivers"].dump(1);
  EXPECT_EQ(item["claim"]["sdx"], json({"L89314", "E119", "Z794"}));
}

TEST(DrgStage, DefaultsWhatTheChartDoesNotSayAndSaysSo) {
  // No disposition; the principal diagnosis only in the list, but "admitted for" it in the HPI.
  const std::string text = "DISCHARGE SUMMARY\n\nHISTORY OF PRESENT ILLNESS:\nShe was admitted for hypertensive heart disease.\n\n"
                           "DISCHARGE DIAGNOSES:\n1. Hypertensive heart disease with heart failure.\n2. Heart failure.\n"
                           "ADMISSION DATE: 03/02/2026   DISCHARGE DATE: 03/06/2026\nDATE OF BIRTH: 05/14/1950   SEX: Female\n";
  const std::size_t list = text.find("DISCHARGE DIAGNOSES");
  record::Record r = record_of(text, {{"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
                                       {find_span(text, "Hypertensive heart disease", list)}},
                                      {"ICD-10-CM", "I50.9", "Heart failure, unspecified", "secondary", {find_span(text, "Heart failure.", list)}}});
  const json item = run_stage(r).at(0);
  EXPECT_EQ(item["claim"]["discharge_status"], "01");
  EXPECT_EQ(item["claim"]["discharge_status_source"], "defaulted");
  EXPECT_TRUE(has_reason(item, "discharge status not stated")) << item["review_reasons"].dump(1);
  EXPECT_EQ((*entry_for(item["poa"], "c1"))["poa"], "Y");
  EXPECT_EQ((*entry_for(item["poa"], "c1"))["basis"], "admitted_for");
  EXPECT_EQ((*entry_for(item["poa"], "c2"))["poa"], "U");
  EXPECT_EQ(item["final"]["drg"], 293);
}

TEST(DrgStage, APrincipalDiagnosisNobodySaysWasPresentIsU) {
  const std::string text = "DISCHARGE SUMMARY\nADMISSION DATE: 03/02/2026   DISCHARGE DATE: 03/06/2026\n"
                           "DATE OF BIRTH: 05/14/1950   SEX: Female\nDISCHARGE DIAGNOSES:\n1. Hypertensive heart disease with heart failure.\n";
  record::Record r = record_of(text, {{"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
                                       {find_span(text, "Hypertensive heart disease")}}});
  const json item = run_stage(r).at(0);
  EXPECT_EQ((*entry_for(item["poa"], "c1"))["poa"], "U");
  EXPECT_TRUE(has_reason(item, "POA not documented for the principal diagnosis I11.0")) << item["review_reasons"].dump(1);
}

TEST(DrgStage, WithoutADateTheRecordIsNotGroupedAndSaysWhy) {
  const std::string text = "DISCHARGE SUMMARY\nDISCHARGE DIAGNOSES:\n1. Hypertensive heart disease with heart failure.\n";
  record::Record r = record_of(text, {{"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
                                       {find_span(text, "Hypertensive heart disease")}}},
                               true, false);
  const json items = run_stage(r);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["status"], "not_grouped");
  EXPECT_EQ(items[0]["not_grouped_reason"], "no_discharge_date");
  EXPECT_NE(items[0]["reason"].get<std::string>().find("no discharge date"), std::string::npos);
  EXPECT_TRUE(items[0]["needs_review"].get<bool>());
  EXPECT_FALSE(items[0].contains("final"));
}

// A batch of undated charts from a known period (or an evaluation on undated synthetic charts)
// can be grouped on a configured date: the item says the date was assumed, and a coder sees why.
TEST(DrgStage, AnUndatedChartIsGroupedOnTheAssumedDischargeDate) {
  const std::string text = "DISCHARGE SUMMARY\nDISCHARGE DIAGNOSES:\n1. Hypertensive heart disease with heart failure.\n";
  record::Record r = record_of(text, {{"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
                                       {find_span(text, "Hypertensive heart disease")}}},
                               true, false);
  const json item = run_stage(r, {{"assumed_discharge_date", "2026-05-04"}}).at(0);
  ASSERT_EQ(item["status"], "grouped") << item.dump(1);
  EXPECT_EQ(item["claim"]["discharge_date"], "2026-05-04");
  EXPECT_EQ(item["claim"]["discharge_date_source"], "assumed");
  EXPECT_EQ(item["grouper_version"], 431) << "the assumed date picks the version";
  EXPECT_TRUE(has_reason(item, "the chart states no discharge date: grouped with the configured assumed_discharge_date"))
      << item["review_reasons"].dump(1);
  // A date the chart states still wins over the assumed one.
  const std::string dated = "DISCHARGE SUMMARY\nDISCHARGE DATE: 11/03/2025\nDISCHARGE DIAGNOSES:\n1. Hypertensive heart disease with heart failure.\n";
  record::Record d = record_of(dated, {{"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
                                        {find_span(dated, "Hypertensive heart disease")}}},
                                true, false);
  const json dated_item = run_stage(d, {{"assumed_discharge_date", "2026-05-04"}}).at(0);
  EXPECT_EQ(dated_item["claim"]["discharge_date"], "2025-11-03");
  EXPECT_NE(dated_item["claim"]["discharge_date_source"], "assumed");
}

TEST(DrgStage, OutpatientSequencingIsNotGroupedAndOutpatientRecordsGetNothing) {
  const std::string text = "DISCHARGE SUMMARY\nDISCHARGE DATE: 03/06/2026\nDIAGNOSES:\n1. Heart failure.\n";
  const std::vector<CodeSpec> codes = {{"ICD-10-CM", "I50.9", "Heart failure, unspecified", "first_listed", {find_span(text, "Heart failure")}}};
  record::Record summary = record_of(text, codes, true, false, "outpatient");
  const json items = run_stage(summary);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["not_grouped_reason"], "no_principal_diagnosis");
  EXPECT_NE(items[0]["reason"].get<std::string>().find("outpatient"), std::string::npos) << items[0]["reason"];
  record::Record office = record_of(text, codes, false, false, "outpatient");
  EXPECT_TRUE(run_stage(office).empty()) << "no DRG for a record that is not inpatient";
}

const fs::path kTable5 = kSourceDir / "tests/fixtures/reimbursement/table5_synthetic/table5_synthetic.csv";

// The synthetic Table 5 (made-up figures) gives DRG 292 a weight of 1.0 and a GMLOS of 4.0 and
// makes it post-acute. The heart failure stay went home with home health (06) after 4 days: a
// post-acute transfer, 6,000 / 4 = 1,500 a day x (4 + 1) = 7,500, capped at the full 6,000.
TEST(DrgStage, Table5AddsTheWeightAndABaseRateTheTransferAdjustedPayment) {
  record::Record r = record_of(kChart, heart_failure_codes(kChart));
  const json item = run_stage(r, {{"table5", kTable5.string()}, {"base_rate", 6000}}).at(0);
  EXPECT_EQ(item["final"]["drg"], 292);
  EXPECT_EQ(item["relative_weight"], 1.0);
  EXPECT_EQ(item["gmlos"], 4.0);
  EXPECT_EQ(item["amlos"], 4.9);
  EXPECT_EQ(item["expected_payment"], 6000.0);
  EXPECT_EQ(item["payment"], json({{"base_rate", 6000.0}, {"full_payment", 6000.0}, {"transfer", "post_acute"}, {"method", "per_diem"},
                                   {"per_diem", 1500.0}, {"days", 4}, {"capped", true}}));
  // Weights alone without a base rate; nothing without a Table 5.
  record::Record weights_only = record_of(kChart, heart_failure_codes(kChart));
  const json weighted = run_stage(weights_only, {{"table5", kTable5.string()}}).at(0);
  EXPECT_EQ(weighted["relative_weight"], 1.0);
  EXPECT_FALSE(weighted.contains("expected_payment"));
  EXPECT_FALSE(weighted.contains("payment"));
  record::Record plain = record_of(kChart, heart_failure_codes(kChart));
  EXPECT_FALSE(run_stage(plain).at(0).contains("relative_weight"));
}

// Discharged to a skilled nursing facility with no admission date: a transfer is paid by the
// day, so the stage says it cannot estimate the payment rather than give the full one.
TEST(DrgStage, ATransferWithoutALengthOfStayGetsAReviewReasonNotAPayment) {
  const std::string text = "DISCHARGE SUMMARY\nDISCHARGE DATE: 03/06/2026\nDATE OF BIRTH: 05/14/1950   SEX: Female\n"
                           "She was admitted with acute on chronic systolic heart failure.\n"
                           "DISCHARGE DISPOSITION:\nSkilled nursing facility.\n";
  record::Record r = record_of(text, {{"ICD-10-CM", "I50.23", "Acute on chronic systolic (congestive) heart failure", "principal",
                                       {find_span(text, "acute on chronic systolic heart failure")}}},
                               true, false);
  json identity = json::array();
  const auto add = [&](const char* kind, const std::string& written, const char* value) {
    const Span s = find_span(text, written);
    identity.push_back({{"id", "pi" + std::to_string(identity.size() + 1)}, {"view", "normalized"}, {"begin", s.begin}, {"end", s.end},
                        {"kind", kind}, {"value", value}, {"value_sha256", std::string(64, '0')}, {"label", kind}});
  };
  add("discharge_date", "03/06/2026", "2026-03-06");
  add("birth_date", "05/14/1950", "1950-05-14");
  add("sex", "Female", "female");
  add_items(r, "identity", identity);
  const json item = run_stage(r, {{"table5", kTable5.string()}, {"base_rate", 6000}}).at(0);
  EXPECT_EQ(item["claim"]["discharge_status"], "03");
  EXPECT_FALSE(item["claim"].contains("length_of_stay"));
  EXPECT_EQ(item["final"]["drg"], 293);
  EXPECT_EQ(item["relative_weight"], 0.7);
  EXPECT_EQ(item["payment"]["transfer"], "post_acute");
  EXPECT_EQ(item["payment"]["method"], "full") << "293 is not post-acute in the synthetic table: no per diem, so no LOS needed";
  EXPECT_EQ(item["expected_payment"], 4200.0);
  // The same stay in a post-acute DRG: heart failure with an MCC (291).
  const std::string mcc_text = text + "Acute respiratory failure with hypoxia on admission.\n";
  record::Record mcc = record_of(mcc_text, {{"ICD-10-CM", "I50.23", "Acute on chronic systolic (congestive) heart failure", "principal",
                                             {find_span(mcc_text, "acute on chronic systolic heart failure")}},
                                            {"ICD-10-CM", "J96.01", "Acute respiratory failure with hypoxia", "secondary",
                                             {find_span(mcc_text, "Acute respiratory failure with hypoxia")}}},
                                 true, false);
  add_items(mcc, "identity", identity);
  const json per_diem = run_stage(mcc, {{"table5", kTable5.string()}, {"base_rate", 6000}}).at(0);
  EXPECT_EQ(per_diem["final"]["drg"], 291);
  EXPECT_EQ(per_diem["payment"]["method"], "per_diem");
  EXPECT_FALSE(per_diem.contains("expected_payment"));
  EXPECT_FALSE(per_diem["payment"].contains("days"));
  EXPECT_TRUE(has_reason(per_diem, "discharge status 03 makes the stay a post-acute transfer for MS-DRG 291, paid per day, but the length "
                                   "of stay is unknown (no admission date): no expected payment"))
      << per_diem["review_reasons"].dump(1);
}

std::string start_up_error(const json& config) {
  try {
    make_stage(config);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// Regrouping older stays under v43 is asked for, never done by default: the stay keeps its
// length and age, the claim its assumed date, and the coder a reason.
TEST(DrgStage, AStayOutsideV43IsRegroupedOnTheAssumedDateOnlyWhenAsked) {
  const std::string text = "DISCHARGE SUMMARY\nADMISSION DATE: 03/02/2019   DISCHARGE DATE: 03/06/2019\n"
                           "DATE OF BIRTH: 05/14/1950   SEX: Female\nDISCHARGE DIAGNOSES:\n1. Hypertensive heart disease with heart failure.\n";
  const std::vector<CodeSpec> codes = {{"ICD-10-CM", "I11.0", "Hypertensive heart disease with heart failure", "principal",
                                        {find_span(text, "Hypertensive heart disease")}}};
  record::Record r = record_of(text, codes, true, false);
  add_items(r, "identity", identity_json(text, "2019"));
  EXPECT_EQ(run_stage(r, {{"assumed_discharge_date", "2026-01-15"}}).at(0)["not_grouped_reason"], "discharge_date_out_of_range");
  record::Record again = record_of(text, codes, true, false);
  add_items(again, "identity", identity_json(text, "2019"));
  const json item = run_stage(again, {{"assumed_discharge_date", "2026-01-15"}, {"assume_when", "undated_or_outside_v43"}}).at(0);
  ASSERT_EQ(item["status"], "grouped") << item.dump(1);
  EXPECT_EQ(item["claim"]["discharge_date"], "2026-01-15");
  EXPECT_EQ(item["claim"]["discharge_date_source"], "assumed");
  EXPECT_EQ(item["claim"]["length_of_stay"], 4) << "the stay's own length";
  EXPECT_EQ(item["claim"]["age"], 68) << "the age at the stay's own admission";
  EXPECT_FALSE(item["claim"].contains("admission_date"));
  EXPECT_TRUE(has_reason(item, "the chart's discharge date is outside MS-DRG v43: grouped with the configured assumed_discharge_date"))
      << item["review_reasons"].dump(1);
  EXPECT_FALSE(has_reason(item, "no admission date")) << item["review_reasons"].dump(1);
}

TEST(DrgStage, AnAssumedDischargeDateOutsideV43StopsStartUp) {
  for (const std::string bad : {"2024-01-15", "2026-02-30", "2026-10-01"}) {
    const std::string error = start_up_error({{"assumed_discharge_date", bad}});
    EXPECT_NE(error.find("assumed_discharge_date '" + bad + "' is not a date within MS-DRG v43 (2025-10-01 to 2026-09-30)"), std::string::npos)
        << bad << ": " << error;
  }
  EXPECT_EQ(start_up_error({{"assumed_discharge_date", "2025-10-01"}}), "");
  EXPECT_NE(start_up_error({{"assume_when", "undated_or_outside_v43"}}).find("assume_when needs assumed_discharge_date"), std::string::npos);
  EXPECT_NE(start_up_error({{"assumed_discharge_date", "2026-01-15"}, {"assume_when", "always"}}), "") << "the schema's enum";
}

TEST(DrgStage, ABadTable5StopsStartUpNamingTheFile) {
  TempDir dir;
  write_file(dir / "short.csv", "MS-DRG,Post-Acute DRG,Special Pay DRG,Weights,Geometric mean LOS,Arithmetic mean LOS\n292,Yes,No,1,4,4.9\n");
  write_file(dir / "bad.csv", "MS-DRG,Post-Acute DRG,Special Pay DRG,Weights,Geometric mean LOS,Arithmetic mean LOS\n292,Yes,No,heavy,4,4.9\n");
  std::string error = start_up_error({{"table5", (dir / "short.csv").string()}});
  EXPECT_NE(error.find("table5: " + (dir / "short.csv").string() + ": missing 769 MS-DRGs the grouper can assign: 001, 002,"), std::string::npos)
      << error;
  error = start_up_error({{"table5", (dir / "bad.csv").string()}, {"base_rate", 6000}});
  EXPECT_NE(error.find("table5: " + (dir / "bad.csv").string() + ":2: column 'Weights': 'heavy' is not a number"), std::string::npos) << error;
  error = start_up_error({{"table5", (dir / "nowhere.csv").string()}});
  EXPECT_NE(error.find((dir / "nowhere.csv").string() + ": cannot open"), std::string::npos) << error;
  error = start_up_error({{"base_rate", 6000}});
  EXPECT_NE(error.find("base_rate needs table5"), std::string::npos) << error;
  EXPECT_EQ(start_up_error({{"table5", kTable5.string()}, {"base_rate", 6000}}), "");
}

// The stage started from a copy of its plugin folder whose POA-exempt list is `content` (absent
// when nullopt): its start-up error ("" when it starts) and its data hash.
struct ExemptListStart {
  std::string error, data_hash;
};

ExemptListStart start_with_exempt_list(const std::optional<std::string>& content) {
  TempDir dir;
  const fs::path copy = dir / "drg-grouper";
  fs::copy(kPluginDir / "drg-grouper", copy, fs::copy_options::recursive);
  const fs::path list = copy / "poa-exempt" / "poa_exempt_codes_fy2026.tsv.gz";
  fs::remove(list);
  if (content) write_file(list, *content);
  const host::Manifest manifest = host::read_manifest(copy / "plugin.json");
  record::FieldRegistry fields;
  fields.declare(manifest.name, manifest.fields);
  try {
    const host::Stage stage("drg", manifest, host::load_plugin(manifest), json::object(), 1, fields);
    return {"", stage.data_hash()};
  } catch (const std::exception& e) {
    return {e.what(), ""};
  }
}

TEST(DrgStage, AMissingEmptyOrDamagedPoaExemptListStopsStartUpNamingTheFile) {
  std::string error = start_with_exempt_list(std::nullopt).error;
  EXPECT_NE(error.find("cannot load CMS's list of POA-exempt codes: "), std::string::npos) << error;
  EXPECT_NE(error.find("poa-exempt/poa_exempt_codes_fy2026.tsv.gz: cannot open"), std::string::npos) << error;
  error = start_with_exempt_list("code\n").error;
  EXPECT_NE(error.find("poa_exempt_codes_fy2026.tsv.gz:1: no code: the POA-exempt list is empty"), std::string::npos) << error;
  error = start_with_exempt_list("code\nZ79.4\nnot a code\n").error;
  EXPECT_NE(error.find("poa_exempt_codes_fy2026.tsv.gz:3: not an ICD-10-CM code"), std::string::npos) << error;
  EXPECT_EQ(start_with_exempt_list("code\nZ79.4\n").error, "");
}

// The list lies in the plugin's folder, which the host hashes into the pipeline fingerprint: another
// list re-runs the records instead of keeping their old POA indicators.
TEST(DrgStage, ThePoaExemptListIsPartOfThePipelineFingerprint) {
  const ExemptListStart one = start_with_exempt_list("code\nZ79.4\n");
  const ExemptListStart same = start_with_exempt_list("code\nZ79.4\n");
  const ExemptListStart two = start_with_exempt_list("code\nZ79.4\nZ51.11\n");
  ASSERT_FALSE(one.data_hash.empty());
  EXPECT_EQ(one.data_hash, same.data_hash);
  EXPECT_NE(one.data_hash, two.data_hash);
}

// The host hashes every file a stage's config names into the pipeline fingerprint: a new Table 5
// re-runs the records instead of keeping their old weights.
TEST(DrgStage, TheTable5FileIsPartOfThePipelineFingerprint) {
  TempDir dir;
  fs::copy_file(kTable5, dir / "t5.csv");
  const json config = {{"table5", (dir / "t5.csv").string()}};
  const std::string before = make_stage(config)->data_hash();
  EXPECT_EQ(make_stage(config)->data_hash(), before);
  std::string text = read_file(dir / "t5.csv");
  const auto at = text.find("\r\n292,Yes,No,05,MED,Heart Failure and Shock with CC,1.0000,");
  ASSERT_NE(at, std::string::npos);
  text.replace(text.find("1.0000", at), 6, "1.1000");
  write_file(dir / "t5.csv", text);
  EXPECT_NE(make_stage(config)->data_hash(), before);
}

// A synthetic discharge summary, shared with the review workstation's browser test.
const std::string kPipelineChart = read_file(kSourceDir / "tests/fixtures/reimbursement/charts/discharge-summary-heart-failure.txt");

TEST(DrgStage, TheInpatientPipelineWritesAValidRecord) {
  TempDir dir;
  write_file(dir / "in/chart.txt", kPipelineChart);
  const auto run = run_chartflow("run --config " + quote(kSourceDir / "configs/inpatient-drg.json") + " --input " + quote(dir / "in") +
                                 " --output " + quote(dir / "out") + " --progress none --jobs 1");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ((run.out + run.err).find("furosemide"), std::string::npos);
  json record;
  for (const auto& e : fs::directory_iterator(dir / "out/records")) record = json::parse(read_file(e.path()));
  ASSERT_TRUE(record.contains("reimbursement.drg")) << record.dump(1);
  const json& item = record["reimbursement.drg"][0];
  EXPECT_EQ(item["status"], "grouped") << item.dump(1);
  EXPECT_EQ(item["final"]["mdc"], 5) << item.dump(1);
  EXPECT_EQ(item["final"]["drg"], 292) << item.dump(1);
  EXPECT_FALSE(item["what_if"].empty()) << "I50.9: " << item.dump(1);
  const auto check = run_chartflow("validate --record " + quote(dir / "out/records"));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  // The batch's case mix: casemix.csv beside summary.json, and the report's section.
  const std::string casemix = read_file(dir / "out/casemix.csv");
  EXPECT_NE(casemix.find("\r\n" + record["document"]["id"].get<std::string>() +
                         ",292,Heart Failure and Shock with CC,05,Diseases and Disorders of the Circulatory System,MEDICAL,CC,OK,true,,\r\n"),
            std::string::npos)
      << casemix;
  const std::string report = read_file(dir / "out/report.html");
  EXPECT_NE(report.find("<span id=\"casemix-records\">1</span> record with an MS-DRG"), std::string::npos);
  EXPECT_NE(report.find("<code>292</code>"), std::string::npos);
}

// The inpatient pipeline with the drg stage given the synthetic Table 5 and a base rate: the
// record carries the weight and payment, casemix.csv and the report the weight and index.
TEST(DrgStage, TheInpatientPipelineWithATable5WeighsTheCaseMix) {
  TempDir dir;
  write_file(dir / "in/chart.txt", kPipelineChart);
  json config = json::parse(read_file(kSourceDir / "configs/inpatient-drg.json"));
  ASSERT_EQ(config["stages"].back()["plugin"], "drg-grouper");
  config["stages"].back()["config"] = {{"table5", kTable5.string()}, {"base_rate", 6000}};
  write_file(dir / "pipeline.json", config.dump(2));
  const auto run = run_chartflow("run --config " + quote(dir / "pipeline.json") + " --input " + quote(dir / "in") + " --output " +
                                 quote(dir / "out") + " --progress none --jobs 1");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ((run.out + run.err).find("furosemide"), std::string::npos);
  json record;
  for (const auto& e : fs::directory_iterator(dir / "out/records")) record = json::parse(read_file(e.path()));
  const json& item = record["reimbursement.drg"][0];
  EXPECT_EQ(item["final"]["drg"], 292) << item.dump(1);
  EXPECT_EQ(item["relative_weight"], 1.0);
  EXPECT_EQ(item["gmlos"], 4.0);
  EXPECT_EQ(item["expected_payment"], 6000.0) << "home health after 4 days: capped at the full payment";
  const auto check = run_chartflow("validate --record " + quote(dir / "out/records"));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const std::string casemix = read_file(dir / "out/casemix.csv");
  EXPECT_NE(casemix.find("needs_review,relative_weight,expected_payment\r\n"), std::string::npos) << casemix;
  EXPECT_NE(casemix.find(",292,Heart Failure and Shock with CC,05,Diseases and Disorders of the Circulatory System,MEDICAL,CC,OK,true,"
                         "1.0000,6000.00\r\n"),
            std::string::npos)
      << casemix;
  const std::string report = read_file(dir / "out/report.html");
  EXPECT_NE(report.find("Case-mix index 1.0000 over the 1 records with a relative weight"), std::string::npos);
}

}  // namespace
}  // namespace chartflow::test
