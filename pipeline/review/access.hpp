// Who may use the workstation: configured users with PBKDF2-SHA256 password hashes and a role,
// sessions held in memory (a random token in an HttpOnly cookie, with its own CSRF token), and
// the single local user when the server only listens on the loopback address without users.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace chartflow::review {

enum class Role { coder, reader };
const char* role_name(Role role);

struct User {
  std::string name;
  Role role = Role::coder;
  std::string password;  // "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"
};

// users.json: {"users": [{"name": "coder1", "role": "coder"|"reader", "password": "pbkdf2-sha256$..."}]}.
// Throws std::runtime_error naming the file and the entry (never a password).
std::vector<User> load_users(const std::filesystem::path& file);

std::string hash_password(const std::string& password, int iterations = 210000);
bool verify_password(const std::string& password, const std::string& encoded);

// `bytes` random bytes from the system's CSPRNG, as hex.
std::string random_hex(std::size_t bytes);

struct Session {
  std::string token, csrf, user;
  Role role = Role::coder;
  std::chrono::steady_clock::time_point expires;
};

class Sessions {
 public:
  explicit Sessions(std::chrono::minutes idle_timeout = std::chrono::minutes(480)) : idle_(idle_timeout) {}
  Session open(const std::string& user, Role role);
  // The live session of `token` (its idle time restarts), else nullopt.
  std::optional<Session> find(const std::string& token);
  void close(const std::string& token);

 private:
  std::chrono::minutes idle_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
};

// True when both strings are equal, in time that does not depend on where they differ.
bool equal_secret(const std::string& a, const std::string& b);

}  // namespace chartflow::review
