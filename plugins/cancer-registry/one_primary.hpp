// A report is about one primary unless it says otherwise ("second primary", "synchronous"):
// what it names beside its cancer is that cancer's spread, or the same cancer said more
// generally ("carcinoma", "malignancy"), not a second case. Which finding leads the report's
// tumours, and which findings join it.
#pragma once

#include "candidate.hpp"

#include <string>
#include <vector>

namespace chartflow::registry {

// Whether the words around a finding make it a part of another tumour: "differentiation to
// osteochondroma and chondrosarcoma", "a component of", or "squamous differentiation" after it. A
// carcinosarcoma's or a sarcomatoid carcinoma's elements are one tumour. ("Foci of" is no cue: a
// cystoprostatectomy's "incidental foci of prostatic adenocarcinoma" is a second primary.)
bool names_a_component(std::string_view normalised_text, std::size_t begin, std::size_t end);

// Whether the report names separate primaries ("second primary", "synchronous", "collision tumor").
bool names_separate_primaries(const std::string& normalised_text);

// Histologies that name no kind of cancer in particular (NOS codes): they join the report's
// specific finding. Adenocarcinoma NOS joins an adenocarcinoma subtype the same way.
bool generic_histology(const std::string& histology);

// Two reportable findings of one report are one primary when they are at one site group, or
// one of them is generic, or both are of one histology group (spread to a neighbouring organ).
bool same_primary(const Candidate& a, const Candidate& b);

// A metastasis named beside its primary is part of that case, not a tumour of its own. (A
// benign or unspecified "tumor" beside it is no primary: the metastasis then stands for the
// malignancy, site unknown.)
void drop_metastases_beside_a_primary(std::vector<Candidate>& found);

// One tumour per site group: the finding that says most leads (invasive before in situ, then a
// specific histology before "carcinoma", "neoplasm" or "adenocarcinoma, NOS", then one with a
// histology before a bare ICD-10-CM code). Site groups keep the order in which the report first
// names them with an affirmed malignancy (a negated "without prostatic adenocarcinoma" or a
// benign "tumor" comes after them all), but a finding called a metastasis or an implant ("sigmoid implant: metastatic
// papillary serous carcinoma") names where the cancer spread: its site comes after every site
// named without that word, so the report's one primary is led by where the cancer is not said to
// have spread.
void order_findings(std::vector<Candidate>& found, const std::string& normalised_text);

}  // namespace chartflow::registry
