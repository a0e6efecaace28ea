// ICD-10-CM titles, for the what-if search: the MS-DRG tables carry no diagnosis titles, and a
// more specific code is only worth a hint when its title is about the same condition ("Acute on
// chronic systolic (congestive) heart failure" for "Heart failure, unspecified"). Optional: the
// stage works without them, with a narrower search.
#pragma once

#include "code_key.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chartflow::drg::stage {

class DxTitles {
 public:
  DxTitles() = default;  // no titles

  // Reads a tab-separated file of codes and titles: the code (with or without its dot) in the
  // first column and the title in the last, '#' comments and a header line starting "code"
  // skipped (the clinical-coding plugin's codes.tsv has this layout). Keeps the titles `keep`
  // accepts. Throws std::runtime_error naming the file when it cannot be read.
  static DxTitles load(const std::filesystem::path& file, const std::function<bool(std::string_view code, std::string_view title)>& keep);

  std::string_view title(std::string_view code) const;  // "" when unknown
  bool empty() const { return titles_.empty(); }
  std::size_t size() const { return titles_.size(); }

 private:
  std::unordered_map<detail::CodeKey, std::string, detail::CodeKeyHash> titles_;
};

// The newest ICD-10-CM code set of the clinical-coding plugin when it is installed beside this
// plugin (both are product plugins, laid out side by side in the build and the install), read
// from its catalog (codesets/codesets.json); nullopt when there is none.
std::optional<std::filesystem::path> clinical_coding_titles(const std::filesystem::path& plugin_dir);

}  // namespace chartflow::drg::stage
