// What a procedure phrase's sentence and chart add to its ICD-10-PCS code: whether it was a
// procedure of this stay at all (pcs/procedure_context.tsv: an intubation for a surgery's
// anesthesia is part of the anesthesia; a central line "in place" was not inserted now), the
// duration of mechanical ventilation the chart states, and a joint replacement's cement.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace chartflow::coding {
namespace {

using words::is_digit;

// The hours a number starting at `i` states ("42 hours", "122 hrs", "5 days"), if it does.
std::optional<double> hours_at(std::string_view text, std::size_t i) {
  if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || words::is_alpha(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '/' ||
                                   text[i - 1] == ':')))
    return std::nullopt;  // not a dose interval ("q4h"), a decimal or a date
  std::size_t end = i;
  while (end < text.size() && is_digit(text[end]) && end < i + 4) ++end;
  if (end < text.size() && (is_digit(text[end]) || text[end] == '/' || text[end] == ':')) return std::nullopt;  // a date or a time
  const double number = std::stod(std::string(text.substr(i, end - i)));
  std::size_t k = end;
  while (k < text.size() && (text[k] == ' ' || text[k] == '-')) ++k;
  const std::string unit = words::lower(text.substr(k, 6));
  const auto unit_is = [&](std::string_view u) { return unit.starts_with(u) && (unit.size() == u.size() || !words::is_alpha(unit[u.size()])); };
  if (unit_is("hours") || unit_is("hour") || unit_is("hrs") || unit_is("hr") || unit_is("h")) return number;
  if (unit_is("days") || unit_is("day")) return number * 24;
  return std::nullopt;
}

// The longest duration of ventilation the chart states: a number of hours or days within a few
// words of a ventilation, intubation or extubation word, in the same line ("extubated 01/11
// (approximately 42 hours of ventilation)", "total mechanical ventilation approximately 122
// hours", "intubated for 5 days").
std::optional<double> stated_ventilation_hours(std::string_view text) {
  const std::string lowered = words::lower(text);
  constexpr std::size_t kBefore = 60, kAfter = 80;
  std::optional<double> longest;
  for (const std::string_view anchor : {"ventilat", "intubat", "extubat"}) {
    for (std::size_t at = lowered.find(anchor); at != std::string::npos; at = lowered.find(anchor, at + 1)) {
      std::size_t from = at > kBefore ? at - kBefore : 0, to = std::min(lowered.size(), at + kAfter);
      if (const auto line = lowered.rfind('\n', at); line != std::string::npos && line >= from) from = line + 1;
      if (const auto line = lowered.find('\n', at); line != std::string::npos && line < to) to = line;
      for (std::size_t i = from; i < to; ++i)
        if (const auto hours = hours_at(lowered, i); hours && (!longest || *hours > *longest)) longest = hours;
    }
  }
  return longest;
}

}  // namespace

bool done_this_stay(const MentionInput& m) {
  // "Postoperative day 1 s/p ORIF", "now POD 2 s/p lap chole": status post with the days since
  // the operation counted is this stay's operation, not a past one.
  if (m.status != Assertion::historical || m.kind != MentionKind::procedure || m.past_cues.empty() ||
      std::any_of(m.past_cues.begin(), m.past_cues.end(), [](const std::string& cue) { return cue != "s/p" && cue != "status post"; }))
    return false;
  const std::string context = words::lower(m.context);
  return words::contains(context, "postoperative day") || words::contains(context, "post-operative day") || words::contains(context, "pod") ||
         words::contains(context, "post-op day");
}

const CoderData::ProcedureContext* Coder::not_this_stay(const MentionInput& m, const std::string& code) const {
  const std::string context = words::lower(m.context);
  // The words right before the phrase, spaces and hyphens trimmed ("chemotherapy-induced" aside).
  std::string before = words::lower(m.before.substr(m.before.size() > 40 ? m.before.size() - 40 : 0));
  while (!before.empty() && (before.back() == ' ' || before.back() == '-')) before.pop_back();
  for (const auto& rule : data_.procedure_context) {
    if (!code.starts_with(rule.code_prefix)) continue;
    if (rule.rule == CoderData::ContextRule::not_after) {
      const auto ends_before = [&](const std::string& w) {
        return before.ends_with(w) && (before.size() == w.size() || !words::is_word_char(before[before.size() - w.size() - 1]));
      };
      if (std::any_of(rule.words.begin(), rule.words.end(), ends_before)) return &rule;
      continue;
    }
    const bool named = std::any_of(rule.words.begin(), rule.words.end(), [&](const std::string& w) { return words::contains(context, w); });
    if (named != (rule.rule == CoderData::ContextRule::needs_word)) return &rule;
  }
  return nullptr;
}

namespace {

// A hip replacement's device by its bearing surfaces, as the text names them: 1 metal, 2 metal on
// polyethylene, 3 ceramic, 4 ceramic on polyethylene, 6 oxidized zirconium on polyethylene; 0 when
// it names none or several.
// Whether the text pairs `head` on `liner`, with a few words of each part between ("ceramic
// femoral head on highly cross-linked polyethylene liner").
bool bears_on(const std::string& context, std::string_view head, std::string_view liner) {
  for (std::size_t at = words::find(context, head); at != std::string::npos; at = words::find(context, head, at + 1)) {
    const std::size_t on = words::find(context, "on", at + head.size());
    if (on == std::string::npos || on - at > head.size() + 20) continue;
    const std::size_t second = words::find(context, liner, on + 2);
    if (second != std::string::npos && second - on <= 30) return true;
  }
  return false;
}

char hip_bearing(const std::string& context) {
  const auto says = [&](std::string_view w) { return words::contains(context, w); };
  if (says("oxidized zirconium")) return '6';
  if (says("metal on polyethylene") || says("metal-on-polyethylene") || bears_on(context, "metal", "polyethylene")) return '2';
  if (says("ceramic on polyethylene") || says("ceramic-on-polyethylene") || bears_on(context, "ceramic", "polyethylene")) return '4';
  if (says("ceramic on ceramic") || says("ceramic-on-ceramic")) return '3';
  if (says("metal on metal") || says("metal-on-metal")) return '1';
  if (says("polyethylene")) return 0;
  const bool ceramic = says("ceramic"), metal = says("metal") || says("cobalt") || says("chrome") || says("cobalt-chrome") || says("titanium");
  return ceramic == metal ? 0 : ceramic ? '3' : '1';
}

}  // namespace

void Coder::choose_marrow_site(ProposedCode& c, std::string_view context_text) const {
  // "Bone marrow biopsy ... (posterior iliac crest)": the bone the sentence names is the body part
  // (07DR3ZX iliac, 07DQ3ZX sternum, 07DS3ZX vertebral); 07DT3ZX is for a site it does not name.
  if (c.code != "07DT3ZX" || !sets_.icd10pcs) return;
  const std::string context = words::lower(context_text);
  static constexpr std::pair<std::string_view, std::string_view> kSites[] = {
      {"iliac", "07DR3ZX"}, {"ilium", "07DR3ZX"}, {"sternum", "07DQ3ZX"}, {"sternal", "07DQ3ZX"}, {"vertebral", "07DS3ZX"}, {"vertebra", "07DS3ZX"}};
  std::string_view chosen, said;
  for (const auto& [word, code] : kSites)
    if (words::contains(context, word)) {
      if (!chosen.empty() && chosen != code) return;  // two bones: the coder reads which
      chosen = code, said = word;
    }
  const auto* info = chosen.empty() ? nullptr : sets_.icd10pcs->find(std::string(chosen));
  if (!info) return;
  c.code = std::string(chosen), c.display = std::string(info->title);
  c.rule += "; body part from the text ('" + std::string(said) + "') -> " + c.code;
}

namespace {

// Whether the text names the device as placed somewhere: "balloon angioplasty ..., no stent
// placed", "without drain", "stent was not placed" name none.
bool names_a_device(std::string_view context, std::string_view phrase) {
  for (std::size_t at = words::find(context, phrase); at != std::string_view::npos; at = words::find(context, phrase, at + 1)) {
    const std::string_view before = context.substr(at > 24 ? at - 24 : 0, at > 24 ? 24 : at);
    const std::string_view after = context.substr(at + phrase.size(), std::min<std::size_t>(24, context.size() - at - phrase.size()));
    const std::size_t clause = before.find_last_of(",;:.");
    const std::string_view near = clause == std::string_view::npos ? before : before.substr(clause + 1);
    if (words::contains_any(near, {"no", "without", "not"}) || words::contains_any(after, {"not placed", "was not", "were not", "not needed", "deferred"}))
      continue;
    return true;
  }
  return false;
}

}  // namespace

void Coder::choose_drainage_device(ProposedCode& c, std::string_view context_text) const {
  // "Pericardiocentesis ...; an 8 Fr pigtail drain was left in the pericardial space": a drainage
  // that leaves its drain is coded with the drainage device (0W9D30Z), not without one (0W9D3ZZ).
  if (!sets_.icd10pcs || c.system != "ICD-10-PCS" || c.code.size() != 7 || c.code[0] != '0' || c.code[2] != '9' || c.code[5] != 'Z') return;
  const std::string context = words::lower(context_text);
  static constexpr std::string_view kLeft[] = {"drain was left", "drain left", "catheter was left", "catheter left", "left in place", "left indwelling",
                                               "drain was placed", "drain placed", "drainage catheter", "pigtail drain", "pigtail catheter was left"};
  // ("no drain left in", "without a drainage catheter": none)
  const auto said = std::find_if(std::begin(kLeft), std::end(kLeft), [&](std::string_view cue) { return names_a_device(context, cue); });
  if (said == std::end(kLeft)) return;
  std::string with_drain = c.code;
  with_drain[5] = '0';
  const auto* info = sets_.icd10pcs->find(with_drain);
  if (!info || !sets_.icd10pcs->is_billable(with_drain)) return;
  c.code = with_drain, c.display = std::string(info->title);
  c.rule += "; the drain left in ('" + std::string(*said) + "'): device 0 -> " + c.code;
}

void Coder::choose_joint_replacement(ProposedCode& c, std::string_view context_text) const {
  // Replacement of a hip or knee joint (0SR) with a synthetic substitute: the device by the
  // bearing surfaces a hip's text names, the qualifier 9 cemented, A uncemented, Z when the text
  // says neither.
  if (!sets_.icd10pcs || c.code.size() != 7 || !c.code.starts_with("0SR") || c.code[6] != 'Z') return;
  const std::string context = words::lower(context_text);
  static constexpr std::string_view kHipParts = "9BAERS";  // hip joint, acetabular and femoral surfaces
  if (c.code[5] == 'J' && kHipParts.find(c.code[3]) != std::string_view::npos)
    if (const char device = hip_bearing(context)) {
      std::string code = c.code;
      code[5] = device;
      if (const auto* info = sets_.icd10pcs->find(code)) {
        c.rule += std::string("; device ") + device + " by the bearing surfaces the text names";
        c.code = code, c.display = std::string(info->title);
      }
    }
  char qualifier = 0;
  for (const std::string_view w : {"uncemented", "cementless", "noncemented", "non cemented", "non-cemented", "press-fit", "press fit"})
    if (words::contains(context, w)) qualifier = 'A';
  if (!qualifier && words::contains(context, "cemented")) qualifier = '9';
  if (!qualifier) return;
  std::string code = c.code;
  code[6] = qualifier;
  const auto* info = sets_.icd10pcs->find(code);
  if (!info) return;
  c.rule += std::string("; qualifier ") + qualifier + (qualifier == '9' ? " cemented (text)" : " uncemented (text)");
  c.code = code, c.display = std::string(info->title);
}

void Coder::merge_joint_replacements(std::vector<ProposedCode>& px) const {
  // One replacement named twice, once with its cement or bearing and once without: the code of
  // the fuller statement, with both mentions' evidence.
  for (auto& bare : px) {
    if (bare.code.size() != 7 || !bare.code.starts_with("0SR") || bare.code[6] != 'Z') continue;
    for (auto& full : px)
      if (&full != &bare && full.code.size() == 7 && full.code.compare(0, 5, bare.code, 0, 5) == 0 && full.code[6] != 'Z' &&
          (full.code[5] == bare.code[5] || bare.code[5] == 'J')) {
        absorb(full, bare);
        bare.code.clear();
        break;
      }
  }
  px.erase(std::remove_if(px.begin(), px.end(), [](const ProposedCode& c) { return c.code.empty(); }), px.end());
}

void Coder::read_pcs_device(std::string& pattern, const std::string& context, std::vector<std::string>& steps) const {
  const bool closed_reduction = pattern[2] == 'S' && pattern[4] == 'X' && pattern[5] == 'Z';
  if (pattern[5] != '-' && !closed_reduction) return;
  std::set<char> found;
  std::set<char> roots;  // the root operations of the found device's tables ('*': any)
  std::string said;
  for (const auto& device : data_.pcs_devices) {
    // (With the root operation still open, any of the device's tables: "hernia repair with mesh"
    // is a supplement, U, where the mesh's device value J is valid.)
    const auto valid_here = [&](const std::string& t) {
      return t[0] == pattern[0] && (t[2] == '*' || pattern[1] == '-' || t[2] == pattern[1]) && (t[4] == '*' || pattern[2] == '-' || t[4] == pattern[2]);
    };
    if (std::none_of(device.tables.begin(), device.tables.end(), valid_here) || !names_a_device(context, device.phrase)) continue;
    found.insert(device.value), said = device.phrase;
    for (const auto& t : device.tables)
      if (valid_here(t)) roots.insert(t[4]);
  }
  if (found.size() != 1 || *found.begin() == 'Z') return;
  std::string p = pattern;
  p[5] = *found.begin();
  if (closed_reduction) p[4] = '-';  // the device went in through the skin or an incision: the text says which
  auto codes = sets_.icd10pcs->matching(p, 200);
  if (codes.empty()) return;
  pattern = p;
  steps.push_back(std::string("device ") + p[5] + " (text: '" + said + "')");
  // The device may name the root operation the word left open: the mesh of a hernia repair
  // (valid in replacement and supplement tables) makes it a supplement, U, not a repair, Q.
  if (pattern[2] != '-' || roots.contains('*')) return;
  std::erase_if(codes, [&](const std::string& c) { return !roots.contains(c[2]); });
  if (codes.empty() || std::any_of(codes.begin(), codes.end(), [&](const std::string& c) { return c[2] != codes.front()[2]; })) return;
  pattern[2] = codes.front()[2];
  steps.push_back(std::string("root operation ") + pattern[2] + " (the only one the device's tables allow)");
}

void Coder::complete_ventilation(std::vector<ProposedCode>& px, std::string_view text) const {
  // Respiratory ventilation (5A19?5Z): the duration axis is the consecutive hours the chart
  // states, counted from intubation (Guidelines B6.1 and the PCS duration values).
  const auto open = [](const ProposedCode& c) { return c.partial && c.code == "5A19-5Z"; };
  if (!sets_.icd10pcs || std::none_of(px.begin(), px.end(), open)) return;
  const auto hours = stated_ventilation_hours(text);
  if (!hours) {
    for (auto& c : px)
      if (open(c)) c.review_reasons.push_back("the chart states no duration of mechanical ventilation: count the hours from intubation to extubation");
    return;
  }
  const std::string code = *hours < 24 ? "5A1935Z" : *hours <= 96 ? "5A1945Z" : "5A1955Z";
  const auto* info = sets_.icd10pcs->find(code);
  if (!info) return;
  ProposedCode* kept = nullptr;
  for (auto& c : px)
    if (c.code == code) kept = &c;
  for (auto& c : px) {
    if (!open(c)) continue;
    if (kept) {  // one code for the ventilation, with every mention's evidence
      absorb(*kept, c);
      c.code.clear();
      continue;
    }
    c.code = code, c.display = std::string(info->title), c.partial = false;
    c.candidates.clear();
    c.review_reasons.erase(std::remove_if(c.review_reasons.begin(), c.review_reasons.end(), [](const std::string& r) { return r.starts_with("partial code"); }),
                           c.review_reasons.end());
    c.rule += "; duration " + std::to_string(static_cast<long>(*hours)) + " hours stated in the chart -> " + code;
    c.confidence = std::max(c.confidence, 0.8);
    kept = &c;
  }
  px.erase(std::remove_if(px.begin(), px.end(), [](const ProposedCode& c) { return c.code.empty(); }), px.end());
}

void Coder::drop_inspections_beside_definitive(std::vector<ProposedCode>& px) {
  // PCS B3.11a: an inspection is not coded beside a definitive procedure on the same body system
  // by the same approach ("bronchoscopy" with "BAL and transbronchial biopsies": the biopsy and the
  // lavage are coded, not the look). A partial code's known axes count.
  const auto inspection = [](const ProposedCode& c) { return c.system == "ICD-10-PCS" && c.code.size() == 7 && c.code[0] == '0' && c.code[2] == 'J'; };
  // An endoscope's look guides a percutaneous endoscopic procedure too: the upper endoscopy of a
  // percutaneous endoscopic gastrostomy (0DH64UZ) is how it is done, no inspection of its own.
  const auto endoscopic = [](char approach) { return approach == '4' || approach == '8'; };
  const auto definitive_beside = [&](const ProposedCode& look) {
    return std::any_of(px.begin(), px.end(), [&](const ProposedCode& c) {
      return &c != &look && c.system == "ICD-10-PCS" && c.code.size() == 7 && !inspection(c) && c.code[0] == look.code[0] &&
             c.code[1] == look.code[1] && (c.code[4] == look.code[4] || (endoscopic(c.code[4]) && endoscopic(look.code[4])));
    });
  };
  std::vector<bool> drop(px.size());
  for (std::size_t i = 0; i < px.size(); ++i) drop[i] = inspection(px[i]) && definitive_beside(px[i]);
  std::size_t i = 0;
  std::erase_if(px, [&](const ProposedCode&) { return drop[i++]; });
}

void Coder::drop_fragmentation_beside_extirpation(std::vector<ProposedCode>& px) {
  // "Laser lithotripsy and basket extraction of all stone fragments": the stone was taken out, so
  // the procedure is the extirpation of the same body part, not its fragmentation as well.
  const auto same_site = [](const std::string& a, const std::string& b) {
    return a.size() == 7 && b.size() == 7 && a[0] == '0' && a[0] == b[0] && a[1] == b[1] && a[3] == b[3];
  };
  std::erase_if(px, [&](const ProposedCode& f) {
    return f.system == "ICD-10-PCS" && f.code.size() == 7 && f.code[0] == '0' && f.code[2] == 'F' &&
           std::any_of(px.begin(), px.end(), [&](const ProposedCode& c) { return c.code[2] == 'C' && same_site(c.code, f.code); });
  });
}

void Coder::drop_partials_a_code_completes(std::vector<ProposedCode>& px) {
  // "Laparoscopic right partial nephrectomy": the phrase gives 0TB04ZZ, the words "partial
  // nephrectomy" inside it the pattern 0TB-4ZZ. A partial code that a complete code of the chart
  // fills in is that procedure read less far; its evidence goes to the complete one.
  const auto completes = [](const std::string& code, const std::string& pattern) {
    if (code.size() != 7 || pattern.size() != 7 || code.find('-') != std::string::npos) return false;
    for (std::size_t k = 0; k < 7; ++k)
      if (pattern[k] != '-' && pattern[k] != code[k]) return false;
    return true;
  };
  // ... the same words read further, not another procedure of its table: "2. Bilateral
  // salpingo-oophorectomy" (0UT----) is no part of "1. Total laparoscopic hysterectomy" (0UT94ZZ).
  const auto same_words = [](const ProposedCode& full, const ProposedCode& partial) {
    return std::any_of(full.evidence.begin(), full.evidence.end(), [&](const Evidence& f) {
      return std::any_of(partial.evidence.begin(), partial.evidence.end(), [&](const Evidence& p) { return f.begin < p.end && p.begin < f.end; });
    });
  };
  std::vector<bool> drop(px.size());
  for (std::size_t i = 0; i < px.size(); ++i) {
    if (px[i].system != "ICD-10-PCS" || px[i].code.find('-') == std::string::npos) continue;
    for (auto& full : px)
      if (&full != &px[i] && full.system == "ICD-10-PCS" && completes(full.code, px[i].code) && same_words(full, px[i])) {
        absorb(full, px[i]);
        drop[i] = true;
        break;
      }
  }
  std::size_t i = 0;
  std::erase_if(px, [&](const ProposedCode&) { return drop[i++]; });
}

}  // namespace chartflow::coding
