// Claim preprocessing: code look-ups, procedure clusters, CC exclusions, the clinical-significance order of
// the secondary diagnoses, and the attribute sets (with the cumulative atoms) that the formulas test.
#include <algorithm>

#include "claim_state.hpp"

namespace chartflow::drg::detail {

void AtomSets::reset(std::size_t attr_count) {
  for (const std::uint32_t entry : touched_) masks_[entry >> 16][entry & 0xFFFF] = kAbsent;
  touched_.clear();
  for (auto& masks : masks_) {
    if (masks.size() < attr_count) masks.resize(attr_count, kAbsent);
  }
}

AtomView AtomSets::view() const {
  AtomView view;
  for (int s = 0; s < kScopeCount; ++s) view.scope[s] = masks_[s].data();
  return view;
}

bool ClaimState::has_attr(const DxState& dx, AttrId attr) const {
  if (dx.rec == nullptr) return false;
  return std::find(tables->attr_begin(dx.rec->attrs), tables->attr_end(dx.rec->attrs), attr) !=
         tables->attr_end(dx.rec->attrs);
}

namespace {

// The 36 discharge statuses CMS knows (MsdrgDischargeStatus); any other is invalid.
bool valid_discharge_status(int status) {
  static constexpr int kValid[] = {1,  2,  3,  4,  5,  6,  7,  20, 21, 30, 43, 50, 51, 61, 62, 63, 64, 65,
                                   66, 69, 70, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95};
  return std::find(std::begin(kValid), std::end(kValid), status) != std::end(kValid);
}

void lookup_pdx(const Claim& claim, ClaimState& s) {
  s.pdx.code = pack_code(claim.pdx.code);
  s.pdx.poa = claim.pdx.poa;
  s.pdx.rec = s.pdx.code == kNoCode ? nullptr : s.tables->dx.find(s.pdx.code, s.version);
  if (s.pdx.rec == nullptr) return;
  const DxRecord& r = *s.pdx.rec;
  s.pdx_mdc = r.mdc;
  if (!r.sex_specific()) return;
  // Sex-specific principal diagnoses group to the MDC of the patient's sex; unknown sex is a conflict.
  const std::uint8_t by_sex = s.sex == Sex::male ? r.male_mdc : s.sex == Sex::female ? r.female_mdc : kNoMdc;
  if (by_sex != kNoMdc) {
    s.pdx_mdc = by_sex;
  } else {
    s.sex_conflict = true;
  }
}

void lookup_sdx(const Claim& claim, ClaimState& s) {
  s.sdx.resize(claim.sdx.size());
  for (std::size_t i = 0; i < claim.sdx.size(); ++i) {
    DxState& dx = s.sdx[i];
    dx.code = pack_code(claim.sdx[i].code);
    dx.poa = claim.sdx[i].poa;
    dx.input_index = static_cast<std::uint32_t>(i);
    dx.rec = dx.code == kNoCode ? nullptr : s.tables->dx.find(dx.code, s.version);
    if (dx.rec == nullptr) continue;
    if (s.pdx.rec != nullptr) dx.excluded = s.tables->excluded_by_group(s.pdx.rec->exclusion_group, dx.code);
    dx.death_excluded = s.died && (dx.rec->flags & dx_mccalive) != 0;
    // hac11_pdx only concerns the principal diagnosis (HAC 11 needs an obesity PDX).
    const HacList* lists = s.tables->hac_list_pool.data() + dx.rec->hac_lists.offset;
    for (std::uint32_t h = 0; h < dx.rec->hac_lists.count && dx.hac_count < dx.hacs.size(); ++h) {
      if (lists[h].list == s.tables->synthetic.hac11_pdx) continue;
      dx.hacs[dx.hac_count++] = HacItem{lists[h].list, lists[h].number};
    }
  }
  // CLINICAL_SIGNIFICANCE tie breaker: MCCs first, then CCs, then the rest, each by code.
  std::stable_sort(s.sdx.begin(), s.sdx.end(), [](const DxState& a, const DxState& b) {
    if (a.cc() != b.cc()) return a.cc() > b.cc();
    return a.code < b.code;
  });
}

void lookup_procedures(const Claim& claim, ClaimState& s) {
  s.procs.resize(claim.procedures.size());
  for (std::size_t i = 0; i < claim.procedures.size(); ++i) {
    ProcState& p = s.procs[i];
    p.code = pack_code(claim.procedures[i]);
    p.input_index = static_cast<std::uint32_t>(i);
    p.rec = p.code == kNoCode ? nullptr : s.tables->procedures.find(p.code, s.version);
    s.procs_by_code.push_back(static_cast<std::uint32_t>(i));
  }
  std::stable_sort(s.procs_by_code.begin(), s.procs_by_code.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return s.procs[a].code < s.procs[b].code; });
}

// A cluster is present when, walking the procedures in claim order, every choice has been seen; the
// procedures seen up to that point are its components (their attributes become suppressed in the
// cluster's MDCs).
void find_clusters(ClaimState& s) {
  const GrouperTables& t = *s.tables;
  std::vector<std::uint32_t> candidates;
  for (const ProcState& p : s.procs) {
    const ClusterRefs* refs = p.code == kNoCode ? nullptr : t.cluster_membership.find(p.code, s.version);
    if (refs == nullptr) continue;
    for (std::uint32_t i = 0; i < refs->clusters.count; ++i) candidates.push_back(t.cluster_ref_pool[refs->clusters.offset + i]);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (const std::uint32_t index : candidates) {
    const ClusterRecord& c = t.clusters[index];
    if (!c.versions.covers(s.version)) continue;
    std::uint64_t seen_choices = 0, components = 0;
    const std::uint64_t all_choices = c.choices.count >= 64 ? ~0ULL : (1ULL << c.choices.count) - 1;
    for (std::size_t p = 0; p < s.procs.size() && p < 64 && seen_choices != all_choices; ++p) {
      for (std::uint32_t k = 0; k < c.choices.count; ++k) {
        const Span codes = t.choice_pool[c.choices.offset + k];
        const auto first = t.code_pool.begin() + codes.offset;
        if (std::find(first, first + codes.count, s.procs[p].code) == first + codes.count) continue;
        seen_choices |= 1ULL << k;
        components |= 1ULL << p;
      }
    }
    if (seen_choices != all_choices) continue;
    // A later duplicate of a component's code is a component too.
    for (std::size_t p = 0; p < s.procs.size() && p < 64; ++p) {
      for (std::size_t q = 0; q < p; ++q) {
        if ((components >> q & 1) && s.procs[q].code == s.procs[p].code) components |= 1ULL << p;
      }
    }
    for (std::size_t p = 0; p < s.procs.size() && p < 64; ++p) {
      if (components >> p & 1) s.procs[p].suppressed_in |= c.suppression;
    }
    s.clusters.push_back(ClusterHit{&c, t.procedures.find(c.id, s.version), components});
  }
}

}  // namespace

void prepare_claim(const Claim& claim, int version, const GrouperTables& tables, AtomSets& atoms, ClaimState& s) {
  s.tables = &tables;
  s.version = version;
  s.sex = claim.sex;
  s.discharge_status = claim.discharge_status;
  s.died = claim.discharge_status == 20;
  s.status_valid = valid_discharge_status(claim.discharge_status);
  s.hospital = claim.hospital_status;
  s.atoms = &atoms;
  lookup_pdx(claim, s);
  lookup_sdx(claim, s);
  lookup_procedures(claim, s);
  find_clusters(s);
  build_atoms(s);
}

}  // namespace chartflow::drg::detail
