// Walking the Alphabetic Index's subterms with the words of a mention's clause (index_tree.cpp).
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

TEST(IndexTree, AResidualSubtermGivesWayToOneTheChartNames) {
  // "Rhinitis > allergic > seasonal NEC" (J30.2) and "> due to > pollen" (J30.1) are reached
  // alike; NEC is for what no other subterm names.
  const auto rhinitis = in_sentence("m1", "J30.9", "2. Seasonal allergic rhinitis due to tree pollen, active - continue treatment.", "allergic rhinitis");
  EXPECT_EQ(codes_of({rhinitis}), std::vector<std::string>{"J30.1"});
  // Without the pollen the residual is the subterm the chart names.
  const auto seasonal = in_sentence("m2", "J30.9", "2. Seasonal allergic rhinitis, active.", "allergic rhinitis");
  EXPECT_EQ(codes_of({seasonal}), std::vector<std::string>{"J30.2"});
}

TEST(IndexTree, ALevelThatOnlySortsTheArteriesIsPassed) {
  // "Hemorrhage > subarachnoid > intracranial (cerebral) > communicating > anterior" (I60.2): a chart
  // names the artery, never the level that sorts the intracranial ones.
  const auto sah = in_sentence("m1", "R58", "1. Subarachnoid hemorrhage from the anterior communicating artery.", "hemorrhage");
  EXPECT_EQ(codes_of({sah}, Policy::inpatient), std::vector<std::string>{"I60.2"});
}

TEST(IndexTree, AForeignBodyIsReadByTheBodyPartNotHowItEntered) {
  // "Foreign body > entering through orifice > ear (external)" (T16.-): the level is how it got there.
  const testing_fixture::Chart ear("Foreign body (bead) in the right ear canal.", {{"Foreign body", "T14.8XXA"}}, "assessment");
  EXPECT_TRUE(has(ear.codes(Policy::outpatient), "T16.1XXA")) << ::testing::PrintToString(ear.codes(Policy::outpatient));
}

TEST(IndexTree, AConditionRestatedInParenthesesIsNoneTheWithLinks) {
  // "with" links the withdrawal; the use disorder in parentheses is the dependence said again.
  const std::string sentence = "3. Opioid dependence with withdrawal (opioid use disorder, severe; COWS 12).";
  auto m = in_sentence("m1", "F11.20", sentence, "Opioid dependence");
  m.matched_term = "Opioid dependence, uncomplicated";
  const auto again = in_sentence("m2", "F11.90", sentence, "opioid use");
  EXPECT_EQ(codes_of({m, again}, Policy::inpatient), std::vector<std::string>{"F11.23"});
}

// "Diabetes > steroid-induced - see Diabetes, due to, drug or chemical": the index prints the
// target's level as one ("due to drug or chemical", E09.9).
TEST(IndexTree, ASeeReferenceReachesALevelPrintedAsOne) {
  auto m = in_sentence("m1", "E11.9", "1. Steroid-induced diabetes mellitus.", "diabetes mellitus");
  m.matched_term = "Diabetes mellitus";
  EXPECT_EQ(codes_of({m}, Policy::inpatient), std::vector<std::string>{"E09.9"});
}

}  // namespace
}  // namespace chartflow::coding

namespace chartflow::coding {
namespace {

// "Dermatomyositis - see also Dermatopolymyositis": the main term has no code, its subterms do;
// a mention the vocabulary gave Dermatopolymyositis's M33.90 reads them ("> adult" M33.10).
TEST(IndexTree, AMainTermThatSendsOnIsAnEntryOfItsTargetsCode) {
  const auto& index = testing_fixture::fixture().cm.index();
  const auto found = index.read("M33.90", WordBag("Dermatomyositis"), WordBag("dermatomyositis adult"), {});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code, "M33.10") << found->path;
}

// "Pertussis - see also Whooping cough", both A37.90: the walk reads on in Whooping cough's
// subterms, where the organism the chart names is ("due to > Bordetella > pertussis" A37.00).
TEST(IndexTree, AMainTermWithItsTargetsCodeIsItsSynonym) {
  const auto& index = testing_fixture::fixture().cm.index();
  const auto found = index.read("A37.90", WordBag("Pertussis"), WordBag("pertussis bordetella pertussis paroxysmal stage"), {});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code, "A37.00") << found->path;
  // "Colitis - see also Enteritis" (K52.9): its "regional (of)" is Crohn's, a word the chart must say.
  const auto colitis = index.read("K52.9", WordBag("colitis"), WordBag("colitis wall thickening descending sigmoid colon"), {});
  EXPECT_TRUE(!colitis || !colitis->code.starts_with("K50")) << colitis->path;
}

}  // namespace
}  // namespace chartflow::coding
