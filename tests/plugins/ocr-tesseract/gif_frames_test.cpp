// GIF pages: every frame a page, composed as a viewer shows it (sub-rectangles, transparency,
// disposal, interlacing), in any order, with limits checked before pixels are decoded. The GIFs
// are written here with giflib's encoder, so each case says exactly what the file holds.
#include "engine/image_pages.hpp"

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chartflow::ocr {
namespace {

enum Colour : GifPixelType { white, black, grey, blue };

struct TestFrame {
  int left = 0, top = 0, width = 0, height = 0;
  std::vector<GifPixelType> pixels;  // row by row, top to bottom
  int disposal = DISPOSAL_UNSPECIFIED;
  int transparent = NO_TRANSPARENT_COLOR;
  bool interlaced = false;
};

TestFrame filled(int left, int top, int width, int height, Colour colour) {
  return {left, top, width, height, std::vector<GifPixelType>(static_cast<std::size_t>(width * height), colour)};
}

int append_output(GifFileType* gif, const GifByteType* data, int n) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
  return n;
}

std::string make_gif(int width, int height, const std::vector<TestFrame>& frames, bool black_and_white = false) {
  std::string out;
  int error = 0;
  GifFileType* gif = EGifOpen(&out, append_output, &error);
  GifColorType colours[] = {{255, 255, 255}, {0, 0, 0}, {128, 128, 128}, {0, 0, 255}};
  ColorMapObject* table = GifMakeMapObject(black_and_white ? 2 : 4, colours);
  EGifSetGifVersion(gif, true);
  EGifPutScreenDesc(gif, width, height, 2, 0, table);
  for (const auto& f : frames) {
    const GraphicsControlBlock control{f.disposal, false, 0, f.transparent};
    GifByteType extension[4];
    EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(EGifGCBToExtension(&control, extension)), extension);
    EGifPutImageDesc(gif, f.left, f.top, f.width, f.height, f.interlaced, nullptr);
    std::vector<int> rows;  // the order the file holds them in
    for (const auto& [start, step] : f.interlaced ? std::vector<std::pair<int, int>>{{0, 8}, {4, 8}, {2, 4}, {1, 2}}
                                                  : std::vector<std::pair<int, int>>{{0, 1}})
      for (int y = start; y < f.height; y += step) rows.push_back(y);
    for (int y : rows) EGifPutLine(gif, const_cast<GifPixelType*>(&f.pixels[static_cast<std::size_t>(y * f.width)]), f.width);
  }
  EGifCloseFile(gif, &error);
  GifFreeMapObject(table);
  return out;
}

int grey_at(const LoadedPage& page, int x, int y) {
  l_uint32 value = 0;
  pixGetPixel(page.pix.get(), x, y, &value);
  return static_cast<int>(value);
}

TEST(GifFrames, EveryFrameIsAPageComposedAsAViewerShowsIt) {
  TestFrame background = filled(0, 0, 20, 10, white);
  background.pixels[1 * 20 + 1] = black;
  background.disposal = DISPOSE_DO_NOT;
  TestFrame overlay = filled(10, 0, 10, 10, black);  // right half black, its left half transparent
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 5; ++x) overlay.pixels[static_cast<std::size_t>(y * 10 + x)] = grey;
  overlay.transparent = grey, overlay.interlaced = true, overlay.disposal = DISPOSE_BACKGROUND;
  const TestFrame corner = filled(0, 5, 5, 5, blue);
  const std::string bytes = make_gif(20, 10, {background, overlay, corner});

  const ImagePages pages(bytes, Limits{});
  ASSERT_EQ(pages.page_count(), 3);
  const LoadedPage third = pages.load(2), first = pages.load(0), second = pages.load(1);  // out of order
  EXPECT_EQ(pixGetDepth(first.pix.get()), 8);
  EXPECT_EQ(grey_at(first, 1, 1), 0);
  EXPECT_EQ(grey_at(first, 15, 5), 255);
  EXPECT_EQ(grey_at(second, 1, 1), 0) << "the first frame shows under the second";
  EXPECT_EQ(grey_at(second, 12, 5), 255) << "transparent pixels show the canvas";
  EXPECT_EQ(grey_at(second, 15, 5), 0);
  EXPECT_EQ(grey_at(second, 15, 9), 0) << "interlaced rows in their places";
  EXPECT_EQ(grey_at(third, 15, 5), 255) << "the second frame was disposed of to the background";
  EXPECT_EQ(grey_at(third, 1, 1), 0);
  EXPECT_EQ(grey_at(third, 2, 7), 51) << "blue, as Leptonica greys it";
}

TEST(GifFrames, BlackAndWhiteFramesStayBlackAndWhite) {
  const std::string bytes = make_gif(16, 8, {filled(0, 0, 16, 8, black), filled(0, 0, 16, 8, white)}, true);
  const ImagePages pages(bytes, Limits{});
  ASSERT_EQ(pages.page_count(), 2);
  const LoadedPage first = pages.load(0);
  EXPECT_EQ(pixGetDepth(first.pix.get()), 1);
  EXPECT_EQ(grey_at(first, 3, 3), 1) << "Leptonica's 1 is black";
}

TEST(GifFrames, LimitsAreCheckedBeforeDecoding) {
  const std::string three = make_gif(20, 10, {filled(0, 0, 20, 10, white), filled(0, 0, 20, 10, black), filled(0, 0, 20, 10, white)});
  Limits few_pages;
  few_pages.max_pages = 2;
  try {
    ImagePages pages(three, few_pages);
    ADD_FAILURE() << "page limit not enforced";
  } catch (const PageError& e) {
    EXPECT_TRUE(e.is_limit());
    EXPECT_NE(std::string(e.what()).find("over the limit of 2 (max_pages)"), std::string::npos) << e.what();
  }
  Limits small_pages;
  small_pages.max_page_pixels = 150;
  try {
    ImagePages pages(three, small_pages);
    ADD_FAILURE() << "pixel limit not enforced";
  } catch (const PageError& e) {
    EXPECT_TRUE(e.is_limit());
    EXPECT_NE(std::string(e.what()).find("20 x 10 pixels, over the limit of 150"), std::string::npos) << e.what();
  }
}

TEST(GifFrames, TruncatedFilesAreRefusedNotShortened) {
  const std::string bytes = make_gif(20, 10, {filled(0, 0, 20, 10, white), filled(0, 0, 20, 10, black)});
  for (std::size_t cut = 13; cut < bytes.size(); cut += 3) {
    try {
      const ImagePages pages(bytes.substr(0, cut), Limits{});
      ADD_FAILURE() << "read a GIF cut at byte " << cut << " of " << bytes.size() << " as " << pages.page_count() << " pages";
    } catch (const PageError& e) {
      EXPECT_NE(std::string(e.what()).find("GIF"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace chartflow::ocr
