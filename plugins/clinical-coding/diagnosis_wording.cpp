// What a diagnosis mention's own wording changes in the code the index gave it: an old infarction,
// a previous cesarean's scar, a lung nodule, a drug-induced nephritis, a recurrent C. difficile,
// localized lymph nodes, what a smoker smokes, a named cause, a DSM-5 use disorder (the rest of
// code_diagnosis is in mention_coding.cpp).
#include "coder.hpp"
#include "hematopoietic.hpp"
#include "ulcer_coding.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

using words::says_any;

// "Opioid use disorder, severe", "alcohol use disorder, mild, in early remission": the DSM-5
// names the Index lists under Disorder, <substance> use: mild is abuse (F1x.10), moderate or
// severe dependence (F1x.20), in remission F1x.11 / F1x.21. The mention stage finds "opioid use"
// (F11.90) and the walk from there would read "use with disorder". No severity, no change.
std::optional<std::pair<std::string, std::string>> use_disorder_code(const MentionInput& m, const std::string& candidate) {
  if (candidate.size() < 3 || candidate[0] != 'F' || candidate[1] != '1' || candidate[2] == '7') return std::nullopt;  // F17: nicotine
  std::string after = words::lower(m.after);
  const std::size_t start = after.find_first_not_of(" -");
  if (start == std::string::npos || after.compare(start, 8, "disorder") != 0) return std::nullopt;
  after = after.substr(start, 80);
  if (const auto stop = after.find_first_of(".;\n"); stop != std::string::npos) after.resize(stop);
  // "Opioid use disorder (opioid dependence), in sustained remission": dependence by name.
  const char severity = words::contains(after, "mild")                                                                       ? '1'
                        : (words::contains(after, "moderate") || words::contains(after, "severe") || words::contains(after, "dependence")) ? '2'
                                                                                                                                         : 0;
  if (!severity) return std::nullopt;
  const char remission = after.find("remission") != std::string::npos ? '1' : '0';
  // "... severe (opioid dependence), with active withdrawal": with withdrawal (F11.23), for the
  // substances whose withdrawal code is complete at five characters (opioids, cannabis, cocaine,
  // other stimulants; alcohol's F10.23- wants the withdrawal's kind).
  const bool withdrawal = remission == '0' && words::contains(after, "withdrawal") && std::string_view("1245").find(candidate[2]) != std::string_view::npos;
  // "... severe, with methamphetamine-induced psychotic disorder with delusions": the use disorder
  // with its psychotic disorder (F15.250: 5th character 5, then delusions 0, hallucinations 1).
  const bool psychotic = remission == '0' && !withdrawal && (words::contains(after, "psychotic disorder") || words::contains(after, "psychosis"));
  if (psychotic) {
    const char kind = words::contains(after, "delusions") ? '0' : words::contains(after, "hallucinations") ? '1' : '9';
    return std::pair{candidate.substr(0, 3) + "." + severity + '5' + kind,
                     std::string("DSM-5 'use disorder': ") + (severity == '1' ? "mild is abuse" : "moderate or severe is dependence") +
                         ", with the psychotic disorder it induced (Index: Dependence, drug, with, psychotic disorder)"};
  }
  return std::pair{candidate.substr(0, 3) + "." + severity + (withdrawal ? '3' : remission),
                   std::string("DSM-5 'use disorder': ") + (severity == '1' ? "mild is abuse" : "moderate or severe is dependence") +
                       (remission == '1' ? ", in remission" : "") + (withdrawal ? ", with withdrawal" : "") + " (Index: Disorder, use)"};
}

// The clause after a condition says another disease causes it: "secondary to pancreatic cancer",
// "due to chronic pancreatitis" (not a drug, a procedure or a transplant).
bool due_to_another_disease(const MentionInput& m) {
  std::string_view after = m.after.substr(0, std::min<std::size_t>(m.after.size(), 60));
  if (const auto end = after.find_first_of(";."); end != std::string_view::npos) after = after.substr(0, end);
  const std::string lowered = words::lower(after);
  std::size_t cue = words::find(lowered, "secondary to");
  if (cue == std::string::npos) cue = words::find(lowered, "due to");
  if (cue == std::string::npos || cue > 12) return false;
  static constexpr std::string_view kNotADisease[] = {"steroid", "steroids", "prednisone", "drug", "drugs", "medication", "medications", "chemotherapy",
                                                      "pancreatectomy", "surgery", "resection", "transplant", "transplantation", "tacrolimus"};
  return !says_any(std::string_view(lowered).substr(cue), kNotADisease);
}

// "Allergy, unspecified" (T78.40) is an injury code: a reaction being treated. "Cephalexin allergy
// history", "seasonal allergies" or "allergies to penicillin" name a status or a disease the index
// reads elsewhere (Z88.-, J30.-), so the bare code needs a reaction in the sentence.
bool names_an_allergic_reaction(const MentionInput& m) {
  static constexpr std::string_view kReaction[] = {"reaction", "anaphylaxis", "anaphylactic", "hives", "urticaria", "angioedema", "wheals",
                                                   "epinephrine", "epipen", "diphenhydramine", "benadryl", "swelling of", "lip swelling"};
  return says_any(m.context, kReaction);
}

// Whether "<word>-induced" names a drug of its own ("lithium-induced"), not drugs in general
// ("drug-induced", "medication-induced").
bool names_the_inducing_drug(std::string_view lowered) {
  static constexpr std::string_view kGeneric[] = {"drug", "drugs", "medication", "medications", "medicine", "medicament", "substance"};
  for (std::size_t at = lowered.find("induced"); at != std::string_view::npos; at = lowered.find("induced", at + 1)) {
    std::size_t end = at;
    while (end > 0 && (lowered[end - 1] == '-' || lowered[end - 1] == ' ')) --end;
    std::size_t begin = end;
    while (begin > 0 && std::isalpha(static_cast<unsigned char>(lowered[begin - 1]))) --begin;
    const std::string_view word = lowered.substr(begin, end - begin);
    if (word.size() > 2 && std::find(std::begin(kGeneric), std::end(kGeneric), word) == std::end(kGeneric)) return true;
  }
  return false;
}

}  // namespace

// Its sentence's words for when, where, how much and what caused it; false: the mention's code is none
// of this chart's (an allergy with no reaction, a cesarean that is this delivery).
bool Coder::reword_by_context(const MentionInput& m, AssertionReading& reading) const {
  // (Under every policy: "allergy to pyrazolones" in a history is a status, not an allergic
  // reaction the all-findings policy would code as a finding.)
  if (reading.candidate.starts_with("T78.40") && !names_an_allergic_reaction(m)) return false;
  // I21 is for four weeks from the infarction; "an MI about six months ago" is an old one (I25.2).
  static constexpr std::string_view kLongAgo[] = {"months ago", "years ago", "year ago"};
  if ((reading.candidate.starts_with("I21") || reading.candidate.starts_with("I22")) && says_any(m.context, kLongAgo))
    reading.rule += "; more than four weeks ago: old myocardial infarction -> I25.2", reading.candidate = "I25.2";
  // The index's "Cesarean delivery, previous > low transverse scar" wants a word the chart rarely
  // writes ("two prior low transverse cesareans"): the incision's type names the scar's.
  if (reading.candidate == "O34.219") {
    // ... and is about a previous one: "arrest of labor -> primary low transverse cesarean
    // delivery" is this delivery (its procedure is coded), no scar the pregnancy's care is for.
    static constexpr std::string_view kEarlier[] = {"previous", "prior", "repeat", "history", "scar", "vbac", "tolac", "trial of labor",
                                                    "s/p", "status post", "post-cesarean", "two", "three", "x2", "x 2"};
    if (m.status != Assertion::historical && !says_any(m.context, kEarlier)) return false;
    static constexpr std::string_view kLowTransverse[] = {"low transverse", "lower segment", "ltcs"};
    static constexpr std::string_view kVertical[] = {"classical", "vertical", "low vertical"};
    if (says_any(m.context, kLowTransverse)) reading.rule += "; low transverse -> O34.211", reading.candidate = "O34.211";
    else if (says_any(m.context, kVertical)) reading.rule += "; vertical (classical) -> O34.212", reading.candidate = "O34.212";
  }
  // "New 11 mm solid right upper lobe pulmonary nodule": the index's "Nodule > lung, solitary"
  // (R91.1) wants "solitary", which one nodule is; several are R91.8.
  if (const std::string said = reading.candidate == "R22.9" ? words::lower(m.text) : std::string(); said.starts_with("nodule")) {
    static constexpr std::string_view kLung[] = {"pulmonary", "lung", "upper lobe", "lower lobe", "middle lobe", "lingula", "lingular"};
    const std::string_view near_before = m.before.substr(m.before.size() > 40 ? m.before.size() - 40 : 0);
    if (says_any(near_before, kLung) || says_any(m.after.substr(0, std::min<std::size_t>(m.after.size(), 30)), kLung)) {
      const bool several = said.starts_with("nodules");
      reading.rule += several ? "; nodules of the lung -> R91.8" : "; one nodule of the lung, solitary -> R91.1";
      reading.candidate = several ? "R91.8" : "R91.1";
    }
  }
  // Subsegmental PE (I26.93, I26.94) is one with no larger artery involved: "segmental/subsegmental"
  // or lobar emboli are the other pulmonary embolism (I26.99).
  static constexpr std::string_view kLarger[] = {"segmental", "lobar"};
  if ((reading.candidate == "I26.93" || reading.candidate == "I26.94") && says_any(m.context, kLarger))
    reading.rule += "; segmental or lobar arteries too -> I26.99", reading.candidate = "I26.99";
  // "Drug-induced acute interstitial nephritis": a nephropathy a drug caused, N14.1- (contrast N14.11),
  // not the infective tubulo-interstitial nephritis (N10, N12) the index reads "interstitial" as.
  static constexpr std::string_view kDrugInduced[] = {"drug-induced", "drug induced", "medication-induced", "medication induced"};
  if ((reading.candidate == "N10" || reading.candidate == "N12") && says_any(m.context, kDrugInduced)) {
    const bool contrast = words::contains(words::lower(m.context), "contrast");
    reading.rule += "; a drug caused it -> " + std::string(contrast ? "N14.11" : "N14.19");
    reading.candidate = contrast ? "N14.11" : "N14.19";
  }
  // "Lithium-induced chronic tubulointerstitial nephropathy": the drug is named, so the index's
  // "Nephropathy > drug-induced > specified NEC" (N14.19), not the unspecified drug's N14.2.
  if (reading.candidate == "N14.2" && names_the_inducing_drug(words::lower(m.context)))
    reading.rule += "; the drug is named -> N14.19", reading.candidate = "N14.19";
  // "Recurrent C. difficile colitis", "third episode ... recurrence": A04.71, the recurrent one.
  static constexpr std::string_view kRecurrent[] = {"recurrent", "recurrence", "relapse", "relapsed"};
  if (reading.candidate == "A04.72" && says_any(m.context, kRecurrent)) reading.rule += "; recurrent -> A04.71", reading.candidate = "A04.71";
  // Lymph nodes of one region ("cervical lymphadenopathy", "enlarged axillary nodes") are
  // localized (R59.0), not the index's generalized lymphadenopathy (R59.1).
  static constexpr std::string_view kGeneralized[] = {"generalized", "generalised", "diffuse", "widespread", "multiple regions"};
  // ("Locoregional lymphadenopathy" near a tumour says as much without naming the region.)
  static constexpr std::string_view kLocalized[] = {"localized", "localised", "locoregional", "regional"};
  if (reading.candidate == "R59.1" && !says_any(m.context, kGeneralized)) {
    if (const char region = lymph_node_site(words::lower(m.context)); region != '0' && region != '8')
      reading.rule += "; lymph nodes of one region -> R59.0", reading.candidate = "R59.0";
    else if (says_any(m.context, kLocalized))
      reading.rule += "; localized -> R59.0", reading.candidate = "R59.0";
  }
  return true;
}

// The chart's words for what caused the condition and what a smoker smokes.
void Coder::reword_by_cause_and_habit(const MentionInput& m, const ChartFacts& chart, AssertionReading& reading) const {
  // A smoker is nicotine dependent ("Smoker - see Dependence, drug, nicotine": F17.200); F17.210
  // is for cigarettes, which the chart says ("cigarettes", "1 ppd", "40 pack-years") or not.
  static constexpr std::string_view kCigarettes[] = {"cigarette", "cigarettes", "cigs", "ppd", "pack", "packs", "pack-year", "pack-years"};
  if (reading.candidate == "F17.210" && !says_any(m.context, kCigarettes))
    reading.rule += "; what is smoked is not stated -> F17.200", reading.candidate = "F17.200";
  // "Diabetes mellitus secondary to pancreatic cancer": a diabetes another disease causes is the
  // index's "due to underlying condition" (E08), not its "secondary diabetes mellitus NEC" (E13,
  // which stays for one after a pancreatectomy or another procedure; a drug's is E09).
  if (reading.candidate.starts_with("E13") && due_to_another_disease(m)) {
    const std::string underlying = "E08" + reading.candidate.substr(3);
    if (sets_.icd10cm->find(underlying)) reading.rule += "; due to an underlying condition -> " + underlying, reading.candidate = underlying;
  }
  // "Hypertension secondary to coarctation of the aorta": a secondary hypertension whose cause the
  // chart names is "other secondary hypertension" (I15.8) unless the index gives the cause its own
  // (renovascular I15.0, renal I15.1, endocrine I15.2).
  if (reading.candidate == "I15.9" && due_to_another_disease(m)) reading.rule += "; its cause is named -> I15.8", reading.candidate = "I15.8";
  // "Asplenia" after a splenectomy is the index's "Asplenia > postsurgical" (Z90.81), not the
  // congenital absence (Q89.01).
  if (reading.candidate == "Q89.01" && chart.splenectomy) reading.rule += "; the chart names a splenectomy: acquired -> Z90.81", reading.candidate = "Z90.81";
  // ... and the other way: "Tobacco use disorder - cigarettes, 1 ppd" (not an e-cigarette's vapor).
  static constexpr std::string_view kOtherProducts[] = {"e-cigarette", "e-cigarettes", "electronic", "vape", "vapes", "vaping", "cigar", "cigars", "pipe", "chew", "snuff", "dip"};
  if (reading.candidate == "F17.200" && says_any(m.context, kCigarettes) && !says_any(m.context, kOtherProducts))
    reading.rule += "; cigarettes -> F17.210", reading.candidate = "F17.210";
  if (reading.candidate.starts_with("L97."))
    if (const auto ulcer = lower_limb_ulcer_code(m)) reading.rule += "; " + ulcer->rule, reading.candidate = ulcer->code;
  if (const auto dsm = use_disorder_code(m, reading.candidate)) {
    reading.rule += "; " + dsm->second + " -> " + dsm->first;
    reading.candidate = dsm->first;
  }
}

}  // namespace chartflow::coding
