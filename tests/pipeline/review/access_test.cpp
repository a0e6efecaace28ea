// Users, passwords and sessions: hashes only in the users file, wrong and malformed passwords
// refused, sessions that end.
#include "test_support.hpp"

#include "review/access.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace chartflow::test {
namespace {

TEST(Access, PasswordsAreCheckedAgainstSaltedHashes) {
  const std::string hash = review::hash_password("correct horse battery", 2000);
  EXPECT_TRUE(hash.starts_with("pbkdf2-sha256$2000$"));
  EXPECT_NE(hash, review::hash_password("correct horse battery", 2000));  // salted
  EXPECT_TRUE(review::verify_password("correct horse battery", hash));
  EXPECT_FALSE(review::verify_password("correct horse batterY", hash));
  EXPECT_FALSE(review::verify_password("", hash));
  EXPECT_FALSE(review::verify_password("x", "pbkdf2-sha256$2000$zz$00"));
  EXPECT_FALSE(review::verify_password("x", "pbkdf2-sha256$99999999999$00$00"));
  EXPECT_FALSE(review::verify_password("x", "plain"));
}

TEST(Access, UsersFileRefusesPlainPasswordsUnknownRolesAndDuplicates) {
  TempDir dir;
  const std::string hash = review::hash_password("a long password", 2000);
  write_file(dir / "ok.json", R"({"users": [{"name": "coder1", "role": "coder", "password": ")" + hash +
                                  R"("}, {"name": "auditor", "role": "reader", "password": ")" + hash + R"("}]})");
  const auto users = review::load_users(dir / "ok.json");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[1].role, review::Role::reader);
  const auto refused = [&](const std::string& text, const std::string& says) {
    write_file(dir / "bad.json", text);
    try {
      review::load_users(dir / "bad.json");
      ADD_FAILURE() << "accepted " << text;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << "a password in an error message";
    }
  };
  refused(R"({"users": [{"name": "c", "password": "hunter2"}]})", "never the password itself");
  refused(R"({"users": [{"name": "c", "role": "admin", "password": ")" + hash + R"("}]})", "role must be");
  refused(R"({"users": [{"name": "c", "password": ")" + hash + R"("}, {"name": "c", "password": ")" + hash + R"("}]})", "used twice");
  refused(R"({"users": []})", "names no users");
  refused("not json", "not a users file");
}

TEST(Access, SessionsAreRandomAndEndWhenClosedOrIdle) {
  review::Sessions sessions(std::chrono::minutes(0));
  const auto a = sessions.open("coder1", review::Role::coder);
  const auto b = sessions.open("coder1", review::Role::coder);
  EXPECT_EQ(a.token.size(), 64u);
  EXPECT_NE(a.token, b.token);
  EXPECT_NE(a.csrf, a.token);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(sessions.find(a.token));  // idle timeout 0: already over
  review::Sessions lasting;
  const auto c = lasting.open("coder2", review::Role::reader);
  ASSERT_TRUE(lasting.find(c.token));
  EXPECT_EQ(lasting.find(c.token)->role, review::Role::reader);
  lasting.close(c.token);
  EXPECT_FALSE(lasting.find(c.token));
  EXPECT_FALSE(lasting.find(""));
}

}  // namespace
}  // namespace chartflow::test
