// Helpers for the abuse, crash and soak-style contract tests: raw sockets that can sit idle or trickle,
// a keep-alive client for floods, the server's RSS and descriptors from /proc, its metrics, and the WebIM
// calls needed to park long polls.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "timock_harness.hpp"

namespace timock::testing {

// Memory growth allowed where a test says "does not grow": far above allocator noise, far below what the
// flood would cost if anything per request were kept (10,000 sigs of ~200 bytes, 300 bodies of 512 KiB).
constexpr long kRssSlackKib = 16 * 1024;

// Whether the timock process `pid` runs under ASan or TSan, which keep freed memory in quarantine, so RSS
// figures mean nothing. The sanitized run drives a sanitized server from an unsanitized test binary
// (scripts/test-sanitized), so the server's own mappings tell, not how this binary was compiled.
inline bool sanitized_server(int pid) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  while (std::getline(maps, line))
    if (line.find("libasan") != std::string::npos || line.find("libtsan") != std::string::npos) return true;
  return false;
}

// A plain TCP socket for bytes a normal client would never send: nothing at all, or one byte at a time.
class Socket {
 public:
  static Socket connect_to(std::uint16_t port) {
    Socket socket;
    socket.fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (socket.fd_ >= 0 && ::connect(socket.fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(socket.fd_);
      socket.fd_ = -1;
    }
    return socket;
  }
  Socket() = default;
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

  bool send_all(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // True once the peer has closed (EOF or reset), reading whatever it sent first into `received`.
  bool closed_by_peer(std::string* received = nullptr) {
    char buffer[4096];
    for (;;) {
      const auto n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0) {
        if (received) received->append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0) return true;
      return errno != EAGAIN && errno != EWOULDBLOCK;
    }
  }

  bool wait_closed(std::chrono::steady_clock::time_point deadline, std::string* received = nullptr) {
    for (;;) {
      if (closed_by_peer(received)) return true;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd watch{fd_, POLLIN, 0};
      ::poll(&watch, 1, static_cast<int>(left.count()));
    }
  }

 private:
  int fd_ = -1;
};

// One keep-alive connection for floods: thousands of requests without thousands of handshakes.
class KeepAliveClient {
 public:
  explicit KeepAliveClient(std::uint16_t port) : stream_(ioc_) {
    stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }
  std::string post(const std::string& target, const std::string& body) {
    namespace http = boost::beast::http;
    http::request<http::string_body> request{http::verb::post, target, 11};
    request.set(http::field::host, "127.0.0.1");
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    stream_.expires_after(std::chrono::seconds(30));
    http::write(stream_, request);
    http::response<http::string_body> response;
    http::read(stream_, buffer_, response);
    return response.body();
  }

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// Soft RLIMIT_NOFILE up to `wanted` (or the hard limit); a server started afterwards inherits it.
inline void raise_fd_limit(rlim_t wanted) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

inline long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

inline long open_fds(int pid) {
  long n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return n;
}

// A gauge or counter without labels from /mock/metrics; -1 when absent.
inline long metric(const TimockProcess& server, const std::string& name) {
  std::istringstream text(server.get("/mock/metrics").body);
  std::string line;
  while (std::getline(text, line))
    if (line.rfind(name + " ", 0) == 0) return std::stol(line.substr(name.size() + 1));
  return -1;
}

inline void wait_for_metric(const TimockProcess& server, const std::string& name, long value,
                            std::chrono::seconds within = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (metric(server, name) != value && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(metric(server, name), value) << name;
}

// Runs a command to its end (stdout and stderr discarded); its exit status, or -signal when killed.
inline int run_status(std::vector<std::string> args) {
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* null = freopen("/dev/null", "w", stdout);
    (void)null;
    dup2(fileno(stdout), fileno(stderr));
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// ---- the WebIM calls that park a long poll (reference/webim-protocol.md §3, §4.7, §4.8) ----------------

struct WebImInstance {
  std::uint64_t sdkappid = 0;
  std::string tinyid;
  std::string a2;
  std::string long_polling_id;
};

inline std::string webim_target(std::uint64_t sdkappid, const std::string& command, const std::string& auth) {
  return "/v4/openim/" + command + "?websdkappid=537048168&v=1.7.2&platform=10&contenttype=json&sdkappid=" +
         std::to_string(sdkappid) + "&" + auth;
}

inline std::string webim_target(const WebImInstance& instance, const std::string& command) {
  return webim_target(instance.sdkappid, command, "tinyid=" + instance.tinyid + "&a2=" + instance.a2);
}

inline std::string poll_body(const WebImInstance& instance) {
  return boost::json::serialize(boost::json::object{
      {"Timeout", 60}, {"Cookie", {{"NotifySeq", 0}, {"NoticeSeq", 0}, {"LongPollingId", instance.long_polling_id}}}});
}

// openim/login, getlongpollingid, and the first poll (answered at once, §3 step 8): the next one parks.
inline WebImInstance webim_login(const TimockProcess& server, std::uint64_t sdkappid, const std::string& user,
                                 const std::string& usersig) {
  WebImInstance instance;
  instance.sdkappid = sdkappid;
  const auto login = server.post(webim_target(sdkappid, "login", "identifier=" + user + "&usersig=" + usersig),
                                 R"({"State":"Online"})").json().as_object();
  EXPECT_EQ(login.at("ErrorCode").as_int64(), 0) << boost::json::serialize(login);
  const auto text = [](const boost::json::value& v) {
    return v.is_string() ? std::string(v.get_string()) : boost::json::serialize(v);
  };
  instance.tinyid = text(login.at("TinyId"));
  instance.a2 = text(login.at("A2Key"));
  const auto id = server.post(webim_target(instance, "getlongpollingid"), "{}").json().as_object();
  instance.long_polling_id = std::string(id.at("LongPollingId").as_string());
  const auto first = server.post(webim_target(instance, "longpolling"), poll_body(instance)).json().as_object();
  EXPECT_EQ(first.at("ErrorCode").as_int64(), 60008) << boost::json::serialize(first);
  return instance;
}

// A long poll on its own thread; the future holds its reply.
inline std::future<boost::json::object> park_poll(const TimockProcess& server, const WebImInstance& instance) {
  return std::async(std::launch::async, [&server, target = webim_target(instance, "longpolling"),
                                         body = poll_body(instance)] {
    return server.post(target, body).json().as_object();
  });
}

}  // namespace timock::testing
