// Procedure codes read with their sentence and chart: procedures of another stay or of another
// procedure's anesthesia left out, ventilation by the hours stated, a joint replacement's bearing
// and cement, and an obstetric laceration with its repair.
#include "coder_fixture.hpp"

#include <gtest/gtest.h>

namespace chartflow::coding {
namespace {

using namespace testing_fixture;

// A chart whose 7-character candidates are ICD-10-PCS procedure mentions.
Chart procedure_chart(std::string text, const std::vector<std::pair<std::string, std::string>>& mentions) {
  Chart chart(std::move(text), mentions, "hospital_course");
  for (auto& m : chart.mentions)
    if (m.code.size() == 7) m.kind = MentionKind::procedure, m.system = "ICD-10-PCS";
  return chart;
}

// "Underwent CABG x3 at this facility 19 days before admission": a past stay's procedure, whose
// status (Z95.1) a coder reports, not one of this stay.
TEST(ProcedureCoding, AProcedureBeforeThisAdmissionIsAPastStays) {
  EXPECT_FALSE(has(procedure_chart("He underwent CABG x3 at this facility 19 days before admission and was discharged on POD 6.",
                                   {{"CABG x3", "0210093"}})
                       .codes(),
                   "0210093"));
  EXPECT_TRUE(has(procedure_chart("He underwent CABG x3 on hospital day 2.", {{"CABG x3", "0210093"}}).codes(), "0210093"));
}

TEST(ProcedureCoding, ADeviceTheTextDeniesIsNone) {
  const auto none = procedure_chart("Percutaneous transluminal balloon angioplasty of the right renal artery, no stent placed.", {{"angioplasty", "0-7-3--"}});
  EXPECT_TRUE(has(none.codes(), "04793ZZ")) << ::testing::PrintToString(none.codes());
  const auto stented = procedure_chart("Percutaneous transluminal angioplasty of the right renal artery with stent placement.", {{"angioplasty", "0-7-3--"}});
  EXPECT_TRUE(has(stented.codes(), "04793DZ")) << ::testing::PrintToString(stented.codes());
}

TEST(ProcedureCoding, ABoneMarrowAspirationAndBiopsyIsTheBiopsyOfTheBoneNamed) {
  const auto chart = procedure_chart("Bone marrow aspiration and biopsy, posterior iliac crest, percutaneous.", {{"Bone marrow aspiration and biopsy", "07DT3ZX"}});
  EXPECT_EQ(chart.codes(), std::vector<std::string>{"07DR3ZX"}) << "one extraction (diagnostic), not also a drainage (079T3ZX)";
}

TEST(ProcedureCoding, ADrainageThatLeavesItsDrainHasTheDrainageDevice) {
  const auto left = procedure_chart("Pericardiocentesis was performed; an 8 Fr pigtail drain was left in the pericardial space.", {{"Pericardiocentesis", "0W9D3ZZ"}});
  EXPECT_EQ(left.codes(), std::vector<std::string>{"0W9D30Z"});
  const auto none = procedure_chart("Right thoracentesis removing 1.4 L; no drain left in.", {{"thoracentesis", "0W993ZZ"}});
  EXPECT_EQ(none.codes(), std::vector<std::string>{"0W993ZZ"});
}

TEST(ProcedureCoding, AnExcisionalDebridementIsCodedToTheDeepestLayer) {
  const auto fascia = procedure_chart("Radical excisional debridement of the left thigh skin, subcutaneous tissue and fascia lata, open.",
                                      {{"excisional debridement", "0-B----"}});
  EXPECT_EQ(fascia.codes(), std::vector<std::string>{"0JBM0ZZ"}) << "B3.5: subcutaneous tissue and fascia, left upper leg";
  const auto region = procedure_chart("Excisional debridement of the left thigh wound, open.", {{"excisional debridement", "0-B----"}});
  EXPECT_FALSE(has(region.codes(), "0JBM0ZZ")) << "no layer named: " << ::testing::PrintToString(region.codes());
  const auto spared = procedure_chart("Radical excisional debridement of the left thigh skin, subcutaneous tissue and fascia lata, open; muscle viable, not debrided.",
                                       {{"excisional debridement", "0-B----"}});
  EXPECT_EQ(spared.codes(), std::vector<std::string>{"0JBM0ZZ"}) << "the muscle it spared is no layer it reached";
}

TEST(ProcedureCoding, AnIntubationForTheAnesthesiaOfASurgeryIsNotCoded) {
  EXPECT_TRUE(has(procedure_chart("Became somnolent and was intubated in the ED.", {{"intubated", "0BH17EZ"}}).codes(), "0BH17EZ"));
  const auto surgery = procedure_chart("After induction of general anesthesia and endotracheal intubation, the abdomen was prepped.",
                                       {{"endotracheal intubation", "0BH17EZ"}})
                           .codes();
  EXPECT_FALSE(has(surgery, "0BH17EZ")) << "integral to the anesthesia (B3.1b)";
  EXPECT_FALSE(has(procedure_chart("Intubated at the outside hospital and transferred.", {{"Intubated", "0BH17EZ"}}).codes(), "0BH17EZ"))
      << "another facility's procedure";
}

TEST(ProcedureCoding, AnIntubationThePlanMakesConditionalWasNotDone) {
  for (const char* sentence : {"Continue BiPAP; low threshold for intubation per MICU.", "On BiPAP, MICU to decide on intubation.",
                               "Awake fiberoptic intubation in OR with ENT present if progression."})
    EXPECT_FALSE(has(procedure_chart(sentence, {{"intubation", "0BH17EZ"}}).codes(), "0BH17EZ")) << sentence;
}

TEST(ProcedureCoding, ACentralLineIsCodedWhenPlacedNotWhenInPlace) {
  EXPECT_TRUE(has(procedure_chart("Right internal jugular central venous catheter placed under ultrasound guidance.",
                                  {{"central venous catheter", "02HV33Z"}})
                      .codes(),
                  "02HV33Z"));
  EXPECT_FALSE(has(procedure_chart("Central line in place, site clean.", {{"Central line", "02HV33Z"}}).codes(), "02HV33Z"));
}

TEST(ProcedureCoding, ADeviceInPlaceIsItsStatus) {
  const auto codes = procedure_chart("5. Dual-chamber pacemaker in place.", {{"Dual-chamber pacemaker", "02H63JZ"}}).codes();
  EXPECT_FALSE(has(codes, "02H63JZ")) << testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "Z95.0")) << testing::PrintToString(codes);
}

TEST(ProcedureCoding, AStentThisStayPlacedIsNoStatusItCameWith) {
  Chart chart = procedure_chart("1. Coronary artery disease, s/p PCI with one drug-eluting stent.\n"
                                "PTCA with placement of one drug-eluting stent to the proximal LAD.",
                                {{"drug-eluting stent", "0270346"}, {"PTCA", "0270346"}});
  chart.mentions[0].status = Assertion::historical;  // "s/p": the stay's own PCI, said as done
  auto codes = chart.codes();
  EXPECT_TRUE(has(codes, "0270346")) << testing::PrintToString(codes);
  EXPECT_FALSE(has(codes, "Z95.5")) << testing::PrintToString(codes);
  chart.mentions.pop_back();  // no PCI this stay: the stent is one the patient came with
  codes = chart.codes();
  EXPECT_TRUE(has(codes, "Z95.5")) << testing::PrintToString(codes);
}

TEST(ProcedureCoding, AThrombolyticGivenElsewhereIsAStatusNotAProcedure) {
  EXPECT_TRUE(has(procedure_chart("Alteplase IV given at 0954 via peripheral IV.", {{"Alteplase", "3E03317"}}).codes(), "3E03317"));
  const auto elsewhere = procedure_chart("At the outside ED he received IV alteplase and was transferred here.", {{"IV alteplase", "3E03317"}}).codes();
  EXPECT_FALSE(has(elsewhere, "3E03317"));
  EXPECT_TRUE(has(elsewhere, "Z92.82")) << ::testing::PrintToString(elsewhere);
  EXPECT_FALSE(has(procedure_chart("Not a candidate for alteplase.", {{"alteplase", "3E03317"}}).codes(), "3E03317")) << "never given";
}

TEST(ProcedureCoding, VentilationIsCodedByTheHoursTheChartStates) {
  const auto code_of = [](const std::string& text) {
    const auto codes = procedure_chart(text, {{"mechanical ventilation", "5A19-5Z"}}).code();
    return codes.empty() ? std::string() : codes.back().code;
  };
  EXPECT_EQ(code_of("Placed on mechanical ventilation. Extubated 01/11 at 1630 (approximately 42 hours of ventilation)."), "5A1945Z");
  EXPECT_EQ(code_of("Placed on mechanical ventilation.\nTotal mechanical ventilation approximately 122 hours."), "5A1955Z");
  EXPECT_EQ(code_of("Placed on mechanical ventilation, extubated after 10 hours."), "5A1935Z");
  EXPECT_EQ(code_of("Intubated and on mechanical ventilation for 5 days."), "5A1955Z");
  const auto unstated = procedure_chart("Placed on mechanical ventilation. Albuterol q4h. Extubated on 01/11.", {{"mechanical ventilation", "5A19-5Z"}}).code();
  ASSERT_FALSE(unstated.empty());
  EXPECT_TRUE(unstated.back().partial) << "no duration stated: " << unstated.back().code << " (q4h is a dose interval, 01/11 a date)";
  EXPECT_TRUE(std::any_of(unstated.back().review_reasons.begin(), unstated.back().review_reasons.end(),
                          [](const std::string& r) { return r.find("no duration") != std::string::npos; }));
}

// An operation named without its approach is open when its report describes cutting in and
// nothing names another approach (open_approach.cpp).
TEST(ProcedureCoding, AnIncisionAndNoScopeMakeTheApproachOpen) {
  const auto code_of = [](const std::string& text) {
    const auto codes = procedure_chart(text, {{"Total thyroidectomy", "0GTK-ZZ"}}).code();
    return codes.empty() ? std::string() : codes.back().code;
  };
  EXPECT_EQ(code_of("Total thyroidectomy with nerve monitoring. A 5 cm Kocher incision was made in a natural skin crease."), "0GTK0ZZ");
  EXPECT_EQ(code_of("Total thyroidectomy with nerve monitoring. The strap muscles were divided."), "0GTK-ZZ") << "no incision described";
  EXPECT_EQ(code_of("Total thyroidectomy. Three trocars were placed through a 2 cm axillary incision."), "0GTK-ZZ") << "another approach named";
  EXPECT_EQ(code_of("Total thyroidectomy. Incisional hernia noted on exam."), "0GTK-ZZ") << "'incisional' is no incision";
  const auto completed = procedure_chart("Total thyroidectomy. Kocher incision.", {{"Total thyroidectomy", "0GTK-ZZ"}}).code();
  ASSERT_FALSE(completed.empty());
  EXPECT_FALSE(completed.back().partial);
  EXPECT_TRUE(completed.back().review_reasons.empty()) << ::testing::PrintToString(completed.back().review_reasons);
}

// A hernia repair word leaves the root operation open (repair Q, or supplement U with a mesh):
// the mesh's device tables decide it, and "closed" (a wound's) is no approach beside "laparoscopic".
TEST(ProcedureCoding, AMeshMakesAHerniaRepairASupplement) {
  const auto code_of = [](const std::string& text) {
    const auto codes = procedure_chart(text, {{"incisional hernia repair", "0W-F---"}}).code();
    return codes.empty() ? std::string() : codes.back().code;
  };
  EXPECT_EQ(code_of("Laparoscopic incisional hernia repair with intraperitoneal onlay mesh, defect closed primarily."), "0WUF4JZ");
  EXPECT_EQ(code_of("Open incisional hernia repair with polypropylene mesh."), "0WUF0JZ");
  EXPECT_EQ(code_of("Laparoscopic incisional hernia repair, defect closed primarily."), "0WQF4ZZ") << "no mesh: a repair";
}

TEST(ProcedureCoding, ABoneMarrowBiopsyTakesTheBoneItsSentenceNames) {
  const auto code_of = [](const std::string& text) {
    const auto codes = procedure_chart(text, {{"bone marrow biopsy", "07DT3ZX"}}).code();
    return codes.empty() ? std::string() : codes.back().code;
  };
  EXPECT_EQ(code_of("Bone marrow biopsy performed at bedside (posterior iliac crest)."), "07DR3ZX");
  EXPECT_EQ(code_of("Bone marrow biopsy of the sternum."), "07DQ3ZX");
  EXPECT_EQ(code_of("Bone marrow biopsy performed at bedside."), "07DT3ZX") << "no bone named";
}

// Chemotherapy named as a condition's cause ("due to chemotherapy") was given before: no
// introduction of this stay. Given through a port or PICC, it went into a central vein.
TEST(ProcedureCoding, ChemotherapyIsCodedWhenGivenNotWhenItIsACause) {
  const auto codes_of = [](const std::string& text) {
    Chart chart = procedure_chart(text, {{"chemotherapy", "3E0-305"}});
    chart.mentions[0].matched_term = "chemotherapy";
    return chart.codes();
  };
  EXPECT_TRUE(has(codes_of("Cycle 2 chemotherapy given through the port."), "3E04305"));
  EXPECT_TRUE(has(codes_of("Cycle 2 chemotherapy given via peripheral IV."), "3E03305"));
  EXPECT_TRUE(codes_of("Febrile neutropenia due to chemotherapy; add vancomycin for port infection.").empty());
}

TEST(ProcedureCoding, AJointReplacementTakesItsBearingAndCementFromTheText) {
  EXPECT_TRUE(has(procedure_chart("Right total knee arthroplasty, cemented.", {{"Right total knee arthroplasty", "0SRC0JZ"}}).codes(), "0SRC0J9"));
  EXPECT_TRUE(has(procedure_chart("Right total knee arthroplasty, cementless components.", {{"Right total knee arthroplasty", "0SRC0JZ"}}).codes(), "0SRC0JA"));
  EXPECT_TRUE(has(procedure_chart("Right total knee arthroplasty.", {{"Right total knee arthroplasty", "0SRC0JZ"}}).codes(), "0SRC0JZ"));
  const auto hemi = procedure_chart(
                        "She underwent left hip hemiarthroplasty. PROCEDURE: Left hip hemiarthroplasty, open, cemented unipolar prosthesis with "
                        "cobalt-chrome (metal) femoral stem and head.",
                        {{"left hip hemiarthroplasty", "0SRS0JZ"}, {"Left hip hemiarthroplasty", "0SRS0JZ"}})
                        .codes();
  EXPECT_TRUE(has(hemi, "0SRS019")) << ::testing::PrintToString(hemi);
  EXPECT_FALSE(has(hemi, "0SRS0JZ")) << "the same replacement, named twice";
  EXPECT_TRUE(has(procedure_chart("Left total hip arthroplasty, ceramic on polyethylene, uncemented.", {{"Left total hip arthroplasty", "0SRB0JZ"}}).codes(),
                  "0SRB04A"));
  EXPECT_TRUE(has(procedure_chart("Right total hip arthroplasty, uncemented: ceramic femoral head on highly cross-linked polyethylene liner.",
                                  {{"Right total hip arthroplasty", "0SR90JZ"}})
                      .codes(),
                  "0SR904A"))
      << "the bearing's parts named with words between";
  EXPECT_TRUE(has(procedure_chart("Desired permanent sterilization - bilateral salpingectomy performed at cesarean.", {{"salpingectomy", "0UT----"}})
                      .codes(Policy::inpatient),
                  "0UT70ZZ"))
      << "both tubes, through the cesarean's open incision";
}

TEST(ProcedureCoding, AnEndoscopyIsCodedByWhatItDidNotAsAnInspection) {
  const auto gi_bleed = procedure_chart(
                            "EGD on 09/22: antral ulcer with a visible vessel; treated with epinephrine injection and two hemostatic clips. Gastric "
                            "biopsies obtained: H. pylori negative.",
                            {{"EGD", "0DJ08ZZ"}})
                            .codes();
  EXPECT_TRUE(has(gi_bleed, "0DB68ZX")) << ::testing::PrintToString(gi_bleed);
  EXPECT_TRUE(has(gi_bleed, "0W3P8ZZ"));
  EXPECT_FALSE(has(gi_bleed, "0DJ08ZZ")) << "no inspection beside a definitive procedure on the same tract (B3.11a)";
  const auto colon = procedure_chart("Colonoscopy to the cecum; random biopsies of the sigmoid colon taken.", {{"Colonoscopy", "0DJD8ZZ"}}).codes();
  EXPECT_TRUE(has(colon, "0DBN8ZX")) << ::testing::PrintToString(colon);
  const auto looked = procedure_chart("EGD showed mild gastritis, no biopsies taken.", {{"EGD", "0DJ08ZZ"}}).codes();
  EXPECT_TRUE(has(looked, "0DJ08ZZ"));
  EXPECT_FALSE(has(looked, "0DB68ZX"));
  const auto polyp = procedure_chart("Colonoscopy: a 6 mm polyp in the sigmoid colon was removed with a hot snare.", {{"Colonoscopy", "0DJD8ZZ"}}).codes();
  EXPECT_TRUE(has(polyp, "0DBN8ZZ") && !has(polyp, "0DJD8ZZ")) << "a polypectomy is a therapeutic excision " << ::testing::PrintToString(polyp);
  const auto finding = procedure_chart("Sigmoidoscopy: a small hemostatic perforation of the uterus was seen.", {{"Sigmoidoscopy", "0DJD8ZZ"}}).codes();
  EXPECT_FALSE(has(finding, "0W3P8ZZ")) << "'hemostatic' in a finding is no control of bleeding " << ::testing::PrintToString(finding);
}

TEST(ProcedureCoding, AnOperationsOwnIntubationIsItsAnesthesias) {
  Chart chart("Ear tubes were placed in both ear canals. Then the patient was intubated.", {{"intubated", "0BH17EZ"}}, "procedure_description");
  for (auto& m : chart.mentions) m.kind = MentionKind::procedure, m.system = "ICD-10-PCS";
  EXPECT_FALSE(has(chart.codes(), "0BH17EZ")) << ::testing::PrintToString(chart.codes());
  EXPECT_TRUE(has(procedure_chart("He was intubated in the ED for airway protection.", {{"intubated", "0BH17EZ"}}).codes(), "0BH17EZ"));
}

TEST(ProcedureCoding, APartialCodeAFullCodeCompletesGoesIntoIt) {
  std::vector<ProposedCode> px(2);
  px[0].system = px[1].system = "ICD-10-PCS";
  px[0].code = "0TB04ZZ", px[1].code = "0TB-4ZZ", px[1].partial = true;
  // "Laparoscopic right partial nephrectomy" (0-38) holds "partial nephrectomy" (19-38).
  px[0].evidence = {{"normalized", 0, 38}}, px[1].evidence = {{"normalized", 19, 38}};
  auto apart = px;
  Coder::drop_partials_a_code_completes(px);
  ASSERT_EQ(px.size(), 1u);
  EXPECT_EQ(px[0].code, "0TB04ZZ");
  apart[1].evidence = {{"normalized", 60, 79}};  // another line's words: another procedure
  Coder::drop_partials_a_code_completes(apart);
  EXPECT_EQ(apart.size(), 2u);
  std::vector<ProposedCode> other(2);
  other[0].system = other[1].system = "ICD-10-PCS";
  other[0].code = "0TB04ZZ", other[1].code = "0TT-4ZZ";
  Coder::drop_partials_a_code_completes(other);
  EXPECT_EQ(other.size(), 2u) << "a resection is no excision";
}

TEST(ProcedureCoding, ADevicePlacedNowIsNoStatus) {
  const auto placed = Chart("DDDR permanent pacemaker.", {{"permanent pacemaker", "Z95.0"}}, "procedures").codes(Policy::inpatient);
  EXPECT_FALSE(has(placed, "Z95.0")) << ::testing::PrintToString(placed);
  const auto history = Chart("Has a permanent pacemaker for sick sinus syndrome.", {{"permanent pacemaker", "Z95.0"}}, "past_medical_history")
                           .codes(Policy::inpatient);
  EXPECT_TRUE(has(history, "Z95.0")) << ::testing::PrintToString(history);
}

TEST(ProcedureCoding, AProcedureNamedInTheIndicationsIsNotThisOne) {
  const Chart chart("She had a hysteroscopy and dilation and curettage on 09/05/03 and presented with pain.", {{"hysteroscopy", "0UJD8ZZ"}},
                    "indications");
  auto mentions = chart.mentions;
  mentions[0].kind = MentionKind::procedure, mentions[0].system = "ICD-10-PCS";
  std::vector<std::string> codes;
  for (const auto& c : fixture().coder().code(mentions, Policy::inpatient, chart.text, "normalized", chart.sentences)) codes.push_back(c.code);
  EXPECT_FALSE(has(codes, "0UJD8ZZ")) << ::testing::PrintToString(codes);
}

TEST(ProcedureCoding, AFractureFixationTakesItsBoneDeviceAndApproachFromTheSentence) {
  const auto code_of = [](const std::string& text, const std::string& words, const std::string& pattern, const std::string& status = "affirmed") {
    auto chart = procedure_chart(text, {{words, pattern}});
    chart.mentions[0].status = parse_assertion(status).value();
    if (status == "historical") chart.mentions[0].past_cues = {"s/p"};
    const auto codes = chart.code();
    return codes.empty() ? std::string() : codes.back().code;
  };
  EXPECT_EQ(code_of("PROCEDURE: Open reduction and internal fixation of right distal radius with volar locking plate and screws.",
                    "Open reduction and internal fixation", "0-S-0--"),
            "0PSH04Z");
  EXPECT_EQ(code_of("Closed reduction and percutaneous cephalomedullary nail fixation of the left intertrochanteric femur fracture.",
                    "Closed reduction", "0-S-XZ-"),
            "0QS736Z")
      << "a reduction held by a nail put in through the skin is percutaneous, not external";
  EXPECT_EQ(code_of("Postoperative day 1 s/p closed reduction and percutaneous cephalomedullary nail fixation of the left intertrochanteric femur.",
                    "closed reduction", "0-S-XZ-", "historical"),
            "0QS736Z")
      << "s/p with the postoperative day counted is this stay's operation";
  EXPECT_EQ(code_of("S/p closed reduction and percutaneous cephalomedullary nail fixation of the left intertrochanteric femur in 2019.",
                    "closed reduction", "0-S-XZ-", "historical"),
            "")
      << "a past operation is not coded";
  const std::string splinted = code_of("Closed reduction of the right distal radius and splinting in the ED.", "Closed reduction", "0-S-XZ-");
  EXPECT_NE(splinted, "0PSHXZZ") << "a closed reduction alone is left to the coder (often the ED's, before the stay)";
}

TEST(ProcedureCoding, ARepairedObstetricLacerationGetsItsDiagnosisAndRepair) {
  const Chart delivery(
      "Gestational diabetes, diet controlled. Delivered a viable female infant via spontaneous vaginal delivery over a second degree perineal "
      "laceration.\nThe second degree laceration was repaired in layers.",
      {{"Gestational diabetes", "O24.410"}}, "hospital_course");
  const auto codes = delivery.codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "O70.1")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "0KQM0ZZ")) << "perineal muscle repair";
  const Chart unrepaired("Gestational diabetes, diet controlled. Delivered a viable male infant with a first-degree tear, hemostatic.",
                         {{"Gestational diabetes", "O24.410"}}, "hospital_course");
  EXPECT_TRUE(has(unrepaired.codes(Policy::inpatient), "O70.0"));
  EXPECT_FALSE(has(unrepaired.codes(Policy::inpatient), "0HQ9XZZ")) << "no repair stated";
  EXPECT_FALSE(has(Chart("Second degree laceration of the scalp from the fall.", {}).codes(Policy::inpatient), "O70.1")) << "no delivery";
}

// A third-degree tear by its extent where the chart states it: IIIa (O70.21), IIIb (O70.22), IIIc
// (O70.23); unstated, O70.20. An intact internal sphincter is no IIIc.
TEST(ProcedureCoding, AThirdDegreeTearIsCodedByItsExtent) {
  const auto tear = [](const std::string& words) {
    const Chart chart("Gestational diabetes, diet controlled. Delivered a viable male infant via spontaneous vaginal delivery.\n" + words,
                      {{"Gestational diabetes", "O24.410"}}, "hospital_course");
    const auto codes = chart.codes(Policy::inpatient);
    const auto o70 = std::find_if(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("O70"); });
    return o70 == codes.end() ? std::string() : *o70;
  };
  EXPECT_EQ(tear("Third-degree perineal laceration involving more than 50% of the external anal sphincter (grade 3b), internal anal "
                 "sphincter intact, repaired."),
            "O70.22");
  EXPECT_EQ(tear("Third degree perineal laceration, IIIa, repaired."), "O70.21");
  EXPECT_EQ(tear("Third degree perineal tear (3c), repaired in layers."), "O70.23");
  EXPECT_EQ(tear("Third degree perineal laceration, repaired."), "O70.20");
}

TEST(ProcedureCoding, AnInspectionIsNotCodedBesideADefinitiveProcedureByTheSameApproach) {
  const auto bronchoscopy = procedure_chart("Bronchoscopy with transbronchial biopsy of the right lower lobe.",
                                            {{"Bronchoscopy", "0BJ08ZZ"}, {"transbronchial biopsy of the right lower lobe", "0BBK8ZX"}})
                                .codes(Policy::inpatient);
  EXPECT_TRUE(has(bronchoscopy, "0BBK8ZX")) << ::testing::PrintToString(bronchoscopy);
  EXPECT_FALSE(has(bronchoscopy, "0BJ08ZZ")) << "B3.11a";
  EXPECT_TRUE(has(procedure_chart("Bronchoscopy: normal airways.", {{"Bronchoscopy", "0BJ08ZZ"}}).codes(Policy::inpatient), "0BJ08ZZ"))
      << "an inspection alone is coded";
  const auto peg = procedure_chart("Percutaneous endoscopic gastrostomy. Upper endoscopy via the mouth to the stomach, 20 Fr PEG tube placed.",
                                   {{"Percutaneous endoscopic gastrostomy", "0DH64UZ"}, {"Upper endoscopy", "0DJ08ZZ"}})
                       .codes(Policy::inpatient);
  EXPECT_EQ(peg, std::vector<std::string>{"0DH64UZ"}) << "the endoscope guides the percutaneous endoscopic gastrostomy";
}

// Two procedures of one table on their own lines: the hysterectomy's code is no reading of the
// salpingo-oophorectomy's words, whose "bilateral" picks the ovaries' body part (2).
TEST(ProcedureCoding, ABilateralSalpingoOophorectomyBesideAHysterectomyIsItsOwnProcedure) {
  const auto codes = procedure_chart("1. Total laparoscopic hysterectomy.\n2. Bilateral salpingo-oophorectomy, laparoscopic.\n",
                                     {{"Total laparoscopic hysterectomy", "0UT94ZZ"}, {"salpingo-oophorectomy", "0UT----"}})
                         .codes(Policy::inpatient);
  EXPECT_TRUE(has(codes, "0UT94ZZ") && has(codes, "0UT24ZZ")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(has(codes, "0UT74ZZ")) << "and the tubes it takes: " << ::testing::PrintToString(codes);
}

TEST(ProcedureCoding, AProcedureWeeksAgoIsNoneOfThisStay) {
  EXPECT_FALSE(has(procedure_chart("S/p interval cytoreductive surgery 6 weeks ago (TAH/BSO, omentectomy), now on cycle 4.", {{"TAH/BSO", "0UT20ZZ"}})
                       .codes(Policy::inpatient),
                   "0UT20ZZ"));
  EXPECT_TRUE(has(procedure_chart("Admitted 2 days ago; TAH/BSO on hospital day 2.", {{"TAH/BSO", "0UT20ZZ"}}).codes(Policy::inpatient), "0UT20ZZ"))
      << "days ago may still be this stay";
}

TEST(ProcedureCoding, AProcedureWhoseScarTheExamSeesIsNoneOfThisStay) {
  const auto codes = procedure_chart("Chest: well-healed left mastectomy scar; no chest wall masses.", {{"mastectomy", "0HT-0--"}}).codes(Policy::inpatient);
  EXPECT_TRUE(std::none_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("0HT"); })) << ::testing::PrintToString(codes);
}

TEST(ProcedureCoding, AProcedureAtAnotherPracticeIsNoneOfThisStay) {
  EXPECT_FALSE(has(procedure_chart("Flexible sigmoidoscopy done this morning at an outside practice: patchy ulcers.",
                                   {{"Flexible sigmoidoscopy", "0DJD8ZZ"}}).codes(Policy::inpatient),
                   "0DJD8ZZ"));
}

TEST(ProcedureCoding, ASeriesOfLooksOrALeakTestIsNoInspectionOfItsOwn) {
  EXPECT_TRUE(procedure_chart("NED on surveillance colonoscopies.", {{"colonoscopies", "0DJD8ZZ"}}).codes(Policy::inpatient).empty());
  const auto colectomy = procedure_chart("Laparoscopic sigmoid colectomy with stapled anastomosis, flexible sigmoidoscopy leak test.",
                                         {{"Laparoscopic sigmoid colectomy", "0DTN4ZZ"}, {"flexible sigmoidoscopy", "0DJD8ZZ"}})
                             .codes(Policy::inpatient);
  EXPECT_EQ(colectomy, std::vector<std::string>{"0DTN4ZZ"}) << "the leak test is part of the operation (B3.11a)";
}

TEST(ProcedureCoding, AStoneTakenOutIsAnExtirpationOfTheSideNamedApart) {
  const auto ureteroscopy = procedure_chart(
      "Left semirigid ureteroscopy with holmium laser lithotripsy and basket extraction of all stone fragments. Placement of left double-J "
      "ureteral stent.",
      {{"ureteroscopy", "0TJ98--"}, {"laser lithotripsy", "0TF----"}, {"basket extraction", "0TC----"}, {"ureteral stent", "0T7-8D-"}})
                                .codes(Policy::inpatient);
  EXPECT_EQ(ureteroscopy, (std::vector<std::string>{"0TC78ZZ", "0T778DZ"}))
      << "fragments removed: extirpation, not fragmentation; the look is part of it (B3.11a)";
  const auto in_place = procedure_chart("Left ureteral stent in place from last month.", {{"ureteral stent", "0T7-8D-"}}).codes(Policy::inpatient);
  EXPECT_TRUE(in_place.empty()) << ::testing::PrintToString(in_place);
}

TEST(ProcedureCoding, ATransfusionTakesItsProductAndItsLineFromTheSentence) {
  const auto port = procedure_chart("1 unit irradiated apheresis platelets given through the port (central venous) today; transfusion for plt 9K.",
                                    {{"transfusion", "302-3--"}})
                        .codes(Policy::inpatient);
  EXPECT_EQ(port, std::vector<std::string>{"30243R1"});
  const auto peripheral = procedure_chart("Simple transfusion of 2 units of packed RBCs via peripheral IV.", {{"transfusion", "302-3--"}}).codes(Policy::inpatient);
  EXPECT_EQ(peripheral, std::vector<std::string>{"30233N1"});
  const auto threshold = procedure_chart("Hgb stable; transfusion threshold Hgb <7.", {{"transfusion", "302-3--"}}).codes(Policy::inpatient);
  EXPECT_TRUE(threshold.empty()) << "a threshold is no transfusion given";
  const auto avoided = procedure_chart("Discussed PRBC transfusion with patient; patient prefers to avoid if possible.", {{"transfusion", "302-3--"}})
                           .codes(Policy::inpatient);
  EXPECT_TRUE(avoided.empty()) << ::testing::PrintToString(avoided);
}

TEST(ProcedureCoding, AProcedureDatedYearsBackIsHistoryNotThisStay) {
  const auto stent = procedure_chart("He had a drug-eluting stent to the RCA 4 years ago; clopidogrel was stopped.",
                                     {{"drug-eluting stent", "027-34-"}})
                         .codes(Policy::inpatient);
  EXPECT_EQ(stent, std::vector<std::string>{"Z95.5"}) << "the status it left (I.C.21.c.3), no PCS code";
  const auto colonoscopy = procedure_chart("Last colonoscopy 6 years ago showed sigmoid diverticulosis.", {{"colonoscopy", "0DJD8ZZ"}}).codes(Policy::inpatient);
  EXPECT_TRUE(colonoscopy.empty()) << ::testing::PrintToString(colonoscopy);
  const auto this_stay = procedure_chart("ORIF of the right ankle 3 days ago; wound clean.", {{"ORIF", "0QS-04Z"}}).codes(Policy::inpatient);
  EXPECT_FALSE(this_stay.empty()) << "days back may be this stay's operation";
}

TEST(ProcedureCoding, AHipHemiarthroplastyReplacesTheFemoralSurfaceOfTheSideNamed) {
  // "hemiarthroplasty" allows body parts R and S (the hip's femoral surface), never 9 (the whole
  // hip joint) that "right hip" names; a bipolar head is a synthetic substitute, cement qualifier 9.
  const auto right = procedure_chart("Operation: Right hip cemented bipolar hemiarthroplasty (05/22).", {{"hemiarthroplasty", "0SR-0--"}})
                         .codes(Policy::inpatient);
  EXPECT_EQ(right, std::vector<std::string>{"0SRR0J9"});
  const auto left = procedure_chart("Left hip bipolar hemiarthroplasty, uncemented.", {{"hemiarthroplasty", "0SR-0--"}}).codes(Policy::inpatient);
  EXPECT_EQ(left, std::vector<std::string>{"0SRS0JA"});
}

}  // namespace
}  // namespace chartflow::coding
