// The word-at-a-time byte tests must answer as a loop over the eight bytes does, for every byte
// value in every position (the borrow between bytes is where such tricks go wrong).
#include <chartflow/byte_scan.hpp>

#include <gtest/gtest.h>

#include <array>
#include <random>

namespace chartflow::byte_scan {
namespace {

std::array<unsigned char, 8> bytes_of(std::uint64_t block) {
  std::array<unsigned char, 8> out;
  std::memcpy(out.data(), &block, 8);
  return out;
}

TEST(ByteScan, AnswersAsALoopOverTheBytesDoes) {
  std::mt19937_64 rng(21);
  const unsigned char probes[] = {0, 1, '\n', ' ', '"', '(', '-', '.', '\\', 0x7F, 0x80, 0xC3, 0xFF};
  for (int round = 0; round < 20000; ++round) {
    std::uint64_t block = rng();
    // Mostly plain ASCII with one or two chosen bytes, as text is; some fully random words.
    if (round % 4) {
      std::array<unsigned char, 8> b;
      for (auto& c : b) c = static_cast<unsigned char>('a' + rng() % 26);
      b[rng() % 8] = probes[rng() % std::size(probes)];
      if (round % 3 == 0) b[rng() % 8] = probes[rng() % std::size(probes)];
      std::memcpy(&block, b.data(), 8);
    }
    const auto b = bytes_of(block);
    bool zero = false, high = false;
    for (const unsigned char c : b) zero = zero || c == 0, high = high || c >= 0x80;
    ASSERT_EQ(has_zero(block), zero) << std::hex << block;
    ASSERT_EQ(has_high(block), high) << std::hex << block;
    for (const unsigned char probe : probes) {
      bool any = false;
      for (const unsigned char c : b) any = any || c == probe;
      ASSERT_EQ(has(block, probe), any) << std::hex << block << " byte " << int(probe);
    }
    for (unsigned n : {1u, 0x20u, 0x41u, 0x80u}) {
      bool below = false;
      for (const unsigned char c : b) below = below || c < n;
      ASSERT_EQ(has_below(block, static_cast<unsigned char>(n)), below) << std::hex << block << " below " << n;
    }
  }
  EXPECT_EQ(load("abcdefgh"), 0x6867666564636261ULL) << "memory order, little-endian";
}

}  // namespace
}  // namespace chartflow::byte_scan
