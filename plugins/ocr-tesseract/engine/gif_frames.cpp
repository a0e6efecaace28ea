#include "gif_frames.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace chartflow::ocr {

// The types GifFrames::Cursor holds: a member of a class declared in a header may not have a
// type of this file's anonymous namespace.
namespace gif_io {

struct Input {
  std::string_view bytes;
  std::size_t at = 0;
};

struct GifCloser {
  void operator()(GifFileType* gif) const noexcept {
    int error = 0;
    DGifCloseFile(gif, &error);
  }
};
using GifPtr = std::unique_ptr<GifFileType, GifCloser>;

}  // namespace gif_io

namespace {

using gif_io::GifPtr;
using gif_io::Input;

int read_input(GifFileType* gif, GifByteType* out, int wanted) {
  auto* input = static_cast<Input*>(gif->UserData);
  const std::size_t n = std::min(static_cast<std::size_t>(std::max(wanted, 0)), input->bytes.size() - input->at);
  std::memcpy(out, input->bytes.data() + input->at, n);
  input->at += n;
  return static_cast<int>(n);
}

[[noreturn]] void fail(int error, int frame) {
  const char* what = GifErrorString(error);
  throw PageError("page " + std::to_string(frame + 1) + ": GIF is corrupt or truncated (" + (what ? what : "unknown error") + ")");
}

GifPtr open_gif(Input& input) {
  int error = 0;
  GifPtr gif(DGifOpen(&input, read_input, &error));
  if (!gif) fail(error, 0);
  return gif;
}

constexpr GraphicsControlBlock kNoControl{DISPOSAL_UNSPECIFIED, false, 0, NO_TRANSPARENT_COLOR};

void read_extension(GifFileType* gif, GraphicsControlBlock& control, int frame) {
  int code = 0;
  GifByteType* block = nullptr;
  if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) fail(gif->Error, frame);
  if (code == GRAPHICS_EXT_FUNC_CODE && block && block[0] == 4) DGifExtensionToGCB(block[0], block + 1, &control);
  while (block)
    if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) fail(gif->Error, frame);
}

// Reads records up to the next frame's image descriptor, with the graphic control block that
// applies to it; false at the file's end.
bool next_image(GifFileType* gif, GraphicsControlBlock& control, int frame) {
  control = kNoControl;
  for (;;) {
    GifRecordType type = UNDEFINED_RECORD_TYPE;
    if (DGifGetRecordType(gif, &type) == GIF_ERROR) fail(gif->Error, frame);
    if (type == TERMINATE_RECORD_TYPE) return false;
    if (type == IMAGE_DESC_RECORD_TYPE) {
      if (DGifGetImageDesc(gif) == GIF_ERROR) fail(gif->Error, frame);
      return true;
    }
    if (type != EXTENSION_RECORD_TYPE) fail(D_GIF_ERR_WRONG_RECORD, frame);
    read_extension(gif, control, frame);
  }
}

// Passes over a frame's compressed pixels without decoding them.
void skip_pixels(GifFileType* gif, int frame) {
  int code_size = 0;
  GifByteType* block = nullptr;
  if (DGifGetCode(gif, &code_size, &block) == GIF_ERROR) fail(gif->Error, frame);
  while (block)
    if (DGifGetCodeNext(gif, &block) == GIF_ERROR) fail(gif->Error, frame);
}

const ColorMapObject* colour_table(const GifFileType* gif) { return gif->Image.ColorMap ? gif->Image.ColorMap : gif->SColorMap; }

// Black and white only, as fax GIFs are, whatever the table's size (encoders pad it to 256).
bool black_and_white(const ColorMapObject& table) {
  return std::all_of(table.Colors, table.Colors + std::max(table.ColorCount, 0), [](const GifColorType& c) {
    return c.Red == c.Green && c.Green == c.Blue && (c.Red == 0 || c.Red == 255);
  });
}

// Rows in the order the file holds them: interlaced frames in four passes.
std::vector<int> row_order(int height, bool interlaced) {
  std::vector<int> rows;
  rows.reserve(static_cast<std::size_t>(height));
  if (!interlaced) {
    for (int y = 0; y < height; ++y) rows.push_back(y);
    return rows;
  }
  constexpr std::array<int, 4> kStart = {0, 4, 2, 1}, kStep = {8, 8, 4, 2};
  for (std::size_t pass = 0; pass < 4; ++pass)
    for (int y = kStart[pass]; y < height; y += kStep[pass]) rows.push_back(y);
  return rows;
}

PixPtr white_canvas(int width, int height) {
  PixPtr canvas = adopt(pixCreate(width, height, 8));
  if (!canvas) throw PageError("out of memory for a " + std::to_string(width) + " x " + std::to_string(height) + " page", true);
  pixSetAll(canvas.get());
  return canvas;
}

void draw(GifFileType* gif, int left, int top, int transparent, PIX* canvas, int frame) {
  const ColorMapObject* table = colour_table(gif);
  std::array<l_uint8, 256> grey{};
  grey.fill(255);  // indices past the table: white
  for (int i = 0; i < std::min(table->ColorCount, 256); ++i) {
    const GifColorType& c = table->Colors[i];
    grey[static_cast<std::size_t>(i)] = static_cast<l_uint8>((3 * c.Red + 5 * c.Green + 2 * c.Blue + 5) / 10);  // Leptonica's weights
  }
  const int width = gif->Image.Width;
  std::vector<GifPixelType> line(static_cast<std::size_t>(width));
  l_uint32* data = pixGetData(canvas);
  const int wpl = pixGetWpl(canvas);
  for (int y : row_order(gif->Image.Height, gif->Image.Interlace)) {
    if (DGifGetLine(gif, line.data(), width) == GIF_ERROR) fail(gif->Error, frame);
    l_uint32* row = data + static_cast<std::ptrdiff_t>(top + y) * wpl;
    for (int x = 0; x < width; ++x)
      if (line[static_cast<std::size_t>(x)] != transparent) SET_DATA_BYTE(row, left + x, grey[line[static_cast<std::size_t>(x)]]);
  }
}

}  // namespace

struct GifFrames::Cursor {
  Input input;
  GifPtr gif;
  int next = 0;   // the frame the file is positioned at
  PixPtr canvas;  // the canvas as frame `next` finds it
};

GifFrames::GifFrames(std::string_view bytes, const Limits& limits) : bytes_(bytes) {
  Input input{bytes};
  const GifPtr gif = open_gif(input);
  width_ = gif->SWidth, height_ = gif->SHeight;
  GraphicsControlBlock control = kNoControl;
  for (int frame = 0; next_image(gif.get(), control, frame); ++frame) {
    if (frame >= limits.max_pages)
      throw PageError("document has more than " + std::to_string(limits.max_pages) + " pages (GIF frames), over the limit of " +
                          std::to_string(limits.max_pages) + " (max_pages)",
                      true);
    const GifImageDesc& d = gif->Image;
    const ColorMapObject* table = colour_table(gif.get());
    if (!table) throw PageError("page " + std::to_string(frame + 1) + ": GIF frame has no colour table (corrupt file)");
    bilevel_ = bilevel_ && black_and_white(*table);
    // Frames past the logical screen grow the canvas; sizes are 16-bit in the file, so no overflow.
    width_ = std::max(width_, d.Left + d.Width), height_ = std::max(height_, d.Top + d.Height);
    check_page_size(d.Width, d.Height, frame + 1, limits);
    check_page_size(width_, height_, frame + 1, limits);
    frames_.push_back({d.Left, d.Top, d.Width, d.Height, control.DisposalMode, control.TransparentColor});
    skip_pixels(gif.get(), frame);
  }
  if (frames_.empty()) throw PageError("GIF holds no image");
}

GifFrames::~GifFrames() = default;

// The last frame at or before `index` that paints the whole canvas opaquely: what came before it
// cannot show through.
int GifFrames::first_to_compose(int index) const {
  for (int k = index; k > 0; --k) {
    const Frame& f = frames_[static_cast<std::size_t>(k)];
    if (f.left == 0 && f.top == 0 && f.width == width_ && f.height == height_ && f.transparent < 0) return k;
  }
  return 0;
}

std::unique_ptr<GifFrames::Cursor> GifFrames::open_cursor() const {
  auto cursor = std::make_unique<Cursor>();
  cursor->input = {bytes_};
  cursor->gif = open_gif(cursor->input);
  cursor->canvas = white_canvas(width_, height_);
  return cursor;
}

PixPtr GifFrames::frame(int index) const {
  std::lock_guard lock(mutex_);
  if (!cursor_ || cursor_->next > index) cursor_ = open_cursor();
  try {
    return compose(*cursor_, index);
  } catch (...) {
    cursor_.reset();  // stopped inside a frame: the next page starts afresh
    throw;
  }
}

PixPtr GifFrames::compose(Cursor& c, int index) const {
  GraphicsControlBlock control = kNoControl;
  for (const int start = first_to_compose(index); c.next < start; ++c.next) {  // hidden by frame `start`
    if (!next_image(c.gif.get(), control, c.next)) fail(D_GIF_ERR_EOF_TOO_SOON, c.next);
    skip_pixels(c.gif.get(), c.next);
  }
  PixPtr page;
  for (; c.next <= index; ++c.next) {
    if (!next_image(c.gif.get(), control, c.next)) fail(D_GIF_ERR_EOF_TOO_SOON, c.next);
    const Frame& f = frames_[static_cast<std::size_t>(c.next)];
    PixPtr before = f.disposal == DISPOSE_PREVIOUS ? adopt(pixCopy(nullptr, c.canvas.get())) : nullptr;
    draw(c.gif.get(), f.left, f.top, f.transparent, c.canvas.get(), c.next);
    if (c.next == index) page = adopt(pixCopy(nullptr, c.canvas.get()));
    // The frame's disposal sets the canvas the next frame finds.
    if (f.disposal == DISPOSE_BACKGROUND) {
      BOX* area = boxCreate(f.left, f.top, f.width, f.height);
      pixSetInRect(c.canvas.get(), area);
      boxDestroy(&area);
    } else if (before) {
      c.canvas = std::move(before);
    }
  }
  if (!page) throw PageError("page " + std::to_string(index + 1) + ": out of memory", true);
  if (bilevel_)
    if (PixPtr binary = adopt(pixConvertTo1(page.get(), 128))) page = std::move(binary);
  return page;
}

}  // namespace chartflow::ocr
