# Writes a C++ file holding every schema/NNN_*.sql migration as a string, in file-name order.
separate_arguments(FILES)
set(body "#include \"store/migrations.hpp\"\nnamespace timock::store {\nconst std::vector<Migration>& embedded_migrations() {\n  static const std::vector<Migration> all = {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} sql)
  string(REGEX MATCH "^[0-9]+" version ${name})
  # "008" is not a C++ literal (a leading 0 means octal): drop the leading zeros.
  string(REGEX REPLACE "^0+([0-9])" "\\1" version ${version})
  # A raw string with a delimiter that SQL never contains.
  string(APPEND body "    {${version}, \"${name}\", R\"timock_sql(${sql})timock_sql\"},\n")
endforeach()
string(APPEND body "  };\n  return all;\n}\n}  // namespace timock::store\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
