# Included by tests/CMakeLists.txt: a user's project builds a tiny program against tagwire four
# ways (run.cmake does the work). The install-prefix ways share one `cmake --install`, done by
# consumer_install, so that two installs never write the generated tagwire.pc at once.
function(tagwire_consumer_test mode)
  add_test(NAME consumer_${mode}
    COMMAND ${CMAKE_COMMAND} -DSOURCE=${PROJECT_SOURCE_DIR} -DBUILD=${PROJECT_BINARY_DIR}
            -DWORK=${CMAKE_CURRENT_BINARY_DIR}/consumer_${mode}
            -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/consumer_prefix -DMODE=${mode}
            -DCXX=${CMAKE_CXX_COMPILER} -DVERSION=${PROJECT_VERSION} -DTOOLS=${TAGWIRE_BUILD_TOOLS}
            -P ${CMAKE_CURRENT_LIST_DIR}/run.cmake)
  set_tests_properties(consumer_${mode} PROPERTIES LABELS consumer
                       SKIP_REGULAR_EXPRESSION "consumer: skipped" ${ARGN})
endfunction()

if(TAGWIRE_INSTALL)
  tagwire_consumer_test(install FIXTURES_SETUP tagwire_installed)
  tagwire_consumer_test(find_package FIXTURES_REQUIRED tagwire_installed)
  tagwire_consumer_test(pkg_config FIXTURES_REQUIRED tagwire_installed)
endif()
tagwire_consumer_test(add_subdirectory)
tagwire_consumer_test(meson)
