// Reading a receiver's ACK: untrusted input, so also fuzzed.
#include "hl7v2/ack.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::hl7 {
namespace {

TEST(Hl7Ack, AnAaAcknowledgesItsControlId) {
  const auto ack = parse_ack("MSH|^~\\&|RCV||CHARTFLOW||20260307||ACK^T02^ACK|A1|P|2.5.1\rMSA|AA|CF0123\r");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->code, AckCode::accept);
  EXPECT_EQ(ack->control_id, "CF0123");
}

TEST(Hl7Ack, AnAeSaysWhyFromErrOrMsa) {
  auto ack = parse_ack("MSH|^~\\&|R||C||1||ACK|A2|P|2.5.1\nMSA|AE|CF1\nERR|||207^Application internal error^HL70357|E||||Unknown patient \\F\\ MRN\n");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->code, AckCode::error);
  EXPECT_EQ(ack->text, "Unknown patient | MRN");
  ack = parse_ack("MSH|^~\\&|R||C||1||ACK|A3|P|2.5.1\rMSA|CR|CF1|Segment sequence error\r");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->code, AckCode::reject);
  EXPECT_EQ(ack->text, "Segment sequence error");
  ack = parse_ack("MSH|^~\\&|R||C||1||ACK|A4|P|2.5.1\rMSA|AE|CF1\rERR|||101^Required field missing^HL70357|E\r");
  EXPECT_EQ(ack->text, "Required field missing");
}

TEST(Hl7Ack, WhatIsNoAckIsSaidToBeNone) {
  EXPECT_FALSE(parse_ack(""));
  EXPECT_FALSE(parse_ack("HTTP/1.1 200 OK\r\n"));
  EXPECT_FALSE(parse_ack("MSH|^~\\&|R||C||1||ACK|A|P|2.5.1\r"));          // no MSA
  EXPECT_FALSE(parse_ack("MSH|^~\\&|R||C||1||ACK|A|P|2.5.1\rMSA|OK|X\r"));  // not table 0008
}

TEST(Hl7Ack, RandomAnswersNeverCrashIt) {
  std::mt19937 random(11);
  const std::string pieces[] = {"MSH", "|", "^~\\&", "MSA", "ERR", "AA", "AE", "AR", "\r", "\n", "\\", "\\X", "^", "~", "x", "\x0b", "\x1c", "\xff"};
  for (int i = 0; i < 5000; ++i) {
    std::string reply;
    const int n = static_cast<int>(random() % 30);
    for (int k = 0; k < n; ++k) reply += pieces[random() % std::size(pieces)];
    EXPECT_NO_THROW(parse_ack(reply));
  }
}

}  // namespace
}  // namespace chartflow::hl7
