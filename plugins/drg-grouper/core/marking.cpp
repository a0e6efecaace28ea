// Affects-DRG marking (CMS COMPUTE option). After each DRG assignment, the atoms found true while its
// formula was evaluated are handed out to the codes that supplied them:
//  - the principal diagnosis always (a grouped claim's DRG depends on it);
//  - each CC/MCC atom, and each SDX attribute, to the first secondary diagnosis (clinical-significance
//    order) that supplies it and is not excluded or suppressed by the row;
//  - procedure attributes to the principal procedure if it has them all, else the first procedure (code
//    order) that does, else a cluster, else attribute by attribute;
//  - cumulative atoms (four stents / vessels, bilateral joints, multiple trauma, DRG 794) to the codes
//    that made up the count.
// Every rule here was checked against the CMS grouper's outputs (tools/compare_grouper.cpp).
#include <algorithm>
#include <bit>

#include "claim_state.hpp"

namespace chartflow::drg::detail {

namespace {

void add_impact(AffectsDrg& impact, Stage stage) {
  const AffectsDrg mine = stage == Stage::initial ? AffectsDrg::initial : AffectsDrg::final;
  if (impact == AffectsDrg::none) {
    impact = mine;
  } else if (impact != mine) {
    impact = AffectsDrg::both;
  }
}

bool dx_has(const ClaimState& s, const DxState& dx, AttrId attr) {
  if (dx.rec == nullptr) return false;
  const GrouperTables& t = *s.tables;
  const auto has = [&](Span span) { return std::find(t.attr_begin(span), t.attr_end(span), attr) != t.attr_end(span); };
  return has(dx.rec->attrs) || has(dx.rec->categories);
}

// Whether `dx` supplies the matched atom `key` (the CMS DiagnosisMarking rule).
bool dx_supplies(const ClaimState& s, const DxState& dx, const MatchedAtom& key, const RowHit& winner) {
  if (key.op == NodeOp::mcc || key.op == NodeOp::cc) {
    if (dx.excluded || dx.death_excluded || suppressed_by_row(s, dx, *winner.row)) return false;
    return dx.cc() == (key.op == NodeOp::mcc ? CcLevel::mcc : CcLevel::cc);
  }
  if (key.scope != AtomScope::sdx && key.scope != AtomScope::any) return false;
  // An SDX: atom names a list the row also suppresses; CMS does not credit a suppressed SDX with it.
  if (key.scope == AtomScope::sdx && suppressed_by_row(s, dx, *winner.row)) return false;
  return dx_has(s, dx, key.attr);
}

void mark_diagnoses(ClaimState& s, const std::vector<MatchedAtom>& matched, const RowHit& winner, Stage stage) {
  std::vector<MatchedAtom> remaining = matched;
  for (DxState& dx : s.sdx) {
    for (auto key = remaining.begin(); key != remaining.end(); ++key) {
      // A bare attribute the principal diagnosis has is the principal diagnosis' doing.
      if (key->op == NodeOp::atom && key->scope == AtomScope::any && s.has_attr(s.pdx, key->attr)) continue;
      if (!dx_supplies(s, dx, *key, winner)) continue;
      add_impact(dx.impact, stage);
      remaining.erase(key);
      break;
    }
  }
}

bool proc_usable(const ProcState& p, int mdc) { return p.rec != nullptr && ((p.suppressed_in >> mdc) & 1U) == 0; }

bool span_has(const GrouperTables& t, Span span, AttrId attr) {
  return std::find(t.attr_begin(span), t.attr_end(span), attr) != t.attr_end(span);
}

bool has_all(const GrouperTables& t, Span span, const std::vector<AttrId>& attrs) {
  return std::all_of(attrs.begin(), attrs.end(), [&](AttrId a) { return span_has(t, span, a); });
}

void mark_cluster(ClaimState& s, const ClusterHit& cluster, Stage stage) {
  for (std::size_t p = 0; p < s.procs.size() && p < 64; ++p) {
    if (cluster.components >> p & 1) add_impact(s.procs[p].impact, stage);
  }
}

// One attribute no single procedure carries together with the others: the principal procedure if several
// procedures have it, else the first (code order) that has it, else a cluster that has it.
void mark_one_attribute(ClaimState& s, AttrId attr, int mdc, Stage stage) {
  const GrouperTables& t = *s.tables;
  int first = -1, count = 0;
  for (const std::uint32_t p : s.procs_by_code) {
    if (!proc_usable(s.procs[p], mdc) || !span_has(t, s.procs[p].rec->attrs, attr)) continue;
    if (first < 0) first = static_cast<int>(p);
    ++count;
  }
  if (first >= 0) {
    const bool principal = count >= 2 && proc_usable(s.procs[0], mdc) && span_has(t, s.procs[0].rec->attrs, attr);
    add_impact(s.procs[principal ? 0 : static_cast<std::size_t>(first)].impact, stage);
    return;
  }
  for (const ClusterHit& c : s.clusters) {
    if (c.rec != nullptr && span_has(t, c.rec->attrs, attr)) {
      mark_cluster(s, c, stage);
      return;
    }
  }
}

void mark_procedures(ClaimState& s, const std::vector<MatchedAtom>& matched, int mdc, Stage stage) {
  const GrouperTables& t = *s.tables;
  std::vector<AttrId> attrs;
  for (const MatchedAtom& key : matched) {
    if (key.op == NodeOp::atom && !key.prefixed) attrs.push_back(key.attr);
  }
  if (attrs.empty()) return;
  // A procedure carrying every attribute: the principal procedure first, then the others in code order.
  if (!s.procs.empty() && proc_usable(s.procs[0], mdc) && has_all(t, s.procs[0].rec->attrs, attrs)) {
    add_impact(s.procs[0].impact, stage);
    return;
  }
  for (const std::uint32_t index : s.procs_by_code) {
    ProcState& p = s.procs[index];
    if (proc_usable(p, mdc) && has_all(t, p.rec->attrs, attrs)) {
      add_impact(p.impact, stage);
      return;
    }
  }
  for (const ClusterHit& c : s.clusters) {
    if (c.rec != nullptr && has_all(t, c.rec->attrs, attrs)) {
      mark_cluster(s, c, stage);
      return;
    }
  }
  for (const AttrId attr : attrs) mark_one_attribute(s, attr, mdc, stage);
}

bool matched_has(const std::vector<MatchedAtom>& matched, AttrId attr) {
  return std::any_of(matched.begin(), matched.end(), [attr](const MatchedAtom& m) { return m.attr == attr; });
}

// Multiple significant trauma (MDC 24): the diagnoses that supply the two distinct body sites, the
// principal diagnosis' site first, then secondary diagnoses in clinical-significance order.
void mark_trauma_sites(ClaimState& s, Stage stage) {
  std::uint8_t sites = s.pdx.rec != nullptr ? s.pdx.rec->sig_trauma : 0;
  int found = sites != 0 ? 1 : 0;
  for (DxState& dx : s.sdx) {
    if (found >= 2) return;
    if (dx.rec == nullptr || (dx.rec->sig_trauma & ~sites) == 0) continue;
    sites |= dx.rec->sig_trauma;
    add_impact(dx.impact, stage);
    ++found;
  }
}

void erase_matched(std::vector<MatchedAtom>& matched, AttrId attr) {
  std::erase_if(matched, [attr](const MatchedAtom& m) { return m.op == NodeOp::atom && m.attr == attr; });
}

// Four stents: the stent procedures (code order) that brought the count to four, and every procedure
// with the matched artery and stent lists. Those lists are then accounted for: the general procedure
// marking no longer hands them out (so the principal procedure is not credited for them).
void mark_stents(ClaimState& s, std::vector<MatchedAtom>& matched, int mdc, Stage stage) {
  const SyntheticAttrs& syn = s.tables->synthetic;
  if (!matched_has(matched, syn.four_stents)) return;
  const AttrId stent_list = matched_has(matched, syn.drug_stent) ? syn.drug_stent : syn.non_drug_stent;
  const bool pairs = matched_has(matched, syn.arterial) && matched_has(matched, stent_list);
  int total = 0;
  for (const std::uint32_t index : s.procs_by_code) {
    ProcState& p = s.procs[index];
    if (!proc_usable(p, mdc)) continue;
    const ProcCounts& c = p.rec->counts;
    const bool counted = total < 4 && c.stent_weight > 0 && (c.drug_stent || c.non_drug_stent);
    if (counted) total += c.stent_weight;
    const bool paired = pairs && span_has(*s.tables, p.rec->attrs, syn.arterial) &&
                        span_has(*s.tables, p.rec->attrs, stent_list);
    if (counted || paired) add_impact(p.impact, stage);
  }
  erase_matched(matched, syn.arterial);
  erase_matched(matched, syn.drug_stent);
  erase_matched(matched, syn.non_drug_stent);
}

// Four vessels / bilateral joints: the procedures (code order) that brought the count to its threshold
// (four vessels, two distinct joint sides).
void mark_vessels_and_joints(ClaimState& s, const std::vector<MatchedAtom>& matched, int mdc, Stage stage) {
  const SyntheticAttrs& syn = s.tables->synthetic;
  const bool vessels = matched_has(matched, syn.four_vessels);
  const bool joints = matched_has(matched, syn.bilateral);
  if (!vessels && !joints) return;
  int vessel_total = 0;
  std::uint8_t joint_bits = 0;
  for (const std::uint32_t index : s.procs_by_code) {
    ProcState& p = s.procs[index];
    if (!proc_usable(p, mdc)) continue;
    const ProcCounts& c = p.rec->counts;
    bool counted = false;
    if (vessels && vessel_total < 4 && c.vessels > 0) {
      vessel_total += c.vessels;
      counted = true;
    }
    if (joints && std::popcount(joint_bits) < 2 && (c.bilateral & ~joint_bits) != 0) {
      joint_bits |= c.bilateral;
      counted = true;
    }
    if (counted) add_impact(p.impact, stage);
  }
}

}  // namespace

// CMS checks procedure suppression in the principal diagnosis' MDC (MDC 29 for the unrelated-OR DRGs
// 981-989), not in the MDC whose logic assigned the DRG (Pre-MDC, MDC 24...).
int marking_mdc(const ClaimState& s, const RowHit& winner) {
  const int drg = winner.row->drg;
  return drg >= 981 && drg <= 989 ? 29 : s.pdx_mdc;
}

void mark_affecting_codes(ClaimState& s, const StageResult& result, Stage stage) {
  if (!result.grouped()) return;
  add_impact(s.pdx.impact, stage);  // a grouped claim's DRG always depends on its principal diagnosis
  const RowHit& winner = result.winner;
  std::vector<MatchedAtom> matched;
  winner.row->formula.collect(EvalContext{s.atoms->view(), winner.mdc, winner.severity}, matched);
  mark_diagnoses(s, matched, winner, stage);
  const int mdc = marking_mdc(s, winner);
  mark_stents(s, matched, mdc, stage);
  mark_vessels_and_joints(s, matched, mdc, stage);
  mark_procedures(s, matched, mdc, stage);
  if (result.pre.row != nullptr && result.pre.row->formula.mentions(s.tables->synthetic.multst)) {
    mark_trauma_sites(s, stage);
  }
  // Newborn "other significant problems" (DRG 794) comes from the first non-incidental SDX.
  if (winner.row->drg == 794 && s.not_incident_sdx >= 0) {
    add_impact(s.sdx[static_cast<std::size_t>(s.not_incident_sdx)].impact, stage);
  }
}

// When HACs changed the DRG, the HAC-met diagnoses affected the final DRG, and so did the procedures their
// procedure-dependent HACs (8, 10-14) rest on.
void mark_hac_changes(ClaimState& s, const StageResult& initial, const StageResult& final) {
  if (!initial.grouped() || !final.grouped() || initial.winner.row->drg == final.winner.row->drg) return;
  std::uint32_t met = 0;
  for (DxState& dx : s.sdx) {
    if (!dx.hac_met()) continue;
    add_impact(dx.impact, Stage::final);
    for (int i = 0; i < dx.hac_count; ++i) {
      if (dx.hacs[i].usage == HacUsage::criteria_met) met |= 1U << dx.hacs[i].number;
    }
  }
  static constexpr int kHacNumber[6] = {8, 10, 11, 12, 13, 14};  // ProcedureHac order
  const int mdc = marking_mdc(s, final.winner);
  for (ProcState& p : s.procs) {
    if (!proc_usable(p, mdc)) continue;
    for (int bit = 0; bit < 6; ++bit) {
      if ((p.hac_usage >> bit & 1) && (met >> kHacNumber[bit] & 1)) add_impact(p.impact, Stage::final);
    }
  }
}

}  // namespace chartflow::drg::detail
