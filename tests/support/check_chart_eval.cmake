# Runs the coding pipeline over one half of the coder gold set of US-style charts and fails when
# ICD-10-CM F1, principal accuracy, ICD-10-PCS F1 or document-type accuracy falls below its floor
# (the floors sit a little under the figures measured when they were set: a regression guard).
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND ${CHARTFLOW} run --config ${CONFIG} --input ${CHARTS} --output ${OUT} --jobs 2 RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chartflow run failed (${rc})")
endif()
execute_process(COMMAND ${EVAL} ${OUT}/records --gold ${GOLD} --min-cm-f1 ${MIN_CM_F1} --min-principal ${MIN_PRINCIPAL}
                        --min-pcs-f1 ${MIN_PCS_F1} --min-doc-type ${MIN_DOC_TYPE}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "below a floor: ${err}")
endif()
