# Browser tests: Playwright (playwright-core from npm, pinned in package.json) drives Debian's Chromium headless
# against the page in the build's web folder, served by web/serve.mjs on 127.0.0.1 at a random port.
# Screenshots land in ${CMAKE_BINARY_DIR}/screenshots.
#
# The prerequisites are checked when the test runs, not at configure time, so that a missing install step
# is a loud test failure naming the fix rather than a test that silently is not there.
# -DPACTCHECK_BROWSER_TESTS=OFF leaves the test out deliberately.
option(PACTCHECK_BROWSER_TESTS "Register the headless-Chromium page tests (needs chromium and npm ci)" ON)
set(PACTCHECK_CHROMIUM "/usr/bin/chromium" CACHE FILEPATH "The Chromium the browser tests drive")
if(PACTCHECK_BROWSER_TESTS)
  add_test(NAME web_chromium
           COMMAND "${PACTCHECK_NODE}" --test --test-reporter=spec
                   "${CMAKE_CURRENT_LIST_DIR}/page.test.mjs")
  set_tests_properties(web_chromium PROPERTIES
    ENVIRONMENT "PACTCHECK_WEB_DIR=${PACTCHECK_WEB_OUT};PACTCHECK_MODULE=$<TARGET_FILE:pactcheck_wasm>;PACTCHECK_FIXTURES=${PACTCHECK_FIXTURES_DIR};PACTCHECK_CHROMIUM=${PACTCHECK_CHROMIUM};PACTCHECK_SCREENSHOTS=${CMAKE_BINARY_DIR}/screenshots;PACTCHECK_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    LABELS "wasm;browser"
    TIMEOUT 600)
endif()

# The npm package in a bundler-free page (tests/browser/package-page.test.mjs); the package test's settings
# (tests/wasm/tests.cmake) say where the package folder and npm are.
if(PACTCHECK_BROWSER_TESTS)
  add_test(NAME web_package
           COMMAND "${PACTCHECK_NODE}" --test --test-reporter=spec
                   "${CMAKE_CURRENT_LIST_DIR}/package-page.test.mjs")
  set_tests_properties(web_package PROPERTIES
    ENVIRONMENT "PACTCHECK_PACKAGE_DIR=${PACTCHECK_PACKAGE_OUT};PACTCHECK_NPM=${PACTCHECK_NPM};PACTCHECK_MODULE=$<TARGET_FILE:pactcheck_wasm>;PACTCHECK_FIXTURES=${PACTCHECK_FIXTURES_DIR};PACTCHECK_CHROMIUM=${PACTCHECK_CHROMIUM};PACTCHECK_SCREENSHOTS=${CMAKE_BINARY_DIR}/screenshots;PACTCHECK_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    LABELS "wasm;browser;package"
    TIMEOUT 300)
endif()
