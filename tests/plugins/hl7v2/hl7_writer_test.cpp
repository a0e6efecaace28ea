#include "hl7v2/hl7_writer.hpp"

#include <gtest/gtest.h>

namespace chartflow::hl7 {
namespace {

TEST(Hl7Writer, EscapesEverySeparatorAndControlCharacter) {
  EXPECT_EQ(escape("a|b^c&d~e\\f"), "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f");
  EXPECT_EQ(escape("line\r\nnext\tcol\fpage"), "line\\X0D\\\\X0A\\next\\X09\\col\\X0C\\page");
  EXPECT_EQ(escape("caf\xC3\xA9"), "caf\xC3\xA9");  // UTF-8 passes as it is (MSH-18 says UNICODE UTF-8)
}

TEST(Hl7Writer, SegmentsLeaveEmptyFieldsBetweenAndNoneAtTheEnd) {
  EXPECT_EQ(Segment("PV1").field(1, "1").field(2, "I").field(19, "").str(), "PV1|1|I");
  EXPECT_EQ(Segment("OBX").field(3, "x").str(), "OBX|||x");
  EXPECT_EQ(component({"I50.23", "Heart failure ^ acute", "I10C", ""}), "I50.23^Heart failure \\S\\ acute^I10C");
  EXPECT_EQ(message({Segment("A").field(1, "x"), Segment("B")}), "A|x\rB\r");
}

}  // namespace
}  // namespace chartflow::hl7
