# Fails unless the C++ shared library LIBRARY exports its API only: the
# implementation (ticketcore::detail, anonymous namespaces) stays hidden,
# while the classes and functions of include/ticketcore are there.
# Run with cmake -DNM=<nm> -DLIBRARY=<path> -P check_cxx_exports.cmake
execute_process(COMMAND ${NM} -DC --defined-only ${LIBRARY}
                OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}: ${errors}")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(internal "")
foreach(line IN LISTS lines)
  if(line MATCHES "ticketcore::detail::|\\(anonymous namespace\\)")
    list(APPEND internal "${line}")
  endif()
endforeach()
list(LENGTH internal internal_count)
if(internal_count GREATER 0)
  list(SUBLIST internal 0 20 shown)
  string(REPLACE ";" "\n  " shown "${shown}")
  message(FATAL_ERROR "${LIBRARY} exports ${internal_count} internal symbol(s), e.g.:\n  ${shown}")
endif()
foreach(api IN ITEMS "ticketcore::desk::create_ticket" "ticketcore::ticket_from_json" "ticketcore::error::error"
                     "typeinfo for ticketcore::error" "ticketcore::open_sqlite_store")
  string(FIND "${listing}" "${api}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${LIBRARY} does not export ${api}")
  endif()
endforeach()
