#include "data_hash.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <vector>

namespace chartflow::host {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ull;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4Full;

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime1;
  h ^= h >> 32;
  return h;
}

std::string hex(std::uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kDigits[h & 15];
  return out;
}

// Hashes a file in chunks so a large table never has to fit in memory at once.
std::uint64_t file_hash(const fs::path& file, std::uint64_t seed) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return mix(seed ^ 0xdeadbeefull);  // unreadable: still part of the fingerprint, as such
  std::vector<char> buffer(1 << 20);
  std::uint64_t h = seed;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    h = content_hash(std::string_view(buffer.data(), n), h);
  }
  return h;
}

void hash_path(const fs::path& path, const std::string& label, std::uint64_t& h, const fs::path& skip = {}) {
  std::error_code ec;
  h = content_hash(label, h);
  if (fs::is_regular_file(path, ec)) {
    h = file_hash(path, h);
    return;
  }
  if (!fs::is_directory(path, ec)) return;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && it->path() != skip) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    h = content_hash(fs::relative(file, path, ec).generic_string(), h);
    h = file_hash(file, h);
  }
}

void collect_strings(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) out.push_back(value.get<std::string>());
  else if (value.is_structured())
    for (const auto& item : value) collect_strings(item, out);
}

}  // namespace

std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed) {
  // Four independent lanes over 32-byte blocks, then the tail: a few GB/s, so hashing every
  // plugin's tables at start-up costs milliseconds.
  std::uint64_t lanes[4] = {seed + kPrime1 + kPrime2, seed + kPrime2, seed, seed - kPrime1};
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 32; p += 32, n -= 32)
    for (int i = 0; i < 4; ++i) {
      std::uint64_t word;
      std::memcpy(&word, p + 8 * i, 8);
      lanes[i] = rotl(lanes[i] + word * kPrime2, 31) * kPrime1;
    }
  std::uint64_t h = rotl(lanes[0], 1) + rotl(lanes[1], 7) + rotl(lanes[2], 12) + rotl(lanes[3], 18) + bytes.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = rotl(h ^ (word * kPrime2), 27) * kPrime1;
  }
  for (; n > 0; ++p, --n) h = rotl(h ^ (static_cast<unsigned char>(*p) * kPrime1), 11) * kPrime2;
  return mix(h);
}

std::string folder_content_hash(const fs::path& folder, const fs::path& skip) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return "";
  std::uint64_t h = 0;
  hash_path(folder, "", h, skip);
  return hex(h);
}

std::string config_files_hash(const nlohmann::json& config) {
  std::vector<std::string> strings;
  collect_strings(config, strings);
  std::uint64_t h = 0;
  bool any = false;
  for (const auto& s : strings) {
    if (s.empty() || s.size() > 4096 || s.find('\0') != std::string::npos) continue;
    std::error_code ec;
    // Files only: a string such as "." or "/" must not make start-up hash a whole tree.
    if (!fs::is_regular_file(fs::path(s), ec)) continue;
    hash_path(fs::path(s), s, h);
    any = true;
  }
  return any ? hex(h) : "";
}

}  // namespace chartflow::host
