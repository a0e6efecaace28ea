// The registry store: NAACCR XML read strictly (every refusal names line and item), imports that
// are idempotent and all-or-nothing, follow-up from match files, the due list, survival cohorts,
// and an export with the follow-up items that validates against the NAACCR XSD.
#include "test_support.hpp"

#include "registry/registry_store.hpp"

#include "naaccr/naaccr_xml.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::test {
namespace {

const long kStoreToday = registry::days_from_civil(2026, 12, 1);

const naaccr::NaaccrDictionary& dictionary() {
  static const auto d = naaccr::NaaccrDictionary::load((kPluginDir / "naaccr" / naaccr::NaaccrDictionary::kFileName).string());
  return d;
}

std::string xml(const std::string& patients) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NaaccrData baseDictionaryUri=\"http://naaccr.org/naaccrxml/naaccr-dictionary-260.xml\" "
         "recordType=\"A\" specificationVersion=\"1.8\" xmlns=\"http://naaccr.org/naaccrxml\">\n" + patients + "</NaaccrData>\n";
}

std::string patient(const std::string& id, const std::string& mrn, const std::string& birth, const std::string& diagnosis,
                    const std::string& extra = "") {
  return "<Patient><Item naaccrId=\"patientIdNumber\">" + id + "</Item><Item naaccrId=\"dateOfBirth\">" + birth +
         "</Item><Item naaccrId=\"sexAssignedAtBirth\">2</Item>" + extra + "\n<Tumor><Item naaccrId=\"dateOfDiagnosis\">" + diagnosis +
         "</Item><Item naaccrId=\"primarySite\">C504</Item><Item naaccrId=\"histologicTypeIcdO3\">8500</Item>" +
         (mrn.empty() ? "" : "<Item naaccrId=\"medicalRecordNumber\">" + mrn + "</Item>") + "</Tumor></Patient>\n";
}

registry::NaaccrFileIn parse(const std::string& text) { return registry::read_naaccr_xml(text, "export.xml", dictionary()); }

void expect_refused(const std::string& text, const std::string& says) {
  try {
    parse(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const registry::CohortError& e) {
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("export.xml", 0), 0u) << e.what();
  }
}

TEST(NaaccrReader, RefusesWhatIsNotNaaccrXmlNamingLineAndItem) {
  EXPECT_EQ(parse(xml(patient("1", "M1", "19500101", "20200105"))).patients.size(), 1u);
  expect_refused("", "empty");
  expect_refused("<NaaccrData", "not well-formed");
  expect_refused("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><NaaccrData/>", "DOCTYPE");
  expect_refused("<Other xmlns=\"http://naaccr.org/naaccrxml\"/>", "root element");
  expect_refused(xml("<Patient><Item naaccrId=\"colourOfHat\">1</Item></Patient>\n"), "'colourOfHat' is not in the NAACCR v26");
  expect_refused(xml("<Patient>\n<Item naaccrId=\"primarySite\">C504</Item></Patient>\n"), ":4: item 'primarySite' belongs under <Tumor>");
  expect_refused(xml("<Patient><Item naaccrId=\"dateOfBirth\">19501301</Item></Patient>\n"), "item 'dateOfBirth' (240)");
  expect_refused(xml("<Patient><Item>1</Item></Patient>\n"), "without its naaccrId");
  expect_refused(xml("<Patient><Banana/></Patient>\n"), "not <Banana>");
}

TEST(NaaccrReader, MutatedFilesNeverCrash) {
  const std::string valid = xml(patient("1", "M1", "19500101", "20200105") + patient("2", "", "19600101", "20210105"));
  std::mt19937 rng(7);
  int parsed = 0, refused = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string s = valid;
    switch (i % 4) {
      case 0: s.resize(std::uniform_int_distribution<std::size_t>(0, s.size())(rng)); break;  // truncated
      case 1:
        for (int k = 0; k < 3; ++k) s[std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng)] = static_cast<char>(rng());
        break;
      case 2: {  // a piece repeated
        const auto a = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
        s.insert(a, s.substr(a, std::min<std::size_t>(200, s.size() - a)));
        break;
      }
      default: s.insert(std::uniform_int_distribution<std::size_t>(0, s.size())(rng), "<Patient>");
    }
    try {
      parse(s);
      ++parsed;
    } catch (const registry::CohortError&) {
      ++refused;
    }
  }
  EXPECT_GT(refused, 1000);
  EXPECT_GT(parsed, 0);
}

TEST(RegistryStore, ImportsAreIdempotentAndAllOrNothing) {
  TempDir dir;
  registry::RegistryStore store(dir / "reg.sqlite");
  const auto file = parse(xml(patient("1", "M1", "19500101", "20200105") + patient("2", "", "19600101", "20210105")));
  auto c = store.import_naaccr(file, "a.xml", std::string(64, 'a'), kStoreToday);
  EXPECT_EQ(c.patients_new, 2u);
  EXPECT_EQ(c.unmatched_patients, 1u);
  EXPECT_EQ(c.tumors_new, 2u);
  c = store.import_naaccr(file, "a.xml", std::string(64, 'a'), kStoreToday);
  EXPECT_EQ(c.tumors_known, 2u);
  EXPECT_EQ(c.tumors_new, 0u);
  // The same MRN with another birth date: two patients, maybe; refused, and nothing of the file kept.
  const auto conflicting = parse(xml(patient("1", "M9", "19700101", "20220105") + patient("2", "M1", "19510101", "20220105")));
  EXPECT_THROW(store.import_naaccr(conflicting, "b.xml", std::string(64, 'b'), kStoreToday), registry::CohortError);
  EXPECT_EQ(store.export_patients().size(), 2u);  // M9 was not kept either
  EXPECT_THROW(store.import_naaccr(parse(xml(patient("1", "M5", "19500101", "20300105"))), "c.xml", std::string(64, 'c'), kStoreToday),
               registry::CohortError);  // diagnosed in the future
  EXPECT_THROW(store.import_naaccr(parse(xml(patient("1", "M6", "19500101", "19400105"))), "d.xml", std::string(64, 'd'), kStoreToday),
               registry::CohortError);  // diagnosed before birth
}

TEST(RegistryStore, FollowupFromMatchFilesDrivesTheDueListTheCohortAndTheExport) {
  TempDir dir;
  registry::RegistryStore store(dir / "reg.sqlite");
  store.import_naaccr(parse(xml(patient("1", "M1", "19500101", "20200105") + patient("2", "M2", "19600101", "20210105") +
                                patient("3", "M3", "19610101", "20250105"))),
                      "a.xml", std::string(64, 'a'), kStoreToday);
  write_file(dir / "bad.csv", "patient,date_of_last_contact,vital_status\nM1,2024-06-01,1\nM404,2024-06-01,1\n");
  try {
    store.add_followup_csv(dir / "bad.csv", kStoreToday);
    FAIL();
  } catch (const registry::CohortError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv:3: patient 'M404' is not in the registry"), std::string::npos) << e.what();
  }
  write_file(dir / "deaths.csv", "patient,date_of_last_contact,vital_status,cause_of_death,cancer_status,followup_source\n"
                                 "M1,2024-06-01,1,,1,2\nM2,2023-03-10,0,C509,,0\n");
  EXPECT_EQ(store.add_followup_csv(dir / "deaths.csv", kStoreToday), 2u);  // the bad file stored nothing: both rows are new
  EXPECT_EQ(store.add_followup_csv(dir / "deaths.csv", kStoreToday), 0u);  // nor twice
  write_file(dir / "late.csv", "patient,date_of_last_contact,vital_status\nM2,2024-01-01,1\n");
  EXPECT_THROW(store.add_followup_csv(dir / "late.csv", kStoreToday), registry::CohortError);  // alive after the recorded death
  write_file(dir / "future.csv", "patient,date_of_last_contact,vital_status\nM1,2031-01-01,1\n");
  EXPECT_THROW(store.add_followup_csv(dir / "future.csv", kStoreToday), registry::CohortError);

  const auto due = store.followup_due(registry::days_from_civil(2025, 12, 1));
  ASSERT_EQ(due.size(), 1u);  // M1 (last contact 2024-06-01); M2 is dead; M3 diagnosed this year
  EXPECT_EQ(due[0].mrn, "M1");
  EXPECT_EQ(due[0].status, registry::FollowupStatus::overdue);

  std::size_t skipped = 0;
  const auto cohort = store.cohort(skipped);
  EXPECT_EQ(cohort.size(), 2u);
  EXPECT_EQ(skipped, 1u);  // M3 has no follow-up yet
  for (const auto& c : cohort) EXPECT_EQ(c.dead, c.id.rfind("mrn:M2", 0) == 0);

  const auto patients = store.export_patients();
  std::vector<const naaccr::CasePatient*> pointers;
  for (const auto& p : patients) pointers.push_back(&p);
  const auto out = naaccr::write_naaccr_xml(pointers, dictionary(), {"A", "", "2026-12-01T00:00:00Z"});
  EXPECT_NE(out.text.find("<Item naaccrId=\"vitalStatus\">0</Item>"), std::string::npos);
  EXPECT_NE(out.text.find("<Item naaccrId=\"causeOfDeath\">C509</Item>"), std::string::npos);
  EXPECT_NE(out.text.find("<Item naaccrId=\"cancerStatus\">1</Item>"), std::string::npos);
  EXPECT_EQ(out.items_left_out, 0u);
  write_file(dir / "export.xml", out.text);
  const std::string xsd = (kSourceDir / "plugins/cancer-registry/data/naaccr/naaccr_data_1.8.xsd").string();
  EXPECT_EQ(std::system(("xmllint --noout --schema '" + xsd + "' '" + (dir / "export.xml").string() + "' 2>/dev/null").c_str()), 0)
      << "the export does not validate against the NAACCR XSD";
  // And it reads back.
  EXPECT_EQ(parse(out.text).patients.size(), 3u);
}

TEST(RegistryStore, ChartsOfKnownPatientsAreContacts) {
  TempDir dir;
  registry::RegistryStore store(dir / "reg.sqlite");
  store.import_naaccr(parse(xml(patient("1", "M1", "19500101", "20200105"))), "a.xml", std::string(64, 'a'), kStoreToday);
  EXPECT_TRUE(store.add_chart_contact("M1", "2025-11-20", "doc-1", kStoreToday));
  EXPECT_FALSE(store.add_chart_contact("M1", "2025-11-20", "doc-1", kStoreToday));  // the same chart again
  EXPECT_FALSE(store.add_chart_contact("M404", "2025-11-20", "doc-2", kStoreToday));  // not a registry patient
  EXPECT_FALSE(store.add_chart_contact("M1", "", "doc-3", kStoreToday));              // undated
  EXPECT_FALSE(store.add_chart_contact("M1", "2031-01-01", "doc-4", kStoreToday));    // in the future
  EXPECT_TRUE(store.followup_due(registry::days_from_civil(2026, 6, 1)).empty());  // contacted in November
  write_file(dir / "death.csv", "patient,date_of_last_contact,vital_status\nM1,2026-01-10,0\n");
  store.add_followup_csv(dir / "death.csv", kStoreToday);
  EXPECT_FALSE(store.add_chart_contact("M1", "2026-02-01", "doc-5", kStoreToday));  // a report after the death is no contact
}

TEST(RegistryStore, AChartStatingThePatientDiedIsADeathEventUnlessItContradictsTheStore) {
  TempDir dir;
  registry::RegistryStore store(dir / "reg.sqlite");
  store.import_naaccr(parse(xml(patient("1", "M1", "19500101", "20200105") + patient("2", "M2", "19600101", "20210105"))), "a.xml",
                      std::string(64, 'a'), kStoreToday);
  EXPECT_FALSE(store.add_chart_death("M404", "2025-11-20", "doc-1", kStoreToday));  // not a registry patient
  EXPECT_FALSE(store.add_chart_death("M1", "2031-01-01", "doc-1", kStoreToday));    // in the future
  EXPECT_TRUE(store.add_chart_contact("M2", "2025-11-20", "doc-2", kStoreToday));
  EXPECT_FALSE(store.add_chart_death("M2", "2025-10-01", "doc-3", kStoreToday)) << "seen alive after that date";
  EXPECT_TRUE(store.add_chart_death("M1", "2025-11-20", "doc-4", kStoreToday));
  EXPECT_FALSE(store.add_chart_death("M1", "2025-12-01", "doc-5", kStoreToday)) << "already recorded dead";
  EXPECT_FALSE(store.add_chart_contact("M1", "2025-12-02", "doc-6", kStoreToday)) << "a chart after the death is no contact";
  // The dead need no follow-up; the living patient is due a year after the last contact.
  const auto due = store.followup_due(registry::days_from_civil(2026, 12, 1));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].mrn, "M2");
}

}  // namespace
}  // namespace chartflow::test
