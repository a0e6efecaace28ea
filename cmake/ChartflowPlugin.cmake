# chartflow_plugin_code(<target>): compiles <target>'s code the way a plugin's is compiled:
# position-independent, hidden visibility, and without GNU "unique" symbols (hidden visibility
# alone still lets those and the typeinfo of standard templates escape, and they bind across
# plugins even under RTLD_LOCAL).
function(chartflow_plugin_code target)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden C_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-fno-gnu-unique>)
endfunction()

# chartflow_add_plugin_objects(<target> a.cpp ...): a plugin's sources as an object library,
# compiled once as the plugin compiles them, for the plugin, its unit tests and its benchmarks to
# link (each compiling its own copy costs every build, and the sanitizer build, that much again).
function(chartflow_add_plugin_objects target)
  add_library(${target} OBJECT ${ARGN})
  target_link_libraries(${target} PUBLIC chartflow::sdk)
  if(TARGET chartflow_warnings)
    target_link_libraries(${target} PRIVATE chartflow_warnings)
  endif()
  chartflow_plugin_code(${target})
endfunction()

# chartflow_add_plugin(<target> MANIFEST plugin.json SOURCES a.cpp ... [DATA file ...] [DATA_DIRS dir ...]
#                      [OUTPUT_DIR dir] [NO_INSTALL])
#
# DATA files are copied beside the library, except that X.tar.gz is unpacked there into X (one
# file of that name inside); DATA_DIRS folders are copied whole (kept as folders), and any *.tar.gz
# in them is unpacked in place at build time: large tables ship compressed so the repository stays
# small, and the plugin reads them unpacked.
#
# Builds a stage plugin as a shared module with hidden visibility, embeds its manifest (so the
# host can check the library and the manifest file come from the same build), and lays out
# OUTPUT_DIR/<name>/{plugin.json, library, data files} the way the host expects. The library's
# file name is the manifest's "library"; the folder name is its "name".
function(chartflow_add_plugin target)
  cmake_parse_arguments(ARG "NO_INSTALL" "MANIFEST;OUTPUT_DIR" "SOURCES;DATA;DATA_DIRS" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "chartflow_add_plugin(${target}): MANIFEST is required")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  file(READ "${manifest}" manifest_text)
  string(JSON plugin_name ERROR_VARIABLE json_error GET "${manifest_text}" name)
  if(json_error)
    message(FATAL_ERROR "chartflow_add_plugin(${target}): ${manifest}: ${json_error}")
  endif()
  string(JSON library_name GET "${manifest_text}" library)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")

  if(NOT ARG_OUTPUT_DIR)
    if(DEFINED CHARTFLOW_PLUGIN_BUILD_DIR)
      set(ARG_OUTPUT_DIR "${CHARTFLOW_PLUGIN_BUILD_DIR}")
    else()
      set(ARG_OUTPUT_DIR "${CMAKE_BINARY_DIR}/plugins")
    endif()
  endif()
  set(plugin_dir "${ARG_OUTPUT_DIR}/${plugin_name}")

  set(embedded "${CMAKE_CURRENT_BINARY_DIR}/${target}_manifest.cpp")
  add_custom_command(OUTPUT "${embedded}"
    COMMAND ${CMAKE_COMMAND} -DKIND=manifest -DINPUT=${manifest} -DOUTPUT=${embedded} -P ${CHARTFLOW_EMBED_SCRIPT}
    DEPENDS "${manifest}" "${CHARTFLOW_EMBED_SCRIPT}"
    COMMENT "Embedding manifest of plugin ${plugin_name}")

  add_library(${target} MODULE ${ARG_SOURCES} "${embedded}")
  target_link_libraries(${target} PRIVATE chartflow::sdk)
  if(TARGET chartflow_warnings)
    target_link_libraries(${target} PRIVATE chartflow_warnings)
  endif()
  chartflow_plugin_code(${target})
  set_target_properties(${target} PROPERTIES
    PREFIX "" SUFFIX "" OUTPUT_NAME "${library_name}"
    LIBRARY_OUTPUT_DIRECTORY "${plugin_dir}")
  # Export the entry point and nothing else. Hidden visibility alone still lets typeinfo of
  # standard templates and GNU "unique" symbols escape, and those bind across plugins even under
  # RTLD_LOCAL; a version script and -fno-gnu-unique close that. Unresolved symbols fail the
  # build, not the first document.
  set(version_script "${CMAKE_CURRENT_BINARY_DIR}/${target}_exports.map")
  file(WRITE "${version_script}" "{\n  global: chartflow_plugin_entry_v1;\n  local: *;\n};\n")
  target_link_options(${target} PRIVATE -Wl,--no-undefined -Wl,--exclude-libs,ALL "-Wl,--version-script=${version_script}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${version_script}")

  set(copied "${plugin_dir}/plugin.json")
  add_custom_command(OUTPUT "${copied}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${plugin_dir}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${manifest}" "${copied}"
    DEPENDS "${manifest}")
  set(outputs "${copied}")
  set(installed_data)
  foreach(data IN LISTS ARG_DATA)
    get_filename_component(data_abs "${data}" ABSOLUTE)
    get_filename_component(data_name "${data}" NAME)
    if(data_name MATCHES "^(.+)\\.tar\\.gz$")
      set(data_name "${CMAKE_MATCH_1}")
      add_custom_command(OUTPUT "${plugin_dir}/${data_name}"
        COMMAND ${CMAKE_COMMAND} -E make_directory "${plugin_dir}"
        COMMAND ${CMAKE_COMMAND} -E chdir "${plugin_dir}" ${CMAKE_COMMAND} -E tar xzf "${data_abs}" "${data_name}"
        COMMAND ${CMAKE_COMMAND} -E touch "${plugin_dir}/${data_name}"
        DEPENDS "${data_abs}"
        COMMENT "Unpacking ${plugin_name}/${data_name}")
    else()
      add_custom_command(OUTPUT "${plugin_dir}/${data_name}"
        COMMAND ${CMAKE_COMMAND} -E copy_if_different "${data_abs}" "${plugin_dir}/${data_name}"
        DEPENDS "${data_abs}")
    endif()
    list(APPEND outputs "${plugin_dir}/${data_name}")
    list(APPEND installed_data "${plugin_dir}/${data_name}")
  endforeach()
  foreach(dir IN LISTS ARG_DATA_DIRS)
    get_filename_component(dir_abs "${dir}" ABSOLUTE)
    get_filename_component(dir_name "${dir}" NAME)
    file(GLOB_RECURSE dir_files CONFIGURE_DEPENDS RELATIVE "${dir_abs}" "${dir_abs}/*")
    foreach(rel IN LISTS dir_files)
      set(dst "${plugin_dir}/${dir_name}/${rel}")
      if(rel MATCHES "\\.tar\\.gz$")
        get_filename_component(rel_dir "${rel}" DIRECTORY)
        set(unpack_dir "${plugin_dir}/${dir_name}/${rel_dir}")
        add_custom_command(OUTPUT "${dst}.unpacked"
          COMMAND ${CMAKE_COMMAND} -E make_directory "${unpack_dir}"
          COMMAND ${CMAKE_COMMAND} -E chdir "${unpack_dir}" ${CMAKE_COMMAND} -E tar xzf "${dir_abs}/${rel}"
          COMMAND ${CMAKE_COMMAND} -E touch "${dst}.unpacked"
          DEPENDS "${dir_abs}/${rel}"
          COMMENT "Unpacking ${plugin_name}/${dir_name}/${rel}")
        list(APPEND outputs "${dst}.unpacked")
      else()
        add_custom_command(OUTPUT "${dst}"
          COMMAND ${CMAKE_COMMAND} -E copy_if_different "${dir_abs}/${rel}" "${dst}"
          DEPENDS "${dir_abs}/${rel}")
        list(APPEND outputs "${dst}")
      endif()
    endforeach()
    if(DEFINED CHARTFLOW_PLUGIN_INSTALL_DIR AND NOT ARG_NO_INSTALL)
      install(DIRECTORY "${plugin_dir}/${dir_name}" DESTINATION "${CHARTFLOW_PLUGIN_INSTALL_DIR}/${plugin_name}"
              PATTERN "*.tar.gz" EXCLUDE PATTERN "*.unpacked" EXCLUDE)
    endif()
  endforeach()
  add_custom_target(${target}_files ALL DEPENDS ${outputs})
  add_dependencies(${target} ${target}_files)

  if(NOT ARG_NO_INSTALL)
    set_property(GLOBAL APPEND PROPERTY CHARTFLOW_PRODUCT_PLUGINS ${target})
  endif()
  set_property(TARGET ${target} PROPERTY CHARTFLOW_PLUGIN_DIR "${plugin_dir}")
  set_property(TARGET ${target} PROPERTY CHARTFLOW_PLUGIN_NAME "${plugin_name}")
  if(DEFINED CHARTFLOW_PLUGIN_INSTALL_DIR AND NOT ARG_NO_INSTALL)
    install(TARGETS ${target} LIBRARY DESTINATION "${CHARTFLOW_PLUGIN_INSTALL_DIR}/${plugin_name}")
    install(FILES "${manifest}" DESTINATION "${CHARTFLOW_PLUGIN_INSTALL_DIR}/${plugin_name}" RENAME plugin.json)
    if(installed_data)
      install(FILES ${installed_data} DESTINATION "${CHARTFLOW_PLUGIN_INSTALL_DIR}/${plugin_name}")
    endif()
  endif()
endfunction()
