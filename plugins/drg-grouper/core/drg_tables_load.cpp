// Loads the code tables: diagnoses, procedures, procedure clusters and CC exclusion groups.
#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <unordered_map>

#include "table_reader.hpp"
#include "drg_tables.hpp"

namespace chartflow::drg::detail {

VersionRange versions_of(const TableReader& in, std::size_t first_column) {
  const int first = in.integer(first_column), last = in.integer(first_column + 1);
  if (first > last || last > 0xFFFF) in.fail("bad version range");
  return {static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last)};
}

namespace {

CodeKey code_of(const TableReader& in, std::size_t column) {
  const CodeKey key = pack_code(in.field(column));
  if (key == kNoCode) in.fail("bad code '" + std::string(in.field(column)) + "'");
  return key;
}

std::uint8_t mdc_of(const TableReader& in, std::size_t column) {
  if (in.field(column).empty()) return kNoMdc;
  const int mdc = in.integer(column);
  if (mdc >= kMaxMdc) in.fail("MDC out of range");
  return static_cast<std::uint8_t>(mdc);
}

// The HAC category of a list name: the digits after "HAC"/"hac" (HAC05 -> 5, hac11_sdx -> 11).
int hac_number_of(std::string_view name) {
  int number = 0;
  for (std::size_t i = 3; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) {
    number = number * 10 + (name[i] - '0');
  }
  return number;
}

Span intern_words(const TableReader& in, std::size_t column, GrouperTables& t) {
  Span span{static_cast<std::uint32_t>(t.attr_pool.size()), 0};
  for (std::string_view word : in.words(column)) t.attr_pool.push_back(t.attrs.intern(word));
  span.count = static_cast<std::uint32_t>(t.attr_pool.size()) - span.offset;
  return span;
}

CcLevel cc_of(const TableReader& in, std::size_t column) {
  const std::string_view level = in.field(column);
  if (level == "MCC") return CcLevel::mcc;
  if (level == "CC") return CcLevel::cc;
  if (level == "NCC" || level.empty()) return CcLevel::none;
  in.fail("unknown severity '" + std::string(level) + "'");
}

std::uint8_t dx_flags_of(const DxRecord& r, const GrouperTables& t) {
  std::uint8_t flags = 0;
  const SyntheticAttrs& s = t.synthetic;
  for (const AttrId* a = t.attr_begin(r.attrs); a != t.attr_end(r.attrs); ++a) {
    if (*a == s.ecode) flags |= dx_ecode;
    if (*a == s.mccalive) flags |= dx_mccalive;
    if (*a == s.incident) flags |= dx_incident;
    if (*a == s.hac06_show) flags |= dx_hac06_show;
  }
  return flags;
}

std::uint8_t sig_trauma_of(const DxRecord& r, const GrouperTables& t) {
  static constexpr std::array<std::string_view, 8> kSites = {"sthead", "stchest", "stabdom", "stkidney",
                                                             "sturin", "stpel",   "stuplimb", "stlolimb"};
  std::uint8_t bits = 0;
  for (const AttrId* a = t.attr_begin(r.attrs); a != t.attr_end(r.attrs); ++a) {
    const auto site = std::find(kSites.begin(), kSites.end(), t.attrs.name(*a));
    if (site != kSites.end()) bits |= static_cast<std::uint8_t>(1U << (site - kSites.begin()));
  }
  return bits;
}

void load_dx(const std::filesystem::path& folder, GrouperTables& t) {
  TableReader in(table_path(folder, "dx_codes"),
                 {"code", "version_start", "version_end", "valid", "mdc", "severity", "dx_attributes",
                  "dxcat_attributes", "hac_attributes", "pdx_exclusion_group", "male_mdc", "female_mdc",
                  "hac_operands"});
  while (in.next()) {
    DxRecord r;
    r.versions = versions_of(in, 1);
    r.mdc = mdc_of(in, 4);
    r.cc = cc_of(in, 5);
    r.attrs = intern_words(in, 6, t);
    r.categories = intern_words(in, 7, t);
    r.hac_attrs = intern_words(in, 8, t);
    r.exclusion_group = in.field(9).empty() ? 0 : static_cast<std::uint32_t>(in.integer(9));
    r.male_mdc = mdc_of(in, 10);
    r.female_mdc = mdc_of(in, 11);
    r.hac_lists.offset = static_cast<std::uint32_t>(t.hac_list_pool.size());
    for (std::string_view list : in.words(12)) {
      const int number = hac_number_of(list);
      if (number <= 0 || number >= kMaxHac) in.fail("HAC list without a HAC number: " + std::string(list));
      t.hac_list_pool.push_back({t.attrs.intern(list), static_cast<std::uint8_t>(number)});
    }
    r.hac_lists.count = static_cast<std::uint32_t>(t.hac_list_pool.size()) - r.hac_lists.offset;
    r.flags = dx_flags_of(r, t);
    r.sig_trauma = sig_trauma_of(r, t);
    t.dx.add(code_of(in, 0), r);
  }
}

// Adds one attribute's contribution to the cumulative counters, from its name.
void count_attribute(std::string_view name, ProcCounts& c, std::uint8_t& hac_procs) {
  static constexpr std::array<std::string_view, 6> kJoints = {"righthip",  "lefthip",   "leftknee",
                                                              "rightknee", "leftankle", "rightankle"};
  static constexpr std::array<std::string_view, 6> kHacProcs = {"hac08_proc", "hac10_proc", "hac11_proc",
                                                                "hac12_proc", "hac13_proc", "hac14_proc"};
  const auto digit = [&](std::string_view prefix) -> int {
    if (name.size() != prefix.size() + 1 || name.substr(0, prefix.size()) != prefix) return -1;
    const char d = name.back();
    return d >= '1' && d <= '9' ? d - '0' : -1;
  };
  if (const auto j = std::find(kJoints.begin(), kJoints.end(), name); j != kJoints.end()) {
    c.bilateral |= static_cast<std::uint8_t>(1U << (j - kJoints.begin()));
  }
  if (const auto h = std::find(kHacProcs.begin(), kHacProcs.end(), name); h != kHacProcs.end()) {
    hac_procs |= static_cast<std::uint8_t>(1U << (h - kHacProcs.begin()));
  }
  if (const int v = digit("vessel"); v > 0) c.vessels = static_cast<std::uint8_t>(c.vessels + v);
  if (const int s = digit("stent"); s > 0 && s <= 4) c.stent_weight = static_cast<std::uint8_t>(s);
  c.drug_stent |= name == "NORdrugstent";
  c.non_drug_stent |= name == "NORstent";
  c.single_fusions += (name == "sglantfuse" || name == "sglpostfuse1");
  c.single_anterior += name == "sglantfuse";
  c.single_posterior1 += name == "sglpostfuse1";
  c.anterior_sect_x += name == "sglantsectXfuse";
  c.single_posterior += name == "sglpostfuse";
  c.single_fusion_ctr += (name == "sglantfuse" || name == "sglpostfuse");
}

void load_procedures(const std::filesystem::path& folder, GrouperTables& t) {
  TableReader in(table_path(folder, "pr_codes"), {"code", "version_start", "version_end", "pr_attributes"});
  while (in.next()) {
    ProcRecord r;
    r.versions = versions_of(in, 1);
    r.attrs = intern_words(in, 3, t);
    r.is_or = true;
    for (const AttrId* a = t.attr_begin(r.attrs); a != t.attr_end(r.attrs); ++a) {
      if (*a == t.synthetic.nonor) r.is_or = false;
      count_attribute(t.attrs.name(*a), r.counts, r.hac_procs);
    }
    t.procedures.add(code_of(in, 0), r);
  }
}

std::uint32_t mdc_bits(const TableReader& in, std::size_t column) {
  std::uint32_t bits = 0;
  for (std::string_view word : in.words(column)) {
    int mdc = 0;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), mdc);
    if (error != std::errc() || end != word.data() + word.size() || mdc < 0) in.fail("bad MDC list");
    if (mdc < kMaxMdc) bits |= 1U << mdc;  // 99 (error logic) suppresses nothing a claim is grouped in
  }
  return bits;
}

// "1:A,B ; 2:C" -> choices {A,B} and {C}.
Span parse_choices(const TableReader& in, std::string_view text, GrouperTables& t) {
  Span choices{static_cast<std::uint32_t>(t.choice_pool.size()), 0};
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    std::string_view choice = text.substr(0, end);
    const std::size_t colon = choice.find(':');
    if (colon == std::string_view::npos) in.fail("cluster choice without ':'");
    choice.remove_prefix(colon + 1);
    Span codes{static_cast<std::uint32_t>(t.code_pool.size()), 0};
    while (!choice.empty()) {
      const std::size_t comma = choice.find(',');
      const CodeKey key = pack_code(choice.substr(0, comma));
      if (key == kNoCode) in.fail("bad code in cluster choice");
      t.code_pool.push_back(key);
      choice = comma == std::string_view::npos ? std::string_view() : choice.substr(comma + 1);
    }
    codes.count = static_cast<std::uint32_t>(t.code_pool.size()) - codes.offset;
    t.choice_pool.push_back(codes);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  choices.count = static_cast<std::uint32_t>(t.choice_pool.size()) - choices.offset;
  return choices;
}

void load_clusters(const std::filesystem::path& folder, GrouperTables& t) {
  std::unordered_map<CodeKey, std::uint32_t, CodeKeyHash> index;
  {
    TableReader in(table_path(folder, "clusters"),
                   {"cluster_id", "version_start", "version_end", "suppression_mdcs", "choices"});
    while (in.next()) {
      ClusterRecord c;
      c.id = code_of(in, 0);
      c.versions = versions_of(in, 1);
      c.suppression = mdc_bits(in, 3);
      c.choices = parse_choices(in, in.field(4), t);
      index.emplace(c.id, static_cast<std::uint32_t>(t.clusters.size()));
      t.clusters.push_back(c);
    }
  }
  TableReader in(table_path(folder, "cluster_membership"), {"code", "version_start", "version_end", "cluster_ids"});
  while (in.next()) {
    ClusterRefs refs;
    refs.versions = versions_of(in, 1);
    refs.clusters.offset = static_cast<std::uint32_t>(t.cluster_ref_pool.size());
    for (std::string_view id : in.words(3)) {
      const auto found = index.find(pack_code(id));
      if (found == index.end()) in.fail("unknown cluster " + std::string(id));
      t.cluster_ref_pool.push_back(found->second);
    }
    refs.clusters.count = static_cast<std::uint32_t>(t.cluster_ref_pool.size()) - refs.clusters.offset;
    t.cluster_membership.add(code_of(in, 0), refs);
  }
}

void load_exclusions(const std::filesystem::path& folder, GrouperTables& t) {
  TableReader in(table_path(folder, "cc_exclusion_groups"), {"group_id", "excluded_sdx_codes"});
  while (in.next()) {
    const auto group = static_cast<std::size_t>(in.integer(0));
    if (group >= t.exclusion_groups.size()) t.exclusion_groups.resize(group + 1);
    Span codes{static_cast<std::uint32_t>(t.code_pool.size()), 0};
    for (std::string_view word : in.words(1)) {
      const CodeKey key = pack_code(word);
      if (key == kNoCode) in.fail("bad code '" + std::string(word) + "'");
      t.code_pool.push_back(key);
    }
    codes.count = static_cast<std::uint32_t>(t.code_pool.size()) - codes.offset;
    std::sort(t.code_pool.begin() + codes.offset, t.code_pool.end());
    t.exclusion_groups[group] = codes;
  }
}

}  // namespace

bool GrouperTables::excluded_by_group(std::uint32_t group, CodeKey sdx) const {
  if (group == 0 || group >= exclusion_groups.size()) return false;
  const Span s = exclusion_groups[group];
  return std::binary_search(code_pool.begin() + s.offset, code_pool.begin() + s.offset + s.count, sdx);
}

const HacFormula* GrouperTables::hac_formula(int number, int version) const {
  for (const HacFormula& h : hac_formulas) {
    if (h.number == number && h.versions.covers(version)) return &h;
  }
  return nullptr;
}

std::size_t GrouperTables::bytes() const {
  std::size_t total = dx.bytes() + procedures.bytes() + cluster_membership.bytes();
  total += clusters.capacity() * sizeof(ClusterRecord) + exclusion_groups.capacity() * sizeof(Span);
  total += drg_rows.capacity() * (sizeof(DrgRow) + 64) + attr_pool.capacity() * sizeof(AttrId);
  total += hac_list_pool.capacity() * sizeof(HacList) + code_pool.capacity() * sizeof(CodeKey);
  total += choice_pool.capacity() * sizeof(Span) + cluster_ref_pool.capacity() * sizeof(std::uint32_t);
  total += attrs.size() * 48;
  return total;
}

void load_tables(const std::filesystem::path& data_folder, GrouperTables& tables) {
  const std::filesystem::path folder = data_folder / "msdrg";
  load_dx(folder, tables);
  load_procedures(folder, tables);
  load_clusters(folder, tables);
  load_exclusions(folder, tables);
  load_logic(folder, tables);
}

}  // namespace chartflow::drg::detail
