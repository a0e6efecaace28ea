// Reads NAACCR XML data files (specification 1.x, base dictionary v26) into patients and
// tumours, refusing a file that is not one: malformed XML, a DOCTYPE (no entities are ever
// expanded, nothing is fetched), elements out of place, an item the v26 dictionary does not know or
// puts under another parent, a value that fails the dictionary's checks. Every refusal names the
// file, the line and the item.
#pragma once

#include "cohort.hpp"

#include "naaccr/naaccr_dictionary.hpp"

#include <map>
#include <string>
#include <vector>

namespace chartflow::registry {

using NaaccrItems = std::map<std::string, std::string>;

struct NaaccrTumorIn {
  int line = 0;
  NaaccrItems items;
};

struct NaaccrPatientIn {
  int line = 0;
  NaaccrItems items;
  std::vector<NaaccrTumorIn> tumors;
};

struct NaaccrFileIn {
  std::string record_type;
  NaaccrItems items;  // NaaccrData-level items
  std::vector<NaaccrPatientIn> patients;
};

// `name` is used in messages. Throws CohortError.
NaaccrFileIn read_naaccr_xml(const std::string& bytes, const std::string& name, const naaccr::NaaccrDictionary& dictionary);

}  // namespace chartflow::registry
