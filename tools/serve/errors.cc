#include "serve/errors.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "common/text.h"
#include "trove/error.h"

namespace trove::serve {

ApiError to_api_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    return e;
  } catch (const QueryError& e) {
    return ApiError(400, "bad_query", e.what());
  } catch (const IndexError& e) {
    return ApiError(503, "index_unavailable", e.what());
  } catch (const std::exception& e) {
    return ApiError(500, "internal", std::string("unexpected error: ") + e.what());
  } catch (...) {
    return ApiError(500, "internal", "unexpected error");
  }
}

void send_error(httplib::Response& res, const ApiError& error) {
  const nlohmann::json body = {
      {"error", {{"code", error.code()}, {"message", tools::valid_utf8(error.what())}}}};
  res.status = error.status();
  if (error.status() == 503) res.set_header("Retry-After", "1");
  res.set_content(body.dump() + "\n", "application/json");
}

ApiError status_error(int status) {
  switch (status) {
    case 400: return ApiError(400, "bad_request", "not a valid HTTP/1.1 request (malformed request line or unknown method)");
    case 404: return ApiError(404, "not_found", "no such path");
    case 405: return ApiError(405, "method_not_allowed", "only GET and HEAD are allowed");
    case 413: return ApiError(413, "payload_too_large", "the request body is too large");
    case 414: return ApiError(414, "uri_too_long", "the request URI is over 8192 bytes");
    case 431:
      return ApiError(431, "headers_too_large", "the request headers are too large");
    default: return ApiError(status, "http_" + std::to_string(status), "HTTP status " +
                                                                          std::to_string(status));
  }
}

}  // namespace trove::serve
