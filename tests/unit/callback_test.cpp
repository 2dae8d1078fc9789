// Callback signing and settings (reference/rest-api.md §7), without sockets.
#include "callback/callbacks.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "callback/sign.hpp"
#include "core/callback_json.hpp"

namespace timock::callback {
namespace {

// reference/rest-api.md §7 gives Sign = hex(sha256(Token + RequestTime)) and, for Token "xxxyyy" and RequestTime
// 1669872112, the sample 17773bc3…; the formula gives e78a8547… (checked with Python's hashlib too), and no nearby
// RequestTime or other concatenation gives the sample, so the sample is wrong and timock follows the formula,
// which is what an app's verifier computes (README "Callbacks").
TEST(CallbackSign, FollowsTheReferenceFormula) {
  EXPECT_EQ(sign("xxxyyy", 1669872112), "e78a85473bed2cdc8d6fa8c4d5a4ba4735fd64156e15a99516b9890293e135de");
}

TEST(CallbackConfig, DefaultsAreTwoSecondsAllCommandsAndAllow) {
  auto parsed = core::callback_config_from_json(boost::json::parse(R"({"url":"https://example.com/cb"})"));
  ASSERT_TRUE(std::holds_alternative<core::CallbackConfig>(parsed));
  const auto& config = std::get<core::CallbackConfig>(parsed);
  EXPECT_EQ(config.timeout_ms, 2000);
  EXPECT_FALSE(config.deny_on_failure);
  EXPECT_TRUE(config.wants("State.StateChange"));
  EXPECT_EQ(core::callback_config_from_json(core::callback_config_to_json(config)),
            (std::variant<core::CallbackConfig, core::CallbackConfigError>(config)));
}

TEST(CallbackConfig, NoUrlMeansNoCallbacks) {
  const core::CallbackConfig none;
  EXPECT_FALSE(none.wants("C2C.CallbackBeforeSendMsg"));
}

TEST(Callbacks, BeforeAsksFirstThenReturnsTheVerdict) {
  core::CallbackConfig config;
  config.url = "http://127.0.0.1:1/";
  config.commands = {"C2C.CallbackBeforeSendMsg"};
  Callbacks callbacks(config, "RESTAPI", "127.0.0.1");
  EXPECT_FALSE(callbacks.before("Group.CallbackBeforeSendMsg", {}));
  EXPECT_THROW(callbacks.before("C2C.CallbackBeforeSendMsg", {{"From_Account", "a"}}), AskFirst);
  Verdict refused;
  refused.error_code = 1;
  callbacks.set_verdict("C2C.CallbackBeforeSendMsg", refused);
  const auto verdict = callbacks.before("C2C.CallbackBeforeSendMsg", {});
  ASSERT_TRUE(verdict);
  EXPECT_FALSE(verdict->allows());
  callbacks.after("C2C.CallbackAfterSendMsg", {});  // not wanted: dropped
  EXPECT_TRUE(callbacks.take_notices().empty());
}

}  // namespace
}  // namespace timock::callback
