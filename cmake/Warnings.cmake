# Warnings and sanitizers applied to pactcheck's own targets.
function(pactcheck_target_defaults target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
    if(PACTCHECK_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()

if(PACTCHECK_SANITIZE)
  add_compile_options(-fsanitize=${PACTCHECK_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${PACTCHECK_SANITIZE})
endif()
