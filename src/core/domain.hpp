// The service's nouns, in Tencent's words (reference/rest-api.md §3, §6).
#pragma once

#include <cstdint>
#include <string>

#include "core/callback_config.hpp"
#include "core/quota_config.hpp"

namespace timock::core {

using SdkAppId = std::uint64_t;

// Switches a test can set per app (POST /mock/apps "options", fixtures).
struct AppOptions {
  // reference/rest-api.md §9: replay the seed README's story, where a client login of an account that was
  // never imported fails with 70013. Off by default: the real service creates the account on first login.
  bool reject_unimported_login = false;
  // How WebIM long polls deliver C2C messages (webim-protocol.md §4.8): "inline" (Event 9, the default)
  // or "notify" (Event 1, then the client calls getmsg).
  std::string webim_delivery = "inline";
  // How a Chat SDK client that joins an AVChatRoom gets the room's traffic (modern-sdk-groups.md §5.4): "push"
  // (the default: no LongPollingKey in the join reply, Event 3 pushes on the socket) or "long_poll" (a
  // LongPollingKey, then group_open_long_polling_http_svc.get_msg polls).
  std::string chatsdk_avchatroom_delivery = "push";
  // reference/rest-api.md §8's per-API frequency limits, answered with 60007/60011 (off by default).
  QuotaConfig quotas;
  // reference/rest-api.md §7: the app's callback URL and how it is called (none by default).
  CallbackConfig callback;
};

// An isolated tenant: its own keys, admin, accounts and messages.
struct App {
  SdkAppId sdkappid = 0;
  std::string secret_key;      // v2 UserSig key (may be empty when the app only has a public key)
  std::string admin = "administrator";
  std::string public_key_pem;  // v1 UserSig public key (may be empty)
  std::int64_t created_at = 0;
  AppOptions options;
};

// An imported user (account_import).
struct Account {
  std::string user_id;
  std::string nick;
  std::string face_url;
  std::int64_t created_at = 0;
};

// One direction of a friendship: `owner` has `friend_id` in its friend list.
struct Friendship {
  std::string owner;
  std::string friend_id;
  std::string remark;
  std::string groups_json = "[]";  // Tag_SNS_IM_Group as a JSON array of strings
  std::string add_source;
  std::string add_wording;
  std::int64_t add_time = 0;
  std::string custom_json = "[]";  // Tag_SNS_Custom_* as a JSON array of {Tag, Value}
};

// A one-to-one message as stored; MsgKey = "<MsgSeq>_<MsgRandom>_<MsgTime>" (§6.2).
struct C2cMessage {
  std::int64_t id = 0;  // store row id, orders messages of equal MsgTime
  std::string from_account;
  std::string to_account;
  std::uint32_t msg_seq = 0;
  std::uint32_t msg_random = 0;
  std::int64_t msg_time = 0;
  std::string body_json = "[]";  // MsgBody as JSON text
  std::string cloud_custom_data;
  int flag_bits = 0;  // 8 = recalled
  bool sender_sees = true;
  bool receiver_sees = true;
  bool counts_unread = true;
  bool is_read = false;
  std::string extra_json = "{}";

  std::string msg_key() const {
    return std::to_string(msg_seq) + "_" + std::to_string(msg_random) + "_" + std::to_string(msg_time);
  }
};

}  // namespace timock::core
