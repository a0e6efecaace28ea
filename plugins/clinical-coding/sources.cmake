# The coder's rule sources: one list for the plugin, its benchmark and the coding unit tests.
set(chartflow_coding_rule_dir ${CMAKE_CURRENT_LIST_DIR})
set(chartflow_coding_rule_sources)
foreach(source coder.cpp code_combinations.cpp excludes_notes.cpp mention_selection.cpp coder_data.cpp code_refinement.cpp mention_coding.cpp assertion_reading.cpp uncoded_mentions.cpp diagnosis_wording.cpp history_readings.cpp neoplasm_coding.cpp neoplasm_table.cpp
               axis_choice.cpp code_set.cpp index_tree.cpp index_reading.cpp word_bag.cpp modifiers.cpp index_spellings.cpp specificity.cpp category_specificity.cpp site_refinement.cpp sequencing.cpp
               conventions.cpp stroke_coding.cpp stroke_sequelae.cpp end_stage_kidney.cpp pregnancy_coding.cpp drug_coding.cpp encounter_coding.cpp cue_scan.cpp procedure_coding.cpp endoscopy_coding.cpp pcs_axis_reading.cpp open_approach.cpp diabetes_type.cpp
               receptor_status.cpp disc_coding.cpp ulcer_coding.cpp operated_condition.cpp coronary_dilation.cpp polyp_coding.cpp hematopoietic.cpp infectious_agent.cpp
               fragility_fracture.cpp covid_vaccination.cpp dementia_coding.cpp vein_thrombosis.cpp transfusion_coding.cpp newborn_coding.cpp
               therapy_encounter.cpp prenatal_supervision.cpp circulatory_conventions.cpp long_term_drugs.cpp external_causes.cpp device_complications.cpp bmi_codes.cpp burn_extent.cpp note_named_codes.cpp study_findings.cpp stated_age.cpp list_header.cpp mention_readings.cpp procedure_mentions.cpp)
  list(APPEND chartflow_coding_rule_sources ${chartflow_coding_rule_dir}/${source})
endforeach()
