// PDF reading: text-layer pages use their own text, scanned pages go to OCR, page by page;
// damaged, truncated and encrypted files are refused with a reason.
#include "engine/document_ocr.hpp"
#include "engine/text_metrics.hpp"
#include "pdf-reader/pdf_pages.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace chartflow::pdf {
namespace {

const test::fs::path kScans = CHARTFLOW_SCAN_FIXTURES;

std::string words_of(const std::string& text) { return ocr::collapse_whitespace(text); }

ocr::EnginePool& pool() {
  static ocr::EnginePool shared({}, 2);
  return shared;
}

ocr::OcrDocument read_pdf(const std::string& file) {
  const std::string bytes = test::read_file(kScans / file);
  const PdfPages pages(bytes, ocr::Limits{}, PdfOptions{});
  return ocr::ocr_document(pages, pool(), {});
}

TEST(PdfReader, MixedPdfIsRoutedPageByPage) {
  const auto doc = read_pdf("mixed.pdf");
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0]["origin"], "text-layer");
  EXPECT_EQ(doc.pages[1]["origin"], "ocr");
  EXPECT_EQ(doc.pages[2]["origin"], "text-layer");
  EXPECT_EQ(doc.text_layer_pages, 2u);
  // Text-layer pages are exact; the scanned page is OCR.
  const std::string truth = words_of(test::read_file(kScans / "mixed.gt.txt"));
  const std::string got = words_of(doc.text);
  std::size_t same = 0;
  for (std::size_t i = 0; i < std::min(truth.size(), got.size()) && truth[i] == got[i]; ++i) ++same;
  EXPECT_GT(same, 300u) << "the first (text-layer) page should match exactly:\n" << got.substr(0, 400);
  EXPECT_NE(got.find("Recheck A1c in 3 months"), std::string::npos);
  for (const auto& w : doc.words) {
    if (w["page"] == 1) {
      EXPECT_EQ(w["confidence"], 1.0);
    }
    EXPECT_LE(w["begin"].get<std::size_t>(), w["end"].get<std::size_t>());
  }
}

TEST(PdfReader, ScannedPdfIsRead) {
  const auto doc = read_pdf("scanned.pdf");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0]["origin"], "ocr");
  EXPECT_EQ(doc.pages[0]["dpi_x"], 300);
  EXPECT_NE(words_of(doc.text).find("PROGRESS NOTE - Endocrinology Clinic"), std::string::npos) << doc.text;
}

TEST(PdfReader, DamagedTruncatedAndEncryptedFilesAreRefused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"truncated.pdf", "damaged"}, {"not-a-pdf.pdf", "damaged"}, {"encrypted.pdf", "encrypted"}};
  for (const auto& [file, expected] : cases) {
    try {
      read_pdf(file);
      ADD_FAILURE() << file << " was read";
    } catch (const ocr::PageError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << file << ": " << e.what();
    }
  }
}

TEST(PdfReader, PageLimitIsEnforcedBeforeReading) {
  const std::string bytes = test::read_file(kScans / "mixed.pdf");
  ocr::Limits limits;
  limits.max_pages = 2;
  EXPECT_THROW(PdfPages(bytes, limits, PdfOptions{}), ocr::PageError);
  limits = {};
  limits.max_page_pixels = 1000;
  const PdfPages pages(bytes, limits, PdfOptions{});
  try {
    pages.load(1);
    ADD_FAILURE() << "pixel limit not enforced";
  } catch (const ocr::PageError& e) {
    EXPECT_TRUE(e.is_limit());
  }
}

// Fuzz-style: mutated PDFs are read or refused, never crash.
TEST(PdfReader, MutatedPdfsNeverCrashTheReader) {
  const std::string original = test::read_file(kScans / "mixed.pdf");
  std::mt19937 rng(5);
  // Mutate the structure (outside the big image stream) where parsers are most exposed.
  const std::size_t image_start = original.find("stream");
  for (int i = 0; i < 200; ++i) {
    std::string bytes = original;
    for (int e = 0; e < 1 + static_cast<int>(rng() % 6); ++e) {
      const std::size_t at = rng() % 2 ? rng() % std::max<std::size_t>(1, image_start) : bytes.size() - 1 - rng() % 600;
      if (at < bytes.size()) bytes[at] = static_cast<char>(rng() % 2 ? rng() : "0123456789 /<>[]()RobjendR\n"[rng() % 27]);
    }
    try {
      const PdfPages pages(bytes, ocr::Limits{}, PdfOptions{});
      for (int p = 0; p < pages.page_count() && p < 3; ++p) pages.text_layer(p);
    } catch (const ocr::PageError&) {
    }
  }
}

}  // namespace
}  // namespace chartflow::pdf
