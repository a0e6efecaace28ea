// Body mass index (Z68) under the coding stage's bmi_codes option: "class 2 obesity (BMI 37.4)" is
// E66.812 and Z68.37. The Guidelines (I.B.14) let the BMI come from any clinician's note (a
// dietitian's, the vital signs), but only beside a weight diagnosis the provider documents, and
// never in a pregnancy (I.C.21.c.3). Adult ranges (Z68.1-Z68.45) for an adult or an age not
// stated; a child's percentile codes (Z68.5-) need a growth chart the text rarely gives.
#include "coder.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace chartflow::coding {
namespace {

struct StatedBmi {
  double value = 0;
  std::size_t begin = 0, end = 0;
};

// The first BMI the chart states with its value: "BMI 37.4", "BMI: 32", "BMI of 18.1", "body
// mass index is 29.5" (a value of 10 to 100; "BMI > 40 criteria" is no value).
std::optional<StatedBmi> stated_bmi(std::string_view lowered) {
  for (const std::string_view name : {"bmi", "body mass index"})
    for (std::size_t at = words::find(lowered, name); at != std::string::npos; at = words::find(lowered, name, at + 1)) {
      std::size_t i = at + name.size();
      const auto skip = [&] {
        while (i < lowered.size() && (lowered[i] == ' ' || lowered[i] == ':' || lowered[i] == '=' || lowered[i] == '~')) ++i;
      };
      skip();
      for (const std::string_view filler : {"of ", "is ", "was ", "now ", "today "})
        if (lowered.substr(i).starts_with(filler)) i += filler.size(), skip();
      const std::size_t number = i;
      while (i < lowered.size() && std::isdigit(static_cast<unsigned char>(lowered[i]))) ++i;
      if (i == number || i - number > 3) continue;
      if (i + 1 < lowered.size() && lowered[i] == '.' && std::isdigit(static_cast<unsigned char>(lowered[i + 1]))) {
        ++i;
        while (i < lowered.size() && std::isdigit(static_cast<unsigned char>(lowered[i]))) ++i;
      }
      const double value = std::stod(std::string(lowered.substr(number, i - number)));
      if (value >= 10 && value <= 100) return StatedBmi{value, at, i};
    }
  return std::nullopt;
}

// The adult Z68 code of a BMI value.
std::string adult_bmi_code(double bmi) {
  if (bmi < 20) return "Z68.1";
  if (bmi < 40) return "Z68." + std::to_string(static_cast<int>(bmi));
  if (bmi < 45) return "Z68.41";
  if (bmi < 50) return "Z68.42";
  if (bmi < 60) return "Z68.43";
  if (bmi < 70) return "Z68.44";
  return "Z68.45";
}

// A weight diagnosis a BMI is reported with (I.B.14: "obesity", "malnutrition", "underweight" ...).
bool weight_diagnosis(const std::string& code) {
  static constexpr std::string_view kPrefixes[] = {"E66", "E40", "E41", "E42", "E43", "E44", "E45", "E46", "R63.6", "R64", "F50.0"};
  return std::any_of(std::begin(kPrefixes), std::end(kPrefixes), [&](std::string_view p) { return code.starts_with(p); });
}

}  // namespace

void Coder::add_bmi(std::vector<ProposedCode>& dx, std::string_view text, std::string_view lowered, const std::string& view) const {
  if (!sets_.icd10cm || std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("Z68"); })) return;
  const auto diagnosis = std::find_if(dx.begin(), dx.end(), [](const ProposedCode& c) { return weight_diagnosis(c.code); });
  if (diagnosis == dx.end()) return;
  if (std::any_of(dx.begin(), dx.end(), [](const ProposedCode& c) { return c.code.starts_with("O"); }) || states_current_pregnancy(text)) return;
  if (const auto age = stated_age(text); age && *age < 20) return;
  const auto bmi = stated_bmi(lowered);
  if (!bmi) return;
  const std::string code = adult_bmi_code(bmi->value);
  if (!sets_.icd10cm->is_billable(code)) return;
  ProposedCode c = stated_code(code, 0.85,
                               "body mass index stated (" + std::string(text.substr(bmi->begin, bmi->end - bmi->begin)) + ") with the weight diagnosis " +
                                   diagnosis->code + " (I.B.14; bmi_codes: with_associated_diagnosis)",
                               view, bmi->begin, bmi->end);
  dx.push_back(std::move(c));
}

}  // namespace chartflow::coding
