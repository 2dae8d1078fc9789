#include "timock_harness.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace timock::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

json::value HttpResult::json() const { return json::parse(body); }

const char* timock_binary() {
  const char* chosen = std::getenv("TIMOCK_SERVER_BINARY");
  return chosen && *chosen ? chosen : TIMOCK_BINARY;
}

TimockProcess::TimockProcess(std::vector<std::string> extra_args, std::string db) {
  char pattern[] = "/tmp/timock-test-XXXXXX";
  dir_ = mkdtemp(pattern);
  const std::string port_file = dir_ + "/port";
  output_file_ = dir_ + "/output.log";
  // TIMOCK_TEST_FILE_DB=1 runs the suite against a database file in the test's folder instead of :memory:, so
  // the file-only paths (group commit, reader connections, checkpoints) meet every contract too.
  if (db == ":memory:" && std::getenv("TIMOCK_TEST_FILE_DB")) db = dir_ + "/test.db";
  std::vector<std::string> args = {timock_binary(), "serve", "--listen", "127.0.0.1:0", "--port-file", port_file,
                                   "--db",        db};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ == 0) {
    FILE* out = freopen(output_file_.c_str(), "w", stdout);
    (void)out;
    dup2(fileno(stdout), fileno(stderr));
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      port_ = static_cast<std::uint16_t>(port);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      // The destructor does not run for a constructor that throws: clean up here.
      std::ifstream log(output_file_);
      const std::string output((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
      throw std::runtime_error("timock exited during start-up: " + output);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
  throw std::runtime_error("timock did not write its port file in time");
}

bool TimockProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int TimockProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

TimockProcess::~TimockProcess() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

HttpResult TimockProcess::request(const std::string& method, const std::string& target, const std::string& body,
                                  const std::map<std::string, std::string>& headers) const {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  // As an HTTP client writes it: the host and, off port 80, the port (RFC 9110 §7.2).
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  beast::error_code write_ec;
  http::write(stream, request, write_ec);
  // A server may answer before it has read the whole body (a body over the cap) and hang up: the write then
  // fails, and the answer is still waiting to be read, as a browser or curl would read it.
  if (write_ec && write_ec != asio::error::broken_pipe && write_ec != asio::error::connection_reset)
    throw beast::system_error(write_ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser);
  HttpResult result;
  result.status = parser.get().result_int();
  result.body = parser.get().body();
  for (const auto& field : parser.get()) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return result;
}

std::string TimockProcess::raw(const std::string& bytes, int timeout_ms) const {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::milliseconds(timeout_ms));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast::error_code ec;
  asio::write(stream.socket(), asio::buffer(bytes), ec);
  std::string received;
  char chunk[4096];
  for (;;) {
    stream.expires_after(std::chrono::milliseconds(timeout_ms));
    const auto n = stream.read_some(asio::buffer(chunk), ec);
    received.append(chunk, n);
    if (ec) break;
  }
  return received;
}

TestApp create_app(const TimockProcess& server, const std::string& body) {
  const auto created = server.post("/mock/apps", body);
  if (created.status != 201) throw std::runtime_error("POST /mock/apps: " + created.body);
  const auto app_json = created.json().as_object();
  TestApp app;
  app.sdkappid = app_json.at("sdkappid").to_number<std::uint64_t>();
  app.secret_key = std::string(app_json.at("secret_key").as_string());
  app.admin = std::string(app_json.at("admin").as_string());
  app.admin_sig = mint_sig(server, app.sdkappid, app.admin);
  return app;
}

std::string mint_sig(const TimockProcess& server, std::uint64_t sdkappid, const std::string& identifier) {
  const auto minted = server.post("/mock/apps/" + std::to_string(sdkappid) + "/usersig",
                                  json::serialize(json::object{{"identifier", identifier}, {"expire", 86400}}));
  if (minted.status != 200) throw std::runtime_error("usersig: " + minted.body);
  return std::string(minted.json().at("usersig").as_string());
}

std::string rest_target(const TestApp& app, const std::string& path) {
  return "/v4/" + path + "?sdkappid=" + std::to_string(app.sdkappid) + "&identifier=" + app.admin +
         "&usersig=" + app.admin_sig + "&random=" + std::to_string(rand()) + "&contenttype=json";
}

json::object rest(const TimockProcess& server, const TestApp& app, const std::string& path,
                  const json::value& body) {
  const auto result = server.post(rest_target(app, path), json::serialize(body));
  if (result.status != 200) throw std::runtime_error(path + ": HTTP " + std::to_string(result.status));
  return result.json().as_object();
}

}  // namespace timock::testing
