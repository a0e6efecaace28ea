// The MS-DRG v43 tables in memory: diagnosis and procedure attributes keyed by packed code, procedure
// clusters, CC exclusion lists and the compiled DRG / HAC formulas. Built once by load_tables() and
// read-only afterwards, so any number of threads can group with them.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "attributes.hpp"
#include "code_key.hpp"
#include "formula.hpp"
#include "grouper.hpp"

namespace chartflow::drg::detail {

// A slice of one of the tables' shared pools.
struct Span {
  std::uint32_t offset = 0;
  std::uint32_t count = 0;
};

// Grouper versions a table row is valid for (430 and/or 431).
struct VersionRange {
  std::uint16_t first = 0, last = 0;
  bool covers(int version) const { return version >= first && version <= last; }
};

class TableReader;
// The version_start/version_end pair of cells starting at `first_column` (the load fails on a bad range).
VersionRange versions_of(const TableReader& in, std::size_t first_column);

inline constexpr std::uint8_t kNoMdc = 0xFF;
inline constexpr std::uint32_t kNoRow = 0xFFFFFFFF;

// One HAC list a diagnosis is on (hac_operands), with its HAC category number.
struct HacList {
  AttrId list = kNoAttr;
  std::uint8_t number = 0;
};

enum DxFlag : std::uint8_t {
  dx_ecode = 1,      // external cause code: cannot be a principal diagnosis
  dx_mccalive = 2,   // MCC only when the patient is discharged alive
  dx_incident = 4,   // newborn "incidental" condition (DRG 795 logic)
  dx_hac06_show = 8, // on the HAC 6 "show" list
};

struct DxRecord {
  VersionRange versions;
  std::uint32_t next = kNoRow;  // older/newer row of the same code
  std::uint8_t mdc = kNoMdc;
  std::uint8_t male_mdc = kNoMdc, female_mdc = kNoMdc;  // set for sex-specific principal diagnoses
  CcLevel cc = CcLevel::none;
  std::uint8_t flags = 0;         // DxFlag bits
  std::uint8_t sig_trauma = 0;    // bit per significant-trauma body site (sthead ... stlolimb)
  std::uint32_t exclusion_group = 0;  // CC exclusion group applied when this code is the PDX; 0 = none
  Span attrs;       // dx_attributes: the code's DRG logic lists
  Span categories;  // dxcat_attributes: medical DRG categories (dxcNNxx)
  Span hac_attrs;   // hac_attributes: atoms of the HAC formulas
  Span hac_lists;   // hac_operands with HAC numbers (into hac_list_pool)
  bool sex_specific() const { return male_mdc != kNoMdc || female_mdc != kNoMdc; }
};

// Per-procedure counts feeding the cumulative atoms (BILATERAL, FOUR_STENTS, fusion counters...),
// precomputed so grouping never looks at attribute names.
struct ProcCounts {
  std::uint8_t bilateral = 0;     // bit per joint side (righthip ... rightankle)
  std::uint8_t vessels = 0;       // sum of vesselN digits
  std::uint8_t stent_weight = 0;  // stentN digit
  bool drug_stent = false, non_drug_stent = false;  // NORdrugstent / NORstent
  std::uint8_t single_fusions = 0;       // sglantfuse + sglpostfuse1
  std::uint8_t single_anterior = 0;      // sglantfuse
  std::uint8_t single_posterior1 = 0;    // sglpostfuse1
  std::uint8_t anterior_sect_x = 0;      // sglantsectXfuse
  std::uint8_t single_posterior = 0;     // sglpostfuse
  std::uint8_t single_fusion_ctr = 0;    // sglantfuse + sglpostfuse
};

struct ProcRecord {
  VersionRange versions;
  std::uint32_t next = kNoRow;
  Span attrs;
  bool is_or = false;
  ProcCounts counts;
  std::uint8_t hac_procs = 0;  // bit per ProcedureHac: the procedure is on hacNN_proc
};

// A procedure cluster: present when the claim has a code from every choice; it then acts as a procedure
// of its own (its pr_codes row) and its components' attributes are suppressed in `suppression` MDCs.
struct ClusterRecord {
  CodeKey id = kNoCode;
  VersionRange versions;
  std::uint32_t suppression = 0;  // bit per MDC
  Span choices;                   // into choice_pool; each choice is a Span of code_pool
};

struct ClusterRefs {
  VersionRange versions;
  std::uint32_t next = kNoRow;
  Span clusters;  // indices into clusters (cluster_ref_pool)
};

// What a DRG-0 row does when it matches: most stop grouping with a return code.
enum class RowControl : std::uint8_t {
  none,  // an ordinary DRG (or reroute) row
  skip,  // marker rows (MDCnn) and rows with no return code: ignored
  invalid_pdx,
  dx_cannot_be_pdx,
  invalid_sex,
  invalid_discharge_status,
};

struct DrgRow {
  VersionRange versions;
  std::uint8_t mdc = 0;
  int rank = 0;
  int drg = 0, base_drg = 0;
  MedSurg med_surg = MedSurg::none;
  std::uint8_t reroute_mdc = 0;  // continue in this MDC when non-zero
  RowControl control = RowControl::none;
  Span suppression;  // SDX attributes whose CC/MCC this row ignores (attr_pool)
  Formula formula;
};

struct HacFormula {
  VersionRange versions;
  int number = 0;
  Formula formula;
};

template <class Record>
class VersionedTable {
 public:
  void add(CodeKey key, Record record) {
    const auto index = static_cast<std::uint32_t>(rows_.size());
    const auto [it, inserted] = heads_.try_emplace(key, index);
    if (!inserted) {
      record.next = it->second;
      it->second = index;
    }
    rows_.push_back(record);
  }
  const Record* find(CodeKey key, int version) const {
    const auto it = heads_.find(key);
    for (std::uint32_t i = it == heads_.end() ? kNoRow : it->second; i != kNoRow; i = rows_[i].next) {
      if (rows_[i].versions.covers(version)) return &rows_[i];
    }
    return nullptr;
  }
  std::size_t bytes() const {
    return rows_.capacity() * sizeof(Record) + heads_.size() * (sizeof(CodeKey) + sizeof(std::uint32_t) + 16);
  }

 private:
  std::vector<Record> rows_;
  std::unordered_map<CodeKey, std::uint32_t, CodeKeyHash> heads_;
};

inline constexpr int kMaxMdc = 32;  // MDC numbers are 0..29 (99 = error rows, kept apart)
inline constexpr int kMaxHac = 15;

struct GrouperTables {
  GrouperTables() : synthetic(attrs) {}

  AttrRegistry attrs;
  SyntheticAttrs synthetic;

  VersionedTable<DxRecord> dx;
  VersionedTable<ProcRecord> procedures;  // includes the clusters' own rows (Z@nnnn)
  std::vector<ClusterRecord> clusters;
  VersionedTable<ClusterRefs> cluster_membership;
  std::vector<Span> exclusion_groups;  // by group id, into code_pool (sorted)

  std::vector<DrgRow> drg_rows;
  std::array<std::vector<std::uint32_t>, kMaxMdc> rows_by_mdc;  // by rank, file order within a rank
  std::vector<HacFormula> hac_formulas;

  std::vector<AttrId> attr_pool;
  std::vector<HacList> hac_list_pool;
  std::vector<CodeKey> code_pool;
  std::vector<Span> choice_pool;
  std::vector<std::uint32_t> cluster_ref_pool;

  const AttrId* attr_begin(Span s) const { return attr_pool.data() + s.offset; }
  const AttrId* attr_end(Span s) const { return attr_pool.data() + s.offset + s.count; }
  bool excluded_by_group(std::uint32_t group, CodeKey sdx) const;
  const HacFormula* hac_formula(int number, int version) const;
  std::size_t bytes() const;
};

// Reads every msdrg table from <data_folder>/msdrg. Throws std::runtime_error naming the file and line.
void load_tables(const std::filesystem::path& data_folder, GrouperTables& tables);
// The DRG and HAC formula tables of <msdrg_folder> (drg_logic_load.cpp; called by load_tables).
void load_logic(const std::filesystem::path& msdrg_folder, GrouperTables& tables);

}  // namespace chartflow::drg::detail
