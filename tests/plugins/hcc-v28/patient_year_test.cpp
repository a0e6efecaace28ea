// A patient's year of charts (plugins/hcc-v28/chart/patient_year.cpp) and `chartflow hcc
// patient-year`: charts grouped by MRN, a hierarchy applied across two charts, charts of other
// years and without an MRN kept apart, demographics that disagree across charts, and bad input.
// The records are hand-built JSON, as `chartflow run` writes them (only the members read here).
#include "patient_year.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using json = nlohmann::json;
using namespace chartflow::hcc;

const Model& model() {
  static const Model loaded = Model::load(kSourceDir / "plugins/hcc-v28/data");
  return loaded;
}

struct Stated {
  std::string mrn, birth = "1950-05-14", sex = "female";
  bool hashed = false;
};

// A record: an office note dated `date`, the identity values stated, and affirmed ICD-10-CM codes.
json record(const std::string& id, const std::string& date, const Stated& who, const std::vector<std::string>& codes) {
  json identity = json::array();
  const auto add = [&](const char* kind, const std::string& value) {
    if (value.empty()) return;
    json item = {{"id", "pi" + std::to_string(identity.size() + 1)}, {"kind", kind}, {"value_sha256", "sha-of-" + value}};
    if (!who.hashed) item["value"] = value;
    identity.push_back(std::move(item));
  };
  add("mrn", who.mrn);
  add("birth_date", who.birth);
  add("sex", who.sex);
  json items = json::array();
  for (const std::string& c : codes) items.push_back({{"id", "c" + std::to_string(items.size() + 1)}, {"system", "ICD-10-CM"}, {"code", c}});
  return {{"document", {{"id", id}}},
          {"views", json::array({{{"name", "normalized"}, {"text", "OFFICE VISIT\nDate of Service: " + date + "\n"}}})},
          {"document_types", json::array({{{"id", "dt1"}, {"type", "office"}, {"setting", "outpatient"}}})},
          {"identity", identity},
          {"codes", items}};
}

std::vector<hcc::chart::PatientYear> score(const std::vector<json>& records, int year) {
  std::vector<hcc::chart::Chart> charts;
  for (const json& r : records) charts.push_back(hcc::chart::read_chart(r));
  hcc::chart::YearCounts counts;
  return hcc::chart::score_patient_years(model(), charts, year, [](const hcc::chart::PatientYear&) {
    return std::optional<hcc::chart::Enrollment>(hcc::chart::Enrollment{});
  }, counts);
}

const HccOutcome* find_hcc(const Score& s, int hcc) {
  for (const HccOutcome& h : s.hccs)
    if (h.hcc == hcc) return &h;
  return nullptr;
}

// Patient 00-000-0042, female, born 1950-05-14: in 2025, chart A gives E11.9 (HCC 38) and I50.9
// (HCC 226), chart B E11.22 (HCC 37) and J44.9 (HCC 280). Pooled, 37 on chart B drops 38 on
// chart A. Payment year 2026, age on 2026-02-01 = 75, CNA:
//   F75_79 0.465 + HCC37 0.166 + HCC226 0.360 + HCC280 0.319 + DIABETES_HF 0.112 + HF_CHR_LUNG 0.078 + D3 0 = 1.500
// (each chart alone: A = 0.465 + 0.166 + 0.360 + 0.112 + D2 0 = 1.103; B = 0.465 + 0.166 + 0.319 + D2 0 = 0.950).
// Chart C is the same patient's 2024 visit (N18.4, HCC 327): not in the year. Chart D states the
// same birth date and sex but no MRN: a patient of its own, never merged on a guess.
std::vector<json> two_charts_and_others() {
  const Stated patient{"00-000-0042"};
  return {record("doc-a", "03/10/2025", patient, {"E11.9", "I50.9"}), record("doc-b", "09/02/2025", patient, {"E11.22", "J44.9"}),
          record("doc-c", "11/01/2024", patient, {"N18.4"}), record("doc-d", "05/05/2025", Stated{""}, {"E11.9"})};
}

TEST(PatientYear, AHierarchyAppliesAcrossTheYearsCharts) {
  const auto patients = score(two_charts_and_others(), 2025);
  ASSERT_EQ(patients.size(), 2u);
  const auto& p = patients[0];
  EXPECT_EQ(p.key, "mrn-sha256:sha-of-00-000-0042");
  EXPECT_EQ(p.patient, "00-000-0042");
  EXPECT_EQ(p.basis, hcc::chart::PatientBasis::mrn);
  EXPECT_EQ(p.records, std::vector<std::string>({"doc-a", "doc-b"}));
  ASSERT_TRUE(p.score.scored) << p.score.reason;
  EXPECT_EQ(p.score.age, 75);
  EXPECT_EQ(p.score.score.payment_hccs, std::vector<int>({37, 226, 280}));
  EXPECT_NEAR(p.score.score.raw_score, 1.500, 1e-9);
  const HccOutcome* h38 = find_hcc(p.score.score, 38);
  ASSERT_NE(h38, nullptr);
  EXPECT_EQ(h38->fate, HccFate::DroppedByHierarchy);
  EXPECT_EQ(h38->dropped_by, 37);
  EXPECT_EQ(h38->evidence.at(0).evidence_id, "doc-a/c1") << "the dropped HCC's evidence is on chart A";
  EXPECT_EQ(find_hcc(p.score.score, 37)->evidence.at(0).evidence_id, "doc-b/c1");
  EXPECT_EQ(find_hcc(p.score.score, 327), nullptr) << "chart C is of 2024";

  const auto& d = patients[1];
  EXPECT_EQ(d.key, "record:doc-d");
  EXPECT_EQ(d.basis, hcc::chart::PatientBasis::own_record);
  EXPECT_EQ(d.records, std::vector<std::string>({"doc-d"}));
  EXPECT_EQ(d.score.score.payment_hccs, std::vector<int>({38}));
}

TEST(PatientYear, OtherYearsAndHashedIdentity) {
  // 2024: chart C alone. Payment year 2025, age on 2025-02-01 = 74:
  // F70_74 0.395 + HCC327 0.514 + D1 0 = 0.909.
  auto patients = score(two_charts_and_others(), 2024);
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_EQ(patients[0].records, std::vector<std::string>({"doc-c"}));
  EXPECT_EQ(patients[0].score.age, 74);
  EXPECT_NEAR(patients[0].score.score.raw_score, 0.909, 1e-9);

  // A chart whose identity was written as hashes joins by the MRN's hash, but gives no birth date.
  std::vector<json> records = two_charts_and_others();
  records.push_back(record("doc-e", "12/01/2025", Stated{"00-000-0042", "1950-05-14", "female", true}, {"I48.0"}));
  patients = score(records, 2025);
  EXPECT_EQ(patients[0].records, std::vector<std::string>({"doc-a", "doc-b", "doc-e"}));
  EXPECT_NE(find_hcc(patients[0].score.score, 238), nullptr);
  EXPECT_TRUE(patients[0].score.scored) << "the birth date of the other charts";
}

TEST(PatientYear, ChartsThatDisagreeOnTheBirthDateAreNotScored) {
  std::vector<json> records = two_charts_and_others();
  records[1] = record("doc-b", "09/02/2025", Stated{"00-000-0042", "1951-05-14"}, {"E11.22", "J44.9"});
  const auto patients = score(records, 2025);
  EXPECT_FALSE(patients[0].score.scored);
  EXPECT_EQ(patients[0].score.not_scored, hcc::chart::NotScored::conflicting_demographics);
  EXPECT_NE(patients[0].score.reason.find("different birth dates"), std::string::npos);
  EXPECT_EQ(patients[0].score.score.payment_hccs, std::vector<int>({37, 226, 280})) << "the HCCs are still listed";
}

TEST(PatientYear, NotARecordIsRefused) {
  EXPECT_THROW(hcc::chart::read_chart(json::parse(R"({"codes": []})")), std::invalid_argument);
}

void write_records(const TempDir& dir, const std::vector<json>& records) {
  for (const json& r : records) write_file(dir / ("out/records/" + r["document"]["id"].get<std::string>() + ".json"), r.dump());
}

TEST(PatientYearCommand, WritesEachPatientWithEveryHccsEvidence) {
  const TempDir dir;
  write_records(dir, two_charts_and_others());
  const auto r = run_chartflow("hcc patient-year --records " + quote(dir / "out") + " --year 2025 --output " + quote(dir / "year.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_file(dir / "year.csv");
  EXPECT_NE(csv.find("\"00-000-0042\",mrn-sha256:sha-of-00-000-0042,doc-a doc-b,scored,75,female,CNA,1.500,HCC37 HCC226 HCC280,HCC38<HCC37,"
                     "DIABETES_HF_V28 HF_CHR_LUNG_V28,D3,HCC37=doc-b/c1;HCC38=doc-a/c1;HCC226=doc-a/c2;HCC280=doc-b/c2,\"\"\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\"\",record:doc-d,doc-d,scored"), std::string::npos) << csv;
  EXPECT_EQ(r.err.find("00-000-0042"), std::string::npos) << "counts only on the terminal: " << r.err;
  EXPECT_NE(r.err.find("4 records, 3 with dates of service in 2025 (1 in other years"), std::string::npos) << r.err;

  const auto j = run_chartflow("hcc patient-year --records " + quote(dir / "out") + " --year 2025 --format json");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const json out = json::parse(j.out);
  EXPECT_EQ(out["payment_year"], 2026);
  const json& p = out["patients"][0];
  EXPECT_EQ(p["raw_score"], 1.5);
  EXPECT_EQ(p["hccs"][1], json::parse(R"({"hcc": 38, "label": "Diabetes with Glycemic, Unspecified, or No Complications",
      "status": "dropped_by_hierarchy", "dropped_by": 37, "evidence": [{"record_id": "doc-a", "code_id": "c1", "code": "E119"}]})"))
      << p["hccs"].dump(1);
}

TEST(PatientYearCommand, BeneficiariesGiveEachPatientHisSegment) {
  const TempDir dir;
  write_records(dir, two_charts_and_others());
  write_file(dir / "b.csv", "mrn,segment,orec,medicaid\n00-000-0042,INS,0,1\n");
  const auto r = run_chartflow("hcc patient-year --records " + quote(dir / "out") + " --year 2025 --beneficiaries " + quote(dir / "b.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(",scored,75,female,INS,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not_scored,75,female,,,HCC38,,,,HCC38=doc-d/c1,\"no score: the patient is not in the beneficiaries file\""),
            std::string::npos)
      << "doc-d has no MRN to look up: " << r.out;
}

TEST(PatientYearCommand, BadInputIsRefusedWithTheReason) {
  const TempDir dir;
  write_records(dir, two_charts_and_others());
  const std::string records = " --records " + quote(dir / "out");
  auto r = run_chartflow("hcc patient-year" + records + " --year 2025 --segment XYZ");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--segment: 'XYZ' is not CNA"), std::string::npos) << r.err;
  r = run_chartflow("hcc patient-year" + records + " --year 25");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--year: '25'"), std::string::npos) << r.err;
  EXPECT_EQ(run_chartflow("hcc patient-year" + records).exit_code, 2);
  r = run_chartflow("hcc patient-year --records " + quote(dir / "none") + " --year 2025");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("records folder not found"), std::string::npos) << r.err;
  fs::create_directories(dir / "empty/records");
  r = run_chartflow("hcc patient-year --records " + quote(dir / "empty") + " --year 2025");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no records"), std::string::npos) << r.err;
  write_file(dir / "out/records/doc-z.json", "{\"document\": ");
  r = run_chartflow("hcc patient-year" + records + " --year 2025");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("doc-z.json: unreadable record"), std::string::npos) << r.err;
  write_file(dir / "b.csv", "mrn,segment\n00-000-0042,ABC\n");
  r = run_chartflow("hcc patient-year" + records + " --year 2025 --beneficiaries " + quote(dir / "b.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("b.csv:2: column 'segment': 'ABC'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace chartflow::test
