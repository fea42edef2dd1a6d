# Turns the frozen schema files into one C++ source: each file becomes a raw string constant
# named after it (v1.sql -> kept::schema_sql::v1). Run by the custom command in CMakeLists.txt:
#   cmake -DOUTPUT=<file.cpp> -DINPUTS=<a.sql|b.sql> -P EmbedSql.cmake
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(text "// Generated from src/storage/schema/*.sql by cmake/EmbedSql.cmake: do not edit.\n\n")
string(APPEND text "#include \"schema_sql.hpp\"\n\nnamespace kept::schema_sql {\n\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME_WE)
  file(READ ${input} sql)
  if(sql MATCHES "\\)sql\"")
    message(FATAL_ERROR "${input} contains the raw string's end )sql\"")
  endif()
  string(APPEND text "const char* const ${name} = R\"sql(${sql})sql\";\n\n")
endforeach()
string(APPEND text "} // namespace kept::schema_sql\n")
file(WRITE ${OUTPUT}.tmp "${text}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
