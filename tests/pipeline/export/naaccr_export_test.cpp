// The NAACCR export: every file it writes validates against the NAACCR XSD (xmllint) and
// carries only items the v26 dictionary defines, with valid values; hostile values are escaped
// or left out, never break the file.
#include "export/naaccr_dictionary.hpp"
#include "export/naaccr_export.hpp"
#include "host/errors.hpp"
#include "record/record_json.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

namespace chartflow::exporting {
namespace {

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

std::string validate_with_xmllint(const test::fs::path& xml) {
  const test::fs::path xsd = test::kSourceDir / "plugins/cancer-registry/data/naaccr/naaccr_data_1.8.xsd";
  const std::string command = "xmllint --noout --schema '" + xsd.string() + "' '" + xml.string() + "' 2>&1";
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "cannot run xmllint";
  char buffer[512];
  while (fgets(buffer, sizeof(buffer), pipe)) output += buffer;
  const int status = pclose(pipe);
  return status == 0 ? "" : output.empty() ? "xmllint failed (is libxml2-utils installed?)" : output;
}

TEST(NaaccrExport, WritesValidXmlAndMergesReportsAboutOneTumour) {
  const test::TempDir dir;
  test::fs::create_directories(dir.path() / "records");
  const std::vector<record::Record> records = {
      report("doc-0000000000000001", {{"primarySite", "C504"}, {"histologicTypeIcdO3", "8500"}, {"behaviorCodeIcdO3", "3"}, {"laterality", "2"},
                                      {"dateOfDiagnosis", "20260402"}, {"medicalRecordNumber", "900001"}}),
      report("doc-0000000000000002", {{"primarySite", "C509"}, {"histologicTypeIcdO3", "8500"}, {"behaviorCodeIcdO3", "3"},
                                      {"dateOfDiagnosis", "20260312"}, {"medicalRecordNumber", "900001"}}),
      // Hostile and wrong values: escaped or left out, never a broken file.
      report("doc-0000000000000003", {{"primarySite", "C18<7>&"}, {"histologicTypeIcdO3", "81400"}, {"behaviorCodeIcdO3", "x"},
                                      {"dateOfDiagnosis", "20261399"}, {"medicalRecordNumber", "<&\"'>"}, {"notAnItem", "1"}}),
      report("doc-0000000000000004", {{"primarySite", "C619"}}, "not_reportable"),
  };
  for (const auto& r : records) std::ofstream(dir.path() / "records" / (r.document.id + ".json")) << record::dump_record(r);
  NaaccrExportOptions options;
  options.records = dir.path();
  options.xml = dir.path() / "out.xml";
  options.case_list = dir.path() / "cases.csv";
  const auto summary = export_naaccr(options);
  EXPECT_EQ(summary.records, 4u);
  EXPECT_EQ(summary.patients, 2u) << "two reports share MRN 900001";
  EXPECT_EQ(summary.tumors, 2u);
  EXPECT_EQ(summary.merged, 1u);
  EXPECT_EQ(summary.not_reportable, 1u);
  EXPECT_GE(summary.items_left_out, 4u);
  EXPECT_EQ(validate_with_xmllint(options.xml), "");

  const std::string xml = test::read_file(options.xml);
  EXPECT_NE(xml.find("<Item naaccrId=\"dateOfDiagnosis\">20260312</Item>"), std::string::npos) << "the earliest date of the merged reports";
  EXPECT_NE(xml.find("<Item naaccrId=\"primarySite\">C504</Item>"), std::string::npos) << "the better supported site";
  EXPECT_EQ(xml.find("81400"), std::string::npos);
  EXPECT_EQ(xml.find("notAnItem"), std::string::npos);
  // Every item is in the v26 dictionary and its value passes the dictionary's checks.
  const std::regex item(R"re(<Item naaccrId="([^"]+)">([^<]*)</Item>)re");
  int items = 0;
  for (std::sregex_iterator it(xml.begin(), xml.end(), item), end; it != end; ++it, ++items) {
    const auto* definition = NaaccrDictionary::v26().find((*it)[1].str());
    ASSERT_NE(definition, nullptr) << (*it)[1];
    std::string v = (*it)[2].str();
    if (v.find('&') == std::string::npos) {
      EXPECT_EQ(NaaccrDictionary::v26().check(*definition, v), "") << (*it)[1] << "=" << v;
    }
  }
  EXPECT_GE(items, 10);
  const std::string cases = test::read_file(options.case_list);
  EXPECT_NE(cases.find("not_reportable"), std::string::npos);
}

TEST(NaaccrExport, BadOptionsAndMissingFoldersFailClearly) {
  NaaccrExportOptions options;
  options.records = "/nonexistent/records";
  options.xml = "/tmp/x.xml";
  EXPECT_THROW(export_naaccr(options), host::FatalError);
  options.record_type = "Z";
  EXPECT_THROW(export_naaccr(options), host::FatalError);
}

TEST(NaaccrDictionary, ChecksValuesByType) {
  const auto& d = NaaccrDictionary::v26();
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
}

}  // namespace
}  // namespace chartflow::exporting
