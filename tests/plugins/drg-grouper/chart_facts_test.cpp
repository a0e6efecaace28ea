// Present-on-admission and discharge status as charts state them; unstated means undetermined.
#include "stage/chart_facts.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using drg::Poa;
using drg::read_discharge_status;
using drg::read_poa;

TEST(ChartFacts, PoaFromWhatTheDocumentationSays) {
  EXPECT_EQ(read_poa("Pressure ulcer of the sacrum, stage 2, present on admission per wound care.").poa, Poa::yes);
  EXPECT_EQ(read_poa("He was admitted with community-acquired pneumonia.").poa, Poa::yes);
  EXPECT_EQ(read_poa("Acute kidney injury developed on hospital day 3 after contrast.").poa, Poa::no);
  EXPECT_EQ(read_poa("Catheter-associated urinary tract infection.").poa, Poa::no);
  EXPECT_EQ(read_poa("Hospital course was complicated by C. difficile colitis.").poa, Poa::no);
  EXPECT_EQ(read_poa("The pressure injury was not present on admission.").poa, Poa::no);
  EXPECT_EQ(read_poa("It is unclear whether the ulcer was present on admission.").poa, Poa::clinically_undetermined);
  const auto unstated = read_poa("Hyponatremia, sodium 128, corrected with fluids.");
  EXPECT_EQ(unstated.poa, Poa::unknown);
  EXPECT_FALSE(unstated.stated);
  // The reading is the grouper's own indicator: it goes on the claim as it is.
  EXPECT_EQ(drg::to_string(read_poa("It is unclear whether the ulcer was present on admission.").poa), "W");
  EXPECT_EQ(drg::to_string(unstated.poa), "U");
}

TEST(ChartFacts, ReadingsSayWhereTheDecidingWordsAre) {
  const std::string sentence = "Acute kidney injury developed on hospital day 3 after contrast.";
  const auto reading = read_poa(sentence);
  ASSERT_TRUE(reading.stated);
  EXPECT_EQ(sentence.substr(reading.begin, reading.end - reading.begin), reading.phrase);
  EXPECT_EQ(reading.phrase, "developed on hospital day 3");
  const std::string chart = "HOSPITAL COURSE:\nDiuresed.\n\nDISCHARGE DISPOSITION:\nHome with home health services.\n";
  const auto status = read_discharge_status(chart);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->code, "06");
  EXPECT_EQ(chart.substr(status->begin, status->end - status->begin), status->phrase);
  EXPECT_EQ(status->phrase, "Home with home health");
}

TEST(ChartFacts, DischargeStatusOnlyFromADispositionStatement) {
  const auto status = [](const char* text) {
    const auto s = read_discharge_status(text);
    return s ? s->code : std::string("none");
  };
  EXPECT_EQ(status("DISCHARGE DISPOSITION: Home with home health services."), "06");
  EXPECT_EQ(status("Disposition: home."), "01");
  EXPECT_EQ(status("The patient was discharged to a skilled nursing facility for rehab."), "03");
  EXPECT_EQ(status("Discharged to inpatient rehabilitation facility."), "62");
  EXPECT_EQ(status("Discharge disposition: Expired."), "20");
  EXPECT_EQ(status("Discharge status: left against medical advice"), "07");
  EXPECT_EQ(status("Disposition: hospice, inpatient unit"), "51");
  EXPECT_EQ(status("Disposition: home hospice"), "50");
  EXPECT_EQ(status("Transferred to another acute care hospital for ECMO."), "02");
  EXPECT_EQ(status("He lives at home with his wife. Home medications reviewed."), "none");
}

}  // namespace
}  // namespace chartflow::test
