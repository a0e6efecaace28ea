// Writes registry cases as one NAACCR XML v26 data file (specification 1.8). Every item is checked
// against the dictionary: an item that does not exist, sits under another parent, is not carried
// by the record type, or whose value fails the dictionary's checks is left out and counted, so the
// file always validates against the NAACCR XSD.
#pragma once

#include "case_assembly.hpp"
#include "naaccr_dictionary.hpp"

#include <string>
#include <vector>

namespace chartflow::naaccr {

struct XmlOptions {
  std::string record_type = "A";  // A abstract, M modified, C confidential, I incidence
  std::string registry_id;        // NAACCR item registryId, optional
  std::string time_generated;     // timeGenerated, e.g. "2026-04-02T10:00:00Z"
};

struct XmlFile {
  std::string text;
  std::size_t tumors = 0;
  std::size_t items_left_out = 0;
};

XmlFile write_naaccr_xml(const std::vector<const CasePatient*>& patients, const NaaccrDictionary& dictionary, const XmlOptions& options);

// The current time as NAACCR's timeGenerated wants it (UTC).
std::string utc_now();

}  // namespace chartflow::naaccr
