// What an office visit was for: a routine examination, with or without abnormal findings, and
// vaccines given at the visit.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(EncounterCoding, ARoutineExaminationLeadsWithWhatItFound) {
  const Chart well("Well child check, 4 years. Pediatric obesity, BMI above the 95th percentile.",
                   {{"Well child check", "Z00.129"}, {"Pediatric obesity", "E66.9"}}, "assessment");
  EXPECT_EQ(well.codes(Policy::outpatient), (std::vector<std::string>{"Z00.129", "E66.9"})) << "I.C.21.c.13: the examination first";
  const Chart found("Well child check, 4 years, with abnormal finding. Pediatric obesity.",
                    {{"Well child check", "Z00.129"}, {"Pediatric obesity", "E66.9"}}, "assessment");
  EXPECT_EQ(found.codes(Policy::outpatient), (std::vector<std::string>{"Z00.121", "E66.9"}));
  const Chart none("Annual physical exam without abnormal findings.", {{"Annual physical exam", "Z00.00"}}, "assessment");
  EXPECT_EQ(none.codes(Policy::outpatient), std::vector<std::string>{"Z00.00"});
  const Chart later("Hypertension, controlled. Return in one year for annual physical.",
                    {{"Hypertension", "I10"}, {"annual physical", "Z00.00"}}, "plan");
  EXPECT_FALSE(has(later.codes(Policy::outpatient), "Z00.00")) << "a plan's next visit is no reason for this one";
}

TEST(EncounterCoding, AVaccineGivenAtTheVisitIsZ23) {
  const Chart given("Acute otitis media. Influenza vaccine given today.", {{"Acute otitis media", "H66.90"}}, "assessment");
  EXPECT_EQ(given.codes(Policy::outpatient), (std::vector<std::string>{"H66.90", "Z23"}));
  for (const char* text : {"Immunizations due at next visit.", "Tdap given last week.", "Flu vaccine declined.", "History of Tdap vaccine given 2019."})
    EXPECT_FALSE(has(Chart(text, {}).codes(Policy::outpatient), "Z23")) << text;
  EXPECT_FALSE(has(Chart("Influenza vaccine given.", {}, "medications").codes(Policy::outpatient), "Z23")) << "a list says nothing of this visit";
}

}  // namespace
}  // namespace chartflow::coding
