// The working state of one claim while it is grouped: its codes looked up in the tables, the attribute
// sets the formulas test, and the flags the HAC and marking steps set. Internal to the grouper.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "formula.hpp"
#include "grouper.hpp"
#include "drg_tables.hpp"

namespace chartflow::drg::detail {

// POA "Y" or "W" (clinically undetermined): present on admission, as the HAC logic reads it.
inline bool poa_yes(Poa poa) { return poa == Poa::yes || poa == Poa::clinically_undetermined; }

// Per scope and attribute, the MDCs where the claim's attribute is suppressed (see AtomView). Reused
// across claims: only the entries a claim set are reset.
class AtomSets {
 public:
  void reset(std::size_t attr_count);
  void add(AtomScope scope, AttrId attr, std::uint32_t suppressed_in) {
    std::uint32_t& mask = masks_[static_cast<int>(scope)][attr];
    if (mask == kAbsent) touched_.push_back(static_cast<std::uint32_t>(scope) << 16 | attr);
    mask &= suppressed_in;  // suppressed only where every code carrying it is suppressed
  }
  AtomView view() const;

 private:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFF;
  std::array<std::vector<std::uint32_t>, kScopeCount> masks_;
  std::vector<std::uint32_t> touched_;
};

struct HacItem {
  AttrId list = kNoAttr;
  std::uint8_t number = 0;
  HacUsage usage = HacUsage::not_on_hac_list;
};

struct DxState {
  CodeKey code = kNoCode;
  Poa poa = Poa::blank;
  const DxRecord* rec = nullptr;  // null: not recognized
  std::uint32_t input_index = 0;  // position in Claim::sdx
  bool excluded = false;          // on the PDX's CC exclusion list
  bool death_excluded = false;    // mccalive and the patient died
  std::uint8_t hac_count = 0;
  std::array<HacItem, 4> hacs{};
  PoaError poa_error = PoaError::not_checked;
  AffectsDrg impact = AffectsDrg::none;

  CcLevel cc() const { return rec ? rec->cc : CcLevel::none; }
  bool hac_met() const {
    for (int i = 0; i < hac_count; ++i) {
      if (hacs[i].usage == HacUsage::criteria_met) return true;
    }
    return false;
  }
};

struct ProcState {
  CodeKey code = kNoCode;
  const ProcRecord* rec = nullptr;
  std::uint32_t input_index = 0;
  std::uint32_t suppressed_in = 0;  // MDCs where a cluster this procedure completes suppresses it
  AffectsDrg impact = AffectsDrg::none;
  std::uint8_t hac_usage = 0;  // bit per ProcedureHac
};

struct ClusterHit {
  const ClusterRecord* cluster = nullptr;
  const ProcRecord* rec = nullptr;  // the cluster's own attributes (may be null if the table lacks it)
  std::uint64_t components = 0;     // bit per ProcState index that completed the cluster
};

// The DRG row that assigned a DRG, with what it was evaluated with.
struct RowHit {
  const DrgRow* row = nullptr;
  int mdc = 0;  // MDC whose logic holds the row
  CcLevel severity = CcLevel::none;
};

enum class Stage : std::uint8_t { initial, final };

struct StageResult {
  DrgAssignment assignment;
  RowHit pre;     // the Pre-MDC row that matched, if any
  RowHit winner;  // the row that gave the DRG (after any reroute)
  bool grouped() const { return winner.row != nullptr && assignment.return_code == ReturnCode::ok; }
};

struct ClaimState {
  const GrouperTables* tables = nullptr;
  int version = 0;
  Sex sex = Sex::unknown;
  int discharge_status = 0;
  bool died = false;
  bool status_valid = true;
  HospitalStatus hospital = HospitalStatus::not_exempt;
  bool hacs_evaluated = false;  // the HAC step ran (it does not when the initial DRG failed)

  DxState pdx;
  int pdx_mdc = 0;
  bool sex_conflict = false;
  std::vector<DxState> sdx;     // CLINICAL_SIGNIFICANCE order: MCC, CC, others, then by code
  int not_incident_sdx = -1;    // PDX "incidental": the first recognized SDX that is not (DRG 794 marking)
  std::vector<ProcState> procs;  // claim order (first = principal procedure)
  std::vector<std::uint32_t> procs_by_code;  // indices into procs, by code (the marking order)
  std::vector<ClusterHit> clusters;
  AtomSets* atoms = nullptr;

  bool has_attr(const DxState& dx, AttrId attr) const;  // in dx_attributes
};

// Looks every code up and fills the claim state (exclusions, clusters, attribute sets) for `version`.
void prepare_claim(const Claim& claim, int version, const GrouperTables& tables, AtomSets& atoms, ClaimState& out);

// The claim's attribute sets (atoms.cpp); called by prepare_claim once the codes are looked up.
void build_atoms(ClaimState& state);

// Initial or final DRG assignment (final: HAC-met secondary diagnoses no longer count as CC/MCC).
StageResult assign_drg(const ClaimState& state, Stage stage);

// The CC/MCC level `row` sees: secondary diagnoses not excluded, not suppressed by the row and (final
// stage) not HAC-met.
CcLevel row_severity(const ClaimState& state, const DrgRow& row, Stage stage);
bool suppressed_by_row(const ClaimState& state, const DxState& dx, const DrgRow& row);

// HAC step: HAC statuses and POA errors on the secondary diagnoses, procedure HAC usage, and the return code
// that makes the final DRG ungroupable (ok when none).
ReturnCode process_hacs(ClaimState& state);

// The MDC in which the marking step treats procedure attributes as suppressed.
int marking_mdc(const ClaimState& state, const RowHit& winner);

// Affects-DRG marking of one stage's DRG (CMS COMPUTE option).
void mark_affecting_codes(ClaimState& state, const StageResult& stage_result, Stage stage);
// Final-stage marking of the codes behind a DRG change caused by HACs.
void mark_hac_changes(ClaimState& state, const StageResult& initial, const StageResult& final);

}  // namespace chartflow::drg::detail
