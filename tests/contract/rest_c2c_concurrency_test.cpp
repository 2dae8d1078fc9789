// 20 connections sending one-to-one messages to overlapping peers at once (sendmsg and batchsendmsg, with
// readers of the conversation list in between) lose nothing: every receiver's unread numbers, roaming views
// and conversation lists add up to what was sent (reference/rest-api.md §3.3, §3.6).
#include <map>
#include <mutex>
#include <thread>

#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

constexpr int kSenders = 20;
constexpr int kReceivers = 10;
constexpr int kSendsPerSender = 30;
constexpr int kBatchEvery = 10;  // every 10th send is a batchsendmsg to three receivers

class RestC2cConcurrency : public ::testing::Test {
 protected:
  TimockProcess server{{"--threads", "4"}};
  TestApp app = create_app(server);

  json::object call(const std::string& path, const json::value& body) const {
    return rest(server, app, path, body);
  }
};

std::string sender(int i) {
  return "s" + std::to_string(i);
}
std::string receiver(int i) {
  return "r" + std::to_string(i);
}

TEST_F(RestC2cConcurrency, TwentyConnectionsSendingToOverlappingPeersLoseNothing) {
  json::array ids;
  for (int i = 0; i < kSenders; ++i) ids.emplace_back(sender(i));
  for (int i = 0; i < kReceivers; ++i) ids.emplace_back(receiver(i));
  ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", ids}})
                .at("ErrorCode")
                .as_int64(),
            0);
  const std::int64_t t0 = 1700000000;
  ASSERT_EQ(server.request("PUT", "/mock/clock", R"({"now":1700000000,"frozen":true})").status, 200u);

  // expected[(receiver, sender)] = the MsgKeys the receiver must hold from that sender.
  std::map<std::pair<std::string, std::string>, std::set<std::string>> expected;
  std::mutex expected_mutex;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < kSenders; ++s) {
    threads.emplace_back([&, s] {
      for (int k = 0; k < kSendsPerSender; ++k) {
        const std::int64_t seq = s * 1000 + k;
        const std::int64_t random = k + 1;
        const std::string key = std::to_string(seq) + "_" + std::to_string(random) + "_" + std::to_string(t0);
        std::vector<std::string> targets;
        json::object reply;
        if (k % kBatchEvery == kBatchEvery - 1) {
          for (int j = 0; j < 3; ++j) targets.push_back(receiver((s + k + j) % kReceivers));
          json::array to;
          for (const auto& t : targets) to.emplace_back(t);
          reply = call("openim/batchsendmsg", json::object{{"From_Account", sender(s)},
                                                           {"To_Account", to},
                                                           {"MsgSeq", seq},
                                                           {"MsgRandom", random},
                                                           {"MsgBody", RestEndpointsBase::text_body("b")}});
        } else {
          targets.push_back(receiver((s + k) % kReceivers));
          reply = call("openim/sendmsg", json::object{{"From_Account", sender(s)},
                                                      {"To_Account", targets[0]},
                                                      {"MsgSeq", seq},
                                                      {"MsgRandom", random},
                                                      {"MsgBody", RestEndpointsBase::text_body("m")}});
        }
        if (reply.at("ActionStatus").as_string() != "OK" || reply.at("MsgKey").as_string() != key) {
          ++failures;
          continue;
        }
        {
          std::lock_guard lock(expected_mutex);
          for (const auto& t : targets) expected[{t, sender(s)}].insert(key);
        }
        // A reader between writes: the list query runs while other connections insert.
        if (k % 7 == 0)
          call("recentcontact/get_list", json::object{{"From_Account", targets[0]},
                                                      {"TimeStamp", 0},
                                                      {"StartIndex", 0},
                                                      {"TopTimeStamp", 0},
                                                      {"TopStartIndex", 0},
                                                      {"AssistFlags", 7}});
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);

  for (int r = 0; r < kReceivers; ++r) {
    const auto owner = receiver(r);
    std::size_t total = 0;
    std::set<std::string> senders_of_r;
    for (const auto& [pair, keys] : expected)
      if (pair.first == owner) {
        total += keys.size();
        senders_of_r.insert(pair.second);
      }
    EXPECT_EQ(call("openim/get_c2c_unread_msg_num", json::object{{"To_Account", owner}})
                  .at("AllC2CUnreadMsgNum")
                  .as_int64(),
              static_cast<std::int64_t>(total))
        << owner;
    // Per peer, ten at a time (§3.3's limit).
    for (int first = 0; first < kSenders; first += 10) {
      json::array peers;
      for (int s = first; s < first + 10; ++s) peers.emplace_back(sender(s));
      const auto counts =
          call("openim/get_c2c_unread_msg_num", json::object{{"To_Account", owner}, {"Peer_Account", peers}});
      for (const auto& item : counts.at("C2CUnreadMsgNumList").as_array()) {
        const std::string peer(item.at("Peer_Account").as_string());
        const auto it = expected.find({owner, peer});
        EXPECT_EQ(item.at("C2CUnreadMsgNum").as_int64(),
                  it == expected.end() ? 0 : static_cast<std::int64_t>(it->second.size()))
            << owner << " from " << peer;
      }
    }
    // Every message in the roaming view, both sides.
    for (const auto& peer : senders_of_r) {
      for (const auto& [op, other] : {std::pair{owner, peer}, std::pair{peer, owner}}) {
        const auto history = call("openim/admin_getroammsg", json::object{{"Operator_Account", op},
                                                                          {"Peer_Account", other},
                                                                          {"MaxCnt", 100},
                                                                          {"MinTime", t0},
                                                                          {"MaxTime", t0}});
        EXPECT_EQ(history.at("Complete").as_int64(), 1);
        std::set<std::string> keys;
        for (const auto& m : history.at("MsgList").as_array()) keys.emplace(m.at("MsgKey").as_string());
        EXPECT_EQ(keys, (expected[{owner, peer}])) << op << " with " << other;
      }
    }
    // The conversation list names exactly the senders.
    const auto list = call("recentcontact/get_list", json::object{{"From_Account", owner},
                                                                  {"TimeStamp", 0},
                                                                  {"StartIndex", 0},
                                                                  {"TopTimeStamp", 0},
                                                                  {"TopStartIndex", 0},
                                                                  {"AssistFlags", 7}});
    std::set<std::string> listed;
    for (const auto& item : list.at("SessionItem").as_array())
      listed.emplace(item.at("To_Account").as_string());
    EXPECT_EQ(listed, senders_of_r) << owner;
  }
  // And each sender's list names the receivers it reached.
  for (int s = 0; s < kSenders; ++s) {
    std::set<std::string> reached;
    for (const auto& [pair, keys] : expected)
      if (pair.second == sender(s)) reached.insert(pair.first);
    const auto list = call("recentcontact/get_list", json::object{{"From_Account", sender(s)},
                                                                  {"TimeStamp", 0},
                                                                  {"StartIndex", 0},
                                                                  {"TopTimeStamp", 0},
                                                                  {"TopStartIndex", 0},
                                                                  {"AssistFlags", 7}});
    std::set<std::string> listed;
    for (const auto& item : list.at("SessionItem").as_array())
      listed.emplace(item.at("To_Account").as_string());
    EXPECT_EQ(listed, reached) << sender(s);
  }
}

}  // namespace
}  // namespace timock::testing
