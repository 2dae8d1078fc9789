// open_msg_svc/get_history's hourly files (reference/rest-api.md §3.8): timock builds the gzip file of an
// hour's messages from the store and serves it itself, at the URL the reply gives (GET
// /v4/open_msg_svc/history/{sdkappid}/{C2C|Group}/{YYYYMMDDHH}.gz, no UserSig: the real URL is a signed COS
// link). The file is built again for each request, the same bytes while the hour's messages stay the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace timock::store {
class Store;
class AppRegistry;
}  // namespace timock::store

namespace timock::api {

inline constexpr std::string_view kHistoryFilePath = "/v4/open_msg_svc/history/";

// The gzip bytes of the file a download path names, or nothing (unknown app, bad path, no such file).
std::optional<std::string> history_file_download(store::Store& store, store::AppRegistry& apps,
                                                 std::string_view path, std::int64_t now);

}  // namespace timock::api
