// Tencent Cloud IM's error codes: one catalogue for every surface (reference/rest-api.md §4).
// Handlers name codes by enumerator, never as bare numbers; the default ErrorInfo lives here too. The
// boost::system category is in core/error_category.hpp, so the ~65 files that name a code do not compile
// Boost.System for it.
#pragma once

#include <string_view>

namespace timock::core {

enum class ErrorCode : int {
  ok = 0,

  // Common REST (§4.1). 60008 is also what a malformed HTTP request gets.
  http_parse_error = 60002,
  json_parse_error_common = 60003,
  bad_identifier_or_usersig = 60004,
  app_invalid = 60006,
  api_rate_limited = 60007,
  request_timeout = 60008,
  unknown_resource = 60009,
  admin_required_common = 60010,
  app_rate_limited = 60011,
  sdkappid_missing = 60012,
  app_disabled = 60016,
  feature_not_emulated = 60020,  // the real "package not purchased"; timock: a servcmd it does not emulate
  text_blocked = 80001,  // §4.1: text with a dirty word (openim_dirty_words, §3.8)
  callback_failed = 80003,  // §7: a before-callback failed or timed out and the app's policy is "deny"
  msg_too_long = 80002,  // §4.1: a message body over 12 KB (group sends)

  // Account / UserSig (§4.2)
  usersig_expired = 70001,
  usersig_empty = 70002,
  usersig_illegal = 70003,
  usersig_invalid = 70005,
  usersig_verify_failed = 70009,
  identifier_mismatch = 70013,
  sdkappid_mismatch = 70014,
  key_not_configured = 70016,
  sdkappid_not_found = 70020,
  usersig_invalidated = 70052,
  account_not_exist = 70107,
  batch_size_invalid = 70206,
  account_quota_exceeded = 70398,
  account_invalid_params = 70402,
  account_admin_required = 70403,
  account_internal_error = 70500,

  // Profile (§4.3)
  profile_invalid_params = 40001,
  profile_to_account_missing = 40002,
  profile_account_not_exist = 40003,
  profile_admin_required = 40004,
  profile_dirty_word = 40005,  // a profile value holds a dirty word (2018, §3.8)
  profile_internal_error = 40006,
  profile_tag_not_exist = 40009,
  profile_value_too_long = 40601,
  profile_value_invalid = 40605,
  profile_value_type_mismatch = 40610,

  // Relationship chain (§4.4)
  sns_invalid_params = 30001,
  sns_account_not_exist = 30003,
  sns_admin_required = 30004,
  sns_dirty_word = 30005,  // a relationship field holds a dirty word (2018, §3.8)
  sns_internal_error = 30006,
  sns_friend_limit = 30010,
  sns_group_limit = 30011,
  sns_pendency_limit = 30012,
  sns_blacklist_limit = 30013,
  sns_peer_friend_limit = 30014,
  sns_peer_in_my_blacklist = 30515,
  sns_peer_denies_any = 30516,
  sns_in_peer_blacklist = 30525,
  sns_pending = 30539,
  sns_pendency_not_exist = 30614,
  sns_not_friend = 31704,
  sns_group_add_not_friend = 32216,

  // Recent contacts (§4.5)
  contact_account_not_exist = 50001,
  contact_invalid_params = 50002,
  contact_admin_required = 50003,
  contact_internal_error = 50004,
  contact_mark_count_invalid = 51006,
  contact_group_id_invalid = 51007,
  contact_group_too_many_items = 51008,  // over 1000 conversations in contact groups
  contact_group_not_found = 51009,
  contact_too_many_groups = 51010,  // over 20 contact groups (§8)
  contact_group_name_too_long = 51011,  // a contact group name over 32 B
  contact_too_many_pinned = 51012,  // over the 50 pinned conversations (rest-api.md §8)

  // C2C messages / openim (§4.6)
  msg_bad_request = 20001,
  msg_auth_failed = 20002,
  msg_account_invalid = 20003,
  msg_internal_error = 20005,
  msg_blocked_by_peer = 20007,
  msg_recall_too_late = 20016,
  msg_sender_muted = 20012,
  msg_callback_refused = 20006,  // §7: C2C.CallbackBeforeSendMsg answered 1
  msg_modify_conflict = 20027,  // modern-sdk-protocol.md §4: an edit of a message edited meanwhile (stale MsgVersion)
  msg_recall_not_found = 20022,
  msg_already_recalled = 20023,
  msg_ext_seq_conflict = 23001,  // openim_msg_ext_http_svc: the extension's Seq moved on (§3.8)
  // The Chat SDK's addMessageReaction (Tencent's docs): too many reactions on the message, too many users of
  // one reaction, the user's reaction is there already.
  msg_reaction_limit = 23005,
  msg_reaction_user_limit = 23006,
  msg_reaction_already_added = 23007,
  openim_json_parse_error = 90001,
  openim_bad_msg_body = 90002,
  openim_bad_to_account = 90003,
  openim_bad_msg_seq = 90004,
  openim_bad_msg_random = 90005,
  openim_bad_msg_timestamp = 90006,
  openim_msg_body_not_array = 90007,
  openim_bad_from_account = 90008,
  openim_admin_required = 90009,
  openim_bad_msg_format = 90010,
  openim_too_many_targets = 90011,
  openim_to_account_not_registered = 90012,
  push_duplicate_tags = 90022,  // all_member_push (§4.6): a tag twice in TagsAnd/TagsOr
  push_too_frequent = 90024,  // pushes less than 1 s apart
  openim_bad_msg_lifetime = 90026,
  openim_bad_sync_from_old_system = 90030,  // also all_member_push's "attribute length 0 or over 50"
  openim_bad_sync_other_machine = 90031,
  push_too_many_tags = 90032,
  push_attr_invalid = 90033,
  push_tag_too_long = 90034,
  push_tag_empty = 90040,
  push_bad_offline_push_info = 90043,
  openim_bad_msg_lifetime_type = 90044,
  push_not_enabled = 90045,
  push_daily_limit = 90047,
  openim_account_not_exist = 90048,
  openim_bad_msg_key = 90054,
  openim_internal_error = 91000,
  webim_longpoll_kicked = 91101,
  openim_body_too_long = 93000,

  // Groups (§4.7)
  group_internal_error = 10002,
  group_bad_command = 10003,
  group_invalid_params = 10004,
  group_too_many_accounts = 10005,
  group_op_rate_limited = 10006,
  group_permission_denied = 10007,  // also "this API needs the App admin" (the service's admin code)
  group_owner_cannot_quit = 10009,
  group_not_found = 10010,
  group_json_parse_error = 10011,
  group_operator_invalid = 10012,
  group_already_member = 10013,
  group_full = 10014,
  group_id_invalid = 10015,
  group_callback_refused = 10016,
  group_sender_muted = 10017,
  group_reply_too_large = 10018,
  group_account_not_found = 10019,
  group_msg_too_long = 10020,
  group_id_taken = 10021,
  group_msg_rate_limited = 10023,
  group_application_handled = 10024,  // the join request was answered already (or never made)
  group_id_taken_by_self = 10025,
  group_recall_not_found = 10030,
  group_recall_too_old = 10031,
  group_recall_not_allowed = 10032,
  group_recall_type_unsupported = 10033,
  group_member_limit = 10038,
  group_no_roaming = 10044,
  group_attr_key_too_long = 10045,
  group_attr_value_too_long = 10046,
  group_attr_too_many_keys = 10047,
  group_attr_total_too_long = 10048,
  group_attr_missing_key = 10050,
  group_too_many_at = 10053,
  group_receipt_online_msg = 10061,  // an online-only message takes no read receipt
  group_receipt_not_found = 10062,
  group_counter_too_many_keys = 10063,
  community_not_enabled = 11000,  // topics in a Community created without SupportTopic

  // open_msg_svc/get_history (§4.8)
  history_bad_request = 1001,
  history_invalid_params = 1002,  // also "not the App admin"
  history_system_error = 1003,
  history_file_not_ready = 1004,  // no file for that hour: not generated, or no message
  history_file_expired = 1005,

  // openconfigsvr (§4.8)
  config_json_parse_error = 130001,
  config_get_account_missing = 130002,
  config_get_account_invalid = 130003,
  config_set_account_missing = 130004,
  config_set_account_invalid = 130005,
  config_nospeaking_time_invalid = 130008,
  config_appinfo_sql_error = 130009,
  config_system_error = 130014,
};

// The ErrorInfo Tencent sends with the code (or our plain-English gist where the docs give none).
std::string_view default_error_info(ErrorCode code);

inline int to_int(ErrorCode code) { return static_cast<int>(code); }

}  // namespace timock::core
