// Survival of a cohort: observed (Kaplan-Meier, Greenwood standard errors, log-transformed
// confidence intervals as R's survfit gives by default) and net survival against a life table
// (Ederer II and Pohar-Perme, as R's relsurv::rs.surv).
#pragma once

#include "cohort.hpp"
#include "life_table.hpp"

#include <vector>

namespace chartflow::registry {

struct SurvivalPoint {
  double time = 0;  // days since diagnosis
  int at_risk = 0, events = 0, censored = 0;
  double survival = 1, std_error = 0, lower = 1, upper = 1;  // std_error: of the cumulative hazard (R's std.err / surv)
};

// One point per distinct follow-up time (events and censorings), in time order.
std::vector<SurvivalPoint> kaplan_meier(const std::vector<CohortCase>& cases, double confidence = 0.95);

enum class NetMethod { ederer2, pohar_perme };
const char* net_method_name(NetMethod method);

// Net survival at each distinct follow-up time; cases with no survival time are left out.
std::vector<SurvivalPoint> net_survival(const std::vector<CohortCase>& cases, const LifeTable& table, NetMethod method);

// The estimate in force at `time` (the last point at or before it; 1 before the first).
double survival_at(const std::vector<SurvivalPoint>& curve, double time);

}  // namespace chartflow::registry
