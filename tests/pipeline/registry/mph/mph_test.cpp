// SEER multiple primary rules: the engine's handling of rules that cannot be applied, dates known
// only in part, the choice of rule set, bad input, and hand-worked pairs from the SEER manuals.
#include "mph/mph.hpp"
#include "mph/rule_set.hpp"

#include <gtest/gtest.h>

namespace chartflow::test {
namespace {

using mph::Result;
using mph::Tumor;
using namespace mph::detail;

Tumor tumor(std::string site, int hist, int beh, char lat, int y, int m = 6, int d = 15) {
  return Tumor{std::move(site), hist, beh, lat, y, m, d};
}

TEST(MphDates, YearsApartCountsFullYearsAndSaysWhenItCannotTell) {
  const auto a = tumor("C509", 8500, 3, '1', 2019, 5, 20);
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2020, 5, 19)}, 1), Tri::no);
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2020, 5, 20)}, 1), Tri::yes);
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2020, 6, 1)}, 1), Tri::yes);
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2022, 1, 1)}, 1), Tri::yes);
  // Same month a year later with no day: the anniversary may or may not have passed.
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2020, 5, 0)}, 1), Tri::unknown);
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2020, 0, 0)}, 1), Tri::unknown);
  EXPECT_EQ(years_apart({a, tumor("C509", 8500, 3, '1', 2019, 0, 0)}, 1), Tri::no);
}

TEST(MphDates, DaysApartUsesTheWidestAndNarrowestGapsPartialDatesAllow) {
  const auto a = tumor("C619", 8140, 2, '0', 2020, 1, 10);
  EXPECT_EQ(days_apart({a, tumor("C619", 8140, 3, '0', 2020, 3, 10)}, 60), Tri::no);   // 60 days (leap year)
  EXPECT_EQ(days_apart({a, tumor("C619", 8140, 3, '0', 2020, 3, 11)}, 60), Tri::yes);  // 61
  EXPECT_EQ(days_apart({a, tumor("C619", 8140, 3, '0', 2020, 2, 0)}, 60), Tri::no);    // any day of February
  EXPECT_EQ(days_apart({a, tumor("C619", 8140, 3, '0', 2020, 3, 0)}, 60), Tri::unknown);
  EXPECT_EQ(days_apart({a, tumor("C619", 8140, 3, '0', 2020, 6, 0)}, 60), Tri::yes);
  EXPECT_EQ(later_diagnosis({a, tumor("C619", 8140, 3, '0', 2020, 1, 0)}), -1);
  EXPECT_EQ(later_diagnosis({a, tumor("C619", 8140, 3, '0', 2019, 12, 31)}), 1);
}

TEST(MphTables, RowsMatchByHistologyAndOptionallyBehaviour) {
  const HistologyTable table({{"8140", {"8140", "8250-8255", "8480/3"}}, {"8070", {"8070", "8071"}}});
  EXPECT_EQ(table.row_of(tumor("C341", 8252, 3, '1', 2020)), 0u);
  EXPECT_EQ(table.row_of(tumor("C341", 8480, 3, '1', 2020)), 0u);
  EXPECT_FALSE(table.row_of(tumor("C341", 8480, 2, '1', 2020)));
  EXPECT_EQ(table.row_of(tumor("C341", 8071, 3, '1', 2020)), 1u);
  const Tumor a = tumor("C341", 8010, 3, '1', 2020), b = tumor("C341", 8140, 3, '1', 2020);
  EXPECT_EQ(not_in_table({a, b}, table), "8010/3 is not in the table.");
  EXPECT_EQ(not_in_table({a, a}, table), "Both 8010/3 and 8010/3 are not in the table.");
  EXPECT_FALSE(not_in_table({b, b}, table));
  EXPECT_THROW(HistologyTable(std::vector<HistologyTable::Row>{{"x", {"81x0"}}}), std::invalid_argument);
}

// A rule that cannot be applied leaves a potential result: a later rule must agree with it.
TEST(MphEngine, APotentialResultIsConfirmedOrMakesThePairQuestionable) {
  RuleSet set;
  set.name = "Test Set";
  set.rules.push_back(Rule{"M1", "", [](const Pair&) { return RuleOutcome::unable(Result::multiple_primaries, "Laterality unknown."); }});
  set.rules.push_back(Rule{"M2", "Different rows are multiple primaries.", [](const Pair& p) {
                             return p.a.histology != p.b.histology ? RuleOutcome::decided(Result::multiple_primaries) : RuleOutcome::none();
                           }});
  set.rules.push_back(rule_no_criteria("M3", "Single."));
  const Tumor a = tumor("C341", 8140, 3, '9', 2020);
  const auto confirmed = run_rule_set(set, a, tumor("C341", 8070, 3, '9', 2020));
  EXPECT_EQ(confirmed.result, Result::multiple_primaries);
  EXPECT_EQ(confirmed.step, "M2");
  EXPECT_EQ(confirmed.reason, "Different rows are multiple primaries.");
  const auto contradicted = run_rule_set(set, a, a);
  EXPECT_EQ(contradicted.result, Result::questionable);
  EXPECT_EQ(contradicted.step, "M1");
  EXPECT_EQ(contradicted.reason, "Unable to apply Rule M1 of Test Set. Laterality unknown.");
}

// A rule that cannot be applied and stops the rules (as SEER's reference does for a histology
// missing from a table) is a final QUESTIONABLE, worded like a potential result.
TEST(MphEngine, AFinalUnableOutcomeIsWordedLikeAPotentialOne) {
  RuleSet set;
  set.name = "Test Set";
  set.rules.push_back(Rule{"M7", "Rows.", [](const Pair&) { return RuleOutcome::unable_final("8010/3 is not in the table."); }});
  set.rules.push_back(rule_no_criteria("M8"));
  const auto d = run_rule_set(set, tumor("C341", 8010, 3, '1', 2020), tumor("C341", 8140, 3, '1', 2020));
  EXPECT_EQ(d.result, Result::questionable);
  EXPECT_EQ(d.step, "M7");
  EXPECT_EQ(d.reason, "Unable to apply Rule M7 of Test Set. 8010/3 is not in the table.");
}

TEST(MphDecide, BadInputIsInvalidAndSaysWhatIsNeeded) {
  const auto good = tumor("C509", 8500, 3, '1', 2020);
  for (const auto& bad : {tumor("C809", 8000, 3, '0', 2020), tumor("C50", 8500, 3, '1', 2020), tumor("C509", 7999, 3, '1', 2020),
                          tumor("C509", 8500, 5, '1', 2020), tumor("C509", 8500, 3, '1', 0), tumor("C509", 8500, 3, '1', 9999)}) {
    const auto d = mph::decide(good, bad);
    EXPECT_EQ(d.result, Result::invalid_input) << bad.site << " " << bad.histology;
    EXPECT_NE(d.reason.find("Valid primary site (C000-C999 excluding C809)"), std::string::npos);
  }
}

TEST(MphDecide, TumoursOfDifferentRuleSetsAreMultiplePrimaries) {
  const auto d = mph::decide(tumor("C509", 8500, 3, '1', 2020), tumor("C341", 8140, 3, '1', 2021));
  EXPECT_EQ(d.result, Result::multiple_primaries);
  EXPECT_EQ(d.reason, "The two sets of parameters belong to two different cancer groups.");
}

// Hand-worked pairs: each follows one rule of the SEER manual.
TEST(MphDecide, SolidTumorRules2018) {
  // Breast M5: tumours on both sides are multiple primaries.
  auto d = mph::decide(tumor("C504", 8500, 3, '1', 2019), tumor("C504", 8500, 3, '2', 2019));
  EXPECT_EQ(d.result, Result::multiple_primaries);
  EXPECT_EQ(d.rule_set, "Solid Tumor 2018+ Breast");
  // Lung M5: small cell and non-small cell carcinoma are multiple primaries, whatever the side.
  d = mph::decide(tumor("C341", 8041, 3, '1', 2020), tumor("C341", 8046, 3, '1', 2020));
  EXPECT_EQ(d.result, Result::multiple_primaries);
  EXPECT_EQ(d.rule_set, "Solid Tumor 2018+ Lung");
  // Colon: sites differing at the fourth character are multiple primaries.
  d = mph::decide(tumor("C182", 8140, 3, '0', 2021), tumor("C187", 8140, 3, '0', 2021));
  EXPECT_EQ(d.result, Result::multiple_primaries);
}

// The reference's Head and Neck module also takes the malignant paragangliomas (8680, 8690, 8692,
// 8693) of the carotid body C754 and aortic body C755 diagnosed 2019-2021, outside its site ranges.
TEST(MphDecide, HeadAndNeckTakesCarotidAndAorticBodyParagangliomasOf2019To2021) {
  EXPECT_EQ(mph::rule_set_name(tumor("C754", 8690, 3, '1', 2019), 2019), "Solid Tumor 2018+ Head And Neck");
  EXPECT_EQ(mph::rule_set_name(tumor("C755", 8680, 3, '0', 2021), 2021), "Solid Tumor 2018+ Head And Neck");
  EXPECT_EQ(mph::rule_set_name(tumor("C754", 8690, 3, '1', 2018), 2018), "MPH 2007-2022 Other Sites");
  EXPECT_EQ(mph::rule_set_name(tumor("C754", 8690, 3, '1', 2022), 2022), "MPH 2007-2022 Other Sites");
  EXPECT_EQ(mph::rule_set_name(tumor("C754", 8691, 3, '1', 2020), 2020), "MPH 2007-2022 Other Sites");
  EXPECT_EQ(mph::rule_set_name(tumor("C754", 8690, 2, '1', 2020), 2020), "MPH 2007-2022 Other Sites");
  // The pair is judged by the later diagnosis year; two paragangliomas 8690 of Table 9 need a review (M8).
  const auto d = mph::decide(tumor("C754", 8690, 3, '1', 2017), tumor("C755", 8690, 3, '0', 2020));
  EXPECT_EQ(d.rule_set, "Solid Tumor 2018+ Head And Neck");
  EXPECT_EQ(d.result, Result::questionable);
  EXPECT_EQ(d.step, "M8");
}

TEST(MphDecide, OtherSitesRules) {
  // Adenocarcinoma of the prostate is always a single primary, however far apart.
  auto d = mph::decide(tumor("C619", 8140, 3, '0', 2015), tumor("C619", 8140, 3, '0', 2023));
  EXPECT_EQ(d.result, Result::single_primary);
  EXPECT_EQ(d.reason, "Adenocarcinoma of the prostate is always a single primary.");
}

}  // namespace
}  // namespace chartflow::test
