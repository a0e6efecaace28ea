// The claim's attribute sets: every code's table attributes under the scopes the formulas use (bare/ANY:,
// PDX:, SDX:, ONLY:), plus the atoms CMS derives from the whole claim (discharge status, invalid PDX,
// multiple significant trauma, bilateral joints, stent/vessel counts, spinal fusion counters).
#include <bit>

#include "claim_state.hpp"

namespace chartflow::drg::detail {

namespace {

void add_span(ClaimState& s, Span span, AtomScope scope, std::uint32_t suppressed_in) {
  const GrouperTables& t = *s.tables;
  for (const AttrId* a = t.attr_begin(span); a != t.attr_end(span); ++a) {
    s.atoms->add(AtomScope::any, *a, suppressed_in);
    if (scope != AtomScope::any) s.atoms->add(scope, *a, suppressed_in);
  }
}

void add_diagnosis(ClaimState& s, const DxRecord& r, AtomScope scope) {
  add_span(s, r.attrs, scope, 0);
  add_span(s, r.categories, scope, 0);
  add_span(s, r.hac_attrs, scope, 0);
}

void add_claim_atom(ClaimState& s, AttrId attr, bool present) {
  if (present) s.atoms->add(AtomScope::any, attr, 0);
}

// ONLY:incident: the PDX and every recognized SDX are "incidental" newborn conditions. Remembers the first
// SDX that breaks it: that one is what makes a newborn's DRG 794.
bool only_incident(ClaimState& s) {
  if (s.pdx.rec == nullptr || (s.pdx.rec->flags & dx_incident) == 0) return false;
  for (std::size_t i = 0; i < s.sdx.size(); ++i) {
    const DxState& dx = s.sdx[i];
    if (dx.rec != nullptr && (dx.rec->flags & dx_incident) == 0) {
      s.not_incident_sdx = static_cast<int>(i);
      return false;
    }
  }
  return true;
}

void add_pdx_atoms(ClaimState& s) {
  const SyntheticAttrs& syn = s.tables->synthetic;
  if (s.pdx.rec != nullptr) add_diagnosis(s, *s.pdx.rec, AtomScope::pdx);
  if (s.pdx.rec == nullptr) {
    s.atoms->add(AtomScope::any, syn.invalid_pdx, 0);
    s.atoms->add(AtomScope::pdx, syn.invalid_pdx, 0);
  }
  const char first = first_char(s.pdx.code);
  if (first == 'V' || first == 'W' || first == 'X' || first == 'Y') {
    s.atoms->add(AtomScope::any, syn.pdx_ecode, 0);
    s.atoms->add(AtomScope::pdx, syn.pdx_ecode, 0);
  }
  if (only_incident(s)) s.atoms->add(AtomScope::only, syn.incident, 0);
  add_claim_atom(s, syn.invalid_sex, s.sex == Sex::unknown && s.sex_conflict);
  add_claim_atom(s, syn.mdc20_fall_thru, s.pdx.rec != nullptr && s.pdx_mdc == 20);
}

void add_status_atoms(ClaimState& s) {
  const SyntheticAttrs& syn = s.tables->synthetic;
  const int status = s.discharge_status;
  add_claim_atom(s, syn.alive, !s.died);
  add_claim_atom(s, syn.died, s.died);
  add_claim_atom(s, syn.ama, status == 7);
  add_claim_atom(s, syn.xfrnba, status == 2 || status == 5 || status == 66 || status == 82 || status == 85 || status == 94);
  add_claim_atom(s, syn.invalid_dstat, !s.status_valid);
  add_claim_atom(s, syn.anydx, true);
}

struct Totals {
  std::uint8_t sig_trauma = 0, bilateral = 0;
  int vessels = 0, drug_stents = 0, non_drug_stents = 0;
  int single_fusions = 0, single_anterior = 0, single_posterior1 = 0, anterior_sect_x = 0, single_posterior = 0,
      single_fusion_ctr = 0;
};

void add_procedure_counts(const ProcCounts& c, Totals& t) {
  t.bilateral |= c.bilateral;
  t.vessels += c.vessels;
  if (c.drug_stent) t.drug_stents += c.stent_weight;
  if (c.non_drug_stent) t.non_drug_stents += c.stent_weight;
  t.single_fusions += c.single_fusions;
  t.single_anterior += c.single_anterior;
  t.single_posterior1 += c.single_posterior1;
  t.anterior_sect_x += c.anterior_sect_x;
  t.single_posterior += c.single_posterior;
  t.single_fusion_ctr += c.single_fusion_ctr;
}

void add_cumulative_atoms(ClaimState& s, const Totals& t) {
  const SyntheticAttrs& syn = s.tables->synthetic;
  add_claim_atom(s, syn.multst, std::popcount(t.sig_trauma) >= 2);
  add_claim_atom(s, syn.bilateral, std::popcount(t.bilateral) >= 2);
  add_claim_atom(s, syn.four_non_drug_stents, t.non_drug_stents >= 4);
  add_claim_atom(s, syn.four_drug_stents, t.drug_stents >= 4);
  add_claim_atom(s, syn.four_vessels, t.vessels >= 4);
  add_claim_atom(s, syn.four_stents, t.drug_stents + t.non_drug_stents >= 4);
  add_claim_atom(s, syn.multfuse, t.single_fusions >= 2);
  add_claim_atom(s, syn.sglantsectxctr, t.anterior_sect_x >= 2);
  add_claim_atom(s, syn.sglpostfusectr, t.single_posterior >= 2);
  add_claim_atom(s, syn.singlefusionctr, t.single_fusion_ctr >= 3);
  add_claim_atom(s, syn.sglantctr, t.single_anterior >= 2);
  add_claim_atom(s, syn.sglpost1ctr, t.single_posterior1 >= 2);
}

}  // namespace

void build_atoms(ClaimState& s) {
  s.atoms->reset(s.tables->attrs.size());
  Totals totals;
  for (const DxState& dx : s.sdx) {
    if (dx.rec == nullptr) continue;
    add_diagnosis(s, *dx.rec, AtomScope::sdx);
    totals.sig_trauma |= dx.rec->sig_trauma;
  }
  for (const ProcState& p : s.procs) {
    if (p.rec == nullptr) continue;
    add_span(s, p.rec->attrs, AtomScope::any, p.suppressed_in);
    add_procedure_counts(p.rec->counts, totals);
  }
  for (const ClusterHit& c : s.clusters) {
    if (c.rec == nullptr) continue;
    add_span(s, c.rec->attrs, AtomScope::any, 0);
    // Clusters count toward joints and vessels only (as CMS does for non-procedure attributes).
    totals.bilateral |= c.rec->counts.bilateral;
    totals.vessels += c.rec->counts.vessels;
  }
  if (s.pdx.rec != nullptr) totals.sig_trauma |= s.pdx.rec->sig_trauma;
  add_pdx_atoms(s);
  add_status_atoms(s);
  add_cumulative_atoms(s, totals);
}

}  // namespace chartflow::drg::detail
