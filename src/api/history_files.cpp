#include "api/beijing_calendar.hpp"
#include "api/history_files.hpp"

#include <openssl/evp.h>
#include <zlib.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdio>
#include <vector>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "core/sdkappid.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"
#include "store/message_archive.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.8: hours by Beijing time (UTC+8), files kept 7 days.
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kKeptSeconds = 7 * 86400;


// The Unix time an "YYYYMMDDHH" Beijing hour starts, or nothing for a malformed one.
std::optional<std::int64_t> hour_start(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    return std::stoll(std::string(text.substr(at, n)));
  };
  const auto y = number(0, 4), m = number(4, 2), d = number(6, 2), h = number(8, 2);
  if (h > 23) return std::nullopt;
  const auto days = day_of_date(y, m, d);
  if (!days) return std::nullopt;
  return *days * kDaySeconds + h * kHour - kBeijingOffset;
}

std::string md5_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// gzip (RFC 1952) with zlib's fixed header (no name, time 0), so the same text gives the same bytes.
std::string gzip(std::string_view data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// The file's JSON text: §3.8's {"SdkAppId","ChatType","MsgTime","MsgList":[…]}, one message a line.
std::string file_text(core::SdkAppId sdkappid, std::string_view chat_type, std::string_view hour,
                      const std::vector<store::ArchivedMessage>& messages) {
  std::string out = "{\"SdkAppId\":" + std::to_string(sdkappid) + ",\"ChatType\":\"" +
                    std::string(chat_type) + "\",\"MsgTime\":\"" + std::string(hour) + "\",\"MsgList\":[";
  bool first = true;
  for (const auto& m : messages) {
    json::object item;
    if (!m.group_id.empty()) item["GroupId"] = m.group_id;
    item["From_Account"] = m.from_account;
    if (m.group_id.empty()) item["To_Account"] = m.to_account;
    item["MsgTimestamp"] = m.msg_time;
    item["MsgSeq"] = m.msg_seq;
    item["MsgRandom"] = m.msg_random;
    boost::system::error_code ec;
    auto body = json::parse(m.body_json, ec);
    item["MsgBody"] = ec ? json::value(json::array{}) : std::move(body);
    if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
    out += first ? "\n" : ",\n";
    first = false;
    out += json::serialize(item);
  }
  out += "\n]}";
  return out;
}

// The hour's messages of `chat_type` ("C2C" or "Group"), or nothing when it is neither.
std::optional<std::vector<store::ArchivedMessage>> messages_of(store::Database& db, core::SdkAppId sdkappid,
                                                               std::string_view chat_type,
                                                               std::int64_t start) {
  store::MessageArchive archive(db, sdkappid);
  if (chat_type == "C2C") return archive.c2c(start, start + kHour);
  if (chat_type == "Group") return archive.group(start, start + kHour);
  return std::nullopt;
}

Reply get_history(const CallContext& ctx, const json::object& body) {
  const auto chat_type = string_field(body, {"ChatType"});
  if (!chat_type.ok() || (chat_type.value != "C2C" && chat_type.value != "Group"))
    return Reply::error(ErrorCode::history_invalid_params, "ChatType must be C2C or Group");
  const auto hour = string_field(body, {"MsgTime"});
  const auto start = hour.ok() ? hour_start(hour.value) : std::nullopt;
  if (!start) return Reply::error(ErrorCode::history_invalid_params, "MsgTime must be YYYYMMDDHH");
  const auto now = ctx.clock.now();
  // A file exists once its hour is over, and for 7 days after.
  if (*start + kHour > now)
    return Reply::error(ErrorCode::history_file_not_ready, "the hour is not over yet");
  if (*start + kHour + kKeptSeconds <= now) return Reply::error(ErrorCode::history_file_expired);
  std::vector<store::ArchivedMessage> messages;
  {
    auto reading = ctx.store.read();
    messages = *messages_of(reading.db(), ctx.app.sdkappid, chat_type.value, *start);
  }
  if (messages.empty()) return Reply::error(ErrorCode::history_file_not_ready, "no message in that hour");
  const auto text = file_text(ctx.app.sdkappid, chat_type.value, hour.value, messages);
  const auto packed = gzip(text);
  // §3.8 gives a download URL: timock's own, on the host the caller reached it by.
  std::string url = ctx.origin.empty() ? std::string("http://127.0.0.1") : std::string(ctx.origin);
  url += std::string(kHistoryFilePath) + std::to_string(ctx.app.sdkappid) + "/" +
         std::string(chat_type.value) + "/" + std::string(hour.value) + ".gz";
  return Reply::ok(
      {{"File", json::array{json::object{{"URL", url},
                                         {"ExpireTime", beijing_timestamp(*start + kHour + kKeptSeconds)},
                                         {"FileSize", text.size()},
                                         {"FileMD5", md5_hex(text)},
                                         {"GzipSize", packed.size()},
                                         {"GzipMD5", md5_hex(packed)}}}}});
}

}  // namespace


std::optional<std::string> history_file_download(store::Store& store, store::AppRegistry& apps,
                                                 std::string_view path, std::int64_t now) {
  if (!path.starts_with(kHistoryFilePath)) return std::nullopt;
  path.remove_prefix(kHistoryFilePath.size());
  // {sdkappid}/{ChatType}/{YYYYMMDDHH}.gz
  const auto first = path.find('/');
  const auto second = first == std::string_view::npos ? first : path.find('/', first + 1);
  if (second == std::string_view::npos || !path.ends_with(".gz")) return std::nullopt;
  const auto sdkappid = core::parse_sdkappid(path.substr(0, first));
  const auto chat_type = path.substr(first + 1, second - first - 1);
  const auto hour = path.substr(second + 1, path.size() - second - 1 - 3);
  const auto start = hour_start(hour);
  if (!sdkappid || !start || !apps.find(*sdkappid)) return std::nullopt;
  if (*start + kHour > now || *start + kHour + kKeptSeconds <= now) return std::nullopt;
  std::optional<std::vector<store::ArchivedMessage>> messages;
  {
    auto reading = store.read();
    messages = messages_of(reading.db(), *sdkappid, chat_type, *start);
  }
  if (!messages || messages->empty()) return std::nullopt;
  return gzip(file_text(*sdkappid, chat_type, hour, *messages));
}

void register_history_service(CommandTable& table) {
  // §4.8: 1001 a bad request, 1002 bad parameters or not the admin, 1003 a system error.
  table.add_service("open_msg_svc", {ErrorCode::history_invalid_params, ErrorCode::history_bad_request,
                                     ErrorCode::history_system_error});
  table.add("open_msg_svc", "get_history", get_history);
}

}  // namespace timock::api
