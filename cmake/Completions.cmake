# Writes the completion script of one shell from the binary itself (`kept completions SHELL`), so
# the installed scripts are the parser's own. Run by the build: cmake -DKEPT=... -DSHELL_NAME=...
# -DOUTPUT=... -P cmake/Completions.cmake
execute_process(COMMAND ${KEPT} completions ${SHELL_NAME}
                OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "kept completions ${SHELL_NAME} failed (${status}): ${error}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
