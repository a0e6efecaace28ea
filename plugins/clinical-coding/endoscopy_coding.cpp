// What an endoscopy's report adds to its procedure codes: the diagnostic excision of each site
// it biopsied (0DB?8ZX), read from the report's own words, and a debridement's depth.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::coding {

namespace {

// The biopsy site words of an upper (EGD) or lower (colonoscopy) endoscopy, most specific first,
// with the diagnostic excision each gives (0DB?8ZX: excision, endoscopic, diagnostic).
struct BiopsySite {
  std::string_view word, code;
};
constexpr BiopsySite kUpperSites[] = {{"gastroesophageal junction", "0DB48ZX"}, {"ge junction", "0DB48ZX"}, {"esophageal", "0DB58ZX"},
                                      {"esophagus", "0DB58ZX"},                  {"duodenal", "0DB98ZX"},    {"duodenum", "0DB98ZX"},
                                      {"gastric", "0DB68ZX"},                    {"stomach", "0DB68ZX"},     {"antral", "0DB68ZX"},
                                      {"antrum", "0DB68ZX"}};
constexpr BiopsySite kLowerSites[] = {{"terminal ileum", "0DBB8ZX"}, {"ileal", "0DBB8ZX"},     {"cecal", "0DBH8ZX"},      {"cecum", "0DBH8ZX"},
                                      {"ascending colon", "0DBK8ZX"}, {"transverse colon", "0DBL8ZX"}, {"descending colon", "0DBM8ZX"},
                                      {"sigmoid", "0DBN8ZX"},       {"rectal", "0DBP8ZX"},      {"rectum", "0DBP8ZX"},     {"colon", "0DBE8ZX"},
                                      {"colonic", "0DBE8ZX"}};

// The site of the biopsy (or of the polyp, with `cue` "polyp"): the site word nearest a biopsy
// word, within a few words of it ("random biopsies of the sigmoid colon", "gastric biopsies") in
// the same clause, not the farthest point the scope reached ("to the cecum; random biopsies").
const BiopsySite* biopsy_site(const std::string& report, std::span<const BiopsySite> sites, std::string_view cue = "biops") {
  constexpr std::size_t kNear = 60;
  std::vector<std::size_t> biopsies;
  for (std::size_t at = report.find(cue); at != std::string::npos; at = report.find(cue, at + 1)) biopsies.push_back(at);
  const BiopsySite* best = nullptr;
  std::size_t best_distance = kNear + 1;
  for (const auto& site : sites)
    for (std::size_t at = words::find(report, site.word); at != std::string::npos; at = words::find(report, site.word, at + 1))
      for (const std::size_t b : biopsies) {
        const std::size_t from = std::min(at + site.word.size(), b), to = std::max(at, b);
        if (from > to || report.find_first_of(".;:,", from) < to) continue;  // another clause: the scope's reach, another finding
        if (to - from < best_distance) best = &site, best_distance = to - from;
      }
  return best;
}

// The text of an endoscopy's report: from its mention to the end of its line (a hospital course
// item or a procedure paragraph), at most 800 bytes.
std::string_view report_of(std::string_view text, std::size_t begin) {
  if (begin >= text.size()) return {};
  const std::size_t line = text.find('\n', begin);
  return text.substr(begin, std::min<std::size_t>(line == std::string_view::npos ? text.size() - begin : line - begin, 800));
}

}  // namespace

void Coder::code_endoscopy_findings(std::vector<ProposedCode>& px, std::string_view text) const {
  // An endoscopy that took a biopsy or stopped a bleed is coded by what it did: the inspection
  // alone is not coded beside a definitive procedure on the same tract (PCS B3.11a).
  if (!sets_.icd10pcs || text.empty()) return;
  std::vector<ProposedCode> found;
  bool definitive = false;
  for (const auto& c : px) {
    const bool upper = c.code == "0DJ08ZZ", lower = c.code == "0DJD8ZZ";
    if (!upper && !lower) continue;
    for (const auto& e : c.evidence) {
      const std::string report = words::lower(report_of(text, e.begin));
      const auto says = [&](std::string_view w) { return words::contains(report, w); };
      const auto add = [&](const std::string& code, std::string rule) {
        const auto* info = sets_.icd10pcs->find(code);
        if (!info || std::any_of(found.begin(), found.end(), [&](const ProposedCode& f) { return f.code == code; })) return;
        ProposedCode p;
        p.system = "ICD-10-PCS", p.code = code, p.version = sets_.icd10pcs->version(), p.display = std::string(info->title);
        p.confidence = 0.8, p.role = "procedure", p.rule = std::move(rule);
        p.mention_ids = c.mention_ids, p.evidence = {e}, p.first_offset = e.begin;
        found.push_back(std::move(p));
      };
      const bool biopsy = (says("biopsy") || says("biopsies") || says("biopsied")) && !says("no biopsy") && !says("no biopsies") && !says("without biopsy");
      if (biopsy)
        if (const BiopsySite* site = biopsy_site(report, upper ? std::span<const BiopsySite>(kUpperSites) : std::span<const BiopsySite>(kLowerSites)))
          add(std::string(site->code), "endoscopy with " + std::string(site->word) + " biopsy: diagnostic excision, endoscopic");
      // A polyp taken off (snare, forceps, "removed") is a therapeutic excision of its segment
      // (0DB?8ZZ), whatever biopsies were also taken elsewhere.
      const bool polyp_removed = (says("polyp") || says("polyps")) && (says("polypectomy") || says("snare") || says("removed") ||
                                                                          says("resected") || says("excised"));
      if (polyp_removed && lower)
        if (const BiopsySite* site = biopsy_site(report, kLowerSites, "polyp")) {
          std::string code(site->code);
          code[6] = 'Z';
          add(code, "endoscopy that removed a " + std::string(site->word) + " polyp: excision, endoscopic");
        }
      // ("A small hemostatic perforation" is a finding: a hemostatic clip or powder is the act.)
      if (says("hemostasis") || says("hemostatic clip") || says("hemostatic clips") || says("hemostatic powder") || says("hemoclip") ||
          says("hemoclips") || says("epinephrine injection") || says("cauterized") ||
          says("cautery") || says("coagulation"))
        add("0W3P8ZZ", "endoscopy that stopped a bleed: control bleeding in gastrointestinal tract, endoscopic");
    }
    definitive = definitive || !found.empty();
  }
  if (!definitive) return;
  for (auto& c : px)
    if (c.code == "0DJ08ZZ" || c.code == "0DJD8ZZ") {
      for (auto& f : found)
        if (f.mention_ids == c.mention_ids) absorb(f, c);
      c.code.clear();
    }
  px.erase(std::remove_if(px.begin(), px.end(), [](const ProposedCode& c) { return c.code.empty(); }), px.end());
  for (auto& f : found) px.push_back(std::move(f));
}

}  // namespace chartflow::coding
