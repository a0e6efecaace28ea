// UHDDS ties the principal procedure to the principal diagnosis: a stay whose operation removed
// the gallbladder was for the gallbladder's disease, even when the discharge diagnoses list
// "hyperglycemia" first. The PCS body system (second character) names where the operation
// worked; each maps to the ICD-10-CM code ranges of conditions there.
#include "operated_condition.hpp"

#include <algorithm>
#include <string_view>

namespace chartflow::coding {
namespace {

struct SystemConditions {
  char body_system;
  std::string_view prefixes;  // space-separated ICD-10-CM code prefixes
};

constexpr SystemConditions kSystems[] = {
    {'0', "G C70 C71 C72 D32 D33 S06 I60 I61 I62 Q0"},
    {'2', "I0 I2 I3 I4 I50 I51 I71 Q2 T82"},
    {'3', "I65 I66 I70 I72 I74 I77"},
    {'4', "I70 I71 I72 I73 I74 I77 E10.5 E11.5 T82"},
    {'5', "I80 I82 I83 I86 I87"},
    {'6', "I80 I81 I82 I83 I85 I86 I87"},
    {'7', "C77 C81 C82 C83 C84 C85 C88 R59 I88 I89"},
    {'8', "H0 H1 H2 H3 H4 H5 C69 Q1"},
    {'9', "H6 H7 H8 H9 J01 J30 J31 J32 J33 J34 J35 C30 C31"},
    {'B', "J C33 C34 C39 D02 D14 T17"},
    {'C', "K0 K1 J35 J36 J38 C0 C10 C11 C12 C13 C14"},
    {'D', "K2 K3 K4 K5 K60 K61 K62 K63 K64 K65 K66 K9 C15 C16 C17 C18 C19 C20 C21 D12 D13 T18 E66"},
    {'F', "K7 K80 K81 K82 K83 K85 K86 K87 C22 C23 C24 C25"},
    {'G', "E0 E2 C73 C74 C75 D34 D35"},
    {'H', "L C43 C44 C50 D03 D04 D05 D24 N6"},
    {'J', "L02 L03 L05 L08 L72 L89 L97 L98 D17 T81"},
    {'K', "M6 M72 C49 S46 S56 S66 S76 S86"},
    {'L', "M6 M7 S46 S56 S66 S76 S86"},
    {'N', "S02 M8 C41 M95"},
    {'P', "S22 S42 S52 S62 M80 M84 M86 M87 C40"},
    {'Q', "S32 S72 S82 S92 M80 M84 M86 M87 M48 M43 M51 M50 M47 C41"},
    {'R', "M1 M0 M2 M50 M47 M48 S13 S43 S53 S63 T84 M75"},
    {'S', "M1 M0 M2 M51 M47 M48 M43 S33 S73 S83 S93 T84"},
    {'T', "N0 N1 N2 N3 C64 C65 C66 C67 C68 D30 D41 R31"},
    {'U', "N7 N8 N9 D25 D26 D27 D28 C51 C52 C53 C54 C55 C56 C57 C58 O"},
    {'V', "N4 N5 C60 C61 C62 C63 D29"},
    {'W', "K4 K56 K65 K66 J90 J91 J94 R18 I31 T81"},
    {'X', "S4 S5 S6 M79 T87 L03.11"},
    {'Y', "K40 K41 I70.2 E10.5 E11.5 I96 T87 S7 S8 S9"},
};

bool in_prefixes(std::string_view code, std::string_view prefixes) {
  while (!prefixes.empty()) {
    const std::size_t space = prefixes.find(' ');
    const std::string_view prefix = prefixes.substr(0, space);
    if (!prefix.empty() && code.starts_with(prefix)) return true;
    if (space == std::string_view::npos) break;
    prefixes.remove_prefix(space + 1);
  }
  return false;
}

// Root operations that treat no condition of their own: inspection (J), and in the respiratory
// and vascular systems the insertion of an airway or a line (H), which go with any stay.
bool definitive(const ProposedCode& p) {
  if (p.system != "ICD-10-PCS" || p.code.size() != 7 || p.code[0] != '0') return false;
  const char root = p.code[2];
  if (root == 'J') return false;
  if (root == 'H' && (p.code[1] == 'B' || p.code[1] == '2' || p.code[1] == '5' || p.code[1] == '6' || p.code[1] == 'W')) return false;
  return true;
}

}  // namespace

std::vector<const ProposedCode*> definitive_procedures(const std::vector<ProposedCode>& px) {
  std::vector<const ProposedCode*> out;
  for (const auto& p : px)
    if (definitive(p)) out.push_back(&p);
  return out;
}

bool operates_on(const ProposedCode& procedure, const ProposedCode& diagnosis) {
  if (procedure.code.size() != 7 || diagnosis.system != "ICD-10-CM") return false;
  const char body_system = procedure.code[1];
  const auto it = std::find_if(std::begin(kSystems), std::end(kSystems), [&](const SystemConditions& s) { return s.body_system == body_system; });
  return it != std::end(kSystems) && in_prefixes(diagnosis.code, it->prefixes);
}

}  // namespace chartflow::coding
