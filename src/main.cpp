// timock's command line: parses flags (each also read from TIMOCK_<FLAG>), builds the parts in one visible
// order, runs them, and stops them in reverse. `serve`, `usersig gen|verify|decode`, `version`.
#include <CLI/CLI.hpp>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/parts.hpp"
#include "auth/usersig.hpp"
#include "callback/dispatcher.hpp"
#include "callback/transport.hpp"
#include "auth/usersig_tool.hpp"
#include "control/fixture_format.hpp"
#include "core/log.hpp"
#include "core/sdkappid.hpp"
#include "net/server.hpp"

namespace {

using namespace timock;

// The demo app made when the store has no app at all (DESIGN "CLI contract").
constexpr core::SdkAppId kDemoSdkAppId = 1400000000;
constexpr const char* kDemoSecret = "timock-demo-secret";
constexpr std::int64_t kBannerSigExpire = 15552000;  // 180 days
// How often WebIM logins are checked for a timeout: one is noticed within a second of its limit.
constexpr std::chrono::milliseconds kIdleSweepPeriod{1000};

struct ServeConfig {
  std::string listen = "127.0.0.1:9000";
  std::string port_file;
  std::string db = "./timock.db";
  std::vector<std::string> apps;
  std::vector<std::string> fixtures;
  std::string tls_cert;
  std::string tls_key;
  int threads = 1;
  std::string control_token;
  std::size_t journal_cap = core::Journal::kDefaultCapacity;
  // How long a keep-alive connection may sit idle, and how long a request's headers may take to arrive.
  int idle_timeout_s = static_cast<int>(net::ServerOptions{}.idle_timeout.count());
  // 25 s: inside the 60 s a mini program waits for any request (webim-protocol.md §4.8).
  double longpoll_hold_s = 25;
  // 400 s: the cloud's heartbeat timeout, after which a silent client is Disconnect/TimeOut (rest-api.md §7).
  double webim_idle_timeout_s = 400;
  std::string log_level = "info";
  std::string log_format = "text";
  // How the callback client trusts https receivers (reference/rest-api.md §7).
  std::string callback_ca;
  bool callback_insecure = false;
};

bool parse_listen(const std::string& text, std::string& host, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  const auto digits = std::string_view(text).substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  return ec == std::errc() && end == digits.data() + digits.size();
}

// "SDKAPPID:SECRET[:ADMIN]"
std::optional<core::App> parse_app_flag(const std::string& text, std::int64_t now) {
  const auto first = text.find(':');
  if (first == std::string::npos) return std::nullopt;
  const auto second = text.find(':', first + 1);
  core::App app;
  const auto id = std::string_view(text).substr(0, first);
  const auto sdkappid = core::parse_sdkappid(id);
  if (!sdkappid) return std::nullopt;
  app.sdkappid = *sdkappid;
  app.secret_key = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  if (second != std::string::npos) app.admin = text.substr(second + 1);
  if (app.secret_key.empty() || app.admin.empty() || app.admin.size() > 32) return std::nullopt;
  app.created_at = now;
  return app;
}

void write_port_file(const std::string& path, std::uint16_t port) {
  // Written whole and renamed into place, so a test polling for it never reads half a number.
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
  }
  std::filesystem::rename(temporary, path);
}

void print_banner(const core::App& app, const std::string& host, std::uint16_t port, const std::string& db,
                  std::int64_t now) {
  const std::string shown_host = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host;
  const std::string base = "http://" + shown_host + ":" + std::to_string(port);
  const auto sig = app.secret_key.empty()
                       ? std::string()
                       : auth::mint_v2({app.sdkappid, app.secret_key, app.admin, now, kBannerSigExpire, std::nullopt});
  std::cout << "timock " << TIMOCK_VERSION << " listening on " << base << " (TLS on the same port)\n"
            << "database: " << db << "\n"
            << "app: sdkappid " << app.sdkappid << ", admin " << app.admin << ", secret key " << app.secret_key
            << "\n";
  if (!sig.empty()) {
    std::cout << "admin usersig (valid 180 days): " << sig << "\n"
              << "try:\n  curl -s -X POST '" << base << "/v4/im_open_login_svc/account_check?sdkappid="
              << app.sdkappid << "&identifier=" << app.admin << "&usersig=" << sig
              << "&random=1&contenttype=json' -d '{\"CheckItem\":[{\"UserID\":\"" << app.admin << "\"}]}'\n";
  }
  std::cout << "Chat SDK: TencentCloudChat.create({ SDKAppID: " << app.sdkappid << ", proxyServer: 'ws://"
            << shown_host << ":" << port << "' })\n"
            << "WebIM SDK 1.7: set SRV_HOST.FORMAL.COMMON to " << base << "\n"
            << "control plane: " << base << "/mock/health\n"
            << "console: " << base << "/console/\n"
            << std::flush;
}

// Every fixture file is validated before anything is written; then all of their apps are replaced in one
// transaction, so a bad file changes nothing.
bool load_fixtures(const std::vector<std::string>& files, store::AppRegistry& apps, std::int64_t now,
                   std::optional<core::SdkAppId>& first_app) {
  std::vector<core::AppSnapshot> all;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) {
      std::cerr << "timock: cannot read fixture " << file << "\n";
      return false;
    }
    // Read whole, in one go: a fixture can be tens of MB, which a character iterator copies byte by byte.
    std::string text(static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in) {
      std::cerr << "timock: cannot read fixture " << file << "\n";
      return false;
    }
    auto parsed = control::fixture_from_text(text, now);
    if (auto* error = std::get_if<control::FixtureError>(&parsed)) {
      std::cerr << "timock: fixture " << file << " rejected: " << error->path << ": " << error->message << "\n";
      return false;
    }
    for (auto& app : std::get<std::vector<core::AppSnapshot>>(parsed)) all.push_back(std::move(app));
  }
  apps.replace(all);
  if (!all.empty()) first_app = all.front().app.sdkappid;
  return true;
}

int serve(const ServeConfig& config) {
  std::string host;
  std::uint16_t port = 0;
  if (!parse_listen(config.listen, host, port)) {
    std::cerr << "timock: --listen wants HOST:PORT, got " << config.listen << "\n";
    return 2;
  }
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    std::cerr << "timock: --tls-cert and --tls-key go together\n";
    return 2;
  }
  core::log::configure(core::log::parse_level(config.log_level).value_or(core::log::Level::info),
                       config.log_format == "json" ? core::log::Format::json : core::log::Format::text);
  // Start order: the parts (app::Parts, in its declared order) → their apps → server. Stop is the reverse.
  app::Parts parts({.db = config.db,
                    .control_token = config.control_token,
                    .longpoll_hold = std::chrono::milliseconds(static_cast<std::int64_t>(config.longpoll_hold_s * 1000)),
                    .journal_cap = config.journal_cap,
                    .webim_idle_timeout = std::chrono::milliseconds(
                        static_cast<std::int64_t>(config.webim_idle_timeout_s * 1000))});
  auto& clock = parts.clock;
  auto& store = parts.store;
  auto& apps = parts.apps;
  for (const auto& flag : config.apps) {
    auto app = parse_app_flag(flag, clock.now());
    if (!app) {
      std::cerr << "timock: --app wants SDKAPPID:SECRET[:ADMIN], got " << flag << "\n";
      return 2;
    }
    apps.save(std::move(*app));
  }
  std::optional<core::SdkAppId> first_fixture_app;
  if (!config.fixtures.empty() && !load_fixtures(config.fixtures, apps, clock.now(), first_fixture_app)) return 2;
  if (apps.empty()) {
    core::App demo;
    demo.sdkappid = kDemoSdkAppId;
    demo.secret_key = kDemoSecret;
    demo.created_at = clock.now();
    apps.save(std::move(demo));
  }
  store.flush();  // what start-up wrote (apps, fixtures) is on disk before the port is announced

  net::ServerOptions options;
  options.host = host;
  options.port = port;
  options.threads = std::max(1, config.threads);
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_s);
  options.tls_cert_file = config.tls_cert;
  options.tls_key_file = config.tls_key;
  net::Server server(options, parts.router);
  const auto bound = server.listen();
  // The apps' callbacks leave through the server's own I/O thread; the client goes before the server does.
  const auto callback_client =
      server.callback_client({.ca_file = config.callback_ca, .insecure = config.callback_insecure});
  parts.callbacks.set_transport(callback_client.get());
  // WebIM instances that stopped polling time out (webim::Sessions::expire_idle), checked on a timer.
  if (parts.long_polls.idle_limit().count() > 0)
    server.every(kIdleSweepPeriod, [&parts] { parts.long_polls.expire_idle(parts.clients); });
  struct Unplug {
    callback::Dispatcher& callbacks;
    ~Unplug() { callbacks.set_transport(nullptr); }
  } unplug{parts.callbacks};
  if (!config.port_file.empty()) write_port_file(config.port_file, bound);

  std::shared_ptr<const core::App> shown;
  if (!config.apps.empty()) {
    const auto text = std::string_view(config.apps.front());
    if (const auto first = core::parse_sdkappid(text.substr(0, text.find(':')))) shown = apps.find(*first);
  }
  if (!shown) shown = apps.find(kDemoSdkAppId);
  if (!shown && first_fixture_app) shown = apps.find(*first_fixture_app);
  if (!shown) shown = apps.list().front();
  print_banner(*shown, host, bound, config.db, clock.now());

  core::log::write(core::log::Level::info, "listening",
                   {{"port", std::to_string(bound)}, {"db", config.db}, {"apps", std::to_string(apps.list().size())}});
  server.on_signal([](int signal) {
    core::log::write(core::log::Level::info, "draining", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
  });
  server.run();
  // Replies still waiting for their batch are answered into the stopped server before it goes away.
  store.flush();
  core::log::write(core::log::Level::info, "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"timock: Tencent Cloud IM on a laptop (REST API, UserSig, control plane)", "timock"};
  cli.require_subcommand(1);

  ServeConfig config;
  auto* serve_cmd = cli.add_subcommand(
      "serve", "Run the emulator: REST API, client protocols, control plane (/mock) and web console (/console)");
  serve_cmd->add_option("--listen", config.listen, "HOST:PORT to listen on; port 0 = any free port")
      ->envname("TIMOCK_LISTEN")
      ->capture_default_str();
  serve_cmd->add_option("--callback-ca", config.callback_ca,
                        "PEM file of a CA to trust for https callback receivers (besides the system's)")
      ->envname("TIMOCK_CALLBACK_CA")
      ->check(CLI::ExistingFile);
  serve_cmd->add_flag("--callback-insecure", config.callback_insecure,
                      "Do not verify https callback receivers' certificates (self-signed receivers)")
      ->envname("TIMOCK_CALLBACK_INSECURE");
  serve_cmd->add_option("--port-file", config.port_file, "Write the bound port to FILE once listening")
      ->envname("TIMOCK_PORT_FILE");
  serve_cmd->add_option("--db", config.db, "SQLite database file; ':memory:' keeps nothing on disk")
      ->envname("TIMOCK_DB")
      ->capture_default_str();
  serve_cmd->add_option("--app", config.apps, "Create or update an app: SDKAPPID:SECRET[:ADMIN] (repeatable)")
      ->envname("TIMOCK_APP")
      ->delimiter(',');
  serve_cmd->add_option("--fixture", config.fixtures,
                        "Load apps and their data from a fixture file at start (repeatable); replaces those apps")
      ->envname("TIMOCK_FIXTURE")
      ->delimiter(',');
  serve_cmd->add_option("--tls-cert", config.tls_cert, "PEM certificate for TLS (else self-signed on first use)")
      ->envname("TIMOCK_TLS_CERT");
  serve_cmd->add_option("--tls-key", config.tls_key, "PEM private key for --tls-cert")->envname("TIMOCK_TLS_KEY");
  serve_cmd->add_option("--threads", config.threads, "I/O threads")
      ->envname("TIMOCK_THREADS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd->add_option("--control-token", config.control_token,
                        "Require header X-Timock-Token: TOKEN on /mock/* (the web console at /console "
                        "asks for it)")
      ->envname("TIMOCK_CONTROL_TOKEN");
  serve_cmd->add_option("--longpoll-hold", config.longpoll_hold_s,
                        "Seconds a WebIM long poll waits for news before answering 60008 (a Chat SDK "
                        "live-room poll waits as long, at most 10, then answers empty)")
      ->envname("TIMOCK_LONGPOLL_HOLD")
      ->check(CLI::Range(0.05, 55.0))
      ->capture_default_str();
  serve_cmd->add_option("--webim-idle-timeout", config.webim_idle_timeout_s,
                        "Seconds a WebIM login may go without a long poll (or any call) before it is logged "
                        "out as timed out (State.StateChange Disconnect/TimeOut); 0 = never")
      ->envname("TIMOCK_WEBIM_IDLE_TIMEOUT")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  serve_cmd->add_option("--log-level", config.log_level, "debug (every request), info, warn or error")
      ->envname("TIMOCK_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  serve_cmd->add_option("--log-format", config.log_format, "Log lines as text or json (stderr)")
      ->envname("TIMOCK_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve_cmd->add_option("--journal-cap", config.journal_cap, "Journal entries kept per app (oldest dropped)")
      ->envname("TIMOCK_JOURNAL_CAP")
      ->capture_default_str();
  serve_cmd->add_option("--idle-timeout", config.idle_timeout_s,
                        "Seconds an idle keep-alive connection is kept, and a request's headers may take")
      ->envname("TIMOCK_IDLE_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  auto* usersig_cmd = cli.add_subcommand("usersig", "Mint, verify or decode UserSigs (v1 ECDSA and v2 HMAC)");
  usersig_cmd->require_subcommand(1);
  auth::GenOptions gen;
  std::int64_t gen_time = 0;
  std::string gen_userbuf;
  auto* gen_cmd = usersig_cmd->add_subcommand("gen", "Mint a UserSig (v2 with --key, v1 with --private-key)");
  gen_cmd->add_option("--sdkappid", gen.sdkappid, "SDKAppID")->required();
  auto* gen_key = gen_cmd->add_option("--key", gen.key, "v2 secret key (text)");
  auto* gen_private = gen_cmd->add_option("--private-key", gen.private_key_file, "v1 private key PEM file");
  gen_key->excludes(gen_private);
  gen_cmd->add_option("--identifier", gen.identifier, "UserID")->required();
  gen_cmd->add_option("--expire", gen.expire, "Validity in seconds")->capture_default_str();
  auto* gen_time_opt = gen_cmd->add_option("--time", gen_time, "TLS.time (unix seconds); default now");
  auto* gen_userbuf_opt = gen_cmd->add_option("--userbuf", gen_userbuf, "userbuf bytes, base64");

  auth::VerifyOptions verify;
  std::int64_t verify_now = 0;
  auto* verify_cmd = usersig_cmd->add_subcommand("verify", "Verify a UserSig: exit 0 valid, 1 not");
  verify_cmd->add_option("--sdkappid", verify.sdkappid, "SDKAppID")->required();
  auto* verify_key = verify_cmd->add_option("--key", verify.key, "v2 secret key (text)");
  auto* verify_public = verify_cmd->add_option("--public-key", verify.public_key_file, "v1 public key PEM file");
  verify_key->excludes(verify_public);
  verify_cmd->add_option("--identifier", verify.identifier, "UserID")->required();
  auto* verify_now_opt = verify_cmd->add_option("--now", verify_now, "Check expiry at this unix time");
  verify_cmd->add_option("SIG", verify.usersig, "The UserSig")->required();

  std::string decode_sig;
  auto* decode_cmd = usersig_cmd->add_subcommand("decode", "Print the JSON inside a UserSig");
  decode_cmd->add_option("SIG", decode_sig, "The UserSig")->required();

  cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (serve_cmd->parsed()) return serve(config);
    if (gen_cmd->parsed()) {
      if (*gen_time_opt) gen.time = gen_time;
      if (*gen_userbuf_opt) gen.userbuf_base64 = gen_userbuf;
      return auth::usersig_gen(gen, std::cout, std::cerr);
    }
    if (verify_cmd->parsed()) {
      if (*verify_now_opt) verify.now = verify_now;
      return auth::usersig_verify(verify, std::cout, std::cerr);
    }
    if (decode_cmd->parsed()) return auth::usersig_decode(decode_sig, std::cout, std::cerr);
    std::cout << "timock " << TIMOCK_VERSION << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "timock: " << error.what() << "\n";
    return 1;
  }
}
