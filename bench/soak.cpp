// Soak: starts timock (a file database in a temporary folder, two I/O threads, short long-poll holds) and
// drives mixed traffic at it for N minutes — REST sends and history reads, fault rules that fire and expire,
// apps created, filled, reset and deleted, WebIM logins (past the per-user instance cap) and long polls —
// printing the server's RSS and open file descriptors every few seconds. Both should stay flat once warm.
//   bench/soak [MINUTES]            (builds first; the binary is build/bench/bench_soak)
//   build/bench/bench_soak MINUTES TIMOCK_BINARY
// Traffic goes to 127.0.0.1 only, and stops by itself.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kSampleEvery = 10s;
constexpr const char* kLongPollHold = "2";  // seconds: many polls park and end during a run

std::atomic<bool> g_stop{false};
std::atomic<long> g_requests{0};
std::atomic<long> g_failures{0};  // transport failures (a reply with an error code is not one)

// A keep-alive HTTP client that reconnects after any transport error.
class Client {
 public:
  explicit Client(std::uint16_t port) : port_(port) {}
  std::optional<json::value> call(http::verb verb, const std::string& target, const std::string& body = {}) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!stream_) {
          stream_.emplace(ioc_);
          stream_->connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
        }
        http::request<http::string_body> request{verb, target, 11};
        request.set(http::field::host, "127.0.0.1");
        request.body() = body;
        request.prepare_payload();
        stream_->expires_after(30s);
        http::write(*stream_, request);
        http::response<http::string_body> response;
        http::read(*stream_, buffer_, response);
        ++g_requests;
        if (!response.keep_alive()) stream_.reset();
        boost::system::error_code ec;
        auto value = json::parse(response.body(), ec);
        return ec ? json::value(response.body()) : value;
      } catch (const std::exception&) {
        stream_.reset();
        buffer_.clear();
      }
    }
    ++g_failures;
    return std::nullopt;
  }
  std::optional<json::value> post(const std::string& target, const json::value& body) {
    return call(http::verb::post, target, json::serialize(body));
  }

 private:
  std::uint16_t port_;
  asio::io_context ioc_;
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

struct Server {
  pid_t pid = -1;
  std::uint16_t port = 0;
  std::string dir;
};

Server start_timock(const std::string& binary) {
  Server server;
  char pattern[] = "/tmp/timock-soak-XXXXXX";
  server.dir = mkdtemp(pattern);
  const std::string port_file = server.dir + "/port";
  const std::string db = server.dir + "/soak.db";
  server.pid = fork();
  if (server.pid == 0) {
    FILE* log = freopen((server.dir + "/timock.log").c_str(), "w", stdout);
    (void)log;
    dup2(fileno(stdout), fileno(stderr));
    execl(binary.c_str(), binary.c_str(), "serve", "--listen", "127.0.0.1:0", "--port-file", port_file.c_str(), "--db",
          db.c_str(), "--threads", "2", "--longpoll-hold", kLongPollHold, "--log-level", "warn",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 2000 && server.port == 0; ++i) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port) server.port = static_cast<std::uint16_t>(port);
    else std::this_thread::sleep_for(10ms);
  }
  if (server.port == 0) throw std::runtime_error("timock did not start: see " + server.dir + "/timock.log");
  return server;
}

long proc_value(pid_t pid, const char* key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
  return -1;
}

long open_fds(pid_t pid) {
  long n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return n;
}

struct App {
  std::uint64_t sdkappid = 0;
  std::string sig;  // the admin's
};

App make_app(Client& client, int users) {
  App app;
  const auto created = client.post("/mock/apps", json::object{});
  if (!created || !created->is_object()) return app;
  app.sdkappid = created->at("sdkappid").to_number<std::uint64_t>();
  const auto sig = client.post("/mock/apps/" + std::to_string(app.sdkappid) + "/usersig",
                               json::object{{"identifier", "administrator"}, {"expire", 86400 * 30}});
  if (sig) app.sig = std::string(sig->at("usersig").as_string());
  for (int i = 0; i < users; ++i)
    client.post("/v4/im_open_login_svc/account_import?sdkappid=" + std::to_string(app.sdkappid) +
                    "&identifier=administrator&usersig=" + app.sig,
                json::object{{"UserID", "u" + std::to_string(i)}});
  return app;
}

std::string rest(const App& app, const std::string& path) {
  return "/v4/" + path + "?sdkappid=" + std::to_string(app.sdkappid) + "&identifier=administrator&usersig=" + app.sig +
         "&contenttype=json";
}

json::object text_message(const std::string& from, const std::string& to, std::int64_t random) {
  return {{"From_Account", from},
          {"To_Account", to},
          {"MsgRandom", random},
          {"MsgBody", json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "soak " + std::to_string(random)}}}}}}};
}

void rest_traffic(std::uint16_t port, const App& app, int seed) {
  Client client(port);
  std::mt19937 random(seed);
  for (std::int64_t n = 0; !g_stop; ++n) {
    const auto from = "u" + std::to_string(random() % 10), to = "u" + std::to_string(random() % 10);
    client.post(rest(app, "openim/sendmsg"), text_message(from, to, seed * 100000000ll + n));
    if (n % 5 == 0)
      client.post(rest(app, "openim/admin_getroammsg"),
                  json::object{{"Operator_Account", from}, {"Peer_Account", to}, {"MaxCnt", 20}, {"MinTime", 0},
                               {"MaxTime", 4000000000}});
    if (n % 7 == 0) client.post(rest(app, "sns/friend_get"), json::object{{"From_Account", from}, {"StartIndex", 0}});
    if (n % 11 == 0) client.post(rest(app, "openim/sendmsg") + "x", json::object{});  // unknown command: 60009
    if (n % 13 == 0) client.post(rest(app, "openim/sendmsg"), json::value("not an object"));
  }
}

void fault_traffic(std::uint16_t port, const App& app) {
  Client client(port);
  const auto faults = "/mock/apps/" + std::to_string(app.sdkappid) + "/faults";
  for (int n = 0; !g_stop; ++n) {
    client.post(faults, json::object{{"match", {{"service", "openim"}, {"command", "sendmsg"}}},
                                     {"error_code", 20003},
                                     {"times", 3}});
    client.post(faults, json::object{{"match", {{"command", "admin_getroammsg"}}}, {"delay_ms", 50}, {"times", 2}});
    client.call(http::verb::get, "/mock/apps/" + std::to_string(app.sdkappid) + "/journal?limit=50");
    client.call(http::verb::get, "/mock/metrics");
    std::this_thread::sleep_for(200ms);
    if (n % 10 == 0) client.call(http::verb::delete_, faults);
  }
}

void reset_traffic(std::uint16_t port) {
  Client client(port);
  while (!g_stop) {
    const auto app = make_app(client, 20);
    for (int i = 0; i < 50; ++i)
      client.post(rest(app, "openim/sendmsg"), text_message("u" + std::to_string(i % 20), "u0", i));
    const auto id = "/mock/apps/" + std::to_string(app.sdkappid);
    const auto snapshot = client.call(http::verb::get, id + "/snapshot");
    client.call(http::verb::post, id + "/reset");
    if (snapshot) client.call(http::verb::put, id + "/snapshot", json::serialize(*snapshot));
    client.call(http::verb::delete_, id);
    std::this_thread::sleep_for(500ms);
  }
}

std::string webim(const App& app, const std::string& command, const std::string& auth) {
  return "/v4/openim/" + command + "?websdkappid=537048168&v=1.7.2&platform=10&contenttype=json&sdkappid=" +
         std::to_string(app.sdkappid) + "&" + auth;
}

// Logs in again and again (past the 8-instance cap, so old instances are kicked), polling in between.
void webim_traffic(std::uint16_t port, const App& app, const std::string& user) {
  Client client(port);
  Client admin(port);
  const auto sig = admin.post("/mock/apps/" + std::to_string(app.sdkappid) + "/usersig",
                              json::object{{"identifier", user}, {"expire", 86400 * 30}});
  if (!sig) return;
  const std::string usersig(sig->at("usersig").as_string());
  while (!g_stop) {
    const auto login = client.post(webim(app, "login", "identifier=" + user + "&usersig=" + usersig),
                                   json::object{{"State", "Online"}});
    if (!login || !login->is_object() || !login->as_object().contains("A2Key")) continue;
    const auto text = [](const json::value& v) { return v.is_string() ? std::string(v.get_string()) : json::serialize(v); };
    const std::string auth = "tinyid=" + text(login->at("TinyId")) + "&a2=" + text(login->at("A2Key"));
    const auto id = client.post(webim(app, "getlongpollingid", auth), json::object{});
    if (!id || !id->is_object() || !id->as_object().contains("LongPollingId")) continue;
    const json::value lpid = id->at("LongPollingId");
    for (int poll = 0; poll < 5 && !g_stop; ++poll) {
      client.post(webim(app, "longpolling", auth),
                  json::object{{"Timeout", 60}, {"Cookie", {{"NotifySeq", 0}, {"NoticeSeq", 0}, {"LongPollingId", lpid}}}});
      admin.post(rest(app, "openim/sendmsg"), text_message("u1", user, poll));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double minutes = argc > 1 ? std::stod(argv[1]) : 5;
  const std::string binary = argc > 2 ? argv[2] : "build/timock";
  signal(SIGPIPE, SIG_IGN);
  Server server;
  try {
    server = start_timock(binary);
  } catch (const std::exception& error) {
    std::cerr << "soak: " << error.what() << "\n";
    return 1;
  }
  std::cout << "soak: timock pid " << server.pid << " on 127.0.0.1:" << server.port << " for " << minutes
            << " min (db and log in " << server.dir << ")\n";
  Client setup(server.port);
  const auto app = make_app(setup, 10);

  std::vector<std::thread> traffic;
  traffic.emplace_back(rest_traffic, server.port, app, 1);
  traffic.emplace_back(rest_traffic, server.port, app, 2);
  traffic.emplace_back(fault_traffic, server.port, app);
  traffic.emplace_back(reset_traffic, server.port);
  for (const char* user : {"u2", "u3", "u4"}) traffic.emplace_back(webim_traffic, server.port, app, user);

  std::printf("%8s %10s %8s %10s %9s\n", "elapsed", "rss_mib", "fds", "requests", "failures");
  const auto started = SteadyClock::now();
  const auto end = started + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(minutes * 60));
  long first_rss = -1, first_fds = -1, last_rss = -1, last_fds = -1;
  int samples = 0;
  while (SteadyClock::now() < end) {
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(kSampleEvery, end - SteadyClock::now()));
    last_rss = proc_value(server.pid, "VmRSS:");
    last_fds = open_fds(server.pid);
    // The first sample is the warm-up's end: the baseline that "flat" is judged against.
    if (samples++ == 1) first_rss = last_rss, first_fds = last_fds;
    std::printf("%7.0fs %10.1f %8ld %10ld %9ld\n", std::chrono::duration<double>(SteadyClock::now() - started).count(),
                last_rss / 1024.0, last_fds, g_requests.load(), g_failures.load());
    std::fflush(stdout);
  }
  g_stop = true;
  for (auto& thread : traffic) thread.join();
  kill(server.pid, SIGTERM);
  int status = 0;
  waitpid(server.pid, &status, 0);
  std::cout << "soak: " << g_requests << " requests, " << g_failures << " transport failures; after warm-up RSS "
            << first_rss / 1024 << " → " << last_rss / 1024 << " MiB, fds " << first_fds << " → " << last_fds
            << "; timock exited " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << "\n";
  std::error_code ignored;
  std::filesystem::remove_all(server.dir, ignored);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
