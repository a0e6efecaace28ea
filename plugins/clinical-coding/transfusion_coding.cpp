// A transfusion's ICD-10-PCS code (302-3--) completed from its sentence: the product it names,
// the vein it ran into, and whether the blood was the patient's own.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <initializer_list>

namespace chartflow::coding {

void Coder::read_transfusion(std::string& pattern, const std::string& context, std::vector<std::string>& steps) const {
  // Transfusion (302-3--): the product the sentence names, into a central vein when it names the
  // line it ran through ("through the port (central venous)"), else a peripheral one, the usual
  // route; nonautologous unless it says autologous.
  if (!pattern.starts_with("302") || pattern.size() != 7 || !sets_.icd10pcs) return;
  const auto says = [&](std::initializer_list<std::string_view> any) {
    return std::any_of(any.begin(), any.end(), [&](std::string_view w) { return words::contains(context, w); });
  };
  char product = 0;
  if (says({"platelet", "platelets"})) product = 'R';
  if (says({"prbc", "prbcs", "packed red", "red blood cells", "red cells", "rbc", "rbcs"})) product = product ? '?' : 'N';
  if (says({"cryoprecipitate", "cryo"})) product = product ? '?' : 'M';
  std::string p = pattern;
  if (p[5] == '-' && product && product != '?') p[5] = product, steps.push_back(std::string("product ") + product + " (text)");
  if (p[3] == '-') {
    const bool central = says({"port", "central line", "central venous", "picc", "cvc", "central catheter", "port-a-cath"});
    p[3] = central ? '4' : '3';
    steps.push_back(central ? "central vein (the line the text names)" : "peripheral vein (the usual route; the text names no central line)");
  }
  if (p[6] == '-') p[6] = says({"autologous"}) && !says({"nonautologous"}) ? '0' : '1';
  if (!sets_.icd10pcs->matching(p, 1).empty()) pattern = p;
}

void Coder::read_infusion_vein(std::string& pattern, const std::string& context, std::vector<std::string>& steps) const {
  // An introduction into a vein (3E0-3--: chemotherapy, thrombolytics) through the line the
  // sentence names: a central vein for a port or PICC ("administered through the PICC": 3E04305),
  // a peripheral one for a peripheral IV. Unlike a transfusion no route is usual: unnamed stays open.
  if (!pattern.starts_with("3E0-") || pattern.size() != 7 || pattern[4] != '3' || !sets_.icd10pcs) return;
  const auto says = [&](std::initializer_list<std::string_view> any) {
    return std::any_of(any.begin(), any.end(), [&](std::string_view w) { return words::contains(context, w); });
  };
  const bool central = says({"port", "central line", "central venous", "picc", "cvc", "central catheter", "port-a-cath", "hickman"});
  const bool peripheral = says({"peripheral iv", "peripheral intravenous", "peripheral line", "piv"});
  if (central == peripheral) return;
  std::string p = pattern;
  p[3] = central ? '4' : '3';
  if (sets_.icd10pcs->matching(p, 1).empty()) return;
  pattern = p;
  steps.push_back(central ? "central vein (the line the text names)" : "peripheral vein (the line the text names)");
}

}  // namespace chartflow::coding
