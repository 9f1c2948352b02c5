#include "serve/assets.h"

#include <map>

namespace trove::serve {
namespace {

std::string content_type(std::string_view name) {
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

std::map<std::string, Asset> by_path() {
  std::map<std::string, Asset> out;
  for (const EmbeddedFile& file : embedded_files()) {
    const Asset asset{file.data, content_type(file.name)};
    out["/" + std::string(file.name)] = asset;
    if (file.name == "index.html") out["/"] = asset;
  }
  return out;
}

}  // namespace

const Asset* find_asset(const std::string& path) {
  static const std::map<std::string, Asset> assets = by_path();
  const auto it = assets.find(path);
  return it == assets.end() ? nullptr : &it->second;
}

}  // namespace trove::serve
