#include "access.hpp"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace chartflow::review {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) out += {digits[data[i] >> 4], digits[data[i] & 15]};
  return out;
}

std::optional<std::string> from_hex(const std::string& hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int v = 0;
    for (char c : hex.substr(i, 2)) {
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else return std::nullopt;
    }
    out += static_cast<char>(v);
  }
  return out;
}

std::string pbkdf2(const std::string& password, const std::string& salt, int iterations) {
  unsigned char out[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out, out) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

}  // namespace

const char* role_name(Role role) { return role == Role::coder ? "coder" : "reader"; }

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1) throw std::runtime_error("the system's random generator failed");
  return to_hex(buffer.data(), bytes);
}

bool equal_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(const std::string& password, int iterations) {
  const std::string salt = *from_hex(random_hex(16));
  const std::string hash = pbkdf2(password, salt, iterations);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + to_hex(reinterpret_cast<const unsigned char*>(salt.data()), salt.size()) + "$" +
         to_hex(reinterpret_cast<const unsigned char*>(hash.data()), hash.size());
}

bool verify_password(const std::string& password, const std::string& encoded) {
  std::vector<std::string> parts;
  std::istringstream in(encoded);
  for (std::string part; std::getline(in, part, '$');) parts.push_back(part);
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  int iterations = 0;
  try {
    iterations = std::stoi(parts[1]);
  } catch (const std::exception&) {
    return false;
  }
  const auto salt = from_hex(parts[2]), hash = from_hex(parts[3]);
  if (iterations < 1000 || iterations > 10'000'000 || !salt || !hash || hash->size() != 32) return false;
  return equal_secret(pbkdf2(password, *salt, iterations), *hash);
}

std::vector<User> load_users(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the users file");
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("users") || !j["users"].is_array())
    throw std::runtime_error(file.string() + ": not a users file (expected {\"users\": [{\"name\", \"role\", \"password\"}]})");
  std::vector<User> users;
  std::set<std::string> names;
  for (std::size_t i = 0; i < j["users"].size(); ++i) {
    const auto& u = j["users"][i];
    const std::string where = file.string() + ": user " + std::to_string(i + 1);
    if (!u.is_object()) throw std::runtime_error(where + " is not an object");
    User user{u.value("name", ""), Role::coder, u.value("password", "")};
    const std::string role = u.value("role", "coder");
    if (user.name.empty() || user.name.size() > 64) throw std::runtime_error(where + " needs a name (at most 64 characters)");
    if (role != "coder" && role != "reader") throw std::runtime_error(where + " (" + user.name + "): role must be coder or reader");
    user.role = role == "coder" ? Role::coder : Role::reader;
    if (!user.password.starts_with("pbkdf2-sha256$"))
      throw std::runtime_error(where + " (" + user.name + "): password must be a hash from `chartflow review --hash-password`, never the password itself");
    if (!names.insert(user.name).second) throw std::runtime_error(where + ": the name " + user.name + " is used twice");
    users.push_back(std::move(user));
  }
  if (users.empty()) throw std::runtime_error(file.string() + ": names no users");
  return users;
}

Session Sessions::open(const std::string& user, Role role) {
  Session s{random_hex(32), random_hex(32), user, role, std::chrono::steady_clock::now() + idle_};
  std::lock_guard lock(mutex_);
  // Expired sessions go when new ones come, so the map stays as small as the users.
  std::erase_if(sessions_, [](const auto& entry) { return entry.second.expires < std::chrono::steady_clock::now(); });
  sessions_[s.token] = s;
  return s;
}

std::optional<Session> Sessions::find(const std::string& token) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires < std::chrono::steady_clock::now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.expires = std::chrono::steady_clock::now() + idle_;
  return it->second;
}

void Sessions::close(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

}  // namespace chartflow::review
