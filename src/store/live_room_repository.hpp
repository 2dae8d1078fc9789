// What live rooms (AVChatRoom) keep besides their members (schema/007): members' marks and the room's admins
// (group_open_avchatroom_http_svc), and the app's broadcast seq (send_broadcast_msg; reference/rest-api.md
// §3.7).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class LiveRoomRepository {
 public:
  LiveRoomRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // --- marks (modify_user_info)
  void add_mark(std::string_view group_id, std::string_view user, std::int64_t mark);
  void remove_mark(std::string_view group_id, std::string_view user, std::int64_t mark);
  std::vector<std::int64_t> marks(std::string_view group_id, std::string_view user);
  // The distinct marks in use in the room, ascending.
  std::vector<std::int64_t> marks_in_use(std::string_view group_id);
  std::int64_t members_with_mark(std::string_view group_id, std::int64_t mark);

  // --- admins (modify_admin, get_admin_list)
  bool add_admin(std::string_view group_id, std::string_view user);
  bool remove_admin(std::string_view group_id, std::string_view user);
  std::vector<std::string> admins(std::string_view group_id);

  // --- send_broadcast_msg: the app's next broadcast seq, from 1.
  std::int64_t take_broadcast_seq();

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
