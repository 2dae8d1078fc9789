#include "store/group_directory.hpp"

#include "store/query.hpp"

namespace timock::store {

GroupPage page_groups(Database& db, core::SdkAppId sdkappid, std::string_view search, std::int64_t offset,
                      std::int64_t limit) {
  // instr() rather than LIKE, as for accounts: "50%" or "a_b" mean those characters. A search reads the app's
  // group rows once (a few milliseconds for 10,000); the member counts are taken for the page's rows only.
#define TIMOCK_GROUP_MATCH                                                                           \
  "g.sdkappid = ?1 "                                                                                 \
  "AND (?2 = '' OR instr(lower(g.group_id), lower(?2)) > 0 OR instr(lower(g.name), lower(?2)) > 0) " \
  "AND NOT EXISTS (SELECT 1 FROM community_topics AS t WHERE t.sdkappid = ?1 AND t.topic_id = g.group_id)"
  GroupPage page;
  {
    Query count(db, "SELECT count(*) AS n FROM groups AS g WHERE " TIMOCK_GROUP_MATCH);
    count.bind_all(sdkappid, search);
    page.total = count.one().int64("n");
  }
  // The page first (p), then each of its rows' member count.
  Query rows(db,
             "SELECT p.group_id AS group_id, p.type AS type, p.name AS name, p.owner AS owner, "
             "(SELECT count(*) FROM group_members AS m WHERE m.sdkappid = ?1 AND m.group_id = p.group_id) "
             "AS member_num, p.create_time AS create_time, p.last_msg_time AS last_msg_time "
             "FROM (SELECT g.group_id, g.type, g.name, g.owner, g.create_time, g.last_msg_time "
             "FROM groups AS g WHERE " TIMOCK_GROUP_MATCH
             " ORDER BY g.create_time, g.group_id "
             "LIMIT ?3 OFFSET ?4) AS p ORDER BY p.create_time, p.group_id");
#undef TIMOCK_GROUP_MATCH
  rows.bind_all(sdkappid, search, limit, offset);
  while (const auto row = rows.next())
    page.groups.push_back(GroupRow{row->text("group_id"), row->text("type"), row->text("name"),
                                   row->text("owner"), row->int64("member_num"), row->int64("create_time"),
                                   row->int64("last_msg_time")});
  return page;
}

}  // namespace timock::store
