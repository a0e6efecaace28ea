#include "hashing.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace chartflow::host {
namespace {

// OpenSSL, not Poco's portable SHA-2: it uses the CPU's SHA instructions where there are any,
// and hashing every input was a twentieth of the text pipeline's instructions.
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// The provider's SHA-256, fetched once: EVP_sha256() makes every EVP_DigestInit_ex fetch it again
// (locks and name lookups in OpenSSL 3), which cost more than hashing a 3 KB note.
const EVP_MD* sha256_method() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> method(EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
  return method ? method.get() : EVP_sha256();
}

DigestContext new_sha256() {
  DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), sha256_method(), nullptr) != 1) throw std::runtime_error("cannot start a SHA-256 digest (OpenSSL)");
  return context;
}

void update(EVP_MD_CTX* context, const char* data, std::size_t size) {
  if (EVP_DigestUpdate(context, data, size) != 1) throw std::runtime_error("SHA-256 digest failed (OpenSSL)");
}

std::string finish_hex(EVP_MD_CTX* context) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context, digest, &length) != 1) throw std::runtime_error("SHA-256 digest failed (OpenSSL)");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned i = 0; i < length; ++i) hex[2 * i] = kHex[digest[i] >> 4], hex[2 * i + 1] = kHex[digest[i] & 15];
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  const DigestContext context = new_sha256();
  update(context.get(), bytes.data(), bytes.size());
  return finish_hex(context.get());
}

std::optional<FileHash> sha256_of_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const DigestContext context = new_sha256();
  std::vector<char> buffer(1 << 20);
  FileHash out;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = in.gcount();
    update(context.get(), buffer.data(), static_cast<std::size_t>(n));
    out.size += static_cast<std::uint64_t>(n);
  }
  if (in.bad()) return std::nullopt;
  out.sha256 = finish_hex(context.get());
  return out;
}

}  // namespace chartflow::host
