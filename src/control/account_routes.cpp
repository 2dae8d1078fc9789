// What the web console lists and REST has no command for: an app's accounts a page at a time, searched by
// UserID or nick (GET /mock/apps/{id}/accounts?q=&offset=&limit=), and one user's conversation list with its
// unread counts, C2C and group together (GET /mock/apps/{id}/accounts/{user}/conversations?limit=). Both are
// bounded server-side, so an app of tens of thousands of accounts never goes to the page whole.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>

#include "client/client.hpp"
#include "client/conversations.hpp"
#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "core/event_hub.hpp"
#include "router/query.hpp"
#include "store/account_directory.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"

namespace timock::control {

namespace json = boost::json;

namespace {

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

json::value parsed(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  return ec ? json::value(text) : value;
}

router::HttpResponse list_accounts(const router::ParsedTarget& target, router::Context& services,
                                   core::SdkAppId app) {
  PageQuery query;
  if (auto refused = read_page_query(target, query)) return *refused;
  store::AccountPage page;
  {
    auto reading = services.store.read();
    page = store::page_accounts(reading.db(), app, query.search, query.offset, query.limit);
  }
  json::array accounts;
  for (const auto& account : page.accounts)
    accounts.push_back(json::object{{"user_id", account.user_id},
                                    {"nick", account.nick},
                                    {"face_url", account.face_url},
                                    {"created_at", account.created_at},
                                    {"online", services.hub.any_online(app, account.user_id)}});
  return ok_json(
      json::object{{"total", page.total}, {"offset", query.offset}, {"accounts", std::move(accounts)}});
}

// The newest conversations of both kinds, each with what a list shows: unread, the last message, its time.
router::HttpResponse list_conversations(const router::ParsedTarget& target, router::Context& services,
                                        const core::App& app, std::string_view user) {
  std::int64_t limit = client::kMaxRecentContacts;
  if (const auto given = target.param("limit")) {
    const auto value = number(*given);
    if (!value || *value == 0 || *value > client::kMaxRecentContacts)
      return problem(400, "limit must be 1..100", "limit");
    limit = *value;
  }
  const client::Deps deps{services.store, services.clock, &services.hub, services.commands,
                          services.sig_cache};
  const client::Caller caller{app, user, ""};
  json::array items;
  for (const auto& c : client::recent_conversations(deps, caller, limit)) {
    json::object item{{"Type", 1},
                      {"To_Account", c.target},
                      {"Nick", c.nick},
                      {"FaceUrl", c.face_url},
                      {"UnreadMsgNum", c.unread},
                      {"MsgTimeStamp", c.last ? c.last->msg_time : 0}};
    if (c.last)
      item["LastMsg"] = json::object{{"From_Account", c.last->from_account},
                                     {"MsgKey", c.last->msg_key()},
                                     {"MsgFlagBits", c.last->flag_bits},
                                     {"MsgBody", parsed(c.last->body_json)}};
    items.push_back(std::move(item));
  }
  for (const auto& g : client::recent_group_conversations(deps, caller, limit)) {
    json::object item{{"Type", 2},
                      {"GroupId", g.group.group_id},
                      {"Name", g.group.name},
                      {"FaceUrl", g.group.face_url},
                      {"UnreadMsgNum", g.unread},
                      {"MsgTimeStamp", g.last ? g.last->msg_time : g.group.last_msg_time}};
    if (g.last)
      item["LastMsg"] = json::object{{"From_Account", g.last->from_account},
                                     {"MsgSeq", g.last->msg_seq},
                                     {"MsgFlagBits", g.last->flag_bits},
                                     {"IsSystemMsg", g.last->kind == core::GroupMessageKind::message ? 0 : 1},
                                     {"MsgBody", parsed(g.last->body_json)}};
    items.push_back(std::move(item));
  }
  std::stable_sort(items.begin(), items.end(), [](const json::value& a, const json::value& b) {
    return a.at("MsgTimeStamp").to_number<std::int64_t>() > b.at("MsgTimeStamp").to_number<std::int64_t>();
  });
  if (static_cast<std::int64_t>(items.size()) > limit) items.resize(static_cast<std::size_t>(limit));
  return ok_json(json::object{{"user", user}, {"conversations", std::move(items)}});
}

}  // namespace

router::HttpResponse handle_accounts(const router::HttpRequest& request, router::Context& services,
                                     core::SdkAppId app, std::span<const std::string_view> rest) {
  if (request.method != "GET") return problem(405, "use GET");
  const auto target = router::parse_target(request.target);
  if (rest.empty()) return list_accounts(*target, services, app);
  if (rest.size() == 2 && rest[1] == "conversations") {
    const auto found = services.apps.find(app);
    if (!found) return problem(404, "no such app");
    return list_conversations(*target, services, *found, rest[0]);
  }
  return problem(404, "no such control-plane route");
}

}  // namespace timock::control
