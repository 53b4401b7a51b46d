// libFuzzer target: any bytes into the tokenizer. Every token must be a
// non-empty slice of the input, in order, within the input's bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto tokens = attn::tokenize(text);
  std::size_t previous_end = 0;
  for (const auto& token : tokens) {
    if (token.text.empty() || token.byte_begin < previous_end || token.byte_end > size ||
        token.byte_begin >= token.byte_end)
      std::abort();
    previous_end = token.byte_end;
  }
  const auto limited = attn::tokenize_limited(text, 8);
  if (limited.tokens.size() > 8) std::abort();
  return 0;
}
