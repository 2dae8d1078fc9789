// Writes a synthetic fixture (README "Fixtures and snapshots") for bench/run: ACCOUNTS users u0…u{N-1},
// FRIEND_ROWS friendship rows (mutual pairs, both directions), MESSAGES one-to-one messages. Half of the messages
// go to the first kHotConversations conversations, so those hold long histories (what admin_getroammsg pages
// through); the rest spread over every conversation. Conversation c is the pair (c mod N, c mod N + 1 + c div N),
// which bench/wrk/getroammsg.lua recomputes to ask for conversations that exist. Not run by ctest.
//
//   bench_fixture_gen OUT SDKAPPID SECRET ACCOUNTS FRIEND_ROWS MESSAGES
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr long kHotConversations = 1000;     // bench/wrk/getroammsg.lua knows this number
constexpr long kConversationsPerUser = 5;    // conversations = 5 × accounts; each user talks to 10 peers
constexpr long kT0 = 1'700'000'000;          // first MsgTime
constexpr long kMessagesPerSecond = 20;      // MsgTime advances one second every 20 messages

struct Pair {
  long a, b;
};

// Distinct for every c < N × N/2: {a, a + d} with d = 1 + c div N never repeats an earlier pair.
Pair conversation(long c, long users) {
  const long a = c % users;
  return {a, (a + 1 + c / users) % users};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s OUT SDKAPPID SECRET ACCOUNTS FRIEND_ROWS MESSAGES\n", argv[0]);
    return 2;
  }
  const std::string sdkappid = argv[2], secret = argv[3];
  const long accounts = std::atol(argv[4]), friend_rows = std::atol(argv[5]), messages = std::atol(argv[6]);
  if (accounts < 2 || friend_rows / 2 > accounts * (accounts / 2 - 1)) {
    std::fprintf(stderr, "need at least 2 accounts, and FRIEND_ROWS/2 distinct pairs\n");
    return 2;
  }
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out) {
    std::perror(argv[1]);
    return 1;
  }
  std::fprintf(out, "{\"apps\":[{\"sdkappid\":%s,\"secret_key\":\"%s\",\"admin\":\"administrator\",\n\"accounts\":[",
               sdkappid.c_str(), secret.c_str());
  for (long i = 0; i < accounts; ++i)
    std::fprintf(out, "%s{\"user_id\":\"u%ld\",\"nick\":\"User %ld\"}", i ? ",\n" : "\n", i, i);
  std::fprintf(out, "],\n\"friends\":[");
  for (long k = 0; k < friend_rows / 2; ++k) {
    const auto p = conversation(k, accounts);
    std::fprintf(out, "%s{\"owner\":\"u%ld\",\"friend\":\"u%ld\",\"add_time\":%ld},\n", k ? ",\n" : "\n", p.a, p.b,
                 kT0);
    std::fprintf(out, "{\"owner\":\"u%ld\",\"friend\":\"u%ld\",\"add_time\":%ld}", p.b, p.a, kT0);
  }
  std::fprintf(out, "],\n\"messages\":[");
  const long conversations = accounts * kConversationsPerUser;
  for (long m = 0; m < messages; ++m) {
    const long c = (m % 2 == 0) ? (m / 2) % kHotConversations : (m * 7919) % conversations;
    const auto p = conversation(c, accounts);
    const bool forward = (m / 2) % 2 == 0;
    std::fprintf(out,
                 "%s{\"from\":\"u%ld\",\"to\":\"u%ld\",\"time\":%ld,\"seq\":%ld,\"random\":%lu,"
                 "\"is_read\":true,\"body\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":"
                 "{\"Text\":\"message %ld, of an ordinary length\"}}]}",
                 m ? ",\n" : "\n", forward ? p.a : p.b, forward ? p.b : p.a, kT0 + m / kMessagesPerSecond, m + 1,
                 (static_cast<unsigned long>(m) * 2654435761ul) % 4294967296ul, m);
  }
  std::fprintf(out, "]}]}\n");
  if (std::fclose(out) != 0) {
    std::perror(argv[1]);
    return 1;
  }
  return 0;
}
