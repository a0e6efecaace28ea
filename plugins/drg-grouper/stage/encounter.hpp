// The claim facts that are not codes: discharge and admission dates, age, sex, length of stay and
// discharge status, from the identity stage's values and the chart's own words. What the chart
// does not state is defaulted only where CMS needs a value, and each default is a review reason.
#pragma once

#include "record_inputs.hpp"

#include "grouper.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chartflow::drg::stage {

struct Date {
  int year = 0, month = 0, day = 0;
  int yyyymmdd() const { return year * 10000 + month * 100 + day; }
  std::string iso() const;  // YYYY-MM-DD
};
std::optional<Date> parse_iso_date(std::string_view text);

enum class DischargeDateSource { identity, date_of_service, assumed, none };
enum class DischargeStatusSource { stated, defaulted };
std::string_view to_string(DischargeDateSource source);
std::string_view to_string(DischargeStatusSource source);

struct Encounter {
  std::optional<Date> discharge_date;
  DischargeDateSource discharge_date_source = DischargeDateSource::none;
  std::optional<Date> admission_date;
  std::optional<Date> age_on;         // the stay's own admission date, else its (stated or assumed) discharge date
  bool age_at_discharge = false;      // age_on is a discharge date: the chart states no admission date
  std::optional<int> age;             // completed years at admission (at discharge without an admission date)
  std::optional<int> length_of_stay;  // days, when both dates are known
  Sex sex = Sex::unknown;
  int discharge_status = 1;           // UB-04 patient discharge status
  DischargeStatusSource discharge_status_source = DischargeStatusSource::defaulted;
  std::optional<TextSpan> discharge_status_evidence;
  std::vector<std::string> review_reasons;  // no chart text: kinds and codes only
};

// The stage's configured discharge date for charts that state none (a batch of stays from a known
// period, or undated charts under evaluation), and with `outside_v43` also for charts whose date
// no v43 version covers (regrouping older stays under v43). Each use is a review reason.
struct AssumedDischargeDate {
  Date date;
  bool outside_v43 = false;
};

Encounter read_encounter(const RecordInputs& inputs, const std::optional<AssumedDischargeDate>& assumed = std::nullopt);

}  // namespace chartflow::drg::stage
