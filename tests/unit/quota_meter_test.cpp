// Counting REST calls against an app's quotas (core/quota_meter.hpp): reference/rest-api.md §8's per-API
// limits in one-second windows, batchsendmsg's recipients in one-minute windows, the app-wide limit, all
// keyed by the server clock's seconds.
#include "core/quota_meter.hpp"

#include <gtest/gtest.h>

namespace timock::core {
namespace {

constexpr SdkAppId kApp = 1400000001;
constexpr std::int64_t kSecond =
    1700000040;  // the first second of a clock minute (1700000040 = 28333334 × 60)

QuotaConfig on() {
  QuotaConfig config;
  config.enabled = true;
  return config;
}

const QuotaCall kSendMsg{"openim", "sendmsg"};

QuotaCall batch_to(std::int64_t recipients) {
  return {"openim", "batchsendmsg", recipients};
}

// Admits `calls` calls and returns how many got through.
int admitted(QuotaMeter& meter, const QuotaConfig& config, const QuotaCall& call, int calls, std::int64_t now,
             SdkAppId app = kApp) {
  int ok = 0;
  for (int i = 0; i < calls; ++i) ok += meter.admit(app, config, call, now) == ErrorCode::ok;
  return ok;
}

TEST(QuotaMeter, ADisabledConfigAdmitsEverythingAndCountsNothing) {
  QuotaMeter meter;
  EXPECT_EQ(admitted(meter, QuotaConfig{}, kSendMsg, 300, kSecond), 300);
  EXPECT_TRUE(meter.usage(kApp, QuotaConfig{}, kSecond).commands.empty());
}

TEST(QuotaMeter, The201stSendMsgInOneSecondIsRefusedWith60007) {
  QuotaMeter meter;
  EXPECT_EQ(admitted(meter, on(), kSendMsg, 200, kSecond), 200);
  EXPECT_EQ(meter.admit(kApp, on(), kSendMsg, kSecond), ErrorCode::api_rate_limited);
  EXPECT_EQ(to_int(ErrorCode::api_rate_limited), 60007);
}

TEST(QuotaMeter, TheNextSecondOfTheClockOpensAFreshWindow) {
  QuotaMeter meter;
  ASSERT_EQ(admitted(meter, on(), kSendMsg, 201, kSecond), 200);
  EXPECT_EQ(admitted(meter, on(), kSendMsg, 201, kSecond + 1), 200);
  // A clock moved back lands in another window too: windows are keyed by the second, not ordered.
  EXPECT_EQ(admitted(meter, on(), kSendMsg, 1, kSecond - 5), 1);
}

TEST(QuotaMeter, RefusedCallsUseNoBudget) {
  QuotaMeter meter;
  auto config = on();
  config.limits["openim/sendmsg"].per_second = 2;
  ASSERT_EQ(admitted(meter, config, kSendMsg, 10, kSecond), 2);
  const auto usage = meter.usage(kApp, config, kSecond);
  ASSERT_EQ(usage.commands.size(), 1u);
  EXPECT_EQ(usage.commands[0].calls_this_second, 2);
  EXPECT_EQ(usage.commands[0].rejected, 8);
  EXPECT_EQ(usage.calls_this_second, 2);
  EXPECT_EQ(usage.rejected, 8);
}

TEST(QuotaMeter, OverridesLowerLiftOrCloseACommand) {
  QuotaMeter meter;
  auto config = on();
  config.limits["openim/sendmsg"].per_second = 5;
  config.limits["openim/importmsg"].per_second = kNoLimit;
  config.limits["openim/admin_getroammsg"].per_second = 0;
  EXPECT_EQ(admitted(meter, config, kSendMsg, 10, kSecond), 5);
  EXPECT_EQ(admitted(meter, config, {"openim", "importmsg"}, 1000, kSecond), 1000);
  EXPECT_EQ(admitted(meter, config, {"openim", "admin_getroammsg"}, 3, kSecond), 0);
}

TEST(QuotaMeter, EachCommandHasItsOwnWindow) {
  QuotaMeter meter;
  ASSERT_EQ(admitted(meter, on(), kSendMsg, 201, kSecond), 200);
  EXPECT_EQ(admitted(meter, on(), {"openim", "importmsg"}, 200, kSecond), 200);
  EXPECT_EQ(admitted(meter, on(), {"open_msg_svc", "get_history"}, 11, kSecond), 10);
}

TEST(QuotaMeter, TheAppWideLimitAnswers60011AndIsCheckedFirst) {
  QuotaMeter meter;
  auto config = on();
  config.app_per_second = 10;
  config.limits["openim/sendmsg"].per_second = 4;
  ASSERT_EQ(admitted(meter, config, kSendMsg, 5, kSecond), 4);  // the 5th: 60007, not counted
  ASSERT_EQ(admitted(meter, config, {"openim", "importmsg"}, 6, kSecond), 6);
  EXPECT_EQ(meter.admit(kApp, config, {"openim", "importmsg"}, kSecond), ErrorCode::app_rate_limited);
  EXPECT_EQ(meter.admit(kApp, config, kSendMsg, kSecond), ErrorCode::app_rate_limited)
      << "over both limits: the SDKAppID's door answers";
  EXPECT_EQ(to_int(ErrorCode::app_rate_limited), 60011);
  EXPECT_EQ(meter.admit(kApp, config, {"openim", "importmsg"}, kSecond + 1), ErrorCode::ok);
}

TEST(QuotaMeter, BatchSendMsgIsMeteredIn12000RecipientsAMinute) {
  QuotaMeter meter;
  for (int batch = 0; batch < 24; ++batch)
    ASSERT_EQ(meter.admit(kApp, on(), batch_to(500), kSecond + batch), ErrorCode::ok) << batch;
  EXPECT_EQ(meter.admit(kApp, on(), batch_to(1), kSecond + 30), ErrorCode::api_rate_limited);
  EXPECT_EQ(meter.admit(kApp, on(), batch_to(1), kSecond + 59), ErrorCode::api_rate_limited);
  EXPECT_EQ(meter.admit(kApp, on(), batch_to(500), kSecond + 60), ErrorCode::ok) << "the next minute";
  EXPECT_EQ(meter.usage(kApp, on(), kSecond + 60).commands.at(0).recipients_this_minute, 500);
}

TEST(QuotaMeter, ABatchThatDoesNotFitTheMinuteIsRefusedWhole) {
  QuotaMeter meter;
  auto config = on();
  config.limits["openim/batchsendmsg"].recipients_per_minute = 100;
  ASSERT_EQ(meter.admit(kApp, config, batch_to(60), kSecond), ErrorCode::ok);
  EXPECT_EQ(meter.admit(kApp, config, batch_to(41), kSecond + 1), ErrorCode::api_rate_limited);
  EXPECT_EQ(meter.admit(kApp, config, batch_to(40), kSecond + 2), ErrorCode::ok);
}

TEST(QuotaMeter, AppsAreCountedApartAndClearedApart) {
  QuotaMeter meter;
  constexpr SdkAppId kOther = 1400000002;
  ASSERT_EQ(admitted(meter, on(), kSendMsg, 201, kSecond), 200);
  EXPECT_EQ(admitted(meter, on(), kSendMsg, 200, kSecond, kOther), 200);
  meter.clear(kApp);
  EXPECT_TRUE(meter.usage(kApp, on(), kSecond).commands.empty());
  EXPECT_EQ(admitted(meter, on(), kSendMsg, 1, kSecond), 1);
  EXPECT_EQ(meter.admit(kOther, on(), kSendMsg, kSecond), ErrorCode::api_rate_limited);
}

TEST(QuotaMeter, UsageShowsOnlyTheCurrentWindows) {
  QuotaMeter meter;
  ASSERT_EQ(admitted(meter, on(), kSendMsg, 3, kSecond), 3);
  ASSERT_EQ(meter.admit(kApp, on(), batch_to(7), kSecond), ErrorCode::ok);
  auto usage = meter.usage(kApp, on(), kSecond);
  EXPECT_EQ(usage.now, kSecond);
  EXPECT_EQ(usage.calls_this_second, 4);
  ASSERT_EQ(usage.commands.size(), 2u);
  EXPECT_EQ(usage.commands[0].command, "openim/batchsendmsg");
  EXPECT_EQ(usage.commands[0].recipients_this_minute, 7);
  EXPECT_EQ(usage.commands[0].limits.recipients_per_minute, 12000);
  EXPECT_EQ(usage.commands[1].command, "openim/sendmsg");
  EXPECT_EQ(usage.commands[1].calls_this_second, 3);
  EXPECT_EQ(usage.commands[1].limits.per_second, 200);

  usage = meter.usage(kApp, on(), kSecond + 1);
  EXPECT_EQ(usage.calls_this_second, 0);
  EXPECT_EQ(usage.commands[1].calls_this_second, 0);
  EXPECT_EQ(usage.commands[0].recipients_this_minute, 7) << "the same minute";
}

}  // namespace
}  // namespace timock::core
