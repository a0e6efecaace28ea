// The approach of an operation the chart names without one ("Total thyroidectomy", "Bilateral
// total salpingectomy"): open when its report describes cutting in ("a 5 cm Kocher incision was
// made", "Pfannenstiel incision", "the joint capsule was incised") and nothing in the chart says
// a scope, a port, a needle or a catheter did it. PCS defines the open approach as cutting
// through the skin or mucous membrane to expose the site (Definitions, approach 0); an incision
// and no instrument of another approach is what a coder reads the approach from.
#include "coder.hpp"
#include "common/words.hpp"

#include <algorithm>
#include <span>

namespace chartflow::coding {
namespace {

constexpr std::string_view kIncisions[] = {"incision",    "incisions",   "incised",     "pfannenstiel", "laparotomy",
                                           "sternotomy",  "thoracotomy", "craniotomy",  "arthrotomy",   "cutdown"};
// Words of every other approach: a chart with any of them is left for the coder to read.
constexpr std::string_view kOtherApproaches[] = {
    "laparoscopic", "laparoscopically", "laparoscopy", "thoracoscopic", "thoracoscopy", "arthroscopic", "arthroscopy", "arthroscopically",
    "endoscopic",   "endoscopically",   "endoscopy",   "cystoscopy",    "cystoscopic",  "ureteroscopy", "hysteroscopy", "hysteroscopic",
    "bronchoscopy", "colonoscopy",      "percutaneous", "percutaneously", "trocar",      "trocars",      "robotic",      "robot",
    "vats",         "transcatheter",    "endovascular", "fluoroscopic",  "fluoroscopy", "port",         "ports",        "scope"};

// Whether a sentence of this encounter (not a history or a list) describes an incision.
bool describes_an_incision(const std::vector<SentenceInput>& sentences, std::string_view lowered) {
  return std::any_of(sentences.begin(), sentences.end(), [&](const SentenceInput& s) {
    return states_this_encounter(s, lowered) && words::contains_any(lowered.substr(s.begin, s.end - s.begin), kIncisions);
  });
}

}  // namespace

void Coder::complete_open_approach(std::vector<ProposedCode>& px, const std::vector<SentenceInput>& sentences, std::string_view text) const {
  // Only a code the approach alone leaves partial: an open body part or root operation is more
  // than an incision can tell.
  const auto approach_only = [](const ProposedCode& c) {
    return c.partial && c.system == "ICD-10-PCS" && c.code.size() == 7 && c.code[0] == '0' && c.code[4] == '-' &&
           std::count(c.code.begin(), c.code.end(), '-') == 1;
  };
  if (!sets_.icd10pcs || std::none_of(px.begin(), px.end(), approach_only)) return;
  const std::string lowered = words::lower(text);
  if (words::contains_any(lowered, kOtherApproaches) || !describes_an_incision(sentences, lowered)) return;
  for (auto& c : px) {
    if (!approach_only(c)) continue;
    std::string code = c.code;
    code[4] = '0';
    const auto* info = sets_.icd10pcs->find(code);
    if (!info) continue;
    c.code = code, c.display = std::string(info->title), c.partial = false;
    c.candidates.clear();
    std::erase_if(c.review_reasons, [](const std::string& r) { return r.starts_with("partial code"); });
    c.rule += "; approach 0 (open: the chart describes an incision and no scope, port, needle or catheter)";
    c.confidence = std::max(c.confidence, 0.75);
  }
}

}  // namespace chartflow::coding
