// The segments of chartflow's HL7 v2.5.1 messages, one function each (messages.cpp puts them
// together). Every value from the chart is escaped; dates are HL7 DT/DTM (YYYYMMDD[HHMMSS]).
#pragma once

#include "hl7_writer.hpp"
#include "messages.hpp"

#include <vector>

namespace chartflow::hl7 {

Segment msh(MessageType type, const std::string& control_id, const MessageOptions& options, const std::string& timestamp);
Segment evn(const std::string& timestamp);
Segment pid(const delivery::ChartRecord& chart, const MessageOptions& options);
Segment pv1(const delivery::ChartRecord& chart);
Segment txa(const delivery::ChartRecord& chart, bool original_as_ed);
Segment dg1(const delivery::ChartCode& code, std::size_t set_id, const std::string& timestamp, const MessageOptions& options);
// DRG-1 the final MS-DRG, `code^title^MS-DRG v43.0` (the coding system component names the
// grouper's type and version, as v2.5.1 defines DRG-1); the other DRG fields stay empty.
Segment drg(const delivery::ChartDrg& drg);

// OBX-3 of the document: its LOINC document code.
std::string document_observation(const delivery::ChartRecord& chart);

// When the procedures were done: the chart's date of service, else its discharge or admission
// date (YYYYMMDD), else "" (PR1-5 is required, so procedures without a date are not sent).
std::string procedure_date(const delivery::ChartRecord& chart);

// DFT^P03's financial groups: an FT1 (and a PR1) per procedure; a chart without procedures gets
// one FT1 with the configured charge code, since DFT^P03 requires at least one. `date`: FT1-4
// and PR1-5 (YYYYMMDD).
void add_financial_groups(std::vector<Segment>& segments, const std::vector<const delivery::ChartCode*>& procedures, const std::vector<const delivery::ChartCode*>& diagnoses,
                          const std::string& date, const MessageOptions& options);

// The CE/CWE of a code: code^display^coding system (table 0396).
std::string coded(const delivery::ChartCode& code, const MessageOptions& options);

}  // namespace chartflow::hl7
