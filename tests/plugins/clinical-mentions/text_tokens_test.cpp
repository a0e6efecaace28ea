// Tokens as the dictionary matches them: OCR's false accents folded, OCR-damaged tumour nouns
// read as the noun they stand for, and nothing else "corrected".
#include "clinical-mentions/term_dictionary.hpp"
#include "test_support.hpp"

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

// A dictionary of `phrases` (phrase<TAB>code lines), loaded as the mention stage loads its own.
TermDictionary dictionary_of(const std::vector<std::string>& phrases) {
  test::TempDir dir;
  std::string tsv = "phrase\tcode\n";
  for (const auto& p : phrases) tsv += p + "\tX" + std::to_string(&p - phrases.data()) + "\n";
  test::write_file(dir / "terms.tsv", tsv);
  TermDictionary dictionary;
  dictionary.load_tsv((dir / "terms.tsv").string(), false, "test");
  return dictionary;
}

TEST(TextTokens, DamagedTumourNounsAreReadAsTheNounTheyStandFor) {
  const TermDictionary table = dictionary_of({"carcinoma", "leiomyosarcoma", "pheochromocytoma", "oligodendroglioma", "hypertensive disease",
                                              "hypotensive episode", "lymphoma", "adenocarcinoma", "carcinosarcoma"});
  const auto word = [&](std::string_view text) {
    const auto matches = table.match(tokenize(text));
    return !matches.empty() && matches.front().first == 0;
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
  const TermDictionary table = dictionary_of({"squamous cell carcinoma", "adenocarcinoma"});
  const std::string text = "SQUAMOUS CELLCARCINOMA; mucinousadenocarcinoma; metacarcinoma";
  auto tokens = tokenize(text);
  table.split_joined(tokens, text);
  std::vector<std::string> keys;
  for (const auto& t : tokens) keys.push_back(t.key);
  // "mucinous" is no dictionary word here and "meta" too short a rest: left whole.
  EXPECT_EQ(keys, (std::vector<std::string>{"squamous", "cell", "carcinoma", "mucinousadenocarcinoma", "metacarcinoma"}));
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "CELL");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "CARCINOMA");
  const auto matches = table.match(tokens);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches.front().term->code, "X0");  // squamous cell carcinoma
  EXPECT_EQ(matches.front().last, 2u);
}

}  // namespace
}  // namespace chartflow::mentions
