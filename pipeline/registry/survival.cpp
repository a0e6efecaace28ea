#include "survival.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace chartflow::registry {
namespace {

// Case indexes sorted by follow-up, and the distinct follow-up times.
struct Timeline {
  std::vector<std::size_t> order;
  std::vector<double> times;
};

Timeline timeline(const std::vector<CohortCase>& cases) {
  Timeline t;
  t.order.resize(cases.size());
  std::iota(t.order.begin(), t.order.end(), 0);
  std::sort(t.order.begin(), t.order.end(), [&](std::size_t a, std::size_t b) { return cases[a].followup_days() < cases[b].followup_days(); });
  for (const auto i : t.order)
    if (t.times.empty() || cases[i].followup_days() != t.times.back()) t.times.push_back(cases[i].followup_days());
  return t;
}

}  // namespace

const char* net_method_name(NetMethod method) { return method == NetMethod::ederer2 ? "ederer2" : "pohar_perme"; }

std::vector<SurvivalPoint> kaplan_meier(const std::vector<CohortCase>& cases, double confidence) {
  const double z = boost::math::quantile(boost::math::normal(), (1 + confidence) / 2);
  const Timeline line = timeline(cases);
  std::vector<SurvivalPoint> curve;
  double survival = 1, greenwood = 0;
  std::size_t next = 0;
  for (const double t : line.times) {
    SurvivalPoint p;
    p.time = t;
    p.at_risk = static_cast<int>(cases.size() - next);
    for (; next < line.order.size() && cases[line.order[next]].followup_days() == t; ++next)
      (cases[line.order[next]].dead ? p.events : p.censored) += 1;
    if (p.events > 0) {
      survival *= 1.0 - static_cast<double>(p.events) / p.at_risk;
      greenwood += p.events < p.at_risk ? static_cast<double>(p.events) / (static_cast<double>(p.at_risk) * (p.at_risk - p.events))
                                        : std::numeric_limits<double>::infinity();
    }
    p.survival = survival;
    p.std_error = std::sqrt(greenwood);
    // R's default (conf.type "log"): exp(log S +- z se), the upper end capped at 1.
    p.lower = survival > 0 && std::isfinite(p.std_error) ? survival * std::exp(-z * p.std_error) : 0;
    p.upper = survival > 0 && std::isfinite(p.std_error) ? std::min(1.0, survival * std::exp(z * p.std_error)) : 0;
    curve.push_back(p);
  }
  return curve;
}

std::vector<SurvivalPoint> net_survival(const std::vector<CohortCase>& all_cases, const LifeTable& table, NetMethod method) {
  // Cases with no survival time (diagnosed on the day of death or of last contact) have no time at
  // risk: left out, as relsurv does and as registries leave out death-certificate-only cases.
  std::vector<CohortCase> cases;
  for (const auto& c : all_cases)
    if (c.followup_days() > 0) cases.push_back(c);
  const Timeline line = timeline(cases);
  std::vector<double> expected(cases.size(), 0.0);  // each case's expected cumulative hazard so far
  std::vector<SurvivalPoint> curve;
  double survival = 1, previous = 0;
  std::size_t next = 0;  // cases before it in `line.order` have left the risk set
  for (const double t : line.times) {
    // Expected hazard of those still at risk, over (previous, t].
    double weights_before = 0, weights_after = 0, expected_sum = 0;
    for (std::size_t k = next; k < line.order.size(); ++k) {
      const auto& c = cases[line.order[k]];
      const double d = table.cumulative_hazard(c.sex, c.age_days() + previous, static_cast<double>(c.diagnosis) + previous, t - previous);
      weights_before += std::exp(expected[line.order[k]]);
      expected[line.order[k]] += d;
      weights_after += std::exp(expected[line.order[k]]);
      expected_sum += d;
    }
    SurvivalPoint p;
    p.time = t;
    p.at_risk = static_cast<int>(cases.size() - next);
    double dead_weight = 0;
    for (; next < line.order.size() && cases[line.order[next]].followup_days() == t; ++next) {
      const auto& c = cases[line.order[next]];
      if (c.dead) ++p.events, dead_weight += std::exp(expected[line.order[next]]);
      else ++p.censored;
    }
    // The excess hazard of the step; survival is its product-limit, as relsurv's rs.surv does by
    // default (type "kaplan-meier").
    double hazard = 0;
    if (method == NetMethod::ederer2) {
      hazard = (p.events - expected_sum) / p.at_risk;
    } else {
      // Pohar-Perme: each case weighted by 1 / its expected survival; the population part in
      // closed form, since d/ds of the weight is the weight times the expected hazard.
      hazard = dead_weight / weights_after - std::log(weights_after / weights_before);
    }
    survival *= 1 - hazard;
    p.survival = survival;
    curve.push_back(p);
    previous = t;
  }
  return curve;
}

double survival_at(const std::vector<SurvivalPoint>& curve, double time) {
  double s = 1;
  for (const auto& p : curve) {
    if (p.time > time) break;
    s = p.survival;
  }
  return s;
}

}  // namespace chartflow::registry
