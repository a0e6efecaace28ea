// acme-med-csv: a batch sink. The host hands it the record of every input of a run (including
// records an earlier run made, which this run skipped), so the file it writes covers all the
// run's inputs, not only the documents redone. deliver() only collects rows (it may run on
// several threads at once, hence the mutex); end_batch() sorts them and replaces the file in one
// rename, so a reader never sees a half-written file and a failed run leaves the previous file.
//
// Cells are escaped as RFC 4180 says (quoted when they hold a comma, quote or line break), and a
// cell starting with = + - @ (or a tab or carriage return) gets a leading apostrophe so that a
// spreadsheet shows it instead of running it as a formula ("CSV injection").
#include <chartflow/sdk.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <unistd.h>

namespace {

namespace sdk = chartflow::sdk;
using sdk::json;
namespace fs = std::filesystem;

constexpr std::string_view kHeader = "document_id,name,dose,route,frequency,begin,end,flags\n";

struct Row {
  std::string document_id, name, dose, route, frequency;
  std::uint64_t begin = 0, end = 0;
  std::string flags;  // joined by ';'
};

bool starts_like_formula(std::string_view value) {
  return !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
}

std::string csv_cell(std::string_view value) {
  std::string cell = starts_like_formula(value) ? "'" : "";
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_line(const Row& r) {
  return csv_cell(r.document_id) + "," + csv_cell(r.name) + "," + csv_cell(r.dose) + "," + csv_cell(r.route) + "," +
         csv_cell(r.frequency) + "," + std::to_string(r.begin) + "," + std::to_string(r.end) + "," + csv_cell(r.flags) + "\n";
}

// medication id -> its flags joined by ';', in the order the reconciler gave them.
std::map<std::string, std::string> flags_by_medication(const json& record) {
  std::map<std::string, std::string> flags;
  for (const json& f : record.value("acme.med_flags", json::array())) {
    std::string& joined = flags[f.at("medication_id").get<std::string>()];
    if (!joined.empty()) joined += ';';
    joined += f.at("flag").get_ref<const std::string&>();
  }
  return flags;
}

std::vector<Row> rows_of(const json& record) {
  const std::string document_id = record.at("document").at("id").get<std::string>();
  const auto flags = flags_by_medication(record);
  std::vector<Row> rows;
  for (const json& m : record.value("acme.medications", json::array())) {
    const auto flag = flags.find(m.at("id").get<std::string>());
    rows.push_back({document_id, m.at("name").get<std::string>(), m.value("dose", ""), m.value("route", ""), m.value("frequency", ""),
                    m.at("begin").get<std::uint64_t>(), m.at("end").get<std::uint64_t>(), flag == flags.end() ? "" : flag->second});
  }
  return rows;
}

// Writes `content` to a temporary file beside `target`, flushes it to disk, then renames it over
// `target`: readers see the old file or the new one, never a part.
void replace_file(const fs::path& target, const std::string& content) {
  const fs::path temporary = target.string() + ".tmp-" + std::to_string(::getpid());
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (!out) throw std::runtime_error("cannot create " + temporary.string() + ": " + std::strerror(errno));
  const bool written = std::fwrite(content.data(), 1, content.size(), out) == content.size() && std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
  const int saved_errno = errno;
  if (std::fclose(out) != 0 || !written) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot write " + temporary.string() + ": " + std::strerror(written ? errno : saved_errno));
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot replace " + target.string() + ": " + ec.message());
  }
}

class MedCsv {
 public:
  explicit MedCsv(const sdk::Context& context) : file_(context.config().at("file").get<std::string>()) {}

  // A relative file goes into the run's output folder, which the batch names.
  void begin_batch(const json& batch) {
    std::lock_guard lock(mutex_);
    rows_by_document_.clear();
    target_ = file_.is_absolute() ? file_ : fs::path(batch.value("output", ".")) / file_;
    std::error_code ec;
    fs::create_directories(target_.parent_path(), ec);
    if (ec) throw sdk::StageError(CF_ERR_CONFIG, "cannot create the folder of " + target_.string() + ": " + ec.message());
  }

  // Called from several worker threads at once: the rows are built outside the lock.
  sdk::Delivery deliver(const json& record) {
    std::vector<Row> rows = rows_of(record);
    const std::size_t count = rows.size();
    {
      std::lock_guard lock(mutex_);
      // Keyed by document, so a record offered twice still gives its rows once.
      rows_by_document_[record.at("document").at("id").get<std::string>()] = std::move(rows);
    }
    return sdk::Delivery::delivered(std::to_string(count) + " medication row(s) queued for " + file_.filename().string());
  }

  std::string end_batch(const json& /*summary*/) {
    std::lock_guard lock(mutex_);
    std::vector<Row> rows;
    for (auto& [document, document_rows] : rows_by_document_) rows.insert(rows.end(), document_rows.begin(), document_rows.end());
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return std::tie(a.document_id, a.begin, a.end, a.name) < std::tie(b.document_id, b.begin, b.end, b.name);
    });
    std::string content(kHeader);
    for (const Row& row : rows) content += csv_line(row);
    replace_file(target_, content);
    return "wrote " + std::to_string(rows.size()) + " medication row(s) of " + std::to_string(rows_by_document_.size()) +
           " record(s) to " + target_.string();
  }

 private:
  const fs::path file_;
  std::mutex mutex_;
  fs::path target_;
  std::map<std::string, std::vector<Row>> rows_by_document_;
};

}  // namespace

CHARTFLOW_SINK(MedCsv)
