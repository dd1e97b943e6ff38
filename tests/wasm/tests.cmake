# Tests of the WebAssembly module and its JavaScript facade, run by node's built-in test runner.
# Included from wasm/CMakeLists.txt (Emscripten builds only), which defines pactcheck_wasm and the served folder.
#
#   wasm_module   every fixture through the real module (byte-identical to the CLI's expected reports), hostile
#                 input as located issues, recovery, sessions
#   wasm_engine   web/engine.mjs (the page's facade) under node: envelopes, traps turned into envelopes, restarts
#   wasm_dts      wasm/pactcheck.d.ts declares exactly what wasm/bindings.cpp exports
#   web_static    the page's source: no HTML sinks or eval, the required CSP, nothing from elsewhere
#   wasm_package  the npm package: npm pack of build-wasm/package, installed offline into an empty project,
#                 imported by name from node, checks the 2020 fixture (the CLI's bytes)
set(_pactcheck_node_test_env
  "PACTCHECK_MODULE=$<TARGET_FILE:pactcheck_wasm>"
  "PACTCHECK_WEB_DIR=${PACTCHECK_WEB_OUT}"
  "PACTCHECK_FIXTURES=${PACTCHECK_FIXTURES_DIR}"
  "PACTCHECK_SOURCE_DIR=${PROJECT_SOURCE_DIR}")

foreach(_name module engine dts)
  add_test(NAME wasm_${_name}
           COMMAND "${PACTCHECK_NODE}" --test --test-reporter=spec
                   "${CMAKE_CURRENT_LIST_DIR}/${_name}.test.mjs")
  set_tests_properties(wasm_${_name} PROPERTIES
    ENVIRONMENT "${_pactcheck_node_test_env}"
    LABELS "wasm"
    TIMEOUT 600)
endforeach()
set_tests_properties(wasm_module PROPERTIES LABELS "wasm;fixtures")

add_test(NAME web_static COMMAND "${PACTCHECK_NODE}" --test --test-reporter=spec "${CMAKE_CURRENT_LIST_DIR}/page-source.test.mjs")
set_tests_properties(web_static PROPERTIES ENVIRONMENT "${_pactcheck_node_test_env}" LABELS "wasm;browser" TIMEOUT 120)

# npm comes with node (scripts/setup.sh installs it); a missing one fails the test with the reason.
find_program(PACTCHECK_NPM npm)
if(NOT PACTCHECK_NPM)
  set(PACTCHECK_NPM npm)
endif()
set(_pactcheck_package_test_env
  "PACTCHECK_PACKAGE_DIR=${PACTCHECK_PACKAGE_OUT}"
  "PACTCHECK_NPM=${PACTCHECK_NPM}")
add_test(NAME wasm_package COMMAND "${PACTCHECK_NODE}" --test --test-reporter=spec "${PROJECT_SOURCE_DIR}/tests/package/package.test.mjs")
set_tests_properties(wasm_package PROPERTIES
  ENVIRONMENT "${_pactcheck_node_test_env};${_pactcheck_package_test_env}" LABELS "wasm;package" TIMEOUT 300)
