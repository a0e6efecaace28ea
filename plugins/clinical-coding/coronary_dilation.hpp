// A percutaneous coronary intervention read into its ICD-10-PCS code (coronary_dilation.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chartflow::coding {

struct CoronaryDilation {
  std::string code;  // 027[0-3]3[4-7D-GZ][6Z]
  std::string rule;
};

// Dilation of coronary arteries (027) from a PCI's sentence (lower case): the body part counts
// the arteries treated ("RCA" one, "LAD and circumflex" two), the device counts the stents and
// says whether they elute a drug ("two drug-eluting stents": 5; "one bare-metal stent": D;
// balloon angioplasty alone: Z), the qualifier marks a bifurcation (6). nullopt when the
// sentence names no artery.
std::optional<CoronaryDilation> coronary_dilation(std::string_view sentence);

}  // namespace chartflow::coding
