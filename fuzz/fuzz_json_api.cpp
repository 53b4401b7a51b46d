// libFuzzer target: any bytes as a request to each JSON API call. Every call
// must return valid JSON (a result or {"error": ...}) and never throw or crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api.h"
#include "core/quiz_api.h"

namespace {
void require_json(const std::string& response) {
  if (!nlohmann::json::accept(response)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string request(reinterpret_cast<const char*>(data), size);
  require_json(attn::tokenize_json(request));
  require_json(attn::attend_json(request));
  require_json(attn::explain_json(request));
  require_json(attn::grade_json(request));
  require_json(attn::progress_json(request));
  return 0;
}
