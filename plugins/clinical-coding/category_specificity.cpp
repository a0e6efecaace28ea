// Guidelines I.B.2 within one category: an unspecified code beside a specified one of the same
// condition, an injury named loosely beside its exact name, and terms a combination code already
// names; conflicting statements of one condition flagged. specificity.cpp compares two codes
// of one condition across categories.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace chartflow::coding {

using words::lower;

namespace {

// How many times a title leaves something open: "unspecified", and "not specified as recurrent"
// (A04.72 beside the recurrent A04.71) the same way.
int unspecified_count(const std::string& title) {
  int n = 0;
  const std::string t = lower(title);
  for (const std::string_view open : {"unspecified", "not specified"})
    for (std::size_t at = t.find(open); at != std::string::npos; at = t.find(open, at + 1)) ++n;
  return n;
}

// "... with diabetic nephropathy", "... with (acute) exacerbation": the title names a complication;
// "... with unspecified severity" (L97.529) leaves one open and names none.
bool names_a_complication(const std::string& title) {
  const std::string t = lower(title);
  const auto with = t.find(" with ");
  return with != std::string::npos && t.compare(with, 18, " with unspecified ") != 0;
}

// The complication a title names: its words from " with " on ("with (acute) exacerbation").
std::string complication_named(const std::string& title) {
  const std::string t = lower(title);
  const auto with = t.find(" with ");
  return with == std::string::npos ? std::string() : t.substr(with);
}

// Whether two symptom codes name one symptom: the charts' words for both have one head word, or
// one's word for it ("vomiting", or its title's first word: "emesis" reads "Vomiting,
// unspecified") stands in the other's title ("Nausea with vomiting, unspecified").
bool same_symptom(const ProposedCode& a, const ProposedCode& b) {
  if (a.condition == b.condition) return true;
  const auto first_title_word = [](const ProposedCode& code) {
    std::string t = lower(code.display);
    if (t.starts_with("unspecified ")) t.erase(0, 12);
    return t.substr(0, t.find_first_of(" ,("));
  };
  const auto in_title = [](const ProposedCode& code, const std::string& word) {
    return !word.empty() && words::contains(lower(code.display), word);
  };
  return in_title(b, a.condition) || in_title(a, b.condition) || in_title(b, first_title_word(a)) || in_title(a, first_title_word(b));
}

// Where a code's strongest statement stands, for a reviewer to find both sides of a conflict:
// the kind of statement and its character offset in the chart.
std::string stated_where(const ProposedCode& c) {
  const char* kind = c.statement_rank <= 0    ? "in the discharge, postoperative or final diagnoses"
                     : c.statement_rank <= 5  ? "as the reason for admission"
                     : c.statement_rank <= 10 ? "in the assessment"
                     : c.statement_rank <= 20 ? "in the admission or preoperative diagnoses"
                                              : "in the chart";
  const std::size_t at = c.statement_offset != static_cast<std::size_t>(-1) ? c.statement_offset : c.first_offset;
  return std::string(kind) + " at character " + std::to_string(at);
}

// Categories where two codes are two conditions, not two readings of one: injuries (each site
// and encounter its own), pregnancy, status and history codes.
bool one_condition_per_category(const std::string& code) {
  return !code.empty() && code[0] != 'S' && code[0] != 'T' && code[0] != 'O' && code[0] != 'Z' && code[0] != 'V' && code[0] != 'W' &&
         code[0] != 'X' && code[0] != 'Y';
}

// The side an injury title names, if one.
std::string_view side_named(const std::string& title) {
  const std::string t = lower(title);
  if (t.find("right") != std::string::npos) return "right";
  if (t.find("left") != std::string::npos) return "left";
  return "";
}

// Of two injury codes of one category and encounter, whether `vague` ("Other fracture of
// unspecified lower leg") is the chart's loose name for the injury `exact` codes ("Nondisplaced
// fracture of lateral malleolus of right fibula"): its title says "unspecified", the other's does
// not, and it names no other side. Two injuries of one region that the chart tells apart keep
// both codes.
bool loosely_names(const ProposedCode& vague, const ProposedCode& exact) {
  if (vague.code.substr(0, 3) != exact.code.substr(0, 3) || vague.code.back() != exact.code.back()) return false;
  // "Dog bite of left forearm with laceration and puncture wounds": the bite's open wound is its
  // laceration and puncture; the open bite code of the site says it (the index's "Bite > forearm").
  if (vague.code.size() >= 5 && vague.code.compare(0, 5, exact.code, 0, 5) == 0 && lower(exact.display).find("open bite") != std::string::npos &&
      (lower(vague.display).starts_with("laceration") || lower(vague.display).starts_with("puncture wound")))
    return side_named(vague.display).empty() || side_named(vague.display) == side_named(exact.display);
  // (A residual "Other fracture of right lower leg" is as loose as its unspecified side.)
  const bool residual = lower(vague.display).starts_with("other ") && !lower(exact.display).starts_with("other ");
  if ((unspecified_count(vague.display) == 0 && !residual) || unspecified_count(exact.display) > 0) return false;
  const auto side = side_named(vague.display);
  return side.empty() || side == side_named(exact.display);
}

}  // namespace

void Coder::drop_loose_injury_names(std::vector<ProposedCode>& codes) const {
  std::vector<bool> gone(codes.size(), false);
  // I.C.13.d.2: a fracture the chart calls a current pathological fracture of osteoporosis is the
  // M80 code, not a traumatic fracture code as well, even after a minor fall.
  const auto osteoporotic = std::find_if(codes.begin(), codes.end(), [](const ProposedCode& c) { return c.code.starts_with("M80"); });
  for (std::size_t i = 0; i < codes.size() && osteoporotic != codes.end(); ++i)
    if (codes[i].system == "ICD-10-CM" && codes[i].code.starts_with("S") && codes[i].display.find("fracture") != std::string::npos) {
      absorb(*osteoporotic, codes[i]);
      osteoporotic->rule += "; " + codes[i].code + " (" + codes[i].display + ") is this pathological fracture: M80, not a traumatic code (I.C.13.d.2)";
      gone[i] = true;
    }
  // Injuries, and the pathological fractures that carry an encounter character as they do (M80,
  // M84): "displaced subcapital L femoral neck fracture" beside "left femoral neck fracture".
  const auto coded_as_injury = [](const std::string& code) { return code.starts_with("S") || code.starts_with("M80") || code.starts_with("M84"); };
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (gone[i] || codes[i].system != "ICD-10-CM" || !coded_as_injury(codes[i].code)) continue;
    for (std::size_t j = 0; j < codes.size() && !gone[i]; ++j)
      if (j != i && !gone[j] && codes[j].system == "ICD-10-CM" && loosely_names(codes[i], codes[j])) {
        absorb(codes[j], codes[i]);
        codes[j].rule += "; " + codes[i].code + " (" + codes[i].display + ") is the same injury said less exactly (I.B.2)";
        gone[i] = true;
      }
  }
  std::size_t k = 0;
  std::erase_if(codes, [&](const ProposedCode&) { return gone[k++]; });
}

namespace {

// The chart's ICD-10-CM codes by the category (a pregnancy code: the subcategory) that holds one
// condition: the codes among which one may say the same thing less exactly.
std::unordered_map<std::string, std::vector<std::size_t>> by_condition_category(const std::vector<ProposedCode>& codes) {
  std::unordered_map<std::string, std::vector<std::size_t>> by_category;
  for (std::size_t i = 0; i < codes.size(); ++i)
    // A category of different disorders (E87: hyperkalemia, fluid overload, ...) holds one condition
    // per subcategory: each its own group, so the one exact code of one subcategory does not stand
    // for another's vague code.
    if (codes[i].system == "ICD-10-CM" && one_condition_per_category(codes[i].code))
      by_category[codes[i].code.substr(0, is_mixed_category(codes[i].code) ? 5 : 3)].push_back(i);
    // A pregnancy category holds many conditions (O34: scars, malpresentation, cervix, ...); one
    // subcategory holds one ("Maternal care for unspecified type scar from previous cesarean
    // delivery" O34.219 beside its low transverse scar, O34.211).
    else if (codes[i].system == "ICD-10-CM" && codes[i].code.starts_with("O") && codes[i].code.size() >= 7) by_category[codes[i].code.substr(0, 6)].push_back(i);
  return by_category;
}

// How exactly the chart names a code: first whether its title says "unspecified" at all (an
// index path that ends in "Acute myocardial infarction, unspecified" never outranks the chart's
// "NSTEMI", I21.4), then the index levels the words around it led down ("appendicitis" +
// gangrenous + peritonitis beats "acute appendicitis"), then fewer "unspecified" in its title
// (F17.210 over F17.200), then its mention's words. One total order, so every sibling meets one
// best whatever order the codes came in.
// A residual code ("Other infective otitis externa", the index's "infective NEC") is for what no
// sibling names: beside the sibling the chart names ("swimmer's ear", H60.33-) it is that
// condition said less exactly, however deep the words around it led.
class SiblingJudge {
 public:
  explicit SiblingJudge(const std::vector<ProposedCode>& codes) : codes_(codes), unspecified_(codes.size()) {
    for (std::size_t i = 0; i < codes.size(); ++i) unspecified_[i] = unspecified_count(codes[i].display);
  }
  auto exactness(std::size_t i) const {
    return std::tuple{unspecified_[i] == 0, !residual(i), codes_[i].index_depth, -unspecified_[i], codes_[i].mention_words};
  }
  // Whether x gives way to best: only when it is vaguer in a way the titles or the index show.
  bool vaguer(std::size_t x, std::size_t best) const {
    const auto& codes = codes_;
    const auto& unspecified = unspecified_;
    // A code whose title names a complication ("with diabetic nephropathy", "with (acute)
    // exacerbation") is a condition of its own beside one naming another (E11.21 beside E11.42,
    // J44.0 beside J44.1); only a sibling of the same subcategory may say it more exactly
    // (E11.319 gives way to E11.3291).
    // ... unless it names the same one ("Unspecified asthma with (acute) exacerbation" beside
    // "Moderate persistent asthma with (acute) exacerbation").
    if (names_a_complication(codes[x].display) && codes[x].code.substr(0, 5) != codes[best].code.substr(0, 5) &&
        complication_named(codes[x].display) != complication_named(codes[best].display))
      return false;
    // A symptom category holds different symptoms ("Dyspnea, unspecified" R06.00 and "Tachypnea"
    // R06.82): two of them are one only within a subcategory (R06.00 beside "shortness of breath"
    // R06.02) or when they name one condition ("abdominal pain" R10.9 beside "right lower quadrant
    // pain" R10.31; "vomiting" R11.10 beside "Nausea with vomiting" R11.2).
    if (is_symptom_code(codes[x].code) && codes[x].code.substr(0, 5) != codes[best].code.substr(0, 5) && !same_symptom(codes[x], codes[best]))
      return false;
    // A crisis is an event of its own beside the disease it strikes: "Addisonian crisis" E27.2
    // beside the primary adrenal insufficiency E27.1 of the same patient.
    // Sibling subterms the chart names together ("intramural and subserosal leiomyomata") are two conditions.
    if (codes[x].named_with_siblings && codes[best].named_with_siblings) return false;
    const auto says_crisis = [&](std::size_t i) { return lower(codes[i].display).find("crisis") != std::string::npos; };
    if (says_crisis(x) != says_crisis(best)) return false;
    return exactness(best) > exactness(x) &&
           ((unspecified[x] > 0 && unspecified[best] == 0) || unspecified[x] > unspecified[best] || codes[x].index_depth < codes[best].index_depth ||
            (residual(x) && !residual(best)) ||
            (unspecified[x] >= 1 && codes[best].mention_words > codes[x].mention_words));
  }

 private:
  bool residual(std::size_t i) const { return codes_[i].display.starts_with("Other "); }
  const std::vector<ProposedCode>& codes_;
  std::vector<int> unspecified_;
};

// Two codes of one category left, one at least stated as a diagnosis, naming one condition with neither
// the vaguer ("paroxysmal" in the discharge diagnoses, "permanent" in the attestation): the
// chart contradicts itself and a coder queries the provider.
void flag_conflicting_statements(std::vector<ProposedCode>& codes, const std::unordered_map<std::string, std::vector<std::size_t>>& by_category,
                                 const std::vector<bool>& gone) {
  for (const auto& [category, members] : by_category)
    for (const std::size_t x : members)
      for (const std::size_t y : members) {
        if (x >= y || gone[x] || gone[y] || codes[x].code == codes[y].code || codes[x].combination || codes[y].combination) continue;
        if (std::min(codes[x].statement_rank, codes[y].statement_rank) > 10 || codes[x].condition.empty() || codes[x].condition != codes[y].condition) continue;
        const std::string both = codes[x].code + " (" + codes[x].display + ", " + stated_where(codes[x]) + ") and " + codes[y].code + " (" +
                                 codes[y].display + ", " + stated_where(codes[y]) + ")";
        for (const std::size_t i : {x, y})
          codes[i].review_reasons.push_back("conflicting documentation: " + both + " are both stated for one condition; query the provider");
      }
}

}  // namespace

void Coder::drop_unspecified_in_category(std::vector<ProposedCode>& codes) const {
  // "Atrial fibrillation" in the history and "paroxysmal atrial fibrillation" in the diagnoses
  // are one condition: I48.91 beside I48.0, N18.9 beside N18.31, C50.919 beside C50.912 say less
  // of the same thing. A code gives its evidence to a sibling whose title says "unspecified"
  // fewer times, or, being an unspecified code itself, to one the chart names in more words
  // ("thrombus" I82.90 beside "deep vein thrombosis" I82.409).
  const auto by_category = by_condition_category(codes);
  const SiblingJudge judge(codes);
  std::vector<bool> gone(codes.size(), false);
  for (const auto& [category, members] : by_category) {
    if (members.size() < 2) continue;
    std::size_t best = members.front();
    for (const std::size_t y : members)
      if (judge.exactness(y) > judge.exactness(best)) best = y;
    for (const std::size_t x : members) {
      if (x == best || !judge.vaguer(x, best)) continue;
      absorb(codes[best], codes[x]);
      codes[best].rule += "; " + codes[x].code + " (" + codes[x].display + ") is the same condition said less exactly (I.B.2)";
      gone[x] = true;
    }
  }
  flag_conflicting_statements(codes, by_category, gone);
  std::size_t k = 0;
  std::erase_if(codes, [&](const ProposedCode&) { return gone[k++]; });
}

void Coder::drop_terms_a_combination_names(std::vector<ProposedCode>& codes) const {
  // A condition named by its bare word ("abscess", "hemorrhage", "ascites") beside a code that
  // names it after its "with" ("Diverticulitis of large intestine with perforation and abscess",
  // K57.20): the combination code holds it (I.A.15), so the vague code (L02.91) is not added.
  std::vector<bool> gone(codes.size(), false);
  for (std::size_t x = 0; x < codes.size(); ++x) {
    const ProposedCode& bare = codes[x];
    if (bare.system != "ICD-10-CM" || bare.mention_words != 1 || bare.condition.size() < 4) continue;
    if (unspecified_count(bare.display) == 0 && !is_symptom_code(bare.code)) continue;
    const std::string word = words::lower(bare.condition);
    for (std::size_t y = 0; y < codes.size(); ++y) {
      if (y == x || gone[y] || codes[y].system != "ICD-10-CM" || codes[y].code.substr(0, 3) == bare.code.substr(0, 3)) continue;
      const std::string title = words::lower(codes[y].display);
      const std::size_t with = title.find(" with ");
      if (with == std::string::npos || !words::contains(std::string_view(title).substr(with), word)) continue;
      absorb(codes[y], bare);
      codes[y].rule += "; " + bare.code + " (" + bare.display + ") is part of this combination code (I.A.15)";
      gone[x] = true;
      break;
    }
  }
  std::size_t k = 0;
  std::erase_if(codes, [&](const ProposedCode&) { return gone[k++]; });
}

}  // namespace chartflow::coding
