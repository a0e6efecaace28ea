// Loads the DRG logic (drg_formulas) and the HAC logic (hac_formulas), compiling every formula once.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "table_reader.hpp"
#include "drg_tables.hpp"

namespace chartflow::drg::detail {

namespace {

Formula compile(const TableReader& in, std::size_t column, GrouperTables& t) {
  try {
    return Formula::parse(in.field(column), t.attrs);
  } catch (const std::invalid_argument& e) {
    in.fail(e.what());
  }
}

MedSurg med_surg_of(const TableReader& in, std::size_t column) {
  const std::string_view text = in.field(column);
  if (text == "SURGICAL") return MedSurg::surgical;
  if (text == "MEDICAL") return MedSurg::medical;
  if (text == "NA") return MedSurg::none;
  in.fail("unknown med_surg '" + std::string(text) + "'");
}

// DRG-0 rows that are not reroutes stop grouping with a return code when they match; which one is told
// by the synthetic atom they test. Rows testing none of them (the MDCnn markers) are ignored.
RowControl control_of(const DrgRow& row, const SyntheticAttrs& s) {
  if (row.drg != 0 || row.reroute_mdc != 0) return RowControl::none;
  if (row.formula.mentions(s.invalid_pdx)) return RowControl::invalid_pdx;
  if (row.formula.mentions(s.pdx_ecode)) return RowControl::dx_cannot_be_pdx;
  if (row.formula.mentions(s.invalid_sex)) return RowControl::invalid_sex;
  if (row.formula.mentions(s.invalid_dstat)) return RowControl::invalid_discharge_status;
  return RowControl::skip;
}

void load_drg_rows(const std::filesystem::path& folder, GrouperTables& t) {
  TableReader in(table_path(folder, "drg_formulas"),
                 {"version_start", "version_end", "mdc", "rank", "drg", "base_drg", "med_surg", "reroute_mdc",
                  "drg_severity", "severity_suppression", "formula"});
  while (in.next()) {
    DrgRow row;
    row.versions = versions_of(in, 0);
    const int mdc = in.integer(2), reroute = in.integer(7);
    if (reroute >= kMaxMdc || (mdc >= kMaxMdc && mdc != 99)) in.fail("MDC out of range");
    row.mdc = static_cast<std::uint8_t>(mdc);
    row.rank = in.integer(3);
    row.drg = in.integer(4);
    row.base_drg = in.integer(5);
    row.med_surg = med_surg_of(in, 6);
    row.reroute_mdc = static_cast<std::uint8_t>(reroute);
    row.suppression.offset = static_cast<std::uint32_t>(t.attr_pool.size());
    for (std::string_view word : in.words(9)) t.attr_pool.push_back(t.attrs.intern(word));
    row.suppression.count = static_cast<std::uint32_t>(t.attr_pool.size()) - row.suppression.offset;
    row.formula = compile(in, 10, t);
    row.control = control_of(row, t.synthetic);
    t.drg_rows.push_back(std::move(row));
  }
  for (std::uint32_t i = 0; i < t.drg_rows.size(); ++i) {
    if (t.drg_rows[i].mdc < kMaxMdc) t.rows_by_mdc[t.drg_rows[i].mdc].push_back(i);
  }
  for (auto& rows : t.rows_by_mdc) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return t.drg_rows[a].rank < t.drg_rows[b].rank; });
  }
}

void load_hac_formulas(const std::filesystem::path& folder, GrouperTables& t) {
  TableReader in(table_path(folder, "hac_formulas"), {"version_start", "version_end", "hac_number", "formula"});
  while (in.next()) {
    HacFormula hac;
    hac.versions = versions_of(in, 0);
    hac.number = in.integer(2);
    if (hac.number <= 0 || hac.number >= kMaxHac) in.fail("HAC number out of range");
    hac.formula = compile(in, 3, t);
    t.hac_formulas.push_back(std::move(hac));
  }
}

}  // namespace

void load_logic(const std::filesystem::path& folder, GrouperTables& tables) {
  load_drg_rows(folder, tables);
  load_hac_formulas(folder, tables);
}

}  // namespace chartflow::drg::detail
