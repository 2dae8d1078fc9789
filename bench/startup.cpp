// Start-up time: runs `timock serve` RUNS times, each on a fresh database file, and times exec → the first
// `GET /mock/health` answered 200 (polled every 0.5 ms once the port file appears). After the last run it
// waits a moment and reads the idle server's resident memory. Prints one machine-readable line for bench/run:
//   STARTUP runs=5 min_ms=… median_ms=… max_ms=… idle_rss_kb=…
// Not run by ctest.
//
//   bench_startup TIMOCK_BINARY RUNS [extra serve flags…]   (a fresh --db file per run unless one is given)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr auto kGiveUpAfter = std::chrono::seconds(60);  // a fixture of 100k messages loads in seconds
constexpr auto kIdleSettle = std::chrono::milliseconds(500);

// One `GET /mock/health` on a fresh connection; true when the status line says 200.
bool health_ok(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const char request[] = "GET /mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (write(fd, request, sizeof request - 1) == static_cast<ssize_t>(sizeof request - 1)) {
      char reply[64] = {};
      const auto n = read(fd, reply, sizeof reply - 1);
      ok = n > 12 && std::strncmp(reply, "HTTP/1.1 200", 12) == 0;
    }
  }
  close(fd);
  return ok;
}

long rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

pid_t spawn(const std::vector<std::string>& args, const std::string& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::freopen(log.c_str(), "w", stdout);
    (void)out;
    dup2(fileno(stdout), fileno(stderr));
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

void stop(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TIMOCK_BINARY RUNS [extra serve flags...]\n", argv[0]);
    return 2;
  }
  const std::string binary = argv[1];
  const int runs = std::max(1, std::atoi(argv[2]));
  char pattern[] = "/tmp/timock-startup-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);

  std::vector<double> millis;
  long idle_rss = -1;
  for (int run = 0; run < runs; ++run) {
    const auto port_file = (dir / ("port" + std::to_string(run))).string();
    std::vector<std::string> args = {binary, "serve", "--listen", "127.0.0.1:0", "--port-file", port_file,
                                     "--log-level", "warn"};
    bool own_db = false;
    for (int i = 3; i < argc; ++i) {
      args.emplace_back(argv[i]);
      own_db = own_db || args.back() == "--db";
    }
    if (!own_db) {
      args.emplace_back("--db");
      args.push_back((dir / ("run" + std::to_string(run) + ".db")).string());
    }
    const auto log = (dir / "output.log").string();
    const auto started = SteadyClock::now();
    const pid_t pid = spawn(args, log);
    int port = 0;
    bool up = false;
    while (SteadyClock::now() - started < kGiveUpAfter) {
      if (port == 0) {
        std::ifstream in(port_file);
        in >> port;
      }
      if (port > 0 && health_ok(port)) {
        up = true;
        break;
      }
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) break;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    const double elapsed = std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count();
    if (!up) {
      std::fprintf(stderr, "timock did not come up (see %s)\n", log.c_str());
      stop(pid);
      return 1;
    }
    millis.push_back(elapsed);
    if (run + 1 == runs) {
      std::this_thread::sleep_for(kIdleSettle);
      idle_rss = rss_kb(pid);
    }
    stop(pid);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  std::sort(millis.begin(), millis.end());
  std::printf("STARTUP runs=%d min_ms=%.1f median_ms=%.1f max_ms=%.1f idle_rss_kb=%ld\n", runs, millis.front(),
              millis[millis.size() / 2], millis.back(), idle_rss);
  return 0;
}
