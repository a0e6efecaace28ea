// Page images for the chart view: finds a record's original file (where the run read it, per its
// journal, or in folders the reviewer names), checks it is still the same file (SHA-256), and has
// chartflow-page-image render the page in a child process with a deadline. Keeps recent images
// in memory. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace chartflow::review {

struct PageImage {
  int http_status = 200;  // 200, 404 (no original), 422 (not renderable), 504 (too slow)
  std::string png;
  std::string error;  // for the response body; names no file
};

class PageImages {
 public:
  PageImages(std::filesystem::path output_folder, std::filesystem::path tool, std::vector<std::filesystem::path> original_folders);

  // Page `page` (1-based) of the record's original; `pdf_dpi` for PDF pages.
  PageImage render(const nlohmann::json& document, int page, int pdf_dpi);

  // Where the original is (empty when not found or changed); hashes the file on first use.
  std::filesystem::path original_of(const nlohmann::json& document);

 private:
  PageImage run_tool(const std::filesystem::path& file, int page, int pdf_dpi) const;
  void remember(const std::string& key, const PageImage& image);

  std::filesystem::path output_folder_, tool_;
  std::vector<std::filesystem::path> original_folders_;
  std::mutex mutex_;
  std::map<std::string, std::filesystem::path> originals_;  // doc sha256 -> verified file
  std::list<std::pair<std::string, std::string>> cache_;   // most recent first: key, png
  std::size_t cached_bytes_ = 0;
};

// chartflow-page-image beside the running program, or $CHARTFLOW_PAGE_IMAGE.
std::filesystem::path default_page_image_tool();

}  // namespace chartflow::review
