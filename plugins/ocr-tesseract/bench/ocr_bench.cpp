// OCR benchmark: character error rate and time per page of chartflow's OCR engine against the
// `tesseract` command line on the same pages, side by side in one run, per degradation profile;
// then pages per second with one and with two engines.
//
//   chartflow_ocr_bench PAGES_DIR [--profiles a,b] [--no-cli] [--options json]
//
// PAGES_DIR holds pages rendered by scripts/ocr-devset.sh: <doc>-<profile>-p<N>.png plus
// <doc>-<profile>.gt.txt (pages separated by form feeds).
#include "engine/document_ocr.hpp"
#include "engine/image_pages.hpp"
#include "engine/text_metrics.hpp"

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace chartflow::ocr;
using Clock = std::chrono::steady_clock;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Page {
  fs::path image;
  std::string truth;
  std::string profile;
};

std::vector<std::string> split_pages(const std::string& gt) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t ff; (ff = gt.find('\f', start)) != std::string::npos; start = ff + 1) pages.push_back(gt.substr(start, ff - start));
  pages.push_back(gt.substr(start));
  return pages;
}

std::string run_cli(const fs::path& image, double& seconds) {
  const auto started = Clock::now();
  const std::string cmd = "tesseract '" + image.string() + "' stdout 2>/dev/null";
  std::string out;
  if (FILE* pipe = popen(cmd.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
  }
  seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return out;
}

std::string page_text(const Recognition& r) {
  std::string text;
  for (const auto& w : r.words) text += w.text + " ";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: chartflow_ocr_bench PAGES_DIR [--profiles a,b,...] [--no-cli] [--options JSON]\n";
    return 2;
  }
  // Tesseract's OpenMP reads this when the program loads: set it and start again, so the engine
  // runs single-threaded as it does under chartflow (whose host sets it before loading plugins).
  if (!std::getenv("OMP_THREAD_LIMIT")) {
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    ::execv("/proc/self/exe", argv);
  }
  setMsgSeverity(L_SEVERITY_NONE);
  const fs::path dir = argv[1];
  std::string only;
  bool cli = true;
  OcrOptions options;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--profiles" && i + 1 < argc) only = "," + std::string(argv[++i]) + ",";
    else if (a == "--no-cli") cli = false;
    else if (a == "--options" && i + 1 < argc) {
      const auto o = nlohmann::json::parse(argv[++i]);
      options.prepare.detect_orientation = o.value("detect_orientation", true);
      options.prepare.deskew = o.value("deskew", true);
      options.prepare.deskew_min_degrees = o.value("deskew_min_degrees", options.prepare.deskew_min_degrees);
      options.prepare.normalize_background = o.value("normalize_background", false);
      options.prepare.smooth_bilevel = o.value("smooth_bilevel", true);
      options.prepare.despeckle = o.value("despeckle", true);
      options.prepare.target_dpi = o.value("target_dpi", 300);
    }
  }

  const std::regex page_name(R"((.+)-([a-z]+)-p([0-9]+)\.png)");
  std::map<std::string, std::vector<Page>> by_profile;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::smatch m;
    const std::string name = f.filename().string();
    if (!std::regex_match(name, m, page_name)) continue;
    if (!only.empty() && only.find("," + m[2].str() + ",") == std::string::npos) continue;
    const auto truths = split_pages(read_file(dir / (m[1].str() + "-" + m[2].str() + ".gt.txt")));
    const std::size_t n = std::stoul(m[3].str());
    if (n == 0 || n > truths.size()) continue;
    by_profile[m[2].str()].push_back({f, truths[n - 1], m[2].str()});
  }

  EnginePool pool({}, 2);
  auto engine = pool.acquire();
  std::cout << std::fixed << std::setprecision(2);
  std::cout << "profile     pages   chartflow CER   s/page   |   tesseract CLI CER   s/page   |  time ratio\n";
  double total_ours = 0, total_cli = 0;
  std::vector<Page> all;
  for (const auto& [profile, pages] : by_profile) {
    std::size_t errors = 0, chars = 0, cli_errors = 0;
    double ours_s = 0, cli_s = 0;
    for (const auto& page : pages) {
      const std::string truth = collapse_whitespace(page.truth);
      const std::string bytes = read_file(page.image);
      const ImagePages source(bytes, options.limits);
      const PageResult r = ocr_page(source, 0, *engine, options);
      ours_s += r.milliseconds / 1000;
      errors += edit_distance(truth, collapse_whitespace(page_text(r.recognition)));
      chars += truth.size();
      if (cli) {
        double s = 0;
        const std::string text = run_cli(page.image, s);
        cli_s += s;
        cli_errors += edit_distance(truth, collapse_whitespace(text));
      }
      all.push_back(page);
    }
    const double n = static_cast<double>(pages.size());
    total_ours += ours_s, total_cli += cli_s;
    std::cout << std::left << std::setw(10) << profile << std::right << std::setw(6) << pages.size() << std::setw(14)
              << 100.0 * errors / std::max<std::size_t>(1, chars) << "%" << std::setw(9) << ours_s / n << "   |";
    if (cli)
      std::cout << std::setw(18) << 100.0 * cli_errors / std::max<std::size_t>(1, chars) << "%" << std::setw(9) << cli_s / n
                << "   |" << std::setw(10) << ours_s / std::max(1e-9, cli_s) << "\n";
    else
      std::cout << "                 -        -   |         -\n";
  }
  if (cli) std::cout << "all profiles: chartflow " << total_ours << " s, tesseract CLI " << total_cli << " s, ratio " << total_ours / total_cli << "\n";

  // Throughput with one and with two engines on the same pages (documents of one page each).
  if (!all.empty()) {
    auto run_with = [&](unsigned engines) {
      std::atomic<std::size_t> next{0};
      const auto started = Clock::now();
      std::vector<std::thread> threads;
      for (unsigned t = 0; t < engines; ++t)
        threads.emplace_back([&] {
          auto e = pool.acquire();
          for (std::size_t i = next++; i < all.size(); i = next++) {
            const std::string bytes = read_file(all[i].image);
            const ImagePages source(bytes, options.limits);
            ocr_page(source, 0, *e, options);
          }
          pool.release(std::move(e));
        });
      for (auto& t : threads) t.join();
      return all.size() / std::chrono::duration<double>(Clock::now() - started).count();
    };
    pool.release(std::move(engine));
    const double one = run_with(1), two = run_with(2);
    std::cout << "throughput: 1 engine " << one << " pages/s, 2 engines " << two << " pages/s, scaling " << two / one << "x\n";
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << "peak resident memory of this benchmark: " << usage.ru_maxrss / 1024 << " MB\n";
  return 0;
}
