// The transaction Bundle a chart becomes (the loopback-server test checks it against FHIR R4 and
// US Core; these check what the mapping promises).
#include "fhir/bundle_builder.hpp"
#include "sample_record.hpp"

#include <gtest/gtest.h>

namespace chartflow::fhir {
namespace {

using json = nlohmann::ordered_json;

BundleOptions options() {
  BundleOptions o;
  o.patient_identifier_system = "http://hospital.example.org/mrn";
  o.chartflow_version = "0.1.0";
  o.organization = "Example Hospital";
  return o;
}

BuiltBundle build(const nlohmann::json& record = testing::sample_record(), const BundleOptions& o = options()) {
  return build_bundle(delivery::read_chart_record(record), std::nullopt, o, "2026-03-07T10:00:00Z");
}

std::vector<json> resources_of(const json& bundle, const std::string& type) {
  std::vector<json> found;
  for (const auto& e : bundle["entry"])
    if (e["resource"]["resourceType"] == type) found.push_back(e["resource"]);
  return found;
}

TEST(FhirBundle, OneTransactionWithTheDocumentEachCodeAndProvenance) {
  const BuiltBundle built = build();
  EXPECT_EQ(built.bundle["type"], "transaction");
  EXPECT_EQ(built.conditions, 2u);
  EXPECT_EQ(built.procedures, 1u);
  EXPECT_EQ(built.held_back, 1u);  // R06.02 needs review
  EXPECT_EQ(resources_of(built.bundle, "DocumentReference").size(), 1u);
  EXPECT_EQ(resources_of(built.bundle, "Provenance").size(), 1u);
  EXPECT_TRUE(resources_of(built.bundle, "Patient").empty());  // never created, only referenced
}

TEST(FhirBundle, ConditionsCarryIcd10CmVerificationAndEvidence) {
  const auto conditions = resources_of(build().bundle, "Condition");
  ASSERT_EQ(conditions.size(), 2u);
  EXPECT_EQ(conditions[0]["code"]["coding"][0]["system"], "http://hl7.org/fhir/sid/icd-10-cm");
  EXPECT_EQ(conditions[0]["code"]["coding"][0]["code"], "I50.23");
  EXPECT_EQ(conditions[0]["verificationStatus"]["coding"][0]["code"], "confirmed");
  EXPECT_EQ(conditions[1]["verificationStatus"]["coding"][0]["code"], "provisional");
  EXPECT_EQ(conditions[0]["subject"]["reference"], "Patient?identifier=http://hospital.example.org/mrn|00-000-0001");
  EXPECT_EQ(conditions[0]["category"][0]["coding"][0]["code"], "encounter-diagnosis");
  const json& span = conditions[0]["extension"][0];
  EXPECT_EQ(span["url"], kEvidenceExtension);
  EXPECT_EQ(span["extension"][0]["valueString"], "Acute on chronic systolic heart failure");
}

TEST(FhirBundle, EveryCreateIsConditionalOnAStableIdentifierThatIsNotItsFullUrl) {
  const json first = build().bundle, second = build().bundle;
  ASSERT_EQ(first["entry"].size(), second["entry"].size());
  for (std::size_t i = 0; i < first["entry"].size(); ++i) {
    const json& e = first["entry"][i];
    EXPECT_EQ(e["fullUrl"], second["entry"][i]["fullUrl"]);
    EXPECT_EQ(e["request"]["method"], "POST");
    const std::string condition = e["request"]["ifNoneExist"];
    EXPECT_FALSE(condition.empty());
    if (e["resource"].contains("identifier")) {
      EXPECT_NE(e["resource"]["identifier"][0]["value"], e["fullUrl"]) << "a server that rewrites urn:uuid strings would break ifNoneExist";
    }
  }
}

TEST(FhirBundle, TheEncounterIsReferencedOnlyWithItsSystemAndNumber) {
  EXPECT_FALSE(resources_of(build().bundle, "Condition")[0].contains("encounter"));
  auto record = testing::sample_record();
  record["identity"].push_back({{"id", "pi7"}, {"kind", "encounter_number"}, {"value", "V123"}});
  BundleOptions o = options();
  o.encounter_identifier_system = "http://hospital.example.org/visit";
  const auto doc = resources_of(build(record, o).bundle, "DocumentReference")[0];
  EXPECT_EQ(doc["context"]["encounter"][0]["reference"], "Encounter?identifier=http://hospital.example.org/visit|V123");
  EXPECT_EQ(doc["context"]["period"]["start"], "2026-03-02");
}

TEST(FhirBundle, TheOriginalIsAttachedWithItsSha1AndTheTextBesideIt) {
  const Original original{"text/plain", "abc"};
  const BuiltBundle built = build_bundle(delivery::read_chart_record(testing::sample_record()), original, options(), "2026-03-07T10:00:00Z");
  const auto doc = resources_of(built.bundle, "DocumentReference")[0];
  ASSERT_EQ(doc["content"].size(), 2u);
  EXPECT_EQ(doc["content"][0]["attachment"]["hash"], "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
  EXPECT_EQ(doc["content"][0]["attachment"]["data"], "YWJj");
  EXPECT_EQ(doc["content"][1]["attachment"]["contentType"], "text/plain; charset=utf-8");
  EXPECT_EQ(doc["type"]["coding"][0]["code"], "18842-5");
}

TEST(FhirBundle, ProceduresHaveTheirDateOrSayItIsUnknown) {
  auto procedures = resources_of(build().bundle, "Procedure");
  ASSERT_EQ(procedures.size(), 1u);
  EXPECT_EQ(procedures[0]["performedDateTime"], "2026-03-06");
  auto record = testing::sample_record();
  record["views"][0]["text"] = "PROCEDURE NOTE\nno dates here\n";
  record["identity"] = nlohmann::json::array({{{"id", "pi2"}, {"kind", "mrn"}, {"value", "00-000-0001"}}});
  record["codes"] = nlohmann::json::array({record["codes"][2]});
  procedures = resources_of(build(record).bundle, "Procedure");
  EXPECT_FALSE(procedures[0].contains("performedDateTime"));
  EXPECT_EQ(procedures[0]["_performedDateTime"]["extension"][0]["valueCode"], "unknown");
}

TEST(FhirBundle, ProvenanceNamesChartflowAndEveryPluginForTheOrganization) {
  const auto provenance = resources_of(build().bundle, "Provenance")[0];
  EXPECT_EQ(provenance["target"].size(), 4u);
  EXPECT_EQ(provenance["contained"].size(), 3u);  // chartflow and its two plugins
  EXPECT_EQ(provenance["agent"][0]["onBehalfOf"]["display"], "Example Hospital");
  EXPECT_EQ(provenance["contained"][2]["deviceName"][0]["name"], "clinical-coding");
}

TEST(FhirBundle, ARefutedConditionHasNoClinicalStatus) {
  auto record = testing::sample_record();
  record["mentions"][0]["assertion"]["status"] = "negated";
  const auto condition = resources_of(build(record).bundle, "Condition")[0];
  EXPECT_EQ(condition["verificationStatus"]["coding"][0]["code"], "refuted");
  EXPECT_FALSE(condition.contains("clinicalStatus"));
}

const json* extension_of(const json& resource, const std::string& url) {
  for (const auto& e : resource["extension"])
    if (e["url"] == url) return &e;
  return nullptr;
}

const json* part_of(const json& extension, const std::string& url) {
  for (const auto& e : extension["extension"])
    if (e["url"] == url) return &e;
  return nullptr;
}

TEST(FhirBundle, TheMsDrgRidesOnThePrincipalDiagnosisOnly) {
  const BuiltBundle built = build(testing::sample_record_with_drg());
  EXPECT_TRUE(built.drg);
  EXPECT_TRUE(built.note.empty()) << built.note;
  const auto conditions = resources_of(built.bundle, "Condition");
  ASSERT_EQ(conditions.size(), 2u);
  const json* drg = extension_of(conditions[0], kMsDrgExtension);
  ASSERT_NE(drg, nullptr) << conditions[0].dump(1);
  EXPECT_EQ(extension_of(conditions[1], kMsDrgExtension), nullptr);
  const json& coding = (*part_of(*drg, "drg"))["valueCoding"];
  EXPECT_EQ(coding["system"], kMsDrgSystem);
  EXPECT_EQ(coding["version"], "43.0");
  EXPECT_EQ(coding["code"], "291");
  EXPECT_EQ(coding["display"], testing::kSampleDrgTitle);
  EXPECT_EQ((*part_of(*drg, "mdc"))["valueCoding"]["code"], "05");
  EXPECT_EQ((*part_of(*drg, "mdc"))["valueCoding"]["display"], "Diseases and Disorders of the Circulatory System");
  EXPECT_EQ((*part_of(*drg, "type"))["valueCode"], "medical");
  EXPECT_EQ((*part_of(*drg, "severity"))["valueCode"], "mcc");
  auto no_split = testing::sample_record_with_drg();
  no_split["reimbursement.drg"][0]["final"]["severity"] = "NONE";  // a DRG without a CC/MCC split
  EXPECT_EQ(part_of(*extension_of(resources_of(build(no_split).bundle, "Condition")[0], kMsDrgExtension), "severity"), nullptr);
  // Nothing else changes.
  const BuiltBundle plain = build();
  EXPECT_FALSE(plain.drg);
  EXPECT_EQ(plain.bundle["entry"].size(), built.bundle["entry"].size());
}

TEST(FhirBundle, AnMsDrgIsHeldBackAsTheHl7SinkHoldsItBack) {
  auto review = testing::sample_record_with_drg();
  review["reimbursement.drg"][0]["needs_review"] = true;
  BuiltBundle built = build(review);
  EXPECT_FALSE(built.drg);
  EXPECT_EQ(built.note, "MS-DRG 291 not sent: its grouping needs a coder's review");
  for (const auto& c : resources_of(built.bundle, "Condition")) EXPECT_EQ(extension_of(c, kMsDrgExtension), nullptr);
  BundleOptions o = options();
  o.include_needs_review = true;
  EXPECT_TRUE(build(review, o).drg);
  auto held_code = testing::sample_record_with_drg();
  held_code["reimbursement.drg"][0]["code_ids"].push_back("c4");
  EXPECT_EQ(build(held_code).note, "MS-DRG 291 not sent: a code it was grouped from is held back");
  o = options();
  o.category = ConditionCategory::problem_list_item;
  EXPECT_NE(build(testing::sample_record_with_drg(), o).note.find("problem list"), std::string::npos);
}

// Each diagnosis carries the CMS-HCCs it is evidence of, with the hierarchy's verdict; the HCCs
// travel only with every code that gave one (a held-back code could be the parent that dropped
// another HCC). No risk score is sent: it is the patient's over a year, not a diagnosis's.
TEST(FhirBundle, EachConditionCarriesTheCmsHccsItIsEvidenceOf) {
  const BuiltBundle built = build(testing::sample_record_with_hcc());
  EXPECT_EQ(built.hcc_conditions, 1u);
  EXPECT_TRUE(built.note.empty()) << built.note << ": R06.02, held back for review, gives no HCC";
  const auto conditions = resources_of(built.bundle, "Condition");
  ASSERT_EQ(conditions.size(), 2u);
  const json* hcc = extension_of(conditions[0], kHccExtension);
  ASSERT_NE(hcc, nullptr) << conditions[0].dump(1);
  EXPECT_EQ(extension_of(conditions[1], kHccExtension), nullptr) << "J18.9 gives none";
  const json& coding = (*part_of(*hcc, "hcc"))["valueCoding"];
  EXPECT_EQ(coding["system"], kHccSystem);
  EXPECT_EQ(coding["version"], "V28");
  EXPECT_EQ(coding["code"], "224");
  EXPECT_EQ(coding["display"], "Acute on Chronic Heart Failure");
  EXPECT_EQ((*part_of(*hcc, "status"))["valueCode"], "kept");
  EXPECT_EQ(part_of(*hcc, "droppedBy"), nullptr);

  // R06.02 as the evidence of an HCC 224 dropped: held back for review, the HCCs are not sent ...
  auto dropped = testing::sample_record_with_hcc();
  dropped["reimbursement.hcc"][0]["hccs"].push_back({{"hcc", 226}, {"label", "Heart Failure, Except End-Stage and Acute"},
                                                      {"status", "dropped_by_hierarchy"}, {"dropped_by", 224},
                                                      {"evidence", nlohmann::json::array({{{"code_id", "c4"}, {"code", "R0602"}}})}});
  const BuiltBundle held = build(dropped);
  EXPECT_EQ(held.hcc_conditions, 0u);
  EXPECT_EQ(held.note, "CMS-HCCs not sent: a code they were derived from is held back");
  // ... and sent, with the parent, when codes needing review are delivered.
  BundleOptions o = options();
  o.include_needs_review = true;
  const BuiltBundle sent = build(dropped, o);
  EXPECT_EQ(sent.hcc_conditions, 2u);
  const auto all = resources_of(sent.bundle, "Condition");
  ASSERT_EQ(all.size(), 3u);
  const json* child = extension_of(all[2], kHccExtension);
  ASSERT_NE(child, nullptr) << all[2].dump(1);
  EXPECT_EQ((*part_of(*child, "status"))["valueCode"], "dropped-by-hierarchy");
  EXPECT_EQ((*part_of(*child, "droppedBy"))["valueCoding"]["code"], "224");
  // Nothing else changes.
  EXPECT_EQ(build().bundle["entry"].size(), built.bundle["entry"].size());
}

}  // namespace
}  // namespace chartflow::fhir
