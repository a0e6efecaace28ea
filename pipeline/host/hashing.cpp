#include "hashing.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fstream>
#include <vector>

namespace chartflow::host {

std::string sha256_hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::optional<FileHash> sha256_of_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  std::vector<char> buffer(1 << 20);
  FileHash out;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = in.gcount();
    engine.update(buffer.data(), static_cast<unsigned>(n));
    out.size += static_cast<std::uint64_t>(n);
  }
  if (in.bad()) return std::nullopt;
  out.sha256 = Poco::DigestEngine::digestToHex(engine.digest());
  return out;
}

}  // namespace chartflow::host
