// Weeks of gestation (Z3A) beside a pregnancy code: I.C.15.a.4 asks for Z3A with every
// pregnancy-chapter code, from the gestational age the chart states ("Gestational age today:
// 28 weeks 1 day", "intrauterine pregnancy at 39 weeks 2 days", "delivered at 39w2d"). Only a
// number of weeks a gestation word stands next to counts: "8-week ultrasound", "recheck in
// 4 weeks" and a past delivery "at 40 weeks" in the OB history are not this pregnancy's age.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace chartflow::coding {
namespace {

struct Weeks {
  int weeks = 0;
  std::size_t begin = 0, end = 0;
};

using words::is_digit;

// The number of weeks that starts at `i` ("28 weeks", "39w2d", "39+2 weeks"), if one does.
std::optional<Weeks> weeks_at(std::string_view text, std::size_t i) {
  if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '-'))) return std::nullopt;
  std::size_t end = i;
  while (end < text.size() && end < i + 2 && is_digit(text[end])) ++end;
  if (end < text.size() && is_digit(text[end])) return std::nullopt;
  std::size_t k = end;
  if (k < text.size() && text[k] == '+') ++k;  // "39+2 weeks"
  while (k < text.size() && is_digit(text[k]) && k > end) ++k;
  while (k < text.size() && text[k] == ' ') ++k;
  // (Read in place: every number of a chart, a vital sign or a lab value, comes here, and a lowered
  // copy of what follows each was most of this scan's time.)
  const auto lower_at = [&](std::size_t at) { return at < text.size() ? words::kLower[static_cast<unsigned char>(text[at])] : '\0'; };
  if (lower_at(k) != 'w') return std::nullopt;
  // "weeks", "wks", or a bare "w" ("39w2d", "39 w"), not a word that starts with w ("28 with").
  const char second = lower_at(k + 1);
  const bool week = second == 'e' && lower_at(k + 2) == 'e' && lower_at(k + 3) == 'k';
  if (!week && second != 'k' && std::isalpha(static_cast<unsigned char>(second))) return std::nullopt;
  int weeks = 0;
  for (std::size_t d = i; d < end; ++d) weeks = weeks * 10 + (text[d] - '0');
  return Weeks{weeks, i, k + 1};
}

bool names_gestation(std::string_view around) {
  const std::string text = words::lower(around);
  static constexpr std::string_view kGestation[] = {"gestation", "gestational age", "pregnan", "iup", "ega", "ga:", "ga ", "delivered at",
                                                    "delivery of", "in labor", "labor at", "l&d", "preterm", "rupture of membranes", "ob estimate"};
  return std::any_of(std::begin(kGestation), std::end(kGestation), [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

// Whether the sentence says a delivery happened ("Spontaneous vaginal delivery of a single
// liveborn female infant", "delivered a viable male infant by cesarean"): a delivery word and a
// word for the infant, not an earlier pregnancy's ("prior", "previous", "history").
struct Delivery {
  bool happened = false, twins = false, stillborn = false;
};
Delivery delivery_in(std::string_view sentence) {
  const std::string text = words::lower(sentence);
  const auto says = [&](std::initializer_list<std::string_view> list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return words::contains(text, w); });
  };
  Delivery d;
  d.happened = says({"delivered", "delivery", "cesarean section", "c-section"}) &&
               says({"infant", "baby", "newborn", "neonate", "liveborn", "live-born", "live born", "viable", "boy", "girl", "male", "female", "twins",
                     "stillborn", "stillbirth"}) &&
               !says({"prior", "previous", "history", "last pregnancy", "planned", "anticipated", "expected"});
  d.twins = says({"twins", "twin"});
  d.stillborn = says({"stillborn", "stillbirth", "fetal demise"});
  return d;
}

// The childbirth sibling of a pregnancy code ("Gestational diabetes mellitus in pregnancy, diet
// controlled" -> "... in childbirth, diet controlled"; "Anemia complicating pregnancy, third
// trimester" -> "Anemia complicating childbirth"; "Severe pre-eclampsia, third trimester" ->
// "Severe pre-eclampsia, complicating childbirth"), when the category has one.
std::optional<std::string> childbirth_sibling(const CodeSet& set, const std::string& code) {
  const CodeInfo* info = set.find(code);
  if (!info) return std::nullopt;
  std::string title(info->title);
  if (const auto trimester = title.find(" trimester"); trimester != std::string::npos)
    if (const auto comma = title.rfind(", ", trimester); comma != std::string::npos) title.erase(comma);
  const auto at = title.find(" pregnancy");
  if (at != std::string::npos &&
      (std::string_view(title).substr(0, at).ends_with(" in") || std::string_view(title).substr(0, at).ends_with(" complicating")))
    title.replace(at + 1, 9, "childbirth");
  else if (title.size() < info->title.size())
    // A trimester code whose title names no pregnancy ("Gestational [pregnancy-induced] hypertension
    // without significant proteinuria, third trimester", "Severe pre-eclampsia, third trimester"):
    // its sibling is the one "complicating childbirth" (O13.4, O14.14).
    title += ", complicating childbirth";
  else
    return std::nullopt;
  std::optional<std::string> found;
  set.for_each([&](const std::string& candidate, const CodeInfo& c) {
    if (!candidate.starts_with(code.substr(0, 3))) return false;
    if (c.billable && c.title == title) found = candidate;
    return !found;
  }, code.substr(0, 3));
  return found;
}

}  // namespace

bool states_current_pregnancy(std::string_view text) {
  if (!stated_gestational_age(text)) return false;
  const std::string lowered = words::lower(text);
  const auto says = [&](std::initializer_list<std::string_view> list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return words::contains(lowered, w); });
  };
  return says({"pregnant", "intrauterine pregnancy", "iup", "in pregnancy"}) &&
         // ("a UTI in the past (not pregnant)" says it of then, not now.)
         !says({"is not pregnant", "not currently pregnant", "pregnancy test negative", "negative pregnancy test", "hcg negative", "negative hcg"});
}

void Coder::code_conditions_complicating_pregnancy(std::vector<ProposedCode>& codes, std::string_view text) const {
  // I.C.15.a.1: a pregnant patient's condition is coded in chapter 15 unless the provider says it
  // does not affect the pregnancy. Obesity's O99.21- asks for the E66 code of the obesity too.
  // Anemia's O99.01- asks for the anemia's own code beside it too.
  // Smoking's O99.33- asks for the F17 code of the tobacco (or the Z72.0 tobacco use) beside it.
  static constexpr std::pair<std::string_view, std::string_view> kFamilies[] = {
      {"E66", "O99.210"}, {"D50", "O99.019"}, {"D51", "O99.019"},   {"D52", "O99.019"},
      {"D53", "O99.019"}, {"D64.9", "O99.019"}, {"F17.2", "O99.330"}, {"Z72.0", "O99.330"}};
  // A urinary infection of a pregnancy is O23 instead, with no code of its own beside it.
  // So is essential hypertension: O10.0- includes I10 (its use-additional notes are for I11-I13 only);
  // and group B streptococcus carriage (the index: Carrier, streptococci, group B, complicating
  // pregnancy or delivery O99.82-).
  static constexpr std::pair<std::string_view, std::string_view> kInstead[] = {{"N39.0", "O23.40"}, {"N30.0", "O23.10"}, {"N30.9", "O23.10"},
                                                                                {"N10", "O23.00"},   {"I10", "O10.019"},  {"Z22.330", "O99.820"}};
  // A pregnancy chart: one with a pregnancy code, or one that states the patient pregnant at a
  // gestational age ("31 yo G2P1 at 9 weeks 3 days ... acute cystitis in pregnancy").
  if (!sets_.icd10cm || (std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O") && c.code != "O09.90"; }) &&
                         !states_current_pregnancy(text)))
    return;
  std::vector<ProposedCode> added;
  for (const auto& [condition, pregnancy_code] : kFamilies) {
    const std::string_view family = pregnancy_code.substr(0, 6);
    if (std::any_of(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.code.starts_with(family); })) continue;
    const auto it = std::find_if(codes.begin(), codes.end(), [&](const ProposedCode& c) { return c.code.starts_with(condition); });
    const auto* info = sets_.icd10cm->find(pregnancy_code);
    if (it == codes.end() || !info) continue;
    ProposedCode c = *it;
    c.code = std::string(pregnancy_code), c.display = std::string(info->title);
    c.rule = "a condition of a pregnancy chart is coded in chapter 15 (I.C.15.a.1): " + it->code + " -> " + c.code + ", with " + it->code + " beside it";
    c.combination = false, c.etiology.clear(), c.manifestation.clear();
    added.push_back(std::move(c));
  }
  for (auto& c : added) codes.push_back(std::move(c));
  // A urinary infection without its site beside the cystitis or pyelonephritis the chart names is
  // that infection (O23.4- would be a second one beside O23.1-).
  const auto site = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("N30") || c.code.starts_with("N10"); });
  if (site != codes.end())
    for (std::size_t i = 0; i < codes.size(); ++i)
      if (codes[i].code == "N39.0") {
        const std::size_t into = static_cast<std::size_t>(site - codes.begin());
        absorb(codes[into], codes[i]);
        codes.erase(codes.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
  code_complications_of_abortive_outcome(codes);
  for (auto& c : codes)
    for (const auto& [condition, pregnancy_code] : kInstead)
      if (c.code.starts_with(condition))
        if (const auto* info = sets_.icd10cm->find(pregnancy_code)) {
          c.rule += "; a condition of a pregnancy chart is coded in chapter 15 (I.C.15.a.1): " + c.code + " -> " + std::string(pregnancy_code);
          c.code = std::string(pregnancy_code), c.display = std::string(info->title);
        }
  superimpose_pre_eclampsia(codes);
}

// An ectopic or molar pregnancy's complications are O08 codes (O00-O02 "use additional code from
// category O08"): its hemoperitoneum or hemorrhage O08.1, its shock O08.3, its kidney failure
// O08.4, in place of the other chapters' codes.
void Coder::code_complications_of_abortive_outcome(std::vector<ProposedCode>& codes) const {
  if (std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O00") || c.code.starts_with("O01") || c.code.starts_with("O02"); }))
    return;
  static constexpr std::pair<std::string_view, std::string_view> kComplications[] = {{"K66.1", "O08.1"}, {"R58", "O08.1"}, {"R57", "O08.3"}, {"N17", "O08.4"}};
  for (auto& c : codes)
    for (const auto& [condition, o08] : kComplications)
      if (c.system == "ICD-10-CM" && c.code.starts_with(condition))
        if (const auto* info = sets_.icd10cm->find(o08)) {
          c.rule += "; a complication of an ectopic or molar pregnancy (O00-O02: use additional code from O08) -> " + std::string(o08);
          c.code = std::string(o08), c.display = std::string(info->title);
        }
  // One O08 code for what two of its conditions name (hemoperitoneum and hemorrhage).
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = i + 1; j < codes.size();)
      if (codes[j].code == codes[i].code && codes[i].code.starts_with("O08")) absorb(codes[i], codes[j]), codes.erase(codes.begin() + static_cast<std::ptrdiff_t>(j));
      else ++j;
}

// Pre-eclampsia in a patient with pre-existing hypertension is O11 (its trimester or childbirth
// the pre-eclampsia's), with the O10 code of the hypertension's type beside it (O11's note); O14
// excludes it.
void Coder::superimpose_pre_eclampsia(std::vector<ProposedCode>& codes) const {
  const auto hypertension = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O10"); });
  const auto pre_eclampsia = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O14"); });
  if (hypertension == codes.end() || pre_eclampsia == codes.end()) return;
  const auto refined = refine("O11", pre_eclampsia->display);
  if (!refined) return;
  pre_eclampsia->rule += "; with pre-existing hypertension (" + hypertension->code + "): pre-eclampsia superimposed on it -> " + refined->code +
                         " (O11; O14 Excludes1 it), the hypertension's O10 code beside it";
  pre_eclampsia->code = refined->code, pre_eclampsia->display = std::string(sets_.icd10cm->find(refined->code)->title);
}

void Coder::code_delivery(std::vector<ProposedCode>& codes, const std::vector<SentenceInput>& sentences, std::string_view text,
                          const std::string& view) const {
  if (!sets_.icd10cm || std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("O"); })) return;
  for (const auto& sentence : sentences) {
    if (!states_this_encounter(sentence, text)) continue;  // an earlier pregnancy's delivery is history
    const Delivery d = delivery_in(text.substr(sentence.begin, sentence.end - sentence.begin));
    if (!d.happened) continue;
    // The conditions of this pregnancy are now those of its childbirth (O24.41- -> O24.42-).
    for (auto& c : codes)
      if (c.code.starts_with("O"))
        if (const auto sibling = childbirth_sibling(*sets_.icd10cm, c.code)) {
          c.rule += "; the chart records the delivery: " + c.code + " -> " + *sibling + " (the childbirth code)";
          c.code = *sibling, c.display = std::string(sets_.icd10cm->find(*sibling)->title);
        }
    // Preterm labor that ended in this delivery is "with preterm delivery" (O60.1-), the labor's
    // trimester taken for the delivery's too (one stay); 7th character 0 for one fetus.
    for (auto& c : codes)
      if ((c.code == "O60.00" || c.code == "O60.02" || c.code == "O60.03") && !d.twins) {
        const std::string with = c.code == "O60.03" ? "O60.14X0" : c.code == "O60.02" ? "O60.12X0" : "O60.10X0";
        if (const CodeInfo* info = sets_.icd10cm->find(with); info && info->billable) {
          c.rule += "; the chart records the delivery: " + c.code + " -> " + with + " (preterm labor with preterm delivery, one fetus)";
          c.code = with, c.display = std::string(info->title);
        }
      }
    // I.C.15.b.5: an outcome of delivery on every maternal record with a delivery.
    const std::string outcome = d.twins ? (d.stillborn ? "Z37.3" : "Z37.2") : d.stillborn ? "Z37.1" : "Z37.0";
    if (std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("Z37"); }) && sets_.icd10cm->is_billable(outcome)) {
      codes.push_back(stated_code(outcome, 0.85, "the outcome of the delivery the chart records (I.C.15.b.5: a Z37 code on every maternal record with a delivery)",
                                  view, sentence.begin, sentence.end));
    }
    return;
  }
}

namespace {

struct Laceration {
  int degree = 0;
  std::size_t begin = 0, end = 0;
  bool repaired = false;
};

// "second degree perineal laceration", "2nd-degree tear", "third degree laceration": the degree
// of the perineal laceration the chart states, its words, and whether its line says it was
// repaired. The highest degree stated is the one coded (O70: one code for the laceration).
std::optional<Laceration> stated_laceration(std::string_view text) {
  static constexpr std::pair<std::string_view, int> kDegrees[] = {{"first", 1}, {"1st", 1}, {"second", 2}, {"2nd", 2},
                                                                   {"third", 3}, {"3rd", 3}, {"fourth", 4}, {"4th", 4}};
  const std::string lowered = words::lower(text);
  std::optional<Laceration> found;
  for (const auto& [word, degree] : kDegrees)
    for (std::size_t at = words::find(lowered, word); at != std::string::npos; at = words::find(lowered, word, at + 1)) {
      std::size_t k = at + word.size();
      if (lowered.compare(k, 7, " degree") != 0 && lowered.compare(k, 7, "-degree") != 0) continue;
      const std::string_view after = std::string_view(lowered).substr(k + 7, 40);
      const std::size_t noun = std::min(after.find("laceration"), after.find("tear"));
      if (noun == std::string_view::npos || after.substr(0, noun).find_first_of(".;\n") != std::string_view::npos) continue;
      if (found && found->degree > degree) continue;
      const std::size_t line_begin = lowered.rfind('\n', at) == std::string::npos ? 0 : lowered.rfind('\n', at) + 1;
      const std::size_t line_end = std::min(lowered.find('\n', at), lowered.size());
      const std::string_view line = std::string_view(lowered).substr(line_begin, line_end - line_begin);
      const bool repaired = words::contains(line, "repaired") || words::contains(line, "repair") || words::contains(line, "sutured");
      if (found && found->degree == degree) found->repaired = found->repaired || repaired;  // the tear named again, where its repair is
      else found = Laceration{degree, at, k + 7 + noun, repaired};
    }
  return found;
}

// A third-degree tear's extent (O70.21-O70.23), read on the lines that describe a tear: "grade
// 3b", "IIIb", "more than 50% of the external anal sphincter thickness". 0 when none is stated.
char third_degree_extent(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kExtents[] = {
      {"3a", 'a'}, {"iiia", 'a'}, {"less than 50%", 'a'}, {"<50%", 'a'}, {"3b", 'b'}, {"iiib", 'b'}, {"more than 50%", 'b'}, {">50%", 'b'},
      {"3c", 'c'}, {"iiic", 'c'}};
  const std::string lowered = words::lower(text);
  char extent = 0;
  for (std::size_t begin = 0; begin < lowered.size();) {
    const std::size_t end = std::min(lowered.find('\n', begin), lowered.size());
    const std::string_view line = std::string_view(lowered).substr(begin, end - begin);
    if (words::contains(line, "laceration") || words::contains(line, "tear") || words::contains(line, "sphincter"))
      for (const auto& [words_said, said] : kExtents)
        if ((words_said.find_first_of("<>%") != std::string_view::npos ? line.find(words_said) : words::find(line, words_said)) != std::string_view::npos)
          extent = std::max(extent, said);  // the deepest stated
    begin = end + 1;
  }
  return extent;
}

}  // namespace

void Coder::code_obstetric_laceration(std::vector<ProposedCode>& dx, std::vector<ProposedCode>& px, std::string_view text, const std::string& view) const {
  // Only on the record of a delivery (code_delivery has added its Z37 outcome).
  if (!sets_.icd10cm || std::none_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("Z37"); })) return;
  const auto tear = stated_laceration(text);
  if (!tear) return;
  static const char* const kDiagnosis[] = {"", "O70.0", "O70.1", "O70.20", "O70.3"};
  std::string code = kDiagnosis[tear->degree];
  // A third-degree tear by its extent: IIIa, IIIb, or IIIc with the internal sphincter torn too.
  if (const char extent = tear->degree == 3 ? third_degree_extent(text) : 0) code = std::string("O70.2") + (extent == 'a' ? "1" : extent == 'b' ? "2" : "3");
  if (sets_.icd10cm->is_billable(code) && std::none_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("O70"); }))
    dx.push_back(stated_code(code, 0.85, "perineal laceration of degree " + std::to_string(tear->degree) + " during the delivery the chart records", view,
                             tear->begin, tear->end));
  if (!tear->repaired || !sets_.icd10pcs) return;
  // The repair by the depth the degree names: skin (1st), perineal muscle (2nd), anal sphincter
  // (3rd), and the rectal mucosa with it (4th).
  static const std::vector<std::string> kRepair[] = {{}, {"0HQ9XZZ"}, {"0KQM0ZZ"}, {"0DQR0ZZ"}, {"0DQP0ZZ", "0DQR0ZZ"}};
  for (const auto& repair : kRepair[tear->degree]) {
    const auto* info = sets_.icd10pcs->find(repair);
    if (!info || std::any_of(px.begin(), px.end(), [&](const ProposedCode& c) { return c.code == repair; })) continue;
    ProposedCode c;
    c.system = "ICD-10-PCS", c.code = repair, c.version = sets_.icd10pcs->version(), c.display = std::string(info->title);
    c.confidence = 0.8, c.role = "procedure";
    c.rule = "repair of the degree " + std::to_string(tear->degree) + " perineal laceration the chart states was repaired";
    c.evidence = {{view, tear->begin, tear->end}};
    c.first_offset = tear->begin;
    px.push_back(std::move(c));
  }
}

// I.C.15.a.3: the trimester is counted from the first day of the last menstrual period: first
// under 14 weeks, second 14 to under 28, third from 28. A pregnancy code the chart left at
// "unspecified trimester" takes its sibling of the trimester the stated weeks fall in.
void Coder::assign_trimester(std::vector<ProposedCode>& codes, int weeks) const {
  const std::string_view trimester = weeks < 14 ? "first trimester" : weeks < 28 ? "second trimester" : "third trimester";
  for (auto& c : codes) {
    if (!c.code.starts_with("O") || words::lower(c.display).find("unspecified trimester") == std::string::npos) continue;
    // Preterm labor with preterm delivery names two trimesters (O60.12 second and second, O60.14
    // third and third): one stay's labor and delivery both fall in the stated weeks' trimester.
    if (c.code.starts_with("O60.10X") && weeks >= 14) {
      const std::string both = (weeks < 28 ? "O60.12" : "O60.14") + c.code.substr(6);
      if (const auto* info = sets_.icd10cm->find(both); info && info->billable) {
        c.rule += "; " + std::to_string(weeks) + " weeks of gestation: " + std::string(trimester) + " labor and delivery (I.C.15.a.3) -> " + both;
        c.code = both, c.display = std::string(info->title);
      }
      continue;
    }
    for (const auto& sibling : sets_.icd10cm->matching(c.code.substr(0, c.code.size() - 1) + "-", 12)) {
      const auto* info = sets_.icd10cm->find(sibling);
      if (!info || !info->billable || words::lower(std::string(info->title)).find(trimester) == std::string::npos) continue;
      c.rule += "; " + std::to_string(weeks) + " weeks of gestation: " + std::string(trimester) + " (I.C.15.a.3) -> " + sibling;
      c.code = sibling, c.display = std::string(info->title);
      break;
    }
  }
}

std::optional<GestationalAge> stated_gestational_age(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto found = weeks_at(text, i);
    if (!found) continue;
    const std::size_t from = found->begin > 40 ? found->begin - 40 : 0;
    // The gestation word before the number in its line, or right after it ("39 weeks gestation").
    std::string_view before = text.substr(from, found->begin - from);
    if (const auto line = before.rfind('\n'); line != std::string_view::npos) before.remove_prefix(line + 1);
    if (!names_gestation(before) && !names_gestation(text.substr(found->end, 16))) continue;
    // "home pregnancy test positive 2 weeks ago": a time since, not the gestation's weeks.
    std::size_t unit_end = found->end;  // past the unit's word ("weeks", "wks", "w")
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end]))) ++unit_end;
    const std::string next = words::lower(text.substr(unit_end, 6));
    if (const std::size_t word = next.find_first_not_of(' '); word != std::string::npos && next.compare(word, 3, "ago") == 0) continue;
    return GestationalAge{found->weeks, found->begin, found->end};
  }
  return std::nullopt;
}

void Coder::add_weeks_of_gestation(std::vector<ProposedCode>& codes, std::string_view text, const std::string& view) const {
  // A pregnancy-chapter code, or the supervision of a normal pregnancy (Z34) a prenatal visit is for.
  if (text.empty() || !sets_.icd10cm || std::none_of(codes.begin(), codes.end(), [](const ProposedCode& c) {
        return (c.code.starts_with("O") && c.code != "O09.90") || c.code.starts_with("Z34");
      }))
    return;
  const auto age = stated_gestational_age(text);
  if (!age) return;
  const int weeks = age->weeks;
  assign_trimester(codes, weeks);
  if (std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("Z3A"); })) return;
  // No weeks of gestation for a pregnancy with an abortive outcome (O00-O08: ectopic, molar,
  // miscarriage, their complications): Z3A is coded with the complications of O09-O9A its
  // Tabular names, and the guidelines leave abortive outcomes out.
  if (std::any_of(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.size() >= 3 && c.code[0] == 'O' && c.code[1] == '0' && c.code[2] <= '8'; }))
    return;
  const std::string code = weeks < 8 ? "Z3A.01" : weeks > 42 ? "Z3A.49" : "Z3A." + std::string(weeks < 10 ? "0" : "") + std::to_string(weeks);
  if (!sets_.icd10cm->is_billable(code)) return;
  codes.push_back(stated_code(code, 0.85,
                              "weeks of gestation " + std::to_string(weeks) + " stated with a pregnancy code (I.C.15.a.4: Z3A with every pregnancy-chapter code)",
                              view, age->begin, age->end));
}

// A pregnancy's codes (chapter 15, O00-O9A) are for the mother's record (I.C.15.a.1), whose age
// Medicare's code editor checks at 9 to 64: a chart of a child the chart states younger ("Age: 6
// weeks", with "breech presentation in utero" in a hip ultrasound's indication) takes none.
void Coder::drop_maternal_codes_of_a_child(std::vector<ProposedCode>& dx, std::string_view text) const {
  constexpr int kYoungestMother = 9;
  if (std::none_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("O"); })) return;
  if (const auto age = stated_age(text); age && *age < kYoungestMother)
    std::erase_if(dx, [](const ProposedCode& c) { return c.system == "ICD-10-CM" && c.code.starts_with("O"); });
}

}  // namespace chartflow::coding
