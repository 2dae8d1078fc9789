// What no surface may send, checked once per send before anything else of it (and so before any
// before-callback, reference/rest-api.md §3.8): the sender's global mute (openconfigsvr/setnospeaking: 20012
// for C2C, 10017 for groups) and the app's dirty words (openim_dirty_words: 80001). Every send path, REST or
// client, runs through openim sendmsg/batchsendmsg and send_group_msg, which call refuse_send.
// The other fields the dirty words guard (relationship 30005, profile 40005) ask holds_dirty_word.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "api/command.hpp"

namespace timock::store {
class Database;
}

namespace timock::api {

enum class SendKind { c2c, group };

// The refusal of `sender`'s message `body` (its MsgBody), or nullopt when it may go, read through `db`: the
// C2C sends pass their writer connection under its lock, where the read costs two index probes, rather than a
// reader connection that starts a read transaction (fcntl locks, a WAL page read) after every commit
// (bench/RESULTS.md F8).
std::optional<Reply> refuse_send(const CallContext& ctx, store::Database& db, std::string_view sender,
                                 const boost::json::object& body, SendKind kind);

// Whether a string of `body` under one of `keys` (at any depth: AddFriendItem[].Remark) holds one of the
// app's dirty words.
bool holds_dirty_word(const CallContext& ctx, const boost::json::object& body,
                      const std::vector<std::string_view>& keys);

}  // namespace timock::api
