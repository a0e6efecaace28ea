// Death statements in charts: the patient's own death, dated by the chart where it says when,
// never a relative's death, a risk, or a negation.
#include "registry/death_statement.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using registry::find_death_statement;

TEST(DeathStatement, ReadsTheWaysChartsSayThePatientDied) {
  auto d = find_death_statement("DEATH SUMMARY\nDate of death: 03/14/2026\nCause: respiratory failure.", "2026-03-15");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, "2026-03-14");
  EXPECT_TRUE(d->date_stated);
  d = find_death_statement("Comfort care was continued. The patient expired on March 2, 2026 at 04:10 with family present.", "2026-03-03");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, "2026-03-02");
  d = find_death_statement("Pt was pronounced dead at 0410.", "2026-01-20");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, "2026-01-20") << "no stated date: the chart's";
  EXPECT_FALSE(d->date_stated);
  d = find_death_statement("Discharge disposition: Expired\nTime of death: 22:40", "2025-12-01");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, "2025-12-01");
  d = find_death_statement("She passed away\non 2026-02-11 at home.", "");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date, "2026-02-11");
  const std::string text = "Hospital course: she subsequently died of sepsis.";
  d = find_death_statement(text, "2026-01-02");
  ASSERT_TRUE(d);
  EXPECT_EQ(text.substr(d->begin, d->end - d->begin), "she subsequently died");
}

TEST(DeathStatement, IgnoresRelativesRisksNegationsAndUndatedDeaths) {
  for (const char* text : {"Family history: mother died of breast cancer at 62.", "Her father died of an MI.",
                           "High risk of death discussed; patient wishes full code.", "No deaths in the household.",
                           "If the patient died without a code status, ...", "Cause of death statistics were reviewed.",
                           "Patient is alive and well, seen for follow-up."})
    EXPECT_FALSE(find_death_statement(text, "2026-01-02")) << text;
  EXPECT_FALSE(find_death_statement("The patient expired.", "")) << "neither the chart nor the statement dates it";
}

}  // namespace
}  // namespace chartflow::test
