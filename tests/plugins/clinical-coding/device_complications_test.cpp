// Complications of a device, implant or graft (device_complications.cpp): the index's entry for
// the device and the complication's subterm under it, the condition it caused sequenced after it,
// and nothing where the chart does not link the two.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::fixture;
using testing_fixture::has;

std::vector<std::string> codes_of(const std::string& text, const std::vector<std::pair<std::string, std::string>>& conditions = {},
                                  Policy policy = Policy::inpatient) {
  return Chart(text, conditions, "discharge_diagnoses").codes(policy);
}

TEST(DeviceComplications, TheDeviceAndTheComplicationPickTheIndexEntry) {
  EXPECT_TRUE(has(codes_of("Infection of left forearm AV dialysis graft.\n"), "T82.7XXA"));
  EXPECT_TRUE(has(codes_of("Occluded plastic biliary stent.\n"), "T85.590A"));
  // (The index reads a malfunction as a breakdown where it names both: "bile duct implant > mechanical > malfunction" T85.510.)
  EXPECT_TRUE(has(codes_of("Malfunctioning ventriculoperitoneal shunt.\n"), "T85.01XA"));
  EXPECT_TRUE(has(codes_of("Dislodged PEG tube.\n"), "K94.23"));
  EXPECT_TRUE(has(codes_of("Thrombosed right upper arm AV graft.\n"), "T82.868A"));
  EXPECT_TRUE(has(codes_of("Pacemaker lead fractured on interrogation.\n"), "T82.110A"));
}

TEST(DeviceComplications, AJointProsthesisTakesItsJointAndSide) {
  EXPECT_TRUE(has(codes_of("Infected right total knee arthroplasty.\n"), "T84.53XA"));
  EXPECT_TRUE(has(codes_of("Recurrent dislocation of left total hip prosthesis.\n"), "T84.021A"));
}

TEST(DeviceComplications, ACentralLineInfectionIsT80) {
  EXPECT_TRUE(has(codes_of("Bacteremia from infected PICC line.\n"), "T80.211A"));
  EXPECT_TRUE(has(codes_of("CLABSI.\n"), "T80.211A"));
  EXPECT_TRUE(has(codes_of("Infected port-a-cath pocket.\n"), "T80.212A"));
}

TEST(DeviceComplications, TheComplicationLeadsTheConditionItCaused) {
  const Chart cauti("Urinary tract infection due to indwelling Foley catheter.\n", {{"Urinary tract infection", "N39.0"}}, "discharge_diagnoses");
  const auto codes = cauti.codes(Policy::inpatient);
  ASSERT_TRUE(has(codes, "N39.0")) << testing::PrintToString(codes);
  EXPECT_EQ(codes.front(), "T83.511A") << "T83.511A first, then the infection (I.C.19.g): " << testing::PrintToString(codes);
  const Chart cellulitis("Cellulitis of the left forearm due to infected AV graft.\n", {{"Cellulitis of the left forearm", "L03.114"}},
                         "discharge_diagnoses");
  EXPECT_EQ(cellulitis.codes(Policy::inpatient).front(), "T82.7XXA") << testing::PrintToString(cellulitis.codes(Policy::inpatient));
}

TEST(DeviceComplications, UnlinkedOrDeniedSaysNothing) {
  const auto none = [](const std::vector<std::string>& codes) {
    return std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("T8") || c.starts_with("K94"); });
  };
  EXPECT_TRUE(none(codes_of("No signs of infection at the AV graft site.\n"))) << "denied";
  EXPECT_TRUE(none(codes_of("Urinary tract infection; Foley catheter removed on day 2.\n"))) << "different clauses";
  EXPECT_TRUE(none(codes_of("Cellulitis of the leg, pacemaker in place.\n"))) << "different clauses";
  EXPECT_TRUE(none(codes_of("Pneumonia with a functioning dialysis catheter.\n"))) << "no complication word";
  EXPECT_TRUE(none(codes_of("Possible infection of the AV graft.\n", {}, Policy::outpatient))) << "uncertain, outpatient";
  const Chart history("History of infected left knee prosthesis, revised in 2015.\n", {}, "past_medical_history");
  EXPECT_TRUE(none(history.codes(Policy::inpatient))) << "history";
}

TEST(DeviceComplications, EveryEntryOfTheTableIsInTheIndex) {
  const auto& data = fixture().data;
  ASSERT_GT(data.device_entries.size(), 50u);
  ASSERT_GT(data.device_complication_words.size(), 20u);
  for (const auto& row : data.device_entries) {
    const auto entry = fixture().cm.index().entry(row.entry);
    ASSERT_TRUE(entry.has_value()) << row.entry;
    EXPECT_EQ(entry->path, row.entry);
  }
}

TEST(DeviceComplications, AMalformedRowNamesItsLine) {
  test::TempDir dir;
  test::write_file(dir / "device_complications.tsv", "kind\twords\tcomplication\tindex\tthen\ncomplication\tinfected\tinfection\t\t\ncomplication\trusty\tcorrosion\t\t\n");
  CoderData data;
  try {
    data.load_device_complications((dir / "device_complications.tsv").string());
    FAIL() << "an unknown kind of complication must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("device_complications.tsv:3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace chartflow::coding
