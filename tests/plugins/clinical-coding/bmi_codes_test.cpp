// Body mass index (Z68) under the bmi_codes option with_associated_diagnosis (bmi_codes.cpp): the
// BMI the chart states beside a weight diagnosis, adult ranges, never in a pregnancy.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using testing_fixture::Chart;
using testing_fixture::has;

std::vector<std::string> bmi_codes(const Chart& chart, BmiCodes option = BmiCodes::with_associated_diagnosis) {
  std::vector<std::string> out;
  for (const auto& c : chart.codes(Policy::inpatient, Conventions{.bmi = option}))
    if (c.starts_with("Z68")) out.push_back(c);
  return out;
}

TEST(BmiCodes, TheStatedBmiBesideAWeightDiagnosis) {
  const Chart obesity("56 yo M. Class 2 obesity (BMI 37.4).", {{"Class 2 obesity", "E66.812"}});
  EXPECT_EQ(bmi_codes(obesity), std::vector<std::string>{"Z68.37"});
  EXPECT_TRUE(bmi_codes(obesity, BmiCodes::none).empty()) << "only under the option";
  const Chart severe("61 yo F. Morbid obesity, BMI: 45.2.", {{"Morbid obesity", "E66.01"}});
  EXPECT_EQ(bmi_codes(severe), std::vector<std::string>{"Z68.42"});
  const Chart malnutrition("52 yo M. Severe protein-calorie malnutrition; body mass index of 17.8.", {{"Severe protein-calorie malnutrition", "E43"}});
  EXPECT_EQ(bmi_codes(malnutrition), std::vector<std::string>{"Z68.1"});
}

TEST(BmiCodes, NoneWithoutTheDiagnosisInAPregnancyOrForAChild) {
  EXPECT_TRUE(bmi_codes(Chart("48 yo F. Hypertension. BMI 31.2.", {{"Hypertension", "I10"}})).empty()) << "no weight diagnosis";
  EXPECT_TRUE(bmi_codes(Chart("Pregnant, G2P1 at 30 weeks gestation. Obesity, BMI 36.1.", {{"Obesity", "E66.9"}})).empty()) << "I.C.21.c.3";
  EXPECT_TRUE(bmi_codes(Chart("14 yo M. Obesity, BMI 31.0.", {{"Obesity", "E66.9"}})).empty()) << "a child's BMI is a percentile";
  EXPECT_TRUE(bmi_codes(Chart("45 yo F. Obesity; bariatric referral when BMI > 40 criteria are met.", {{"Obesity", "E66.9"}})).empty())
      << "no value stated";
}

}  // namespace
}  // namespace chartflow::coding
