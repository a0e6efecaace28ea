// Maps boxes found on the prepared page image back to the page as it was scanned, through the
// scaling, quarter turns and deskew rotations that preparation applied (in any order).
#pragma once

#include <array>

namespace chartflow::ocr {

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
};

class PageGeometry {
 public:
  PageGeometry() = default;
  PageGeometry(int original_w, int original_h) : original_w_(original_w), original_h_(original_h), w_(original_w), h_(original_h) {}

  void scale(double sx, double sy);
  void quarter_turns_clockwise(int quads);  // as pixRotateOrth
  void rotate_clockwise(double radians);    // about the image centre, size unchanged (as pixRotate)

  // A box on the current (prepared) image, as a box on the original image.
  Box to_original(const Box& box) const;

  int rotation_degrees() const { return quads_ * 90; }
  double skew_degrees() const;
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  using Affine = std::array<double, 6>;  // x' = a x + b y + c; y' = d x + e y + f
  void apply(const Affine& step);

  int original_w_ = 0, original_h_ = 0;
  int w_ = 0, h_ = 0;
  int quads_ = 0;
  double radians_ = 0;
  Affine forward_{1, 0, 0, 0, 1, 0};  // original -> current
};

}  // namespace chartflow::ocr
