# Writes OUTPUT, a C++ file that holds each INPUTS json file as a string,
# looked up by file name without extension (lessons/quizzes.json -> "quizzes").
set(body "// Generated from lessons/*.json by core/embed_lessons.cmake. Do not edit.\n")
string(APPEND body "#include \"core/embedded_lessons.h\"\n\nnamespace attn {\n\nstd::string_view embedded_lesson(std::string_view name) {\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(stem ${input} NAME_WE)
  file(READ ${input} text)
  string(APPEND body "  if (name == \"${stem}\") return R\"lesson_json(${text})lesson_json\";\n")
endforeach()
string(APPEND body "  return {};\n}\n\n}  // namespace attn\n")
file(WRITE ${OUTPUT} "${body}")
