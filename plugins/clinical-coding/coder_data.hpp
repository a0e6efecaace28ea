// The rule tables the coder reads (rules/, pcs/), loaded once and shared by every chart, and the
// code set versions in force for one chart.
#pragma once

#include "code_set.hpp"
#include "coder_inputs.hpp"
#include "common/vocabulary.hpp"
#include "common/words.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chartflow::coding {

// The code set versions in force for one chart (chosen by its date of service).
struct CodeSetRefs {
  const CodeSet* icd10cm = nullptr;
  const CodeSet* icd10pcs = nullptr;
  const CodeSet* hcpcs = nullptr;
};

// Rule tables that do not change with the code set version; loaded once, shared by all charts.
struct CoderData {
  struct StatusRow {
    Assertion assertion;  // historical or family
    std::string first, last, code, note;
  };
  std::vector<StatusRow> history_codes;  // rules/history_codes.tsv
  struct Combination {
    std::string first, second, result, note;
    bool keep_second = false;
    bool same_sentence = false;  // only when one sentence names both ("GI bleed, diverticular in origin")
  };
  std::vector<Combination> combinations;                    // rules/combinations.tsv
  std::map<std::string, std::vector<std::string>> procedure_codes;  // normalised phrase -> PCS/HCPCS codes
  std::vector<std::pair<std::string, char>> pcs_approaches;           // "laparoscopic" -> '4' (section 0)
  struct PcsBodyPart {
    std::string phrase;
    char value = 0, system = 0;  // "right distal radius": 'H' in body system 'P'
  };
  std::vector<PcsBodyPart> pcs_body_parts;  // pcs/axes.tsv, section 0, longest phrase first
  // A procedure word's body parts when it allows several ("hemiarthroplasty": R or S, the hip's
  // femoral surface): normalised phrase -> the values ("RS").
  std::map<std::string, std::string> pcs_word_body_parts;
  // ... and its root operations when it allows several ("hernia repair": Q, or U with a mesh).
  std::map<std::string, std::string> pcs_word_roots;
  struct PcsDevice {
    std::string phrase;
    char value = 0;
    std::vector<std::string> tables;  // "0:P:S": section, body system, root operation ('*' any)
  };
  std::vector<PcsDevice> pcs_devices;  // pcs/axes.tsv, longest phrase first
  std::vector<std::string> chronic_conditions;  // rules/chronic_conditions.tsv: code prefixes
  // rules/chronic_conditions_by_treatment.tsv: chronic conditions a history list names that count
  // only where the chart shows them treated, each with the drugs for it.
  std::vector<std::pair<std::string, std::vector<std::string>>> chronic_by_treatment;
  std::vector<std::string> generic_codes;       // rules/generic_codes.tsv: codes that say less than any other

  struct Companion {
    std::string condition_prefix, word, code, note;
    std::vector<std::string> unless;  // words of a sentence that says the status does not hold
  };
  std::vector<Companion> companions;  // rules/companion_codes.tsv
  struct InfectiousAgent {
    std::string phrase, code, note;
  };
  std::vector<InfectiousAgent> infectious_agents;  // rules/infectious_agents.tsv, in the table's order
  std::vector<std::pair<std::string, std::string>> manifestation_equivalents;  // rules/manifestation_equivalents.tsv: (F02, F03)
  struct ProcedureStatus {
    std::string pcs_prefix, code, note;
    // Whether `pcs_code` starts with the row's prefix, a '-' in it standing for any character
    // ("027--4": a coronary dilation with a drug-eluting stent, whatever artery).
    bool covers(std::string_view pcs_code) const {
      return pcs_prefix.size() <= pcs_code.size() &&
             std::equal(pcs_prefix.begin(), pcs_prefix.end(), pcs_code.begin(), [](char p, char c) { return p == '-' || p == c; });
    }
  };
  std::vector<ProcedureStatus> procedure_status;  // rules/procedure_status_codes.tsv
  std::vector<ProcedureStatus> screening_codes;   // rules/screening_codes.tsv (procedure code -> Z12/Z13)
  struct IntegralFinding {
    std::string condition_prefix, integral_prefix, note;
  };
  std::vector<IntegralFinding> integral_findings;  // rules/integral_findings.tsv
  // rules/drug_classes.tsv: a drug's words ("ibuprofen", "r chop") to the stem of its poisoning,
  // adverse effect and underdosing codes ("T39.31"), and whether anyone prescribes it.
  enum class DrugKind { prescribed, illicit, toxic };
  struct DrugClass {
    std::string stem;
    DrugKind kind = DrugKind::prescribed;
  };
  std::map<std::string, DrugClass, std::less<>> drug_classes;
  Vocabulary drug_first_words;  // the first word of each name: most words are none (a flat table: every chart word is asked)
  std::set<std::string, std::less<>> prescribed_drug_words;  // each word of a prescribed drug's name, as WordBag folds it
  std::size_t longest_drug_name = 1;                     // in words
  void load_drug_classes(const std::string& file);
  // rules/long_term_drugs.tsv: a drug's words to its Z79 code, by the drug name's first word.
  struct LongTermDrug {
    std::vector<std::string> rest;  // the name's words after the first
    std::string code;
    bool needs_stated_long_term = false;  // given for days too (antibiotics, opiates): only where the chart says long-term
  };
  std::map<std::string, std::vector<LongTermDrug>, std::less<>> long_term_drugs;
  void load_long_term_drugs(const std::string& file);
  // rules/external_causes.tsv: how, where and doing what an injury happened, in table order.
  enum class ExternalCauseAxis { mechanism, place, activity };
  struct ExternalCause {
    ExternalCauseAxis axis = ExternalCauseAxis::mechanism;
    std::vector<std::string> phrases;  // all in one sentence
    std::string code;                  // a mechanism's without its 7th character; home:ROOM for a room of a home
  };
  std::vector<ExternalCause> external_causes;
  void load_external_causes(const std::string& file);
  // rules/device_complications.tsv: the words that name a complication of a device and the
  // device's entry in the index, in table order.
  enum class DeviceComplication { infection, obstruction, displacement, breakdown, malfunction, leakage, thrombosis, stenosis, loosening, dislocation };
  struct DeviceComplicationWord {
    std::string word;
    DeviceComplication kind = DeviceComplication::infection;
  };
  struct DeviceEntry {
    std::vector<std::string> phrases;              // all in the clause
    std::vector<DeviceComplication> kinds;         // the complications it is for; empty for any
    std::string entry;                             // the device's index entry, as printed
    std::string then;                              // a subterm below the complication's ("knee"), or empty
  };
  std::vector<DeviceComplicationWord> device_complication_words;
  words::PhraseFinder device_complication_finder;  // the words above, by their index there
  std::vector<DeviceEntry> device_entries;
  void load_device_complications(const std::string& file);

  // The convention tables of rules/ (chronic conditions, generic codes, companion codes,
  // manifestation equivalents, procedure status codes, screening codes, integral findings), by their file names.
  void load_tables(const std::string& rules_dir);
  void load_rules(const std::string& history_file, const std::string& combinations_file);
  void load_procedures(const std::string& file);  // phrase, code, note (pcs/procedures.tsv, pcs/hcpcs_phrases.tsv)
  void load_pcs_axes(const std::string& file);    // pcs/axes.tsv (the approach words)

  // pcs/procedure_context.tsv: when a procedure phrase names a procedure of this stay.
  // needs_word ("requires"): one of the words is in the sentence; not_with: none is; not_after: none ends the
  // text right before the phrase ("febrile neutropenia due to chemotherapy").
  enum class ContextRule { needs_word, not_with, not_after };
  struct ProcedureContext {
    std::string code_prefix;
    ContextRule rule = ContextRule::not_with;
    std::vector<std::string> words;
    std::string note, instead;  // instead: an ICD-10-CM status code for what the rule refused
  };
  std::vector<ProcedureContext> procedure_context;
  void load_procedure_context(const std::string& file);
};

}  // namespace chartflow::coding
