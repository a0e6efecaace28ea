#include "json_file.hpp"

#include "errors.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace chartflow::host {

std::string read_file(const std::filesystem::path& file, const std::string& what) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw FatalError(file.string() + ": " + what + " not found");
  if (std::filesystem::is_directory(file, ec)) throw FatalError(file.string() + ": " + what + " is a folder, expected a file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw FatalError(file.string() + ": cannot read " + what + " (" + std::strerror(errno) + ")");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw FatalError(file.string() + ": error while reading " + what);
  return content.str();
}

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what) {
  const std::string text = read_file(file, what);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw FatalError(file.string() + ": " + what + " is empty, expected a JSON object");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 7: ..."
    std::string message = e.what();
    if (auto at = message.find("at line "); at != std::string::npos) message = message.substr(at + 3);
    throw FatalError(file.string() + ": " + what + " is not valid JSON: " + message);
  }
}

}  // namespace chartflow::host
