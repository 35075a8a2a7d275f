# A user's project consumes tagwire. One mode per run (tests.cmake registers them):
#   install           cmake --install the build tree into PREFIX and check what landed there
#   find_package      CMake project, find_package(tagwire) from PREFIX
#   add_subdirectory  CMake project, add_subdirectory(SOURCE)
#   pkg_config        c++ $(pkg-config --cflags tagwire) main.cpp, the .pc from PREFIX
#   meson             meson project with SOURCE as subprojects/tagwire
# cmake -DSOURCE=... -DBUILD=... -DWORK=... -DPREFIX=... -DMODE=... -DCXX=... -DVERSION=...
#       -DTOOLS=ON|OFF -P run.cmake
# (find_package without PREFIX installs into WORK/prefix itself.)
# A missing tool (pkg-config, meson, ninja) prints "consumer: skipped", which ctest reports as a
# skip (SKIP_REGULAR_EXPRESSION: cmake -P cannot exit with 77 before CMake 3.29).
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}")
  endif()
endfunction()

# Runs a command and stores its stripped standard output in `var`.
function(capture var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}${err}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

function(expect what actual expected)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${what}: got '${actual}', expected '${expected}'")
  endif()
endfunction()

function(skip why)
  message("consumer: skipped: ${why}")
endfunction()

set(here ${CMAKE_CURRENT_LIST_DIR})
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE ${PREFIX})
  run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX})
  set(expected include/tagwire/tagwire.hpp share/cmake/tagwire/tagwireConfig.cmake
      share/cmake/tagwire/tagwireConfigVersion.cmake share/cmake/tagwire/tagwireTargets.cmake
      share/pkgconfig/tagwire.pc)
  if(TOOLS)
    list(APPEND expected bin/tagwire-dump)
  endif()
  foreach(f IN LISTS expected)
    if(NOT EXISTS ${PREFIX}/${f})
      message(FATAL_ERROR "cmake --install did not install ${f}")
    endif()
  endforeach()
  # Every public header is installed.
  file(GLOB headers RELATIVE ${SOURCE}/include ${SOURCE}/include/tagwire/*.hpp)
  foreach(h IN LISTS headers)
    if(NOT EXISTS ${PREFIX}/include/${h})
      message(FATAL_ERROR "cmake --install did not install include/${h}")
    endif()
  endforeach()
  # The same pkg-config file meson generates (prefix aside).
  file(READ ${PREFIX}/share/pkgconfig/tagwire.pc pc)
  expect("tagwire.pc" "${pc}" "prefix=${PREFIX}\nincludedir=\${prefix}/include\n\nName: tagwire\n\
Description: Protocol Buffers wire format straight from plain C++20 structs\nVersion: ${VERSION}\n\
Cflags: -I\${includedir} -std=c++20\n")
  message(STATUS "consumer (install): ${PREFIX} holds the headers, CMake package, pkg-config file")

elseif(MODE STREQUAL "find_package" OR MODE STREQUAL "add_subdirectory")
  set(args -S ${here} -B ${WORK}/build -DCMAKE_CXX_COMPILER=${CXX} -DTAGWIRE_CONSUME=${MODE})
  if(MODE STREQUAL "find_package")
    if(NOT PREFIX)  # run on its own, without consumer_install: install into WORK first
      set(PREFIX ${WORK}/prefix)
      run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX})
    endif()
    list(APPEND args -DCMAKE_PREFIX_PATH=${PREFIX})
  else()
    list(APPEND args -DTAGWIRE_SOURCE_DIR=${SOURCE})
  endif()
  run(${CMAKE_COMMAND} ${args})
  run(${CMAKE_COMMAND} --build ${WORK}/build)
  run(${WORK}/build/consumer)
  message(STATUS "consumer (${MODE}) built and ran")

elseif(MODE STREQUAL "pkg_config")
  find_program(pkg_config NAMES pkg-config pkgconf)
  if(NOT pkg_config)
    skip("pkg-config not found")
    return()
  endif()
  set(ENV{PKG_CONFIG_PATH} ${PREFIX}/share/pkgconfig)
  capture(version ${pkg_config} --modversion tagwire)
  expect("pkg-config --modversion tagwire" "${version}" "${VERSION}")
  capture(cflags ${pkg_config} --cflags tagwire)
  expect("pkg-config --cflags tagwire" "${cflags}" "-I${PREFIX}/include -std=c++20")
  capture(libs ${pkg_config} --libs tagwire)
  expect("pkg-config --libs tagwire" "${libs}" "")
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  run(${CXX} ${cflags} ${here}/main.cpp -o ${WORK}/consumer)
  run(${WORK}/consumer)
  message(STATUS "consumer (pkg_config) built with: ${CXX} ${cflags}, and ran")

elseif(MODE STREQUAL "meson")
  find_program(meson meson)
  find_program(ninja NAMES ninja ninja-build)
  if(NOT meson OR NOT ninja)
    skip("meson or ninja not found")
    return()
  endif()
  file(COPY ${here}/main.cpp ${here}/meson.build DESTINATION ${WORK}/proj)
  file(MAKE_DIRECTORY ${WORK}/proj/subprojects)
  file(CREATE_LINK ${SOURCE} ${WORK}/proj/subprojects/tagwire SYMBOLIC)
  run(${CMAKE_COMMAND} -E env CXX=${CXX}
      ${meson} setup ${WORK}/build ${WORK}/proj --force-fallback-for=tagwire --warnlevel 3 --werror)
  run(${meson} compile -C ${WORK}/build)
  run(${WORK}/build/consumer)
  message(STATUS "consumer (meson subproject) built and ran")

else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
