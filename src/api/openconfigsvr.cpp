// openconfigsvr (reference/rest-api.md §3.8): setnospeaking and getnospeaking, a user's global mute, which
// api/send_rules.cpp enforces on every send; getappinfo, the app's daily figures. Replies of this service
// carry no ActionStatus (ServiceInfo::action_status).
#include <boost/json/value.hpp>
#include <cstdio>
#include <map>
#include <string>

#include "api/beijing_calendar.hpp"
#include "api/accounts.hpp"
#include "api/command.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "store/app_stats_repository.hpp"
#include "store/database.hpp"
#include "store/global_mute_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.8 / §8: 4294967295 seconds is "for ever".
constexpr std::int64_t kForeverSeconds = 4294967295;
// getappinfo: the last 30 days, by Beijing date (UTC+8), as the console counts them.
constexpr std::int64_t kAppInfoDays = 30;

// A mute of `seconds` from `now` as a stored "until", or nullopt for a value that is not 0..4294967295.
std::optional<std::int64_t> mute_until(const json::value* seconds, std::int64_t now, std::int64_t current) {
  if (!seconds) return current;  // not asked: unchanged
  const auto value = as_int(*seconds);
  if (!value || *value < 0 || *value > kForeverSeconds) return std::nullopt;
  if (*value == 0) return 0;
  if (*value == kForeverSeconds) return store::GlobalMute::kForever;
  return now + *value;
}

// What getnospeaking shows: the seconds left (4294967295 for ever, 0 when not muted).
std::int64_t seconds_left(std::int64_t until, std::int64_t now) {
  if (until == store::GlobalMute::kForever) return kForeverSeconds;
  return until > now ? until - now : 0;
}

Reply setnospeaking(const CallContext& ctx, const json::object& body) {
  const auto account = string_field(body, {"Set_Account"});
  if (account.missing()) return Reply::error(ErrorCode::config_set_account_missing);
  if (!account.ok() || account.value.empty()) return Reply::error(ErrorCode::config_set_account_invalid);
  const auto* c2c = body.if_contains("C2CmsgNospeakingTime");
  const auto* group = body.if_contains("GroupmsgNospeakingTime");
  if (!c2c && !group)
    return Reply::error(ErrorCode::config_nospeaking_time_invalid,
                        "C2CmsgNospeakingTime or GroupmsgNospeakingTime is required");
  const auto now = ctx.clock.now();
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, account.value))
    return Reply::error(ErrorCode::config_set_account_invalid, "Set_Account is not an imported account");
  store::GlobalMuteRepository mutes(locked.db(), ctx.app.sdkappid);
  auto mute = mutes.get(account.value);
  const auto c2c_until = mute_until(c2c, now, mute.c2c_until);
  // §4.8 names 130008 for GroupmsgNospeakingTime; the C2C value has no code of its own, so it shares it.
  if (!c2c_until)
    return Reply::error(ErrorCode::config_nospeaking_time_invalid,
                        "C2CmsgNospeakingTime must be 0..4294967295");
  const auto group_until = mute_until(group, now, mute.group_until);
  if (!group_until)
    return Reply::error(ErrorCode::config_nospeaking_time_invalid,
                        "GroupmsgNospeakingTime must be 0..4294967295");
  mute.c2c_until = *c2c_until;
  mute.group_until = *group_until;
  mutes.set(account.value, mute);
  tx.commit();
  return Reply::ok();
}

Reply getnospeaking(const CallContext& ctx, const json::object& body) {
  const auto account = string_field(body, {"Get_Account"});
  if (account.missing()) return Reply::error(ErrorCode::config_get_account_missing);
  if (!account.ok() || account.value.empty()) return Reply::error(ErrorCode::config_get_account_invalid);
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, account.value))
    return Reply::error(ErrorCode::config_get_account_invalid, "Get_Account is not an imported account");
  const auto mute = store::GlobalMuteRepository(reading.db(), ctx.app.sdkappid).get(account.value);
  const auto now = ctx.clock.now();
  return Reply::ok({{"C2CmsgNospeakingTime", seconds_left(mute.c2c_until, now)},
                    {"GroupmsgNospeakingTime", seconds_left(mute.group_until, now)}});
}

// §3.8: every value a string. Figures timock cannot know offline (pushes, logins, peak online, callbacks)
// are "0"; the rest are counted from the store (README "getappinfo").
json::object day_result(const core::App& app, std::int64_t day, const store::DailyStats& s) {
  const auto text = [](std::int64_t n) { return json::value(std::to_string(n)); };
  return json::object{{"AppId", std::to_string(app.sdkappid)},
                      {"AppName", std::to_string(app.sdkappid)},
                      {"Date", compact_date(day)},
                      {"APNSMsgNum", "0"},
                      {"ActiveUserNum", text(s.active_users)},
                      {"C2CUpMsgNum", text(s.c2c_msgs)},
                      {"C2CDownMsgNum", text(s.c2c_msgs)},
                      {"C2CSendMsgUserNum", text(s.c2c_senders)},
                      {"CallBackReq", "0"},
                      {"CallBackRsp", "0"},
                      {"ChainDecrease", "0"},
                      {"ChainIncrease", text(s.new_friendships)},
                      {"GroupAllGroupNum", text(s.total_groups)},
                      {"GroupNewGroupNum", text(s.new_groups)},
                      {"GroupSendMsgUserNum", text(s.group_senders)},
                      {"GroupUpMsgNum", text(s.group_msgs)},
                      {"LoginTimes", "0"},
                      {"LoginUserNum", "0"},
                      {"MaxOnlineNum", "0"},
                      {"RegistUserNumOneDay", text(s.new_accounts)},
                      {"RegistUserNumTotal", text(s.total_accounts)},
                      {"SendMsgUserNum", text(s.active_users)},
                      {"UpMsgNum", text(s.c2c_msgs + s.group_msgs)}};
}

Reply getappinfo(const CallContext& ctx, const json::object& body) {
  const auto fields = array_field(body, {"RequestField"});
  if (fields.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::config_json_parse_error, "RequestField must be an Array of String");
  if (fields.ok())
    for (const auto& field : *fields.value)
      if (!field.is_string())
        return Reply::error(ErrorCode::config_json_parse_error, "RequestField must be an Array of String");
  const auto today = beijing_day(ctx.clock.now());
  std::map<std::int64_t, store::DailyStats> days;
  {
    auto reading = ctx.store.read();
    days = store::AppStatsRepository(reading.db(), ctx.app.sdkappid)
               .daily(today - kAppInfoDays + 1, today, kBeijingOffset);
  }
  json::array result;
  // Newest first; with RequestField only the fields named (and the Date, which says which day it is).
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    auto all = day_result(ctx.app, it->first, it->second);
    if (!fields.ok() || fields.value->empty()) {
      result.push_back(std::move(all));
      continue;
    }
    json::object chosen{{"Date", all.at("Date")}};
    for (const auto& field : *fields.value)
      if (const auto* value = all.if_contains(field.get_string())) chosen[field.get_string()] = *value;
    result.push_back(std::move(chosen));
  }
  auto reply = Reply::ok({{"Result", std::move(result)}});
  reply.error_info = "OK";  // §3.8's example
  return reply;
}

}  // namespace

void register_openconfigsvr_service(CommandTable& table) {
  // §4.8: 130001 for a body that is not JSON, 130014 a system error; the admin check has no code of the
  // service's own, so it is REST's common 60010.
  ServiceInfo info{ErrorCode::admin_required_common, ErrorCode::config_json_parse_error,
                   ErrorCode::config_system_error};
  info.action_status = false;
  table.add_service("openconfigsvr", info);
  table.add("openconfigsvr", "setnospeaking", setnospeaking);
  table.add("openconfigsvr", "getnospeaking", getnospeaking);
  table.add("openconfigsvr", "getappinfo", getappinfo);
}

}  // namespace timock::api
