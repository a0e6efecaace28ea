// The plugin's own SHA-256 against the FIPS 180-4 examples and the host's (Poco) on random input.
#include "patient-identity/sha256.hpp"

#include "host/hashing.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::identity {
namespace {

TEST(Sha256, StandardExamples) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, AgreesWithTheHostOnEveryLengthAroundTheBlockEdges) {
  std::mt19937 rng(11);
  for (std::size_t size = 0; size < 300; ++size) {
    std::string bytes(size, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng());
    EXPECT_EQ(sha256_hex(bytes), host::sha256_hex(bytes)) << size << " bytes";
  }
}

}  // namespace
}  // namespace chartflow::identity
