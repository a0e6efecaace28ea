#include "attributes.hpp"

#include <stdexcept>

namespace chartflow::drg::detail {

AttrId AttrRegistry::intern(std::string_view name) {
  const auto found = ids_.find(std::string(name));
  if (found != ids_.end()) return found->second;
  if (names_.size() >= kNoAttr) throw std::runtime_error("too many distinct grouper attributes");
  const auto id = static_cast<AttrId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

AttrId AttrRegistry::find(std::string_view name) const {
  const auto found = ids_.find(std::string(name));
  return found == ids_.end() ? kNoAttr : found->second;
}

SyntheticAttrs::SyntheticAttrs(AttrRegistry& r)
    : alive(r.intern("ALIVE")),
      died(r.intern("DIED")),
      ama(r.intern("AMA")),
      xfrnba(r.intern("XFRNBA")),
      anydx(r.intern("ANYDX")),
      invalid_dstat(r.intern("INVALID_DSTAT")),
      invalid_pdx(r.intern("INVALID_PDX")),
      pdx_ecode(r.intern("PDX_ECODE")),
      invalid_sex(r.intern("INVALID_SEX")),
      mdc20_fall_thru(r.intern("MDC_20_FALL_THRU")),
      multst(r.intern("MULTST")),
      bilateral(r.intern("BILATERAL")),
      four_stents(r.intern("FOUR_STENTS")),
      four_vessels(r.intern("FOUR_VESSELS")),
      four_drug_stents(r.intern("FOUR_DRUG_ELUTING_STENTS")),
      four_non_drug_stents(r.intern("FOUR_NON_DRUG_ELUTING_STENTS")),
      multfuse(r.intern("MULTFUSE")),
      sglantsectxctr(r.intern("SGLANTSECTXCTR")),
      sglpostfusectr(r.intern("SGLPOSTFUSECTR")),
      singlefusionctr(r.intern("SINGLEFUSIONCTR")),
      sglantctr(r.intern("SGLANTCTR")),
      sglpost1ctr(r.intern("SGLPOST1CTR")),
      ecode(r.intern("ecode")),
      mccalive(r.intern("mccalive")),
      incident(r.intern("incident")),
      hac06_show(r.intern("hac06_show")),
      hac11_pdx(r.intern("hac11_pdx")),
      nonor(r.intern("nonor")),
      arterial(r.intern("arterial")),
      drug_stent(r.intern("NORdrugstent")),
      non_drug_stent(r.intern("NORstent")) {}

}  // namespace chartflow::drg::detail
