// What the stage needs of the MS-DRG tables beyond grouping: DRG and MDC titles, and each
// diagnosis's CC/MCC level and grouper diagnosis category, indexed for the what-if search of
// more specific codes. Read once from the same data folder the Grouper loads; read-only after.
#pragma once

#include "code_key.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chartflow::drg::stage {

// A diagnosis's severity as a secondary diagnosis, as the table gives it (before exclusions).
enum class DxLevel : std::uint8_t { non_cc, cc, mcc };
std::string_view to_string(DxLevel level);  // "NON_CC", "CC", "MCC"

struct DxRow {
  detail::CodeKey key = detail::kNoCode;  // the code without its dot, packed
  std::uint16_t first = 0, last = 0;      // grouper versions the row is valid for
  DxLevel level = DxLevel::non_cc;
  std::uint32_t category = 0;  // grouper diagnosis category (dxcat attribute), interned; 0 = none
  bool hac = false;            // on a hospital-acquired condition list: its POA decides the final DRG
  bool covers(int version) const { return version >= first && version <= last; }
};

class DrgCatalog {
 public:
  // Reads <data_folder>/msdrg/{drg,mdc}_descriptions and dx_codes. Throws std::runtime_error
  // naming the file and line.
  explicit DrgCatalog(const std::filesystem::path& data_folder);

  std::string_view drg_title(int drg, int version) const;  // "" when unknown
  std::string_view mdc_title(int mdc, int version) const;

  const DxRow* find(std::string_view code, int version) const;  // code with or without its dot
  // Rows valid for `version` whose code starts with `prefix` (no dot), in code order.
  std::vector<const DxRow*> with_prefix(std::string_view prefix, int version) const;
  // CC and MCC rows (any version) of one grouper diagnosis category, in code order.
  std::vector<const DxRow*> severe_in_category(std::uint32_t category) const;

 private:
  struct Titled {
    int number = 0;
    std::uint16_t first = 0, last = 0;
    std::string title;
  };
  static std::string_view title_of(const std::vector<Titled>& titles, int number, int version);

  std::vector<Titled> drg_titles_, mdc_titles_;  // sorted by number
  std::vector<DxRow> dx_;                         // sorted by key
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> severe_by_category_;  // indices into dx_
};

}  // namespace chartflow::drg::stage
