// MS-DRG v43 grouper and MCE 43.1 throughput on one core, over the 20,000 CMS test claims
// (tests/fixtures/reimbursement/msdrg_mce_v43_claims_expected.tsv.gz): each iteration is one pass over all of
// them. Grouping only, MCE + grouping (what `chartflow drg group` does per claim), and a what-if pass that
// regroups each claim once without each of its secondary diagnoses (Grouper::group_with), as a tool looking
// for the codes a DRG depends on would. Counters: claims_per_s, and x_cms_java, the rate over the ~500
// claims/s reference figure for the CMS Java grouper (not measured here); for the what-if also
// regroupings_per_s, and x_cms_java counts regroupings. Also the tables' load time and size.
#include "claim_vectors.hpp"
#include "grouper.hpp"
#include "mce.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace drg = chartflow::drg;

constexpr double kCmsJavaClaimsPerSecond = 500;

const fs::path kDataFolder = fs::path(CHARTFLOW_SOURCE_DIR) / "plugins/drg-grouper/data";
const fs::path kClaims = fs::path(CHARTFLOW_SOURCE_DIR) / "tests/fixtures/reimbursement/msdrg_mce_v43_claims_expected.tsv.gz";

struct Fixture {
  std::unique_ptr<drg::Grouper> grouper;
  std::unique_ptr<drg::MceEditor> editor;
  std::vector<drg::vectors::ClaimRow> claims;
  std::vector<drg::MceClaim> mce_claims;
  std::string error;
};

// Loaded once, on first use (the load itself is measured by BM_DrgLoad*).
const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    try {
      out.grouper = std::make_unique<drg::Grouper>(kDataFolder);
      out.editor = std::make_unique<drg::MceEditor>(kDataFolder);
      out.claims = drg::vectors::read_claims(kClaims.string());
      for (const auto& row : out.claims) out.mce_claims.push_back(drg::vectors::mce_claim(row));
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    return out;
  }();
  return f;
}

// Wall time of the timed loop, for the ratio counter (a rate counter would print it as "per second").
class Stopwatch {
 public:
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// claims_per_s, and x_cms_java: `per_pass` groupings a pass over the ratio's 500 claims/s.
void set_rates(benchmark::State& state, double claims, double per_pass, double seconds) {
  using benchmark::Counter;
  const double passes = static_cast<double>(state.iterations());
  state.counters["claims_per_s"] = Counter(claims * passes, Counter::kIsRate);
  state.counters["x_cms_java"] = seconds > 0 ? per_pass * passes / seconds / kCmsJavaClaimsPerSecond : 0;
}

void BM_DrgLoadGrouperTables(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const drg::Grouper grouper(kDataFolder);
    bytes = grouper.table_bytes();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["tables_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_DrgLoadGrouperTables)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_DrgLoadMceTables(benchmark::State& state) {
  for (auto _ : state) {
    const drg::MceEditor editor(kDataFolder);
    benchmark::DoNotOptimize(&editor);
  }
}
BENCHMARK(BM_DrgLoadMceTables)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_DrgGroup(benchmark::State& state) {
  const Fixture& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const Stopwatch watch;
  for (auto _ : state) {
    for (const auto& row : f.claims) {
      const drg::GroupResult result = f.grouper->group(row.claim);
      benchmark::DoNotOptimize(result.final.drg);
    }
  }
  const auto claims = static_cast<double>(f.claims.size());
  set_rates(state, claims, claims, watch.seconds());
}
BENCHMARK(BM_DrgGroup)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_DrgMceAndGroup(benchmark::State& state) {
  const Fixture& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const Stopwatch watch;
  for (auto _ : state) {
    for (std::size_t i = 0; i < f.claims.size(); ++i) {
      const drg::MceResult edits = f.editor->edit(f.mce_claims[i]);
      const drg::GroupResult result = f.grouper->group(f.claims[i].claim);
      benchmark::DoNotOptimize(edits.edit_type);
      benchmark::DoNotOptimize(result.final.drg);
    }
  }
  const auto claims = static_cast<double>(f.claims.size());
  set_rates(state, claims, claims, watch.seconds());
}
BENCHMARK(BM_DrgMceAndGroup)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Each claim grouped, then regrouped once without each secondary diagnosis.
void BM_DrgWhatIfEachSecondaryDiagnosis(benchmark::State& state) {
  const Fixture& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  double regroupings = 0;
  for (const auto& row : f.claims) regroupings += 1 + static_cast<double>(row.claim.sdx.size());
  const Stopwatch watch;
  for (auto _ : state) {
    for (const auto& row : f.claims) {
      const drg::GroupResult base = f.grouper->group(row.claim);
      benchmark::DoNotOptimize(base.final.drg);
      for (std::size_t i = 0; i < row.claim.sdx.size(); ++i) {
        const drg::GroupResult without = f.grouper->group_with(row.claim, {drg::CodeSlot::Kind::sdx, i}, "");
        benchmark::DoNotOptimize(without.final.drg);
      }
    }
  }
  set_rates(state, static_cast<double>(f.claims.size()), regroupings, watch.seconds());
  state.counters["regroupings_per_s"] =
      benchmark::Counter(regroupings * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DrgWhatIfEachSecondaryDiagnosis)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
