#include <chartflow/sdk.hpp>

class NoopStage {
 public:
  explicit NoopStage(const chartflow::sdk::Context&) {}
  void process(const chartflow::sdk::Document&, chartflow::sdk::Output&) {}
};

CHARTFLOW_PLUGIN(NoopStage)
