// The case list a registrar opens in a spreadsheet: one CSV row per tumour found, reportable or
// not, with its verdict, main fields, the fields to review, the reasons and an evidence quote.
#pragma once

#include "tumor_reports.hpp"

#include <string>
#include <vector>

namespace chartflow::naaccr {

// The whole CSV (header included) for records in the order given.
std::string case_list_csv(const std::vector<RecordReports>& records);

}  // namespace chartflow::naaccr
