#include "clinical-sections/sentence_splitter.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace chartflow::sections {
namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [b, e] : split_sentences(text, 0, text.size())) out.push_back(text.substr(b, e - b));
  return out;
}

using V = std::vector<std::string>;

// Text without a line break or sentence mark is passed over eight bytes at a time: each mark
// must be seen wherever it falls in a block.
TEST(SentenceSplitter, MarksAreSeenAtEveryPlaceInABlock) {
  for (std::size_t shift = 0; shift < 17; ++shift) {
    const std::string lead = "Pain" + std::string(shift, 'x');
    EXPECT_EQ(split(lead + ". Next one? Yes! Done\n\nNew"), (V{lead + ".", "Next one?", "Yes!", "Done", "New"})) << shift;
  }
}

TEST(SentenceSplitter, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(split("Seen by Dr. Smith today. Metformin 500 mg b.i.d. was continued. Temp 38.5 C."),
            (V{"Seen by Dr. Smith today.", "Metformin 500 mg b.i.d. was continued.", "Temp 38.5 C."}));
  EXPECT_EQ(split("Symptoms, e.g. Fever and chills, resolved. Signed A. Example, MD."),
            (V{"Symptoms, e.g. Fever and chills, resolved.", "Signed A. Example, MD."}));
}

TEST(SentenceSplitter, NumberedListsAreOneItemEach) {
  EXPECT_EQ(split("1. Hypertension.\n2. Type 2 diabetes mellitus.\n3. CKD stage 3a"),
            (V{"1. Hypertension.", "2. Type 2 diabetes mellitus.", "3. CKD stage 3a"}));
  EXPECT_EQ(split("Plan:\n- start aspirin\n- recheck in 2 weeks"), (V{"Plan:", "- start aspirin", "- recheck in 2 weeks"}));
}

TEST(SentenceSplitter, VitalsAndHeaderLinesWithoutPunctuation) {
  EXPECT_EQ(split("Vitals: T 38.9  HR 108  BP 132/84\nGeneral: ill-appearing"),
            (V{"Vitals: T 38.9  HR 108  BP 132/84", "General: ill-appearing"}));
  EXPECT_EQ(split("DISCHARGE SUMMARY\nThe patient did well."), (V{"DISCHARGE SUMMARY", "The patient did well."}));
}

TEST(SentenceSplitter, LinesWrappedMidSentenceAreJoined) {
  EXPECT_EQ(split("history of hypertension, type 2 diabetes\nwith kidney disease. She denies\nchest pain."),
            (V{"history of hypertension, type 2 diabetes\nwith kidney disease.", "She denies\nchest pain."}));
  EXPECT_EQ(split("BI-\nRADS 5 lesion."), (V{"BI-\nRADS 5 lesion."}));
}

TEST(SentenceSplitter, BlankLinesAlwaysSeparate) {
  EXPECT_EQ(split("no punctuation here\n\nnext paragraph"), (V{"no punctuation here", "next paragraph"}));
}

TEST(SentenceSplitter, QuestionAndExclamationMarks) {
  EXPECT_EQ(split("Pneumonia? Likely. Call now!"), (V{"Pneumonia?", "Likely.", "Call now!"}));
}

// Fuzz-style: any text gives in-range, ordered, non-overlapping, trimmed sentences.
TEST(SentenceSplitter, RandomTextGivesOrderedTrimmedSpans) {
  std::mt19937 rng(8);
  const std::string alphabet = "aZ .,;:!?\n\t-1()Dr.mg";
  for (int i = 0; i < 3000; ++i) {
    std::string text(rng() % 60, ' ');
    for (auto& c : text) c = alphabet[rng() % alphabet.size()];
    std::size_t last = 0;
    for (const auto& [b, e] : split_sentences(text, 0, text.size())) {
      ASSERT_LT(b, e);
      ASSERT_LE(e, text.size());
      ASSERT_GE(b, last);
      ASSERT_FALSE(std::isspace(static_cast<unsigned char>(text[b])));
      ASSERT_FALSE(std::isspace(static_cast<unsigned char>(text[e - 1])));
      last = e;
    }
  }
}

}  // namespace
}  // namespace chartflow::sections
