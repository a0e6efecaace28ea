// Attribute names (CMS "logic lists" such as d468, dxc0403, mccalive, HAC05) interned as small integers at
// load time, so formula atoms and code attributes compare as numbers during grouping.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::drg::detail {

using AttrId = std::uint16_t;
inline constexpr AttrId kNoAttr = 0xFFFF;

class AttrRegistry {
 public:
  AttrId intern(std::string_view name);
  AttrId find(std::string_view name) const;  // kNoAttr when never seen
  std::string_view name(AttrId id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, AttrId> ids_;
  std::vector<std::string> names_;
};

// Atoms the grouper computes from the claim rather than reads from a code's table row.
struct SyntheticAttrs {
  explicit SyntheticAttrs(AttrRegistry& registry);

  AttrId alive, died, ama, xfrnba, anydx, invalid_dstat;
  AttrId invalid_pdx, pdx_ecode, invalid_sex, mdc20_fall_thru;
  AttrId multst, bilateral, four_stents, four_vessels, four_drug_stents, four_non_drug_stents;
  AttrId multfuse, sglantsectxctr, sglpostfusectr, singlefusionctr, sglantctr, sglpost1ctr;
  // Table attributes the grouper itself reacts to.
  AttrId ecode, mccalive, incident, hac06_show, hac11_pdx, nonor, arterial, drug_stent, non_drug_stent;
};

}  // namespace chartflow::drg::detail
