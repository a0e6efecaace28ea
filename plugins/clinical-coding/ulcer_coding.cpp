// A non-pressure chronic ulcer of the lower limb (L97) coded from what the chart says of it: "the
// index: Ulcer, lower limb" leads to L97 and its subdivisions choose the site (thigh, calf, ankle,
// heel and midfoot, other part of the foot), the side, and the depth ("limited to breakdown of
// skin", "with fat layer exposed", "with necrosis of muscle", "of bone", "muscle involvement
// without evidence of necrosis"). Charts state these in the ulcer's own sentence: "Diabetic foot
// ulcer, left heel, limited to breakdown of skin" is L97.421, not the foot's unspecified L97.509.
#include "ulcer_coding.hpp"

#include "common/words.hpp"

namespace chartflow::coding {
namespace {

// L97.1- thigh, .2- calf, .3- ankle, .4- heel and midfoot, .5- other part of foot, .8- other
// part of lower leg, .9- unspecified part of lower leg; the most exact the sentence names.
char site_of(const std::string& sentence) {
  const auto says = [&](std::string_view w) { return words::contains(sentence, w); };
  if (says("heel") || says("midfoot") || says("calcaneal")) return '4';
  if (says("toe") || says("toes") || says("hallux") || says("plantar") || says("forefoot") || says("metatarsal") || says("foot")) return '5';
  if (says("ankle") || says("malleolus") || says("malleolar")) return '3';
  if (says("calf")) return '2';
  if (says("thigh")) return '1';
  if (says("shin") || says("pretibial") || says("lower leg")) return '8';
  return 0;
}

char side_of(const std::string& sentence) {
  const bool left = words::contains(sentence, "left"), right = words::contains(sentence, "right");
  return left == right ? '0' : left ? '2' : '1';  // L97.x0- is the unspecified side
}

// The sixth character: how deep the ulcer goes, as the code titles word it.
char depth_of(const std::string& sentence) {
  const auto says = [&](std::string_view w) { return sentence.find(w) != std::string::npos; };
  if (says("necrosis of bone") || says("bone necrosis")) return '4';
  if (says("necrosis of muscle") || says("muscle necrosis")) return '3';
  if (says("bone involvement") || says("exposed bone") || says("bone exposed") || says("probes to bone")) return '6';
  if (says("muscle involvement") || says("exposed muscle") || says("muscle exposed")) return '5';
  if (says("fat layer exposed") || says("exposed fat") || says("fat exposed") || says("subcutaneous fat") || says("full thickness") ||
      says("full-thickness"))
    return '2';
  if (says("breakdown of skin") || says("skin breakdown") || says("partial thickness") || says("partial-thickness")) return '1';
  return '9';
}

}  // namespace

std::optional<UlcerReading> lower_limb_ulcer_code(const MentionInput& m) {
  const std::string sentence = words::lower(m.context);
  const char site = site_of(sentence);
  if (!site) return std::nullopt;  // the mention's own reading stands
  std::string code = std::string("L97.") + site + side_of(sentence) + depth_of(sentence);
  return UlcerReading{code, "Ulcer, lower limb, by the site, side and depth its sentence states -> " + code};
}

}  // namespace chartflow::coding
