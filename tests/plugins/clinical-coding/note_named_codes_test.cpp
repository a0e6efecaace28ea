// An unspecified finding recoded to the code a neighbour's use-additional note names for it
// (note_named_codes.cpp).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

TEST(NoteNamedCodes, RetentionBesideAnEnlargedProstateWithLutsIsR338) {
  const Chart chart("1. Benign prostatic hyperplasia with lower urinary tract symptoms.\n2. Acute urinary retention, Foley placed.\n",
                    {{"Benign prostatic hyperplasia with lower urinary tract symptoms", "N40.1"}, {"urinary retention", "R33.9"}}, "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "N40.1") && has(codes, "R33.8")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "R33.9")) << testing::PrintToString(codes);
}

TEST(NoteNamedCodes, NothingChangesWithoutTheNotesCondition) {
  const Chart chart("Acute urinary retention, Foley placed.\n", {{"urinary retention", "R33.9"}}, "assessment");
  EXPECT_TRUE(has(chart.codes(Policy::inpatient), "R33.9"));
}

TEST(NoteNamedCodes, FeverWithNeutropeniaIsR5081) {
  const Chart chart("1. Neutropenia due to chemotherapy.\n2. Fever to 38.9.\n", {{"Neutropenia due to chemotherapy", "D70.1"}, {"Fever", "R50.9"}},
                    "assessment");
  const auto codes = chart.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "R50.81")) << testing::PrintToString(codes);
}

}  // namespace
}  // namespace chartflow::coding
