# Runs the coding pipeline with the drg-grouper stage over one set of the coder gold charts and
# fails when the share of inpatient charts whose MS-DRG matches the reference coder's falls below
# its floor (a little under the figure measured when it was set: a regression guard).
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND ${CHARTFLOW} run --config ${CONFIG} --input ${CHARTS} --output ${OUT} --jobs 2 RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chartflow run failed (${rc})")
endif()
execute_process(COMMAND ${EVAL} ${OUT}/records --gold ${GOLD} --min-drg ${MIN_DRG}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "below the floor: ${err}")
endif()
