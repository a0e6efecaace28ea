// A prenatal visit (I.C.21.c.11, I.C.15.b.2): the supervision of a normal pregnancy, Z34.-, is
// first-listed, by whether it is the first pregnancy (Z34.0-) or a later one (Z34.8-) and by the
// trimester its stated weeks fall in; a high-risk pregnancy's is O09.- by the risk the chart
// names, with any complication after it. Z3A gives the weeks beside either (pregnancy_coding.cpp).
// A complication of a pregnancy not called high-risk is coded from chapter 15 without Z34.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>

namespace chartflow::coding {
namespace {

// "Supervision of normal first pregnancy", "routine prenatal visit", "low-risk pregnancy",
// "supervision of high-risk pregnancy": the sentence says this visit supervises the pregnancy.
// A past one ("prior normal pregnancy") is history.
bool says_pregnancy_supervised(std::string_view sentence) {
  static constexpr std::string_view kNormal[] = {"routine prenatal", "routine ob visit", "routine obstetric", "low-risk pregnancy", "low risk pregnancy",
                                                 "uncomplicated pregnancy", "normal pregnancy", "normal first pregnancy", "normal intrauterine pregnancy",
                                                 "high-risk pregnancy", "high risk pregnancy", "high-risk ob", "high risk ob"};
  // (An infant's "BIRTH HX: Uncomplicated pregnancy" is its mother's pregnancy.)
  static constexpr std::string_view kNot[] = {"history", "hx", "prior", "previous", "last pregnancy", "birth", "born", "mother's", "her mother"};
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

// "first trimester", "2nd trimester": the trimester a sentence names, where the chart gives no weeks.
std::optional<char> stated_trimester(std::string_view sentence) {
  static constexpr std::pair<std::string_view, char> kTrimesters[] = {{"first trimester", '1'}, {"1st trimester", '1'}, {"second trimester", '2'},
                                                                      {"2nd trimester", '2'},   {"third trimester", '3'}, {"3rd trimester", '3'}};
  for (const auto& [words, digit] : kTrimesters)
    if (words::contains(sentence, words)) return digit;
  return std::nullopt;
}

struct Supervision {
  std::string code, rule;
};

// Z34.0- (first pregnancy), Z34.8- (a later one) or Z34.9-, with the trimester or 0.
Supervision normal_supervision(std::string_view chart, std::optional<char> trimester) {
  return {std::string("Z34.") + gravidity_digit(chart) + trimester.value_or('0'),
          "a prenatal visit for a normal pregnancy: encounter for its supervision, first-listed (I.C.21.c.11)"};
}

// O09.-: the supervision of a high-risk pregnancy, by the risk the chart names (an elderly
// mother, 35 or older at delivery: O09.51- first pregnancy, O09.52- a later one; a history of
// preterm labor O09.21-; conceived by in vitro fertilization O09.81-), else O09.9-; the
// trimester's digit, or 9 ("unspecified trimester") where the chart gives no weeks.
Supervision high_risk_supervision(std::string_view chart, std::optional<char> trimester) {
  const auto says = [&](std::initializer_list<std::string_view> list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return words::contains(chart, w); });
  };
  const char digit = trimester.value_or('9');
  const char pregnancy = gravidity_digit(chart);
  std::string category = "O09.9", why = "a high-risk pregnancy";
  if (says({"advanced maternal age", "elderly multigravida", "elderly primigravida", "elderly mother"}) && pregnancy != '9')
    category = pregnancy == '0' ? "O09.51" : "O09.52", why = pregnancy == '0' ? "an elderly primigravida" : "an elderly multigravida";
  else if (says({"history of preterm labor", "history of preterm delivery", "prior preterm delivery", "previous preterm delivery", "prior preterm birth"}))
    category = "O09.21", why = "a history of preterm labor";
  else if (says({"in vitro fertilization", "ivf pregnancy", "conceived via ivf", "conceived by ivf"}))
    category = "O09.81", why = "in vitro fertilization";
  const std::string code = category.size() == 5 ? category + (digit == '9' ? '0' : digit) : category + digit;
  return {code, "a prenatal visit for a high-risk pregnancy (" + why + "): its supervision, O09, first-listed (I.C.15.b.2)"};
}

}  // namespace

void Coder::add_prenatal_supervision(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text,
                                     const ChartCues& cues, const std::string& view) const {
  if (!sets_.icd10cm || std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return is_prenatal_supervision_code(c.code); })) return;
  if (cues.lowered.find("pregnan") == std::string::npos && cues.lowered.find("prenatal") == std::string::npos) return;  // most charts are of none
  const auto says = [&](std::initializer_list<std::string_view> list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return words::contains(cues.lowered, w); });
  };
  const bool high_risk = says({"high-risk", "high risk", "advanced maternal age", "elderly multigravida", "elderly primigravida"});
  // A complication of a pregnancy is coded from chapter 15 instead (Z34 Excludes1), even when the
  // chief complaint says "routine prenatal visit".
  const bool complicated = says({"complicating pregnancy", "complicating the pregnancy", "complicated by"}) ||
                           std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O"); });
  if (!high_risk && complicated) return;
  for (const auto& sentence : sentences) {
    if (!states_this_encounter(sentence, text)) continue;
    const std::string_view said = std::string_view(cues.lowered).substr(sentence.begin, sentence.end - sentence.begin);
    if (!says_pregnancy_supervised(said)) continue;
    const auto age = stated_gestational_age(text);
    const std::optional<char> trimester = age ? std::optional(age->weeks < 14 ? '1' : age->weeks < 28 ? '2' : '3') : stated_trimester(said);
    const auto supervision = high_risk ? high_risk_supervision(cues.lowered, trimester) : normal_supervision(cues.lowered, trimester);
    if (!sets_.icd10cm->is_billable(supervision.code)) return;
    std::string rule = supervision.rule;
    if (age) rule += ", trimester from " + std::to_string(age->weeks) + " weeks (I.C.15.a.3)";
    codes.push_back(stated_code(supervision.code, 0.85, std::move(rule), view, sentence.begin, sentence.end));
    return;
  }
}

}  // namespace chartflow::coding
