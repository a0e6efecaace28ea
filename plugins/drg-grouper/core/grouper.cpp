// The Grouper: version selection, then the CMS chain -- preprocessing, initial DRG and its marking, HAC
// processing, final DRG and its marking -- and the result assembly.
#include "grouper.hpp"

#include "claim_state.hpp"
#include "results.hpp"

#include <algorithm>

namespace chartflow::drg {

using detail::Stage;
using detail::StageResult;

int grouper_version_for(int discharge_date) {
  if (discharge_date >= 20251001 && discharge_date <= 20260331) return 430;
  if (discharge_date >= 20260401 && discharge_date <= 20260930) return 431;
  return 0;
}

Grouper::Grouper(const std::filesystem::path& data_folder) {
  auto tables = std::make_unique<detail::GrouperTables>();
  detail::load_tables(data_folder, *tables);
  tables_ = std::move(tables);
}

Grouper::~Grouper() = default;
Grouper::Grouper(Grouper&&) noexcept = default;
Grouper& Grouper::operator=(Grouper&&) noexcept = default;

std::size_t Grouper::table_bytes() const { return tables_->bytes(); }

std::vector<int> Grouper::drgs(int version) const {
  std::vector<int> out;
  for (const detail::DrgRow& row : tables_->drg_rows)
    if (row.control == detail::RowControl::none && row.drg > 0 && row.versions.covers(version)) out.push_back(row.drg);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// A claim no grouper version covers: every code reported unrecognized, both DRGs ungroupable.
GroupResult out_of_range(const Claim& claim) {
  GroupResult out;
  out.initial.return_code = out.final.return_code = ReturnCode::discharge_date_out_of_range;
  out.pdx.code = claim.pdx.code;
  out.pdx.poa = claim.pdx.poa;
  for (const DiagnosisInput& dx : claim.sdx) {
    DiagnosisResult& r = out.sdx.emplace_back();
    r.code = dx.code;
    r.poa = dx.poa;
  }
  for (const std::string& code : claim.procedures) out.procedures.emplace_back().code = code;
  return out;
}

}  // namespace

GroupResult Grouper::group(const Claim& claim) const {
  const int version = grouper_version_for(claim.discharge_date);
  if (version == 0) return out_of_range(claim);
  thread_local detail::AtomSets atoms;
  detail::ClaimState state;
  detail::prepare_claim(claim, version, *tables_, atoms, state);

  const StageResult initial = detail::assign_drg(state, Stage::initial);
  detail::mark_affecting_codes(state, initial, Stage::initial);
  ReturnCode hac_return = ReturnCode::ok;
  StageResult final = initial;
  if (initial.grouped()) {
    hac_return = detail::process_hacs(state);
    if (hac_return == ReturnCode::ok) {
      final = detail::assign_drg(state, Stage::final);
    } else {
      final = StageResult{};
      final.assignment.return_code = hac_return;
    }
    detail::mark_affecting_codes(state, final, Stage::final);
  }
  detail::mark_hac_changes(state, initial, final);

  GroupResult out;
  out.version = version;
  out.initial = initial.assignment;
  out.final = final.assignment;
  detail::fill_code_results(claim, state, initial, final, out);
  detail::fill_claim_flags(state, final, hac_return, out);
  return out;
}

GroupResult Grouper::group_with(const Claim& claim, CodeSlot slot, std::string_view code) const {
  Claim changed = claim;
  switch (slot.kind) {
    case CodeSlot::Kind::pdx: changed.pdx.code = std::string(code); break;
    case CodeSlot::Kind::sdx:
      if (slot.index < changed.sdx.size()) {
        if (code.empty()) {
          changed.sdx.erase(changed.sdx.begin() + static_cast<std::ptrdiff_t>(slot.index));
        } else {
          changed.sdx[slot.index].code = std::string(code);
        }
      }
      break;
    case CodeSlot::Kind::procedure:
      if (slot.index < changed.procedures.size()) {
        if (code.empty()) {
          changed.procedures.erase(changed.procedures.begin() + static_cast<std::ptrdiff_t>(slot.index));
        } else {
          changed.procedures[slot.index] = std::string(code);
        }
      }
      break;
  }
  return group(changed);
}

}  // namespace chartflow::drg
