// A herniated intervertebral disc coded by its region and level (M50.- cervical, M51.- below), as
// the index reads it: "Herniation, disc - see Displacement, intervertebral disc", then the region
// ("cervical", "lumbar region", "lumbosacral region") and "with radiculopathy" or "with myelopathy".
// Charts name the region by its level ("disc herniation at L4-L5", "C5-C6 disc protrusion"), which
// the index never prints, and the bare word "herniation" would otherwise read as an abdominal
// hernia (K46.9).
#include "disc_coding.hpp"

#include "common/words.hpp"

#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chartflow::coding {
namespace {

enum class Region { none, high_cervical, cervical_4_5, cervical_5_6, cervical_6_7, cervical, cervicothoracic, thoracic, thoracolumbar, lumbar, lumbosacral };

// The vertebra a level token names: 'C', 'T', 'L' or 'S' and its number ("C5", "l4"); 0 when none.
struct Vertebra {
  char spine = 0;
  int number = 0;
};

Vertebra vertebra_at(std::string_view text, std::size_t& i) {
  Vertebra v;
  if (i >= text.size()) return v;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
  if (c != 'C' && c != 'T' && c != 'L' && c != 'S') return v;
  std::size_t j = i + 1;
  int number = 0;
  while (j < text.size() && j < i + 3 && std::isdigit(static_cast<unsigned char>(text[j]))) number = number * 10 + (text[j++] - '0');
  if (j == i + 1 || number == 0 || (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j])))) return v;
  i = j;
  return Vertebra{c, number};
}

// The region of a motion segment "C5-C6", "C5-6", "L5-S1", "T12-L1" (the upper vertebra, then a
// hyphen or slash and the lower one, its letter optional).
Region region_of(Vertebra upper, Vertebra lower) {
  if (lower.spine == 0) lower.spine = upper.spine;
  if (upper.spine == 'C' && lower.spine == 'T') return Region::cervicothoracic;
  if (upper.spine == 'C') {
    if (upper.number <= 3) return Region::high_cervical;
    if (upper.number == 4) return Region::cervical_4_5;
    if (upper.number == 5) return Region::cervical_5_6;
    if (upper.number == 6) return Region::cervical_6_7;
    return Region::cervical;
  }
  if (upper.spine == 'T' && (lower.spine == 'L' || upper.number >= 11)) return Region::thoracolumbar;
  if (upper.spine == 'T') return Region::thoracic;
  if (upper.spine == 'L' && lower.spine == 'S') return Region::lumbosacral;
  if (upper.spine == 'L') return Region::lumbar;
  return Region::none;
}

// The motion segments a text names ("C5-C6", "L4-5", "L5/S1"), in order, by where each ends.
std::vector<std::pair<std::size_t, Region>> levels_in(std::string_view text) {
  std::vector<std::pair<std::size_t, Region>> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    std::size_t j = i;
    const Vertebra upper = vertebra_at(text, j);
    if (upper.spine == 0 || j >= text.size() || (text[j] != '-' && text[j] != '/')) continue;
    ++j;
    Vertebra lower;
    if (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
      lower.number = text[j++] - '0';
      if (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) continue;
    } else {
      lower = vertebra_at(text, j);
      if (lower.spine == 0) continue;
    }
    if (const Region r = region_of(upper, lower); r != Region::none) out.emplace_back(j, r);
  }
  return out;
}

// The level nearest the mention in its sentence ("C3-4 posterior disc herniation ... C4-5 right
// protrusion": each its own), else the region the sentence names in words.
Region stated_region(const MentionInput& m) {
  Region nearest = Region::none;
  std::size_t distance = std::string_view::npos;
  for (const auto& [end, region] : levels_in(m.after))
    if (end < distance) distance = end, nearest = region;
  const auto before = levels_in(m.before);
  if (!before.empty() && m.before.size() - before.back().first < distance) nearest = before.back().second;
  if (nearest != Region::none) return nearest;
  const std::string lowered = words::lower(m.context);
  if (words::contains(lowered, "lumbosacral")) return Region::lumbosacral;
  if (words::contains(lowered, "thoracolumbar")) return Region::thoracolumbar;
  if (words::contains(lowered, "cervicothoracic")) return Region::cervicothoracic;
  if (words::contains(lowered, "cervical")) return Region::cervical;
  if (words::contains(lowered, "thoracic")) return Region::thoracic;
  if (words::contains(lowered, "lumbar")) return Region::lumbar;
  return Region::none;
}

// M50.2- / M51.2- (displacement), .1- with radiculopathy, .0- with myelopathy.
std::string code_for(Region region, char with) {
  switch (region) {
    case Region::high_cervical: return std::string("M50.") + with + "1";
    case Region::cervical_4_5: return std::string("M50.") + with + "21";
    case Region::cervical_5_6: return std::string("M50.") + with + "22";
    case Region::cervical_6_7: return std::string("M50.") + with + "23";
    case Region::cervical: return std::string("M50.") + with + "0";
    case Region::cervicothoracic: return std::string("M50.") + with + "3";
    case Region::thoracic: return std::string("M51.") + with + "4";
    case Region::thoracolumbar: return std::string("M51.") + with + "5";
    case Region::lumbar: return std::string("M51.") + with + "6";
    case Region::lumbosacral: return std::string("M51.") + with + "7";
    case Region::none: break;
  }
  return {};
}

}  // namespace

bool is_disc_displacement(const MentionInput& m) {
  return m.system == "ICD-10-CM" && (m.code.starts_with("M50.2") || m.code.starts_with("M51.2"));
}

std::optional<DiscReading> disc_displacement_code(const MentionInput& m) {
  const Region region = stated_region(m);
  if (region == Region::none) return std::nullopt;
  const std::string lowered = words::lower(m.context);
  // The index's "with myelopathy" and "with neuritis, radiculitis, radiculopathy or sciatica".
  const bool myelopathy = words::contains(lowered, "myelopathy");
  const bool radiculopathy = !myelopathy && (words::contains(lowered, "radiculopathy") || words::contains(lowered, "radiculitis") ||
                                             words::contains(lowered, "sciatica"));
  const char with = myelopathy ? '0' : radiculopathy ? '1' : '2';
  // M50.0- and M50.1- print the mid-cervical levels with a sixth character, and M51.0- has no
  // lumbosacral code: where the table has no such code the displacement alone is read.
  std::string code = code_for(region, with);
  if (with == '0' && region == Region::lumbosacral) code = code_for(region, '2');
  std::string rule = "Herniation, disc - see Displacement, intervertebral disc, by the level the sentence names";
  if (with != '2') rule += myelopathy ? ", with myelopathy" : ", with radiculopathy";
  return DiscReading{code, rule + " -> " + code};
}

}  // namespace chartflow::coding
