#include "conditions.hpp"

#include <array>
#include <cctype>

namespace chartflow::hcc {

namespace {

bool is_upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The age/sex edit that applies to this code and beneficiary, if any. As in the CMS macro, the
// edits are an IF / ELSE IF chain: the first one that fires decides.
const DxEdit* firing_edit(const Tables& tables, const std::string& code, int age, Sex sex) {
  auto found = tables.edits.find(code);
  if (found == tables.edits.end()) return nullptr;
  for (const DxEdit& edit : found->second) {
    if (edit.fires(age, sex)) return &edit;
  }
  return nullptr;
}

// The CMS macro runs the edit before the table look-up: an edit that fires replaces the code's
// mapping (override) or removes it (invalid), whether or not the table maps the code.
CodeOutcome map_code(const Tables& tables, const Diagnosis& diagnosis, int age, Sex sex) {
  CodeOutcome outcome;
  outcome.evidence_id = diagnosis.evidence_id;
  auto code = normalize_code(diagnosis.code);
  if (!code) {
    outcome.code = diagnosis.code;
    outcome.status = CodeStatus::Malformed;
    return outcome;
  }
  outcome.code = std::move(*code);
  if (const DxEdit* edit = firing_edit(tables, outcome.code, age, sex)) {
    outcome.edit = edit->description;
    if (edit->action == DxEdit::Action::Invalid) {
      outcome.status = CodeStatus::EditedOut;
    } else {
      outcome.status = CodeStatus::Overridden;
      outcome.hccs.push_back(edit->override_hcc);
    }
    return outcome;
  }
  auto mapped = tables.dx_to_hcc.find(outcome.code);
  if (mapped == tables.dx_to_hcc.end()) {
    outcome.status = CodeStatus::NoHcc;
    return outcome;
  }
  outcome.status = CodeStatus::Mapped;
  outcome.hccs.assign(mapped->second.begin(), mapped->second.end());
  return outcome;
}

// CMS "heart interaction patch" (main macro, before hierarchies): HCC 223 (heart failure with a
// heart assist device) counts only with another heart failure HCC.
bool heart_rule_drops_223(const HccSet& assigned) {
  if (!assigned[223]) return false;
  for (int other : {221, 222, 224, 225, 226}) {
    if (assigned[other]) return false;
  }
  return true;
}

// The CMS macro's statements in order: "IF HCC<parent>=1 THEN HCC<child>=0". A parent already
// dropped by an earlier statement drops nothing (62 drops 63, so 63 does not drop 202).
void apply_hierarchies(const Tables& tables, HccSet& present, std::array<int, kHccLimit>& dropped_by) {
  for (const HierarchyRule& rule : tables.hierarchy) {
    if (!present[rule.parent]) continue;
    for (int child : rule.children) {
      if (!present[child]) continue;
      present.reset(child);
      dropped_by[child] = rule.parent;
    }
  }
}

std::vector<HccOutcome> describe(const Tables& tables, const std::vector<CodeOutcome>& codes,
                                 const HccSet& assigned, const HccSet& kept, const std::array<int, kHccLimit>& dropped_by) {
  std::vector<HccOutcome> hccs;
  for (int hcc = 1; hcc < kHccLimit; ++hcc) {
    if (!assigned[hcc]) continue;
    HccOutcome& out = hccs.emplace_back();
    out.hcc = hcc;
    out.label = tables.labels[hcc];
    out.chronic = tables.chronic[hcc];
    out.dropped_by = dropped_by[hcc];
    out.fate = kept[hcc] ? HccFate::Kept : out.dropped_by ? HccFate::DroppedByHierarchy : HccFate::DroppedHeartRule;
    for (const CodeOutcome& code : codes) {
      for (int given : code.hccs) {
        if (given == hcc) out.evidence.push_back({code.code, code.evidence_id});
      }
    }
  }
  return hccs;
}

}  // namespace

std::optional<std::string> normalize_code(std::string_view code) {
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front()))) code.remove_prefix(1);
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back()))) code.remove_suffix(1);
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c != '.') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (out.size() < 3 || out.size() > 7) return std::nullopt;
  if (out[0] < 'A' || out[0] > 'Z' || out[1] < '0' || out[1] > '9') return std::nullopt;
  for (char c : out) {
    if (!is_upper_alnum(c)) return std::nullopt;
  }
  return out;
}

Conditions assign_conditions(const Tables& tables, const std::vector<Diagnosis>& diagnoses, int age, Sex sex) {
  Conditions result;
  result.codes.reserve(diagnoses.size());
  HccSet assigned;
  for (const Diagnosis& diagnosis : diagnoses) {
    CodeOutcome& outcome = result.codes.emplace_back(map_code(tables, diagnosis, age, sex));
    for (int hcc : outcome.hccs) assigned.set(hcc);
  }
  result.kept = assigned;
  if (heart_rule_drops_223(assigned)) result.kept.reset(223);
  std::array<int, kHccLimit> dropped_by{};
  apply_hierarchies(tables, result.kept, dropped_by);
  result.hccs = describe(tables, result.codes, assigned, result.kept, dropped_by);
  return result;
}

}  // namespace chartflow::hcc
