// What the `chartflow hcc` subcommands share: the V28 model, loaded from --data or from
// share/chartflow/hcc beside the program.
#pragma once

#include "args.hpp"
#include "hcc.hpp"

namespace chartflow::cli {

// Throws host::FatalError when the tables are missing or damaged.
hcc::Model load_hcc_model(const Args& args);

// `chartflow hcc patient-year` (hcc_patient_year.cpp).
int hcc_patient_year_command(const Args& args);

}  // namespace chartflow::cli
