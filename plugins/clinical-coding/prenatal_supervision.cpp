// A prenatal visit for a normal pregnancy (I.C.21.c.11): the encounter for supervision of a
// normal pregnancy, Z34.-, is first-listed, by whether it is the first pregnancy (Z34.0-) or a
// later one (Z34.8-) and by the trimester its stated weeks fall in; Z3A gives the weeks beside it
// (pregnancy_coding.cpp). A complication of the pregnancy is coded from chapter 15 instead, and
// a high-risk pregnancy's supervision is O09.-, so either leaves Z34 out.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>

namespace chartflow::coding {
namespace {

// "Supervision of normal first pregnancy", "routine prenatal visit", "low-risk pregnancy": the
// sentence calls this visit's pregnancy normal. A past one ("prior normal pregnancy") is history.
bool says_normal_pregnancy_supervised(std::string_view sentence) {
  static constexpr std::string_view kNormal[] = {"routine prenatal", "routine ob visit", "routine obstetric", "low-risk pregnancy", "low risk pregnancy",
                                                 "uncomplicated pregnancy", "normal pregnancy", "normal first pregnancy", "normal intrauterine pregnancy"};
  // (An infant's "BIRTH HX: Uncomplicated pregnancy" is its mother's pregnancy.)
  static constexpr std::string_view kNot[] = {"history", "hx", "prior", "previous", "last pregnancy", "birth", "born", "mother"};
  const auto any = [&](const auto& list) { return std::any_of(std::begin(list), std::end(list), [&](std::string_view w) { return words::contains(sentence, w); }); };
  const bool supervision = words::contains(sentence, "supervision of") && words::contains(sentence, "pregnancy");
  return (supervision || any(kNormal)) && !any(kNot);
}

// Which pregnancy this is, as the chart states it: "G1P0", "primigravida", "first pregnancy"
// (Z34.0-); "G3P2", "multigravida" (Z34.8-); nothing said (Z34.9-).
char gravidity_digit(std::string_view text) {
  static constexpr std::string_view kFirst[] = {"first pregnancy", "primigravida", "primigravid", "g1p0", "g1", "gravida 1"};
  static constexpr std::string_view kLater[] = {"multigravida", "second pregnancy", "third pregnancy", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9",
                                                "gravida 2", "gravida 3", "gravida 4", "gravida 5"};
  const auto any = [&](const auto& list) { return std::any_of(std::begin(list), std::end(list), [&](std::string_view w) { return words::contains(text, w); }); };
  const auto starts_g_number = [&](char from) {  // "G2P1", "G3P2002": the number right after G
    for (std::size_t at = text.find('g'); at != std::string_view::npos; at = text.find('g', at + 1))
      if ((at == 0 || !words::is_word_char(text[at - 1])) && at + 2 < text.size() && text[at + 1] >= from && text[at + 1] <= '9' && text[at + 2] == 'p')
        return true;
    return false;
  };
  if (any(kLater) || starts_g_number('2')) return '8';
  if (any(kFirst) || starts_g_number('1')) return '0';
  return '9';
}

}  // namespace

void Coder::add_prenatal_supervision(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text,
                                     const ChartCues& cues, const std::string& view) const {
  if (!sets_.icd10cm) return;
  // A pregnancy complication, or a high-risk pregnancy's supervision, takes chapter 15 (Z34 Excludes1).
  if (std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O") || is_prenatal_supervision_code(c.code); }))
    return;
  if (cues.lowered.find("pregnan") == std::string::npos && cues.lowered.find("prenatal") == std::string::npos) return;  // most charts are of none
  // A chart that follows the pregnancy as high risk or names a complication of it is no normal
  // pregnancy's visit, even when its chief complaint says "routine prenatal visit".
  static constexpr std::string_view kNotNormal[] = {"high-risk", "high risk", "complicating pregnancy", "complicating the pregnancy", "complicated by",
                                                    "advanced maternal age", "elderly multigravida", "elderly primigravida"};
  if (std::any_of(std::begin(kNotNormal), std::end(kNotNormal), [&](std::string_view w) { return words::contains(cues.lowered, w); })) return;
  for (const auto& sentence : sentences) {
    if (!states_this_encounter(sentence, text)) continue;
    const std::string_view said = std::string_view(cues.lowered).substr(sentence.begin, sentence.end - sentence.begin);
    if (!says_normal_pregnancy_supervised(said)) continue;
    const char pregnancy = gravidity_digit(cues.lowered);
    const auto age = stated_gestational_age(text);
    const char trimester = !age ? '0' : age->weeks < 14 ? '1' : age->weeks < 28 ? '2' : '3';
    const std::string code = std::string("Z34.") + pregnancy + trimester;
    if (!sets_.icd10cm->is_billable(code)) return;
    codes.push_back(stated_code(code, 0.85,
                                "a prenatal visit for a normal pregnancy: encounter for its supervision, first-listed (I.C.21.c.11)" +
                                    std::string(age ? ", trimester from " + std::to_string(age->weeks) + " weeks (I.C.15.a.3)" : ""),
                                view, sentence.begin, sentence.end));
    return;
  }
}

}  // namespace chartflow::coding
