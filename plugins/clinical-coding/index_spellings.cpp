// Chart words the index spells differently (modifiers.cpp reads a mention's clause with them). A
// part of an organ, or a condition of one, names the organ the index prints: "sigmoid
// diverticulosis" is "Diverticulosis > large intestine" (K57.30), "acute calculous cholecystitis"
// reaches "Cholecystitis > acute > with > calculus > gallbladder" (K80.00).
#include "modifiers.hpp"

namespace chartflow::coding {

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
      {"developmental", "congenital"}};
  kIndexWords.apply(bag);
}

}  // namespace chartflow::coding
