// Every rule set, one factory per file in sets/. all_rule_sets() lists them in the order a tumour
// is matched to its set (the first set that applies wins).
#pragma once

#include "rule_set.hpp"

#include <filesystem>

namespace chartflow::mph::detail {

// Hematopoietic rules
RuleSet hematopoietic_1998();
RuleSet hematopoietic_2001();
RuleSet hematopoietic_2010();
// Solid tumour rules, 2006 and earlier
RuleSet solid_2004_benign_brain();
RuleSet solid_2004_malignant();
// MP/H rules 2007-2017 (other sites through 2022, cutaneous melanoma through 2020)
RuleSet mph_2007_head_and_neck();
RuleSet mph_2007_colon();
RuleSet mph_2007_lung();
RuleSet mph_2007_melanoma();
RuleSet mph_2007_breast();
RuleSet mph_2007_kidney();
RuleSet mph_2007_urinary();
RuleSet mph_2007_benign_brain();
RuleSet mph_2007_malignant_brain();
RuleSet mph_2007_other_sites();
// Solid Tumor Rules 2018+
RuleSet solid_2018_breast();
RuleSet solid_2018_colon();
RuleSet solid_2018_head_and_neck();
RuleSet solid_2018_kidney();
RuleSet solid_2018_lung();
RuleSet solid_2018_malignant_cns();
RuleSet solid_2018_nonmalignant_cns();
RuleSet solid_2018_urinary();
RuleSet solid_2021_cutaneous_melanoma();
RuleSet solid_2023_other_sites();

const std::vector<RuleSet>& all_rule_sets();

// The SEER Hematopoietic Database tables the 2010+ (same-primary, transformation) and the 2001 /
// 1998 hematopoietic rules need. They are not shipped with chartflow (see docs/registry-mph.md);
// load them once from a folder holding Hematopoietic2010SamePrimaryPairs.csv,
// Hematopoietic2010TransformToPairs.csv, Hematopoietic2010TransformFromPairs.csv,
// Hematopoietic2001HistologyGroups.csv, Hematopoietic2001HistologyGroupPairs.csv and
// Hematopoietic1998HistologyPairs.csv. Without them those rules answer QUESTIONABLE and say why.
struct HematopoieticTables;
const HematopoieticTables* hematopoietic_tables();  // nullptr until loaded

}  // namespace chartflow::mph::detail
