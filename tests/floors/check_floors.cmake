# The floors of src/ (docs/architecture.md): a file includes only from its own
# folder and from the floors below it, never from a floor above or from a
# folder beside it; the facade's private header stays in src/desk; every
# desk:: member is defined under src/desk. Fails naming each file and include
# that breaks this. Run with
#   cmake -DSRC=<checkout>/src -P check_floors.cmake

# Lowest first. Folders in one entry stand side by side: neither includes the
# other. A file belongs to the longest entry its folder starts with; a folder
# on no floor is an error, so a new folder is placed here on purpose.
set(floors
  "model"
  "query visibility"
  "config"
  "store"
  "kernel"
  "domain/directory"
  "domain/visibility domain/queries"
  "domain/inbox"
  "domain/notify"
  "domain/sla"
  "domain/report"
  "domain/links"
  "domain/lifecycle"
  "domain/changes"
  "domain/merge"
  "domain/creation"
  "domain/timeline"
  "domain/automation"
  "domain/erasure"
  "desk")

if(NOT IS_DIRECTORY "${SRC}")
  message(FATAL_ERROR "check_floors: SRC='${SRC}' is not a folder; pass -DSRC=<checkout>/src")
endif()
# A relative SRC is taken from the working folder (file(GLOB) would not).
get_filename_component(SRC "${SRC}" ABSOLUTE)

# The floor entry of a path relative to SRC, and its rank (lowest 0); empty
# when the path is on no floor.
function(floor_of path out_folder out_rank)
  get_filename_component(dir "${path}" DIRECTORY)
  set(best "")
  set(best_rank "")
  set(rank 0)
  foreach(entry IN LISTS floors)
    string(REPLACE " " ";" folders "${entry}")
    foreach(folder IN LISTS folders)
      string(LENGTH "${folder}" n)
      string(LENGTH "${best}" best_n)
      if((dir STREQUAL folder OR dir MATCHES "^${folder}/") AND n GREATER best_n)
        set(best "${folder}")
        set(best_rank ${rank})
      endif()
    endforeach()
    math(EXPR rank "${rank} + 1")
  endforeach()
  set(${out_folder} "${best}" PARENT_SCOPE)
  set(${out_rank} "${best_rank}" PARENT_SCOPE)
endfunction()

set(problems "")
file(GLOB_RECURSE files RELATIVE "${SRC}" "${SRC}/*")
if(NOT files)
  message(FATAL_ERROR "check_floors: no files under SRC='${SRC}'; pass -DSRC=<checkout>/src")
endif()
list(SORT files)
foreach(file IN LISTS files)
  floor_of("${file}" folder rank)
  if(folder STREQUAL "")
    list(APPEND problems "src/${file} is on no floor: add its folder to tests/floors/check_floors.cmake and docs/architecture.md")
    continue()
  endif()
  file(STRINGS "${SRC}/${file}" lines)
  set(line_number 0)
  foreach(line IN LISTS lines)
    math(EXPR line_number "${line_number} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[\"<]([^\">]+)[\">]")
      set(included "${CMAKE_MATCH_1}")
      if(NOT EXISTS "${SRC}/${included}")
        continue()  # a public header (<ticketcore/...>) or a system one: below every floor
      endif()
      set(where "src/${file}:${line_number} includes \"${included}\"")
      if(included STREQUAL "desk/desk_impl.hpp" AND NOT file MATCHES "^desk/")
        list(APPEND problems "${where}: the facade's private header is for src/desk only")
        continue()
      endif()
      floor_of("${included}" included_folder included_rank)
      if(included_folder STREQUAL "")
        continue()  # reported where the included file itself is checked
      endif()
      if(included_rank GREATER rank)
        list(APPEND problems "${where}: ${included_folder} is a floor above ${folder}")
      elseif(included_rank EQUAL rank AND NOT included_folder STREQUAL folder)
        list(APPEND problems "${where}: ${included_folder} stands beside ${folder}, and neither includes the other")
      endif()
    elseif(NOT file MATCHES "^desk/" AND line MATCHES "^[A-Za-z].*[ &*]desk::(impl::)?~?[A-Za-z_0-9]+[ \t]*\\(")
      list(APPEND problems "src/${file}:${line_number} defines a desk:: member: the facade's members are defined under src/desk")
    endif()
  endforeach()
endforeach()

if(problems)
  list(LENGTH problems count)
  string(REPLACE ";" "\n  " shown "${problems}")
  message(FATAL_ERROR "${count} problem(s) with the floors of src/ (docs/architecture.md):\n  ${shown}")
endif()
list(LENGTH files count)
message(STATUS "check_floors: ${count} files under src/, every include points down")
