# Third-party headers: nlohmann/json, doctest and Boost (Geometry), all from Debian's packages.
#
# They are reached through ${CMAKE_BINARY_DIR}/isolated-include, a folder that holds only links to those
# three trees, never through /usr/include itself: under Emscripten, /usr/include on the compile line lets the
# host's glibc headers leak into the wasm build. The same folder serves the native build, so both builds
# compile against exactly the same headers.
set(PACTCHECK_THIRD_PARTY_ROOT "/usr/include" CACHE PATH "Where nlohmann/, doctest/ and boost/ are installed")
set(_iso "${CMAKE_BINARY_DIR}/isolated-include")
file(MAKE_DIRECTORY "${_iso}")
foreach(_dir nlohmann doctest boost)
  if(NOT EXISTS "${PACTCHECK_THIRD_PARTY_ROOT}/${_dir}")
    message(FATAL_ERROR "${PACTCHECK_THIRD_PARTY_ROOT}/${_dir} not found: run scripts/setup.sh "
                        "(apt-get install nlohmann-json3-dev doctest-dev libboost-dev)")
  endif()
  if(NOT EXISTS "${_iso}/${_dir}")
    file(CREATE_LINK "${PACTCHECK_THIRD_PARTY_ROOT}/${_dir}" "${_iso}/${_dir}" SYMBOLIC)
  endif()
endforeach()

add_library(pactcheck_third_party INTERFACE)
target_include_directories(pactcheck_third_party SYSTEM INTERFACE "${_iso}")
# Boost.Geometry is header-only; nothing to link.
target_compile_definitions(pactcheck_third_party INTERFACE BOOST_ALL_NO_LIB BOOST_ALLOW_DEPRECATED_HEADERS)

if(EXISTS "/usr/lib/cmake/doctest/doctest.cmake")
  set(PACTCHECK_DOCTEST_CMAKE "/usr/lib/cmake/doctest/doctest.cmake")
endif()
