#include "engine/geometry.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace chartflow::ocr {
namespace {

TEST(PageGeometry, IdentityKeepsBoxes) {
  const PageGeometry g(1000, 2000);
  const Box b = g.to_original({10, 20, 30, 40});
  EXPECT_EQ(b.x, 10);
  EXPECT_EQ(b.y, 20);
  EXPECT_EQ(b.w, 30);
  EXPECT_EQ(b.h, 40);
}

TEST(PageGeometry, UndoesNonSquareScaling) {
  PageGeometry g(1734, 1078);  // fax standard mode, 204 x 98 dpi
  g.scale(1.0, 204.0 / 98.0);
  const Box b = g.to_original({100, 208, 50, 208});
  EXPECT_EQ(b.x, 100);
  EXPECT_EQ(b.y, 100);
  EXPECT_EQ(b.h, 100);
}

TEST(PageGeometry, UndoesQuarterTurns) {
  // A 100 x 200 page turned clockwise once becomes 200 x 100; its top-left corner moved to the
  // top-right. A box at the top-right of the turned page came from the top-left of the scan.
  PageGeometry g(100, 200);
  g.quarter_turns_clockwise(1);
  EXPECT_EQ(g.width(), 200);
  EXPECT_EQ(g.height(), 100);
  const Box b = g.to_original({190, 0, 10, 20});
  EXPECT_EQ(b.x, 0);
  EXPECT_EQ(b.y, 0);
  EXPECT_EQ(b.w, 20);
  EXPECT_EQ(b.h, 10);

  PageGeometry upside(100, 200);
  upside.quarter_turns_clockwise(2);
  const Box u = upside.to_original({0, 0, 10, 10});  // top-left after the half turn...
  EXPECT_EQ(u.x, 90);                                 // ...was bottom-right on the scan
  EXPECT_EQ(u.y, 190);
  EXPECT_EQ(upside.rotation_degrees(), 180);
}

TEST(PageGeometry, UndoesSmallRotationsAboutTheCentre) {
  PageGeometry g(1000, 1000);
  g.rotate_clockwise(2.0 * M_PI / 180.0);
  const Box centre = g.to_original({495, 495, 10, 10});
  EXPECT_NEAR(centre.x, 495, 1);
  EXPECT_NEAR(centre.y, 495, 1);
  const Box corner = g.to_original({900, 100, 1, 1});
  EXPECT_NE(corner.y, 100) << "points away from the centre move";
  EXPECT_NEAR(g.skew_degrees(), 2.0, 1e-9);
}

TEST(PageGeometry, ComposesScaleTurnAndRotation) {
  PageGeometry g(800, 600);
  g.scale(0.5, 0.5);
  g.quarter_turns_clockwise(3);
  g.rotate_clockwise(0.01);
  g.rotate_clockwise(-0.01);
  // After three clockwise turns of a 400 x 300 image, (x, y) came from (w - 1 - y, x) ~ (400 - y, x).
  const Box b = g.to_original({10, 20, 0, 0});
  EXPECT_NEAR(b.x, (400 - 20) * 2, 2);
  EXPECT_NEAR(b.y, 10 * 2, 2);
}

TEST(PageGeometry, ClampsToThePage) {
  PageGeometry g(100, 100);
  const Box b = g.to_original({-50, -50, 500, 500});
  EXPECT_EQ(b.x, 0);
  EXPECT_EQ(b.y, 0);
  EXPECT_EQ(b.w, 100);
  EXPECT_EQ(b.h, 100);
}

}  // namespace
}  // namespace chartflow::ocr
