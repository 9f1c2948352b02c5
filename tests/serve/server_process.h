// Runs trove-serve as a child process on a free loopback port, for the API
// tests: started with --listen 127.0.0.1:0, it prints the URL it listens on.
#ifndef TROVE_TESTS_SERVE_SERVER_PROCESS_H_
#define TROVE_TESTS_SERVE_SERVER_PROCESS_H_

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace trove::test {

class ServerProcess {
 public:
  // Starts `binary` with `args` plus --listen 127.0.0.1:0 and waits (up to
  // 20 s) for its "listening on http://127.0.0.1:PORT" line.
  ServerProcess(const std::string& binary, std::vector<std::string> args) {
    args.insert(args.begin(), binary);
    args.push_back("--listen");
    args.push_back("127.0.0.1:0");
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
    port_ = read_port();
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() {
    if (pid_ > 0) stop();
    ::close(out_);
  }

  int port() const { return port_; }

  // SIGTERM; returns the exit status (-1 if killed by a signal).
  int stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  int read_port() {
    std::string line;
    char c;
    while (line.empty() || line.back() != '\n') {
      pollfd fd{out_, POLLIN, 0};
      if (::poll(&fd, 1, 20000) <= 0 || ::read(out_, &c, 1) != 1) {
        throw std::runtime_error("trove-serve printed no URL; got '" + line + "'");
      }
      line += c;
    }
    const std::string prefix = "listening on http://127.0.0.1:";
    if (line.rfind(prefix, 0) != 0) throw std::runtime_error("unexpected first line: " + line);
    return std::stoi(line.substr(prefix.size()));
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
};

}  // namespace trove::test

#endif  // TROVE_TESTS_SERVE_SERVER_PROCESS_H_
