# Prints the code size of examples/embedded (Berkeley `size` of its object file and binary, and
# the bytes of code alone: the .text sections), and fails if the object refers to a symbol of
# the heap, of exceptions or of RTTI, or if its text exceeds BUDGET bytes (0: no limit).
# cmake -DSIZE=size -DNM=nm -DOBJECTS=main.cpp.o -DBINARY=example_embedded -DBUDGET=n -P size.cmake
function(capture var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${err}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

list(LENGTH OBJECTS count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one object file, got: ${OBJECTS}")
endif()

capture(berkeley ${SIZE} ${OBJECTS} ${BINARY})
message("${berkeley}")

# Berkeley text of the object: the first number on the second line.
string(REPLACE "\n" ";" lines "${berkeley}")
list(GET lines 1 object_line)
string(REGEX MATCH "^[ \t]*([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)" matched "${object_line}")
if(NOT matched)
  message(FATAL_ERROR "cannot read the size of the object from: ${object_line}")
endif()
set(text ${CMAKE_MATCH_1})
set(data ${CMAKE_MATCH_2})
set(bss ${CMAKE_MATCH_3})

# Code alone: the .text sections (each function has its own in an object file).
capture(sections ${SIZE} -A ${OBJECTS})
string(REPLACE "\n" ";" sections "${sections}")
set(code 0)
foreach(line IN LISTS sections)
  if(line MATCHES "^\\.text[^ \t]*[ \t]+([0-9]+)")
    math(EXPR code "${code} + ${CMAKE_MATCH_1}")
  endif()
endforeach()
message("embedded: object text ${text} bytes (code in .text sections: ${code}), data ${data}, bss ${bss}")

# -fno-exceptions -fno-rtti and no heap: none of these may appear in the object.
capture(symbols ${NM} ${OBJECTS})
string(REPLACE "\n" ";" symbols "${symbols}")
set(bad)
foreach(line IN LISTS symbols)
  string(REGEX REPLACE ".*[ \t]" "" name "${line}")
  if(name MATCHES "^(_Zn[wa]|_Zd[la]|_ZTI|_ZTS|__cxa_throw|__cxa_allocate_exception|__cxa_begin_catch|\
__gxx_personality|__dynamic_cast|_ZSt9terminate|_ZSt[0-9]+__throw)" OR
     name MATCHES "^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign)$")
    list(APPEND bad ${name})
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "the object refers to heap, exception or RTTI symbols: ${bad}")
endif()

if(BUDGET GREATER 0 AND text GREATER BUDGET)
  message(FATAL_ERROR "object text ${text} bytes exceeds the budget of ${BUDGET}")
endif()
