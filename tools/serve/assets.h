// The search page's files (tools/serve/web/), compiled into the binary by
// embed_assets.cmake: the server answers only these names, from memory, so
// no URL can reach the file system.
#ifndef TROVE_TOOLS_SERVE_ASSETS_H_
#define TROVE_TOOLS_SERVE_ASSETS_H_

#include <string>
#include <string_view>
#include <vector>

namespace trove::serve {

struct EmbeddedFile {
  std::string_view name;  // path under web/, e.g. "app.js"
  std::string_view data;  // the file's bytes
};

// Every embedded file (generated at build time).
const std::vector<EmbeddedFile>& embedded_files();

struct Asset {
  std::string_view data;
  std::string content_type;
};

// The asset served at URL path `path` ("/" is index.html), or nullptr.
const Asset* find_asset(const std::string& path);

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_ASSETS_H_
