// patient-identity: the patient and encounter a chart says it is about (MRN, account, encounter
// and other identifiers, name, birth date, sex, admission and discharge dates, attending), read
// from labelled fields only, for the back offices that file charts in an EHR by these values.
// A value that is not plausible is left out, never guessed; two different values of a kind that
// must be single are flagged. docs/identity.md has the rules.
#include "identity.hpp"
#include "identity_items.hpp"

#include <chartflow/sdk.hpp>

#include <chrono>
#include <cstdio>

namespace chartflow::identity {
namespace {

// Today in UTC as YYYY-MM-DD: no birth date is later.
std::string today_utc() {
  const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return iso;
}

}  // namespace

class PatientIdentityStage {
 public:
  explicit PatientIdentityStage(const sdk::Context& context) {
    const auto policy = parse_value_policy(context.config().value("values", std::string("keep")));
    if (!policy) throw sdk::ConfigError("values must be keep or hash");
    policy_ = *policy;
  }

  // Keeps no state between calls: safe from several threads at once ("instances": "shared").
  void process(const sdk::Document& document, sdk::Output& output) {
    const auto text = document.view("normalized");
    if (!text) throw sdk::InvalidInput("the document has no normalized text view");
    const IdentityFindings findings = find_identity(*text, today_utc());
    if (!findings.items.empty()) {
      binary::Writer items;
      write_items(findings, policy_, items);
      output.add("identity", items);
    }
    for (const Notice& notice : notices_for(findings)) {
      if (notice.severity == Severity::warning) output.warn(notice.code, notice.message);
      else output.note(notice.code, notice.message);
    }
  }

 private:
  ValuePolicy policy_ = ValuePolicy::keep;
};

}  // namespace chartflow::identity

CHARTFLOW_PLUGIN(chartflow::identity::PatientIdentityStage)
