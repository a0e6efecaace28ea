// CMS's list of ICD-10-CM codes exempt from present-on-admission reporting (FY2026, the year of
// MS-DRG v43), shipped in data/poa-exempt/ (see data/NOTICE.md). A diagnosis on it is reported
// with the exempt indicator "1" whatever the chart says: CMS does not want a Y/N/U/W for these
// codes (Z codes of status and history, external causes, sequelae...), so "not documented" is no
// reason to review them.
#pragma once

#include "code_key.hpp"

#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace chartflow::drg::stage {

// <plugin dir>/poa-exempt/<this file>: one column, "code", one ICD-10-CM code (as CMS writes it,
// with its dot) a line; gzip or plain text.
inline constexpr std::string_view kPoaExemptFolder = "poa-exempt";
inline constexpr std::string_view kPoaExemptStem = "poa_exempt_codes_fy2026";

class PoaExemptCodes {
 public:
  PoaExemptCodes() = default;  // exempts nothing

  // Reads the list in `folder` (table_path: the .tsv.gz, else the .tsv), keeping the codes `keep`
  // accepts. Throws std::runtime_error naming the file (and the line) when it is missing, holds
  // no code, or has a header, a code or a line that is not as above, or a code twice: a damaged
  // list must stop start-up, not silently send exempt codes to review or the reverse.
  static PoaExemptCodes load(const std::filesystem::path& folder, const std::function<bool(detail::CodeKey)>& keep);

  bool contains(std::string_view code) const;  // with or without its dot
  std::size_t size() const { return codes_.size(); }

 private:
  std::vector<detail::CodeKey> codes_;  // sorted
};

}  // namespace chartflow::drg::stage
