// The NAACCR export sink, through the real program and the host's Sink class: every file it
// writes validates against the NAACCR XSD (xmllint) and carries only items the v26 dictionary
// defines, with valid values; hostile values are escaped or left out, never break the file; the
// files do not depend on the order records arrive in, and a pipeline with the sink writes what
// `chartflow export naaccr` writes.
#include "host/errors.hpp"
#include "host/manifest.hpp"
#include "host/plugin_library.hpp"
#include "host/sink.hpp"
#include "naaccr/naaccr_dictionary.hpp"
#include "record/record_json.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <regex>
#include <thread>

namespace chartflow::naaccr {
namespace {

using test::fs::path;
using test::quote;

record::AbstractedField value(std::string v, double confidence = 0.9) {
  record::AbstractedField f;
  f.value = std::move(v);
  f.confidence = confidence;
  return f;
}

record::Record report(const std::string& id, std::vector<std::pair<std::string, std::string>> fields, const std::string& status = "reportable") {
  record::Record r;
  r.document.id = id;
  r.document.source = {id + ".txt", std::string(64, 'a'), 10};
  r.document.media_type = "text/plain";
  r.pipeline = {"test", std::string(64, 'b'), "0"};
  r.views.push_back({"normalized", "Final diagnosis: carcinoma.", "derived", std::nullopt, std::nullopt, {}, "normalize", std::nullopt});
  record::Tumor t;
  t.id = "t1";
  t.status = status;
  t.reasons = {"test"};
  t.evidence = {{"normalized", 18, 27}};
  for (auto& [name, v] : fields) t.fields[name] = value(v);
  t.producer = "registry";
  record::add_items(r, "tumors", std::vector<record::Tumor>{t});
  return r;
}

// Two reports about one breast tumour of one patient, one full of hostile and wrong values, one
// not reportable.
std::vector<record::Record> sample_records() {
  return {
      report("doc-0000000000000001", {{"primarySite", "C504"}, {"histologicTypeIcdO3", "8500"}, {"behaviorCodeIcdO3", "3"}, {"laterality", "2"},
                                      {"dateOfDiagnosis", "20260402"}, {"medicalRecordNumber", "900001"}}),
      report("doc-0000000000000002", {{"primarySite", "C509"}, {"histologicTypeIcdO3", "8500"}, {"behaviorCodeIcdO3", "3"}, {"laterality", "2"},
                                      {"dateOfDiagnosis", "20260312"}, {"medicalRecordNumber", "900001"}}),
      report("doc-0000000000000003", {{"primarySite", "C18<7>&"}, {"histologicTypeIcdO3", "81400"}, {"behaviorCodeIcdO3", "x"},
                                      {"dateOfDiagnosis", "20261399"}, {"medicalRecordNumber", "<&\"'>"}, {"notAnItem", "1"}}),
      report("doc-0000000000000004", {{"primarySite", "C619"}}, "not_reportable"),
  };
}

void write_records(const path& run, const std::vector<record::Record>& records) {
  for (const auto& r : records) test::write_file(run / "records" / (r.document.id + ".json"), record::dump_record(r));
}

std::string validate_with_xmllint(const path& xml) {
  const path xsd = test::kSourceDir / "plugins/cancer-registry/data/naaccr/naaccr_data_1.8.xsd";
  const auto result = test::run_command("xmllint --noout --schema " + quote(xsd) + " " + quote(xml));
  return result.exit_code == 0 ? "" : result.err.empty() ? "xmllint failed (is libxml2-utils installed?)" : result.err;
}

// The XML carries the time it was generated; everything else must match.
std::string without_time(const std::string& xml) { return std::regex_replace(xml, std::regex(R"(timeGenerated="[^"]*")"), "timeGenerated=\"\""); }

const NaaccrDictionary& dictionary() {
  static const NaaccrDictionary d = NaaccrDictionary::load((test::kPluginDir / "naaccr" / NaaccrDictionary::kFileName).string());
  return d;
}

struct Counts {
  int records = -1, patients = -1, tumors = -1, merged = -1, not_reportable = -1, review = -1, left_out = -1;
};

// The counts of the sink's one-line report, as `chartflow export` prints it.
Counts report_counts(const std::string& out) {
  static const std::regex line(R"((\d+) records?, (\d+) patients?, (\d+) tumours? \((\d+) reports merged[^)]*\), (\d+) not reportable, )"
                               R"((\d+) needing review[^,]*, (\d+) items left out)");
  std::smatch m;
  Counts c;
  if (!std::regex_search(out, m, line)) return c;
  c = {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5]), std::stoi(m[6]), std::stoi(m[7])};
  return c;
}

TEST(NaaccrSink, WritesValidXmlAndMergesReportsAboutOneTumour) {
  const test::TempDir dir;
  write_records(dir.path(), sample_records());
  const auto result = test::run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "out.xml") +
                                          " --case-list " + quote(dir / "cases.csv"));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("delivered  4"), std::string::npos) << result.out;
  const Counts counts = report_counts(result.out);
  EXPECT_EQ(counts.records, 4) << result.out;
  EXPECT_EQ(counts.patients, 2) << "two reports share MRN 900001";
  EXPECT_EQ(counts.tumors, 2);
  EXPECT_EQ(counts.merged, 1);
  EXPECT_EQ(counts.not_reportable, 1);
  EXPECT_GE(counts.left_out, 4);
  EXPECT_EQ(validate_with_xmllint(dir / "out.xml"), "");

  const std::string xml = test::read_file(dir / "out.xml");
  EXPECT_NE(xml.find("<Item naaccrId=\"dateOfDiagnosis\">20260312</Item>"), std::string::npos) << "the earliest date of the merged reports";
  EXPECT_NE(xml.find("<Item naaccrId=\"primarySite\">C504</Item>"), std::string::npos) << "the better supported site";
  EXPECT_EQ(xml.find("81400"), std::string::npos);
  EXPECT_EQ(xml.find("notAnItem"), std::string::npos);
  // Every item is in the v26 dictionary and its value passes the dictionary's checks.
  const std::regex item(R"re(<Item naaccrId="([^"]+)">([^<]*)</Item>)re");
  int items = 0;
  for (std::sregex_iterator it(xml.begin(), xml.end(), item), end; it != end; ++it, ++items) {
    const auto* definition = dictionary().find((*it)[1].str());
    ASSERT_NE(definition, nullptr) << (*it)[1];
    std::string v = (*it)[2].str();
    if (v.find('&') == std::string::npos) {
      EXPECT_EQ(dictionary().check(*definition, v), "") << (*it)[1] << "=" << v;
    }
  }
  EXPECT_GE(items, 10);
  const std::string cases = test::read_file(dir / "cases.csv");
  EXPECT_NE(cases.find("not_reportable"), std::string::npos);
  EXPECT_NE(cases.find("\"doc-0000000000000003\",\"doc-0000000000000003.txt\",\"t1\",\"reportable\",\"C18<7>&\",\"81400\",\"x\",\"\","
                       "\"20261399\",\"\",\"test\",\"Final diagnosis: carcinoma.\"\n"),
            std::string::npos)
      << cases;
  EXPECT_EQ(std::count(cases.begin(), cases.end(), '\n'), 5) << "a header and one row per tumour";
}

// Reports about one patient are one tumour only when SEER's multiple primary rules say so: the
// other breast is another primary, and an unknown side leaves the pair questionable, kept apart
// and counted for the registrar rather than merged on a guess.
TEST(NaaccrSink, MergesReportsOnlyWhenTheMultiplePrimaryRulesSaySinglePrimary) {
  const auto breast = [](const std::string& id, const std::string& laterality) {
    return report(id, {{"primarySite", "C504"}, {"histologicTypeIcdO3", "8500"}, {"behaviorCodeIcdO3", "3"}, {"laterality", laterality},
                       {"dateOfDiagnosis", "20250402"}, {"medicalRecordNumber", "900002"}});
  };
  const test::TempDir dir;
  write_records(dir.path(), {breast("doc-0000000000000011", "2"), breast("doc-0000000000000012", "1"), breast("doc-0000000000000013", "9"),
                             breast("doc-0000000000000014", "2")});
  const auto result = test::run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "out.xml"));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const Counts counts = report_counts(result.out);
  EXPECT_EQ(counts.patients, 1) << result.out;
  EXPECT_EQ(counts.tumors, 3) << "left breast (twice), right breast, side unknown: " << result.out;
  EXPECT_EQ(counts.merged, 1) << result.out;
  EXPECT_NE(result.out.find("pairs kept apart as questionable by the multiple primary rules"), std::string::npos) << result.out;
  EXPECT_EQ(validate_with_xmllint(dir / "out.xml"), "");
}

// The hematopoietic tables are the registry's own: a folder without them is refused at start-up,
// naming the file, before any record is offered.
TEST(NaaccrSink, RefusesAHematopoieticTablesFolderWithoutTheTables) {
  const test::TempDir dir;
  write_records(dir.path(), sample_records());
  const auto result = test::run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "out.xml") +
                                          " --heme-tables " + quote(dir.path()));
  EXPECT_NE(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE((result.out + result.err).find("heme_tables"), std::string::npos) << result.out << result.err;
  EXPECT_NE((result.out + result.err).find("Hematopoietic2010SamePrimaryPairs.csv"), std::string::npos) << result.out << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.xml"));
}

TEST(NaaccrSink, CaseListCellsNeverRunAsSpreadsheetFormulas) {
  const test::TempDir dir;
  auto records = sample_records();
  records[0].document.source.name = "=HYPERLINK(\"http://example.invalid\",\"x\").txt";
  write_records(dir.path(), records);
  const auto result = test::run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "out.xml") +
                                          " --case-list " + quote(dir / "cases.csv"));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const std::string cases = test::read_file(dir / "cases.csv");
  EXPECT_NE(cases.find(",\"'=HYPERLINK(\"\"http://example.invalid\"\""), std::string::npos) << cases;
  EXPECT_EQ(cases.find(",\"=HYPERLINK"), std::string::npos) << cases;
}

const host::Manifest& sink_manifest() {
  static const host::Manifest m = host::read_manifest(test::kPluginDir / "naaccr/plugin.json");
  return m;
}

TEST(NaaccrSink, FilesDoNotDependOnTheOrderRecordsArriveIn) {
  const test::TempDir dir;
  const auto records = sample_records();
  write_records(dir.path(), records);
  const auto exported = test::run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "export.xml") +
                                            " --case-list " + quote(dir / "export.csv"));
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;

  // The same records, last first, from four threads at once, as a run's workers deliver them.
  const host::Sink sink("naaccr", sink_manifest(), host::load_plugin(sink_manifest()),
                        {{"output", (dir / "sink.xml").string()}, {"case_list", (dir / "sink.csv").string()}});
  ASSERT_EQ(sink.begin_batch({{"pipeline", "test"}}), "");
  std::vector<std::thread> threads;
  for (std::size_t k = records.size(); k-- > 0;)
    threads.emplace_back([&, k] { EXPECT_EQ(sink.deliver(record::dump_record(records[k])).status, host::DeliveryStatus::delivered); });
  for (auto& t : threads) t.join();
  record::Record no_tumours = report("doc-0000000000000005", {});
  no_tumours.items.erase("tumors");
  const auto receipt = sink.deliver(record::dump_record(no_tumours));
  EXPECT_EQ(receipt.status, host::DeliveryStatus::delivered);
  EXPECT_EQ(receipt.message, "no tumours");
  const auto [error, report_line] = sink.end_batch({{"inputs", 5}});
  EXPECT_EQ(error, "");
  EXPECT_EQ(report_counts(report_line).records, 5) << report_line;
  EXPECT_EQ(without_time(test::read_file(dir / "sink.xml")), without_time(test::read_file(dir / "export.xml")));
  EXPECT_EQ(test::read_file(dir / "sink.csv"), test::read_file(dir / "export.csv"));
  EXPECT_FALSE(test::fs::exists(dir / "sink.xml.tmp"));

  // begin_batch starts afresh: a second batch holds only its own records.
  ASSERT_EQ(sink.begin_batch({}), "");
  EXPECT_EQ(report_counts(sink.end_batch({}).second).records, 0);
  EXPECT_EQ(test::read_file(dir / "sink.xml").find("<Patient>"), std::string::npos);
}

TEST(NaaccrSink, BadConfigAndMissingFoldersFailClearly) {
  const test::TempDir dir;
  const auto refusal = [&](const nlohmann::json& config) {
    try {
      host::Sink("naaccr", sink_manifest(), host::load_plugin(sink_manifest()), config);
    } catch (const host::FatalError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  // The host checks configs against the schema first; the plugin does not rely on it.
  EXPECT_NE(refusal({{"output", (dir / "x.xml").string()}, {"record_type", "Q"}}).find("record type 'Q' is not A, M, C or I"), std::string::npos);
  EXPECT_NE(refusal({{"output", (dir / "nowhere/x.xml").string()}}).find("output: cannot write the XML there: folder"), std::string::npos);
  EXPECT_NE(refusal({{"output", (dir / "x.xml").string()}, {"case_list", (dir / "nowhere/c.csv").string()}}).find("case_list:"), std::string::npos);
  EXPECT_NE(refusal({{"output", dir.path().string()}}).find("is a folder"), std::string::npos);

  const auto missing = test::run_chartflow("export naaccr --records " + quote(dir / "nowhere") + " --output " + quote(dir / "x.xml"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("records folder not found"), std::string::npos) << missing.err;
  const auto bad_type = test::run_chartflow("export naaccr --records " + quote(dir.path()) + " --output " + quote(dir / "x.xml") + " --record-type Q");
  EXPECT_EQ(bad_type.exit_code, 2);
  EXPECT_NE(bad_type.err.find("--record-type: must be one of \"A\", \"M\", \"C\", \"I\""), std::string::npos) << bad_type.err;
  EXPECT_FALSE(test::fs::exists(dir / "x.xml"));
}

TEST(NaaccrDictionary, ChecksValuesByType) {
  const auto& d = dictionary();
  EXPECT_GT(d.size(), 700u);
  std::string v = "1";
  EXPECT_EQ(d.check(*d.find("patientIdNumber"), v), "");
  EXPECT_EQ(v, "00000001") << "left-zero padded";
  std::string bad_date = "20261301";
  EXPECT_NE(d.check(*d.find("dateOfDiagnosis"), bad_date), "");
  std::string year = "2026";
  EXPECT_EQ(d.check(*d.find("dateOfDiagnosis"), year), "");
  std::string long_site = "C50999";
  EXPECT_NE(d.check(*d.find("primarySite"), long_site), "");
  EXPECT_EQ(d.find("sex"), nullptr) << "removed in v26";
  EXPECT_THROW(NaaccrDictionary::load("/nonexistent/items.tsv"), std::runtime_error);
}

// A registry run with the sink in its pipeline writes the files `chartflow export naaccr` writes
// from that run's records afterwards.
TEST(NaaccrSink, APipelineSinkWritesWhatTheExportWrites) {
  const test::TempDir dir;
  auto config = nlohmann::json::parse(test::read_file(test::kSourceDir / "tests/fixtures/registry/pipeline.json"));
  const path out = dir / "out";
  config["sinks"] = {{{"id", "naaccr"}, {"plugin", "naaccr"},
                      {"config", {{"output", (out / "pipeline.xml").string()}, {"case_list", (out / "pipeline.csv").string()}}}}};
  test::write_file(dir / "pipeline.json", config.dump(2));
  const auto run = test::run_chartflow("run --config " + quote(dir / "pipeline.json") + " --input " +
                                       quote(test::kSourceDir / "tests/fixtures/registry/reports") + " --output " + quote(out) + " --jobs 2");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto summary = nlohmann::json::parse(test::read_file(out / "summary.json"));
  EXPECT_EQ(summary["sinks"]["naaccr"]["delivered"], summary["written"]);
  EXPECT_NE(summary["sinks"]["naaccr"]["report"].get<std::string>().find("(1 reports merged"), std::string::npos) << summary["sinks"];

  const auto exported = test::run_chartflow("export naaccr --records " + quote(out) + " --output " + quote(out / "export.xml") +
                                            " --case-list " + quote(out / "export.csv"));
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  const std::string xml = test::read_file(out / "pipeline.xml");
  ASSERT_NE(xml.find("timeGenerated=\""), std::string::npos) << "the XML carries its generation time; the comparison drops it";
  EXPECT_EQ(without_time(xml), without_time(test::read_file(out / "export.xml")));
  EXPECT_EQ(test::read_file(out / "pipeline.csv"), test::read_file(out / "export.csv"));
  EXPECT_EQ(validate_with_xmllint(out / "pipeline.xml"), "");
}

// Patients come only from labelled MRNs (the identity stage): two reports that merely say "the
// medical record number and name were verified" are two patients, never one merged on a word;
// two reports under one labelled MRN about the same tumour are one case.
TEST(NaaccrSink, PatientsAreMergedOnlyOnALabelledMrn) {
  const test::TempDir dir;
  const std::string report =
      "SURGICAL PATHOLOGY REPORT\n\n%HEADER%\nSPECIMEN: Left breast, core biopsy.\n\nFINAL DIAGNOSIS:\n"
      "LEFT BREAST, CORE BIOPSY: INVASIVE DUCTAL CARCINOMA, GRADE 2.\n\nThe medical record number and name were verified. "
      "Received in formalin labeled with the patient's name; accessioned on receipt.\n";
  const auto with = [&](const std::string& header) { return std::regex_replace(report, std::regex("%HEADER%"), header); };
  test::write_file(dir / "in/unlabelled-a.txt", with("Clinical history: breast mass."));
  test::write_file(dir / "in/unlabelled-b.txt", with("Clinical history: abnormal mammogram."));
  test::write_file(dir / "in/labelled-a.txt", with("PATIENT: Synthetic Patient 0042          MRN: 00-000-0042"));
  test::write_file(dir / "in/labelled-b.txt", with("PATIENT: Synthetic Patient 0042          MRN: 00-000-0042\nAddendum."));
  const auto run = test::run_chartflow("run --config " + quote(test::kSourceDir / "tests/fixtures/registry/pipeline.json") + " --input " +
                                       quote(dir / "in") + " --output " + quote(dir / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto exported = test::run_chartflow("export naaccr --records " + quote(dir / "out") + " --output " + quote(dir / "out.xml") +
                                            " --case-list " + quote(dir / "cases.csv"));
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  const std::string xml = test::read_file(dir / "out.xml");
  std::size_t patients = 0;
  for (std::size_t at = xml.find("<Patient>"); at != std::string::npos; at = xml.find("<Patient>", at + 1)) ++patients;
  EXPECT_EQ(patients, 3u) << "one patient for the labelled MRN, one each for the two reports without one:\n" << xml;
  EXPECT_NE(xml.find("00-000-0042"), std::string::npos);
  EXPECT_EQ(xml.find(">AND<"), std::string::npos);
  EXPECT_EQ(xml.find("ACCESSIONED"), std::string::npos);
  const std::string cases = test::read_file(dir / "cases.csv");
  EXPECT_NE(cases.find("medicalRecordNumber"), std::string::npos) << "a report without an MRN is flagged for review:\n" << cases;
  EXPECT_EQ(validate_with_xmllint(dir / "out.xml"), "");
}

// One report is one primary unless it names separate primaries: a cancer said again generally
// ("carcinoma") or spreading to the next organ is not a second tumour; "synchronous second
// primary" is.
TEST(NaaccrSink, AReportIsOnePrimaryUnlessItNamesSeparatePrimaries) {
  const test::TempDir dir;
  test::write_file(dir / "in/one.txt",
                   "SURGICAL PATHOLOGY REPORT\n\nSPECIMEN: Esophagus and proximal stomach, esophagogastrectomy.\n\nFINAL DIAGNOSIS:\n"
                   "ESOPHAGUS: ADENOCARCINOMA, MODERATELY DIFFERENTIATED, extending into the gastric cardia.\n"
                   "STOMACH, CARDIA: CARCINOMA involving the muscularis propria.\n");
  test::write_file(dir / "in/two.txt",
                   "SURGICAL PATHOLOGY REPORT\n\nSPECIMEN: Colon and liver, resection.\n\nFINAL DIAGNOSIS:\n"
                   "COLON: ADENOCARCINOMA, MODERATELY DIFFERENTIATED.\n"
                   "LIVER: HEPATOCELLULAR CARCINOMA, a synchronous second primary.\n");
  const auto run = test::run_chartflow("run --config " + quote(test::kSourceDir / "tests/fixtures/registry/pipeline.json") + " --input " +
                                       quote(dir / "in") + " --output " + quote(dir / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  std::map<std::string, std::size_t> reportable;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "out/records")) {
    const auto record = nlohmann::json::parse(test::read_file(entry.path()));
    std::size_t n = 0;
    for (const auto& t : record.value("tumors", nlohmann::json::array())) n += t["status"] == "reportable";
    reportable[record["document"]["source"]["name"].get<std::string>()] = n;
  }
  EXPECT_EQ(reportable["one.txt"], 1u) << "adenocarcinoma of the esophagus spreading to the cardia is one primary";
  EXPECT_EQ(reportable["two.txt"], 2u) << "the report names a second primary";
}

// The site a report states under a label wins over stray site words ("celiac trunk" is no skin
// of the trunk), and a named kind of carcinoma leads over a bare "carcinoma".
TEST(NaaccrSink, ALabelledPrimarySiteAndTheNamedHistologyLead) {
  const test::TempDir dir;
  test::write_file(dir / "in/stomach.txt",
                   "SURGICAL PATHOLOGY REPORT\n\nPRIMARY SITE: Stomach\n\nFINAL DIAGNOSIS:\n"
                   "Adenocarcinoma, poorly differentiated, with tumor deposits near the celiac trunk.\n");
  test::write_file(dir / "in/larynx.txt",
                   "SURGICAL PATHOLOGY REPORT\n\nFINAL DIAGNOSIS:\nLARYNX, TOTAL LARYNGECTOMY: carcinoma, see below.\n"
                   "Invasive squamous cell carcinoma, moderately differentiated, of the larynx.\n");
  const auto run = test::run_chartflow("run --config " + quote(test::kSourceDir / "tests/fixtures/registry/pipeline.json") + " --input " +
                                       quote(dir / "in") + " --output " + quote(dir / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  std::map<std::string, nlohmann::json> fields;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "out/records")) {
    const auto record = nlohmann::json::parse(test::read_file(entry.path()));
    for (const auto& t : record.value("tumors", nlohmann::json::array()))
      if (t["status"] != "not_reportable") fields[record["document"]["source"]["name"].get<std::string>()] = t["fields"];
  }
  ASSERT_TRUE(fields.contains("stomach.txt"));
  EXPECT_EQ(fields["stomach.txt"]["primarySite"].value("value", "").substr(0, 3), "C16") << fields["stomach.txt"].dump();
  ASSERT_TRUE(fields.contains("larynx.txt"));
  EXPECT_EQ(fields["larynx.txt"]["histologicTypeIcdO3"].value("value", ""), "8070") << fields["larynx.txt"].dump();
}

// The patient's birth date and sex the identity stage read under their labels reach the export
// as Patient items (dateOfBirth 240, sexAssignedAtBirth 225): what survival analysis needs.
TEST(NaaccrSink, BirthDateAndSexFromTheChartsLabelsArePatientItems) {
  const test::TempDir dir;
  test::write_file(dir / "in/report.txt",
                   "SURGICAL PATHOLOGY REPORT\n\nPATIENT: Synthetic Patient 0043          MRN: 00-000-0043\n"
                   "DOB: 03/14/1961          SEX: Female\n\nFINAL DIAGNOSIS:\n"
                   "LEFT BREAST, CORE BIOPSY: INVASIVE DUCTAL CARCINOMA, GRADE 2.\n");
  const auto run = test::run_chartflow("run --config " + quote(test::kSourceDir / "tests/fixtures/registry/pipeline.json") + " --input " +
                                       quote(dir / "in") + " --output " + quote(dir / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto exported = test::run_chartflow("export naaccr --records " + quote(dir / "out") + " --output " + quote(dir / "out.xml"));
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  const std::string xml = test::read_file(dir / "out.xml");
  EXPECT_NE(xml.find("<Item naaccrId=\"dateOfBirth\">19610314</Item>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Item naaccrId=\"sexAssignedAtBirth\">2</Item>"), std::string::npos) << xml;
  EXPECT_LT(xml.find("sexAssignedAtBirth"), xml.find("<Tumor>")) << "a Patient item, before the tumours";
  EXPECT_EQ(validate_with_xmllint(dir / "out.xml"), "");
}

}  // namespace
}  // namespace chartflow::naaccr
