// The plugin's data files are TSV read with the SDK's reader (header rows start "phrase").
#pragma once

#include <chartflow/tsv.hpp>

namespace chartflow::mentions {

using sdk::read_tsv;

}  // namespace chartflow::mentions
