// How fast records become FHIR transaction Bundles (no network): reads every record of a run's
// output folder, builds and serialises each chart's bundle repeatedly, and prints bundles per
// second and the bundles' size. scripts/bench-delivery.sh runs it beside the loopback delivery.
//
// chartflow_fhir_bench RECORDS_DIR [ROUNDS]
#include "fhir/bundle_builder.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace chartflow;
  if (argc < 2) {
    std::cerr << "usage: chartflow_fhir_bench RECORDS_DIR [ROUNDS]\n";
    return 2;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  std::vector<delivery::ChartRecord> charts;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const auto record = nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}), nullptr, false);
    if (record.is_discarded()) continue;
    if (auto deliverable = delivery::read_deliverable(record); deliverable.chart) charts.push_back(std::move(*deliverable.chart));
  }
  if (charts.empty()) {
    std::cerr << "no deliverable records in " << argv[1] << "\n";
    return 1;
  }
  fhir::BundleOptions options;
  options.patient_identifier_system = "http://hospital.example.org/mrn";
  options.organization = "Example Hospital";
  options.chartflow_version = "bench";
  std::size_t bytes = 0, bundles = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const auto& chart : charts) {
      bytes += fhir::build_bundle(chart, std::nullopt, options, "2026-01-01T00:00:00Z").bundle.dump().size();
      ++bundles;
    }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "bundles built: " << bundles << " from " << charts.size() << " records in " << seconds << " s: " << bundles / seconds
            << " bundles/s, " << bytes / bundles << " bytes each on average\n";
  return 0;
}
