// Chart words the index spells differently (modifiers.cpp reads a mention's clause with them), and
// what a clause's words say only together (a plural, two words of one site, a route). A
// part of an organ, or a condition of one, names the organ the index prints: "sigmoid
// diverticulosis" is "Diverticulosis > large intestine" (K57.30), "acute calculous cholecystitis"
// reaches "Cholecystitis > acute > with > calculus > gallbladder" (K80.00).
#include "modifiers.hpp"

#include "common/words.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace chartflow::coding {
namespace {

// Whether "oral" in `text` is a route: "oral analgesics", "oral antibiotics", "oral intake".
bool names_a_route(std::string_view text) {
  static constexpr std::string_view kByMouth[] = {"analgesic", "analgesics", "antibiotic", "antibiotics", "medication", "medications",
                                                  "meds", "intake", "diet", "fluids", "iron", "steroids", "prednisone", "contraceptive",
                                                  "contraceptives", "hydration", "therapy", "agents", "opioids", "narcotics",
                                                  // the drugs a chart most often gives by mouth ("pain controlled with oral acetaminophen")
                                                  "acetaminophen", "ibuprofen", "naproxen", "oxycodone", "hydrocodone", "tramadol", "morphine",
                                                  "hydromorphone", "amoxicillin", "cephalexin", "doxycycline", "metronidazole", "ciprofloxacin",
                                                  "levofloxacin", "fluconazole", "acyclovir", "valacyclovir", "vancomycin", "potassium",
                                                  "magnesium", "vitamin", "anticoagulant", "anticoagulation", "chemotherapy", "glucose",
                                                  "rehydration", "tablet", "tablets", "dose", "doses", "regimen", "route", "sedation"};
  const std::string lowered = words::lower(text);
  for (std::size_t at = words::find(lowered, "oral"); at != std::string::npos; at = words::find(lowered, "oral", at + 1)) {
    const std::size_t next = at + 5;
    for (const std::string_view w : kByMouth)
      if (next <= lowered.size() && words::stands_at(lowered, w, next)) return true;
  }
  return false;
}

// The completed weeks of gestation a pregnancy's clause states ("at 32 weeks 4 days", "32w4d",
// "G2P1 at 32 4/7 weeks"), or 0.
int stated_weeks(std::string_view text) {
  int weeks = 0;
  std::string previous;
  words::for_each_word(text, [&](std::string_view w) {
    const std::string word = words::lower(w);
    const auto number = [](std::string_view s) {
      int n = 0;
      for (const char c : s) {
        if (c < '0' || c > '9' || n > 100) return -1;
        n = n * 10 + (c - '0');
      }
      return s.empty() ? -1 : n;
    };
    if ((word == "weeks" || word == "week" || word == "wks" || word == "wk") && number(previous) > 0) weeks = number(previous);
    // "32w4d", "32w": the number before the w
    if (const std::size_t wpos = word.find('w'); wpos != std::string::npos && wpos > 0 && number(word.substr(0, wpos)) > 0 &&
                                                 (wpos + 1 == word.size() || std::isdigit(static_cast<unsigned char>(word[wpos + 1]))))
      weeks = number(word.substr(0, wpos));
    previous = word;
  });
  return weeks >= 4 && weeks <= 44 ? weeks : 0;
}

// Whether the mention's sentence says a drug's overdose brought it about: "propranolol overdose,
// intentional, with resultant bradycardia, hypotension and hypoglycemia" (the overdose, then a word
// of consequence, then the mention), or "hypotension secondary to beta-blocker overdose".
bool caused_by_an_overdose(const MentionInput& m) {
  static constexpr std::string_view kOverdose[] = {"overdose", "overdosed", "poisoning"};
  static constexpr std::string_view kConsequence[] = {"resultant", "resulting in", "causing", "leading to", "complicated by"};
  static constexpr std::string_view kCause[] = {"due to", "secondary to", "caused by", "from"};
  const std::string before = words::lower(m.before), after = words::lower(m.after.substr(0, std::min<std::size_t>(m.after.size(), 60)));
  for (const std::string_view overdose : kOverdose)
    if (const std::size_t at = words::find(before, overdose); at != std::string::npos)
      for (const std::string_view consequence : kConsequence)
        if (words::find(before, consequence, at) != std::string::npos) return true;
  const std::size_t start = after.find_first_not_of(" ,");
  return start != std::string::npos && std::any_of(std::begin(kCause), std::end(kCause), [&](std::string_view c) { return words::stands_at(after, c, start); }) &&
         std::any_of(std::begin(kOverdose), std::end(kOverdose), [&](std::string_view o) { return words::find(after, o) != std::string::npos; });
}

}  // namespace

void add_index_spellings(WordBag& bag) {
  // Any of the chart's words on the left adds the index's words on the right. "Bleeding gastric
  // ulcer": the index says "with > hemorrhage" (K25.4). "Neutropenia due to chemotherapy": the
  // index says "drug-induced > due to cytoreductive cancer chemotherapy" (D70.1) and "due to
  // antineoplastic chemotherapy" (D64.81).
  static const ImpliedWords kIndexWords{
      {"sigmoid cecum cecal rectosigmoid", "large intestine"},
      {"cholecystitis", "gallbladder"},
      // "Atherosclerosis - see Arteriosclerosis": its coded entries ("> coronary (artery)", I25.10)
      // are under the word the chart does not say.
      {"atherosclerosis atherosclerotic", "arteriosclerosis arteriosclerotic"},
      // A hypertension is a pressure increased: "intracranial hypertension with bilateral
      // papilledema" is "Papilledema > associated with > increased intracranial pressure" (H47.11).
      {"hypertension", "increased pressure"},
      // An epidural abscess of the spine is the index's "spinal cord" one: "Abscess > epidural >
      // spinal cord" (G06.1) for "spinal epidural abscess".
      {"spinal", "cord"},
      // "Thromboembolism - see Embolism": "pulmonary thromboembolism" is "Embolism > pulmonary"
      // (I26.99), not the unspecified artery's embolism (I74.9) the bare word gives.
      {"thromboembolism thromboembolic thromboemboli", "embolism"},
      {"bleeding bleed bled hemorrhagic haemorrhage melena hematemesis hematochezia", "hemorrhage bleeding"},
      {"chemotherapy chemo", "chemotherapy drug induced cytoreductive cancer antineoplastic therapy"},
      // Organisms as charts write them: "sepsis due to E. coli" is "Sepsis > Escherichia coli" (A41.51).
      {"coli", "escherichia coli"},
      // The index spells it "pre-term" ("Pregnancy > complicated by > premature rupture of membranes
      // > with onset of labor > within 24 hours > pre-term", O42.01-).
      {"preterm", "pre-term"},
      {"staph", "staphylococcus staphylococcal"},
      {"strep", "streptococcus streptococcal"},
      {"mrsa", "methicillin resistant staphylococcus aureus"},
      {"mssa", "methicillin susceptible staphylococcus aureus"},
      {"diff difficile", "clostridioides difficile"},
      {"pneumococcal pneumococcus", "streptococcus pneumoniae"},
      // ... and the other way: "meningitis due to Streptococcus pneumoniae" is "Meningitis > pneumococcal" (G00.1).
      {"pneumoniae", "pneumococcal"},
      // A virus is viral: "norovirus gastroenteritis" is "Gastroenteritis > viral NEC > Norwalk agent" (A08.11).
      {"norovirus", "viral norwalk agent"},
      {"rotavirus", "viral"},
      {"adenovirus adenoviral", "viral adenovirus"},
      // Viruses by their initials: "RSV bronchiolitis" is "Bronchiolitis > respiratory syncytial virus" (J21.0).
      {"rsv", "respiratory syncytial virus"},
      {"cmv", "cytomegalovirus cytomegaloviral"},
      {"hsv", "herpes simplex herpesviral"},
      {"ebv", "epstein barr"},
      {"vzv", "varicella zoster"},
      // The index's "mouth (oral)" reads "oral" as its nonessential word: "oral mucositis" is
      // "Mucositis > mouth > due to antineoplastic therapy" (K12.31).
      {"oral", "mouth"},
      // Where a homeless patient sleeps: "living in his car" is "Homelessness > unsheltered" (Z59.02).
      {"car street streets tent outdoors", "unsheltered"},
      {"shelter", "sheltered"},
      // An arthroplasty is the index's joint replacement: "Aftercare > following surgery > joint
      // replacement" (Z47.1).
      {"arthroplasty", "joint replacement surgery"},
      // "Immunocompromised state due to immunosuppressive medications" is the index's
      // "Immunodeficiency > due to > medication" (D84.821).
      {"immunocompromised immunosuppressed immunosuppression", "immunodeficiency"},
      // "BPH with LUTS", "BPH with nocturia": "Hyperplasia > prostate > with lower urinary tract
      // symptoms (LUTS)" (N40.1).
      {"luts nocturia hesitancy dribbling", "lower urinary tract symptoms"},
      // A cancer is the index's neoplastic disease: "anemia due to leukemia" is "Anemia > in (due
      // to) (with) > neoplastic disease" (D63.0).
      {"leukemia lymphoma myeloma mds myelodysplastic carcinoma malignancy", "neoplastic disease"},
      // Hypoxemia is the index's hypoxia: "acute hypoxemic respiratory failure" is "Failure >
      // respiration > acute > with > hypoxia" (J96.01).
      {"hypoxemic hypoxemia", "hypoxia"},
      // The anterior chest wall is the index's front: "Contusion > thorax > front" (S20.21-).
      {"anterior", "front"},
      // "Avascular necrosis of the right femoral head": "Osteonecrosis > idiopathic > femur" (M87.05-).
      {"femoral", "femur"},
      // A breastfeeding mother's condition is the index's obstetric one "associated with lactation":
      // "lactational mastitis" is "Mastitis > obstetric > associated with > lactation" (O91.23).
      {"lactational lactating breastfeeding", "obstetric lactation"},
      // Varicose veins are the index's varix: "Varix (lower limb) > with > ulcer" (I83.0-).
      {"varicose varicosities varicosity", "varix"},
      // A bone's adjective is the index's noun: "left acetabular fracture, posterior wall" is
      // "Fracture > acetabulum > wall > posterior" (S32.42-). (Not "radial" or "tibial": a
      // radial pulse or a posterior tibial artery names no bone.)
      {"acetabular", "acetabulum"},
      // End-stage renal disease by its initials: "Anemia in ESRD" is "Anemia > in (due to) (with) > end stage
      // renal disease" (D63.1). ("CKD" was tried the same way: the hypertension and diabetes combinations read worse.)
      {"esrd", "end stage renal disease"},
      // A forearm is the upper limb's: "cellulitis of the left forearm" is "Cellulitis > upper limb" (L03.114).
      {"forearm", "upper limb"},
      // "Left epididymal head cyst": "Cyst > epididymis" (N50.3).
      {"epididymal", "epididymis"},
      {"vertebral", "vertebra"},
      {"splenic", "spleen"},
      // The dens (odontoid process) is the second cervical vertebra's: "type II dens fracture" is
      // "Fracture > vertebra > cervical > second (axis) > dens > type II" (S12.11-).
      {"dens odontoid", "vertebra cervical second axis"},
      {"humeral", "humerus"},
      {"fibular", "fibula"},
      {"clavicular", "clavicle"},
      {"scapular", "scapula"},
      {"patellar", "patella"},
      {"calcaneal", "calcaneus"},
      {"sacral", "sacrum"},
      {"coccygeal", "coccyx"},
      // "Crohn's disease - see Enteritis, regional": its coded subterms ("small intestine > with >
      // complication > intestinal obstruction", K50.012) are under the words the chart does not say.
      {"crohn", "enteritis regional"},
      // "Acute pulmonary exacerbation of cystic fibrosis": "Fibrosis > cystic > with > pulmonary
      // manifestations" (E84.0); an organ's manifestation is the organ's word in a chart.
      {"pulmonary intestinal", "manifestations"},
      // "Secundum ASD": "Defect > atrial septal > ostium secundum type" (Q21.11).
      {"secundum", "ostium secundum type"},
      {"primum", "ostium primum type"},
      // "Central corneal ulcer": "Ulcer > cornea > central" (H16.01-).
      {"corneal", "cornea"},
      // A disease of an organ is the index's disorder of it: "hypertension due to renal disease",
      // "secondary hypertension due to renal crisis" are "Hypertension > secondary NEC > due to >
      // renal disorders NEC" (I15.1), not "due to > specified disease NEC" (I15.8).
      {"disease diseases crisis", "disorder"},
      // ... and a nephritis or nephropathy is one: "hypertension secondary to lupus nephritis" is
      // "> secondary NEC > due to > renal disorders NEC" (I15.1).
      {"nephritis nephropathy glomerulonephritis nephrotic", "renal disorder"},
      // A side is one eye: "loss of vision in the left eye" is "Loss > vision > one eye > left
      // (normal vision on right)" (H54.62), "blind in the right eye" "Blindness > one eye" (H54.41-).
      {"left right", "one"},
      // Radioactive iodine ablates by irradiation: "hypothyroidism following radioactive iodine
      // ablation", "postablative hypothyroidism" are "Hypothyroidism > due to > irradiation therapy" (E89.0).
      {"postablative radioactive radioiodine", "irradiation therapy"},
      // A screening mammogram is the index's routine one: "Mammogram > routine" (Z12.31).
      {"screening", "routine"},
      // Packs are of cigarettes: "smoker, 1 ppd" is "Dependence > drug > nicotine > cigarettes" (F17.210).
      {"ppd pack packs cigs", "cigarettes"},
      // A vertebral level names its region: "L5 spondylolysis" is "Spondylolysis > lumbar region"
      // (M43.06), "C6 radiculopathy" "Radiculopathy > cervical region" (M54.12).
      {"l1 l2 l3 l4 l5", "lumbar"},
      {"c2 c3 c4 c5 c6 c7", "cervical"},
      {"t2 t3 t4 t5 t6 t7 t8 t9 t10 t11", "thoracic"},
      // An incarcerated hernia is the index's one "with obstruction" (Incarceration, hernia - see
      // Hernia, by site, with obstruction): "incarcerated left femoral hernia" is K41.30.
      {"incarcerated incarceration", "obstruction"},
      // A developmental dysplasia of the hip is the index's congenital one (Q65.89).
      {"developmental", "congenital"},
      // The arteries of the circle of Willis are intracranial: "subarachnoid hemorrhage, ruptured
      // anterior communicating artery aneurysm" is "> subarachnoid > intracranial (cerebral) >
      // anterior communicating" (I60.2).
      {"communicating basilar", "intracranial"},
      // A breast's density is read on a mammogram, by the report's BI-RADS words: "heterogeneously
      // dense breasts" is "Density > breast > mammographic > heterogeneous" (R92.33-), as "Dense
      // breasts" sends on to "Density, breast".
      {"heterogeneously", "mammographic heterogeneous"},
      {"extremely", "mammographic extreme"},
      {"fibroglandular", "mammographic"}};
  kIndexWords.apply(bag);
}

// What words say only together, which a row of add_index_words (any one word) cannot: the
// mention's own plural, two words of one site, a route that is no site.
void add_words_said_together(WordBag& bag, const MentionInput& m, std::string_view before, std::string_view after) {
  static const auto kWords = WordBag::words_of("rib oral surgical site artery popliteal tibial shoulder dislocation subluxation aspiration");  // as the bag folds them
  const std::string &rib = kWords[0], &oral = kWords[1], &surgical = kWords[2], &site = kWords[3], &artery = kWords[4], &popliteal = kWords[5],
                    &tibial = kWords[6], &shoulder = kWords[7], &dislocation = kWords[8], &subluxation = kWords[9], &aspiration = kWords[10];
  static const auto kRespiratoryDistress = WordBag::words_of("distress tachypnea grunting retractions");
  // "Rib fractures 4-7 right": more than one rib, the index's "Fracture > rib > multiple" (S22.4-).
  if (bag.contains(rib) && words::lower(m.text).ends_with("fractures")) bag.add("multiple");
  // "Pain controlled with oral analgesics": by mouth, a route, not the mouth a pain is in.
  if (bag.contains(oral) && !words::contains(words::lower(m.text), "oral") && (names_a_route(before) || names_a_route(after)))
    bag.remove_folded(oral);
  // A surgical site infection is the index's postoperative wound's: "Infection > postoperative
  // wound > surgical site > superficial incisional" (T81.41-).
  if (bag.contains(surgical) && bag.contains(site)) bag.add("postoperative wound");
  // An artery of the leg is the index's lower extremity's: "embolic occlusion of the popliteal
  // artery" is "Embolism > artery > extremity > lower" (I74.3). Only an artery: the popliteal
  // vein has entries of its own ("Thrombosis > vein > deep > popliteal", I82.43-).
  if (bag.contains(artery) && (bag.contains(popliteal) || bag.contains(tibial))) bag.add("lower extremity");
  // A dislocated shoulder is its humerus out of the glenoid: "anterior dislocation of the right
  // shoulder" is "Dislocation > shoulder > humerus > anterior" (S43.01-).
  if (bag.contains(shoulder) && (bag.contains(dislocation) || bag.contains(subluxation))) bag.add("humerus");
  // The arteries of a leg are the index's extremity's: "atherosclerosis of native arteries of right
  // leg with rest pain" is "Arteriosclerosis > extremities > leg > right > with rest pain" (I70.221).
  static const auto kArteriosclerosis = WordBag::words_of("arteriosclerosis arteriosclerotic atherosclerosis atherosclerotic");
  static const auto kLeg = WordBag::words_of("leg legs lower");
  if (std::any_of(kArteriosclerosis.begin(), kArteriosclerosis.end(), [&](const std::string& w) { return bag.contains(w); }) &&
      std::any_of(kLeg.begin(), kLeg.end(), [&](const std::string& w) { return bag.contains(w); }))
    bag.add("extremities leg");
  // "Rheumatoid arthritis without rheumatoid factor", "RF-negative": the index's seronegative
  // (M06.0-); "RF-positive": seropositive (M05.-). (Read for rheumatoid arthritis only: this runs
  // for every mention.)
  const std::string clause = m.code.starts_with("M05") || m.code.starts_with("M06") ? words::lower(std::string(before) + " " + m.text + " " + std::string(after))
                                                                                    : std::string();
  if (words::contains(clause, "without rheumatoid factor") || words::contains(clause, "rf negative") || words::contains(clause, "rf-negative") ||
      words::contains(clause, "rheumatoid factor negative"))
    bag.add("seronegative");
  else if (words::contains(clause, "rf positive") || words::contains(clause, "rf-positive") || words::contains(clause, "rheumatoid factor positive"))
    bag.add("seropositive");
  // A pregnancy condition's weeks name the index's "before 37 completed weeks of gestation" (False
  // labor O47.0-) and the Tabular's trimester (O47.03 at 32 weeks): 28 weeks on is the third.
  if (m.code.starts_with("O"))
    if (const int weeks = stated_weeks(m.context.empty() ? std::string(before) + " " + m.text + " " + std::string(after) : std::string(m.context)); weeks > 0) {
      bag.add(weeks < 37 ? "before 37 completed weeks gestation pregnancy" : "at or after 37 completed weeks gestation pregnancy");
      if (weeks < 20) bag.add("before 20 completed weeks");
      bag.add(weeks >= 28 ? "third trimester" : weeks >= 14 ? "second trimester" : "first trimester");
    }
  // A premature rupture's hours to labor name the index's "within 24 hours" or "after 24 hours"
  // ("spontaneous onset of labor about 9 hours after rupture": O42.0-).
  if (m.code.starts_with("O42")) {
    int previous = -1, hours = -1;
    words::for_each_word(words::lower(m.context.empty() ? std::string(before) + " " + m.text + " " + std::string(after) : std::string(m.context)),
                         [&](std::string_view w) {
                           if ((w == "hours" || w == "hour" || w == "hrs" || w == "h") && previous >= 0 && hours < 0) hours = previous;
                           previous = !w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })
                                          ? std::stoi(std::string(w)) : -1;
                         });
    if (hours >= 0) bag.add(hours <= 24 ? "with onset of labor within 24 hours" : "with onset of labor after 24 hours");
  }
  // A condition a drug's overdose brought about is the index's drug-induced one: "Hypotension >
  // drug-induced" (I95.2), "Hypoglycemia > drug-induced" (E16.0), after the poisoning's code
  // (I.C.19.e.5.b).
  if (caused_by_an_overdose(m)) bag.add("drug-induced");
  // A newborn's aspiration "with respiratory distress" (tachypnea, grunting, retractions) is the
  // index's "with respiratory symptoms" (P24.01 for meconium).
  if (bag.contains(aspiration) && std::any_of(kRespiratoryDistress.begin(), kRespiratoryDistress.end(), [&](const std::string& w) { return bag.contains(w); }))
    bag.add("respiratory symptoms");
}

// The index's words for what the chart says: its spellings (index_spellings.cpp), one side
// named as "unilateral", a grade as a degree, an e-cigarette as a "specified product".
void add_index_words(WordBag& bag) {
  add_index_spellings(bag);
  // One side named and no other is one side: "osteoarthritis of the right knee" is the index's
  // "Osteoarthritis > knee > unilateral" (M17.1-), not the knee's unspecified M17.9.
  static const auto kSides = WordBag::words_of("right left bilateral both unilateral");
  if ((bag.contains(kSides[0]) != bag.contains(kSides[1])) && !bag.contains(kSides[2]) && !bag.contains(kSides[3])) bag.add_folded(kSides[4]);
  // The lower leg is the index's calf: "burn of right lower leg" is "Burn > calf > right" (T24.-31),
  // not the unspecified site of "Burn > lower > limb" (T24.-01).
  static const auto kLowerLeg = WordBag::words_of("lower leg calf");
  if (bag.contains(kLowerLeg[0]) && bag.contains(kLowerLeg[1])) bag.add_folded(kLowerLeg[2]);
  // "Hyperosmolar hyperglycemic state due to type 2 diabetes" is the index's "with hyperosmolarity"
  // (E11.00): its hyperglycemia is part of it, no "with hyperglycemia" (E11.65) tying with it.
  static const auto kHyperosmolar = WordBag::words_of("hyperosmolar hyperglycemic");
  if (bag.contains(kHyperosmolar[0])) bag.remove_folded(kHyperosmolar[1]);
  // "Grade I internal hemorrhoids" is the index's "Hemorrhoids > internal > first degree" (K64.0):
  // a grade's numeral names the degree, when the clause holds one grade only.
  // (The index spells the degree both ways: "Hemorrhoids > 1st degree", "Burn > first degree".)
  static const std::pair<std::vector<std::string>, std::pair<std::string, std::string>> kGrades[] = {
      {{"i", "1"}, {"first", "1st"}}, {{"ii", "2"}, {"second", "2nd"}}, {{"iii", "3"}, {"third", "3rd"}}, {{"iv", "4"}, {"fourth", "4th"}}};
  if (bag.contains("grade")) {
    const std::pair<std::string, std::string>* degree = nullptr;
    int grades = 0;
    for (const auto& [numerals, words] : kGrades)
      if (std::any_of(numerals.begin(), numerals.end(), [&](const std::string& n) { return bag.contains(n); })) ++grades, degree = &words;
    if (grades == 1) bag.add_folded(degree->first), bag.add_folded(degree->second), bag.add_folded("degree");
  }
  // An e-cigarette is no cigarette: vaping nicotine is "nicotine > specified product NEC" (F17.29-),
  // not "nicotine > cigarettes" (F17.21-), which the word "cigarette" inside "e-cigarette" would reach.
  static const auto kVaping = WordBag::words_of("vaping vape vapes vaper vaporizer electronic");  // "electronic cigarettes"
  static const auto kCigarette = WordBag::words_of("cigarette cigarettes");
  static const auto kProduct = WordBag::words_of("specified product");
  const bool e_cigarette = bag.contains("e") && std::any_of(kCigarette.begin(), kCigarette.end(), [&](const std::string& w) { return bag.contains(w); });
  if (e_cigarette || std::any_of(kVaping.begin(), kVaping.end(), [&](const std::string& w) { return bag.contains(w); })) {
    for (const auto& w : kCigarette) bag.remove_folded(w);
    for (const auto& w : kProduct) bag.add_folded(w);
  }
}

}  // namespace chartflow::coding
