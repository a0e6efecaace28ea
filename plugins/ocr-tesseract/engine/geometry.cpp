#include "geometry.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace chartflow::ocr {

void PageGeometry::apply(const Affine& s) {
  const Affine& m = forward_;
  forward_ = {s[0] * m[0] + s[1] * m[3], s[0] * m[1] + s[1] * m[4], s[0] * m[2] + s[1] * m[5] + s[2],
              s[3] * m[0] + s[4] * m[3], s[3] * m[1] + s[4] * m[4], s[3] * m[2] + s[4] * m[5] + s[5]};
}

void PageGeometry::scale(double sx, double sy) {
  apply({sx, 0, 0, 0, sy, 0});
  w_ = static_cast<int>(std::lround(w_ * sx));
  h_ = static_cast<int>(std::lround(h_ * sy));
}

void PageGeometry::quarter_turns_clockwise(int quads) {
  quads = ((quads % 4) + 4) % 4;
  for (int i = 0; i < quads; ++i) {
    // One clockwise turn of a w x h image (y down): (x, y) -> (h - y, x), giving h x w.
    apply({0, -1, static_cast<double>(h_), 1, 0, 0});
    std::swap(w_, h_);
  }
  quads_ = (quads_ + quads) % 4;
}

void PageGeometry::rotate_clockwise(double radians) {
  // Clockwise on screen with y pointing down, about the centre.
  const double c = std::cos(radians), s = std::sin(radians), cx = w_ / 2.0, cy = h_ / 2.0;
  apply({c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy});
  radians_ += radians;
}

double PageGeometry::skew_degrees() const { return radians_ * 180.0 / M_PI; }

Box PageGeometry::to_original(const Box& box) const {
  const Affine& m = forward_;
  const double det = m[0] * m[4] - m[1] * m[3];
  const auto inverse = [&](double x, double y) {
    const double tx = x - m[2], ty = y - m[5];
    return std::pair<double, double>{(m[4] * tx - m[1] * ty) / det, (-m[3] * tx + m[0] * ty) / det};
  };
  double min_x = 1e18, min_y = 1e18, max_x = -1e18, max_y = -1e18;
  for (const auto& [x, y] : {std::pair<double, double>{box.x, box.y}, {box.x + box.w, box.y}, {box.x, box.y + box.h},
                             {box.x + box.w, box.y + box.h}}) {
    const auto [ox, oy] = inverse(x, y);
    min_x = std::min(min_x, ox), max_x = std::max(max_x, ox);
    min_y = std::min(min_y, oy), max_y = std::max(max_y, oy);
  }
  const auto clamp = [](double v, int hi) { return std::clamp(static_cast<int>(std::lround(v)), 0, std::max(0, hi)); };
  Box out;
  out.x = clamp(min_x, original_w_);
  out.y = clamp(min_y, original_h_);
  out.w = clamp(max_x, original_w_) - out.x;
  out.h = clamp(max_y, original_h_) - out.y;
  return out;
}

}  // namespace chartflow::ocr
