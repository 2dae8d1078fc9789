#include "store/msg_extension_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

MsgExtensionState MsgExtensionRepository::state(std::string_view msg_ref) {
  Query query(db_,
              "SELECT latest_seq, clear_seq FROM msg_extension_state WHERE sdkappid = ? AND msg_ref = ?");
  query.bind_all(sdkappid_, msg_ref);
  if (const auto row = query.next()) return {row->int64("latest_seq"), row->int64("clear_seq")};
  return {};
}

std::vector<MsgExtension> MsgExtensionRepository::list(std::string_view msg_ref, std::int64_t after_seq) {
  Query query(db_,
              "SELECT key, value, seq FROM msg_extensions WHERE sdkappid = ? AND msg_ref = ? AND seq > ? "
              "ORDER BY seq");
  query.bind_all(sdkappid_, msg_ref, after_seq);
  std::vector<MsgExtension> out;
  while (const auto row = query.next())
    out.push_back({row->text("key"), row->text("value"), row->int64("seq")});
  return out;
}

std::optional<MsgExtension> MsgExtensionRepository::find(std::string_view msg_ref, std::string_view key) {
  Query query(db_,
              "SELECT key, value, seq FROM msg_extensions WHERE sdkappid = ? AND msg_ref = ? AND key = ?");
  query.bind_all(sdkappid_, msg_ref, key);
  if (const auto row = query.next())
    return MsgExtension{row->text("key"), row->text("value"), row->int64("seq")};
  return std::nullopt;
}

std::int64_t MsgExtensionRepository::next_seq(std::string_view msg_ref) {
  Query(db_,
        "INSERT INTO msg_extension_state (sdkappid, msg_ref, latest_seq) VALUES (?, ?, 1) "
        "ON CONFLICT (sdkappid, msg_ref) DO UPDATE SET latest_seq = latest_seq + 1")
      .bind_all(sdkappid_, msg_ref)
      .run();
  return state(msg_ref).latest_seq;
}

std::int64_t MsgExtensionRepository::put(std::string_view msg_ref, std::string_view key,
                                         std::string_view value) {
  const auto seq = next_seq(msg_ref);
  Query(db_,
        "INSERT INTO msg_extensions (sdkappid, msg_ref, key, value, seq) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (sdkappid, msg_ref, key) DO UPDATE SET value = excluded.value, seq = excluded.seq")
      .bind_all(sdkappid_, msg_ref, key, value, seq)
      .run();
  return seq;
}

std::int64_t MsgExtensionRepository::remove(std::string_view msg_ref, std::string_view key) {
  const auto seq = next_seq(msg_ref);
  Query(db_, "DELETE FROM msg_extensions WHERE sdkappid = ? AND msg_ref = ? AND key = ?")
      .bind_all(sdkappid_, msg_ref, key)
      .run();
  return seq;
}

std::int64_t MsgExtensionRepository::clear(std::string_view msg_ref) {
  const auto seq = next_seq(msg_ref);
  Query(db_, "DELETE FROM msg_extensions WHERE sdkappid = ? AND msg_ref = ?")
      .bind_all(sdkappid_, msg_ref)
      .run();
  Query(db_, "UPDATE msg_extension_state SET clear_seq = latest_seq WHERE sdkappid = ? AND msg_ref = ?")
      .bind_all(sdkappid_, msg_ref)
      .run();
  return seq;
}

std::int64_t MsgExtensionRepository::count(std::string_view msg_ref) {
  Query query(db_, "SELECT COUNT(*) AS n FROM msg_extensions WHERE sdkappid = ? AND msg_ref = ?");
  query.bind_all(sdkappid_, msg_ref);
  return query.one().int64("n");
}

}  // namespace timock::store
