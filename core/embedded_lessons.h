// The lesson files (lessons/*.json), compiled into the core so that the page
// needs neither a filesystem nor a network request to read them.
#pragma once

#include <string_view>

namespace attn {

// The text of lessons/<name>.json as it was at build time, or an empty view
// when there is no such file.
std::string_view embedded_lesson(std::string_view name);

}  // namespace attn
