#include "inputs.hpp"

#include "errors.hpp"

#include <algorithm>
#include <set>

namespace chartflow::host {
namespace fs = std::filesystem;

InputSet collect_inputs(const std::vector<fs::path>& paths, const fs::path& exclude) {
  InputSet set;
  std::error_code exclude_ec;
  const fs::path excluded = exclude.empty() ? fs::path() : fs::weakly_canonical(exclude, exclude_ec);
  std::set<fs::path> seen;
  auto add = [&](const fs::path& file, std::string display) {
    std::error_code ec;
    const fs::path key = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : key).second) set.files.push_back({file, std::move(display)});
  };
  if (paths.empty()) throw FatalError("no input given: pass --input with one or more files or folders");
  for (const auto& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw FatalError(path.string() + ": input path not found");
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      fs::recursive_directory_iterator it(path, fs::directory_options::follow_directory_symlink, ec);
      if (ec) throw FatalError(path.string() + ": cannot list input folder (" + ec.message() + ")");
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) throw FatalError(path.string() + ": error while listing input folder (" + ec.message() + ")");
        const auto name = it->path().filename().string();
        if (!excluded.empty() && it->is_directory(ec) && fs::weakly_canonical(it->path(), ec) == excluded) {
          it.disable_recursion_pending();
          continue;
        }
        if (name.starts_with(".")) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          else set.hidden.push_back(it->path());
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& file : found) add(file, fs::relative(file, path).generic_string());
    } else if (fs::is_regular_file(status)) {
      add(path, path.filename().string());
    } else {
      throw FatalError(path.string() + ": input is neither a regular file nor a folder");
    }
  }
  return set;
}

}  // namespace chartflow::host
