// Tokens as the dictionary matches them: OCR's false accents folded, OCR-damaged tumour nouns
// read as the noun they stand for, and nothing else "corrected".
#include "clinical-mentions/text_tokens.hpp"

#include <gtest/gtest.h>

namespace chartflow::mentions {
namespace {

std::vector<std::string> keys(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(text)) out.push_back(t.key);
  return out;
}

TEST(TextTokens, AccentsOcrPutsOnLettersAreFoldedAndOffsetsKept) {
  EXPECT_EQ(keys("Invasive carcínoma"), (std::vector<std::string>{"invasive", "carcinoma"}));
  EXPECT_EQ(keys("ADENOCARCINÔMA"), std::vector<std::string>{"adenocarcinoma"});
  const auto tokens = tokenize("x carcínoma");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].begin, 2u);
  EXPECT_EQ(tokens[1].end, 12u);  // the é is two bytes of the text
}

TEST(TextTokens, DamagedTumourNounsAreReadAsTheNounTheyStandFor) {
  PhraseTable<int> table;
  for (const char* phrase : {"carcinoma", "leiomyosarcoma", "pheochromocytoma", "oligodendroglioma", "hypertensive disease",
                             "hypotensive episode", "lymphoma", "adenocarcinoma", "carcinosarcoma"})
    table[phrase_key(phrase)] = 1;
  const auto word = [&](std::string_view text) {
    const auto tokens = tokenize(text);
    const auto ids = table.word_ids(tokens);
    const auto [value, last] = table.longest_at(ids, 0);
    return value != nullptr;
  };
  EXPECT_TRUE(word("CARCINUMA"));
  EXPECT_TRUE(word("CARICNOMA"));  // two letters swapped: one edit
  EXPECT_TRUE(word("Lelomyosarcoma"));
  EXPECT_TRUE(word("Pheochromocytomy"));
  EXPECT_TRUE(word("Oligiodendroglioma"));  // two edits allowed from 14 letters
  EXPECT_FALSE(word("hypertensiv disease")) << "only tumour nouns are corrected";
  EXPECT_FALSE(word("lymphomx")) << "short words are never corrected";
  EXPECT_FALSE(word("carcinomatosis")) << "a different word that merely starts like one";
  EXPECT_FALSE(word("ca7cinoma")) << "digits are no misread letters we correct";
}

TEST(TextTokens, WordsJoinedBeforeATumourNounAreSplit) {
  PhraseTable<int> table;
  table[phrase_key("squamous cell carcinoma")] = 1;
  table[phrase_key("adenocarcinoma")] = 2;
  const std::string text = "SQUAMOUS CELLCARCINOMA; mucinousadenocarcinoma; metacarcinoma";
  auto tokens = tokenize(text);
  table.split_joined(tokens, text);
  std::vector<std::string> keys;
  for (const auto& t : tokens) keys.push_back(t.key);
  // "mucinous" is no dictionary word here and "meta" too short a rest: left whole.
  EXPECT_EQ(keys, (std::vector<std::string>{"squamous", "cell", "carcinoma", "mucinousadenocarcinoma", "metacarcinoma"}));
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "CELL");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "CARCINOMA");
  const auto ids = table.word_ids(tokens);
  const auto [value, last] = table.longest_at(ids, 0);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 1);
  EXPECT_EQ(last, 2u);
}

}  // namespace
}  // namespace chartflow::mentions
