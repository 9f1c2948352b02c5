// How trove-serve answers a failure: an HTTP status and the JSON body
// {"error": {"code": "...", "message": "..."}}, the message a person can act
// on (for a bad query, trove's own).
#ifndef TROVE_TOOLS_SERVE_ERRORS_H_
#define TROVE_TOOLS_SERVE_ERRORS_H_

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

namespace httplib {
struct Response;
}

namespace trove::serve {

// A failure with its HTTP status and a short machine-readable code.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

// The ApiError for an exception a handler let escape:
//   ApiError         itself
//   trove::QueryError 400 bad_query (the query text or a filter is malformed)
//   trove::IndexError 503 index_unavailable (missing, locked, corrupt, ...)
//   anything else     500 internal
ApiError to_api_error(std::exception_ptr error);

// Sets `res` to the error's status and JSON body.
void send_error(httplib::Response& res, const ApiError& error);

// The code and message for a status httplib itself answers (404, 413, 414,
// 431, ...), when no handler has written a body.
ApiError status_error(int status);

}  // namespace trove::serve

#endif  // TROVE_TOOLS_SERVE_ERRORS_H_
