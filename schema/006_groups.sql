-- Groups (reference/rest-api.md §3.7): the group, its members, its messages and tips. A group's messages and
-- its member tips share one seq counter (groups.next_msg_seq), strictly increasing from 1, as the SDK research
-- implies (modern-sdk-groups.md §5.2, webim-groups.md §10). Unread counts are never stored per member and
-- message: a member's unread is counted from group_messages above its read seq, so a message costs one row
-- however many members the group has.
CREATE TABLE groups (
  sdkappid          INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  group_id          TEXT NOT NULL,
  type              TEXT NOT NULL,               -- Private, Public, ChatRoom, AVChatRoom, BChatRoom, Community
  name              TEXT NOT NULL,
  introduction      TEXT NOT NULL DEFAULT '',
  notification      TEXT NOT NULL DEFAULT '',
  face_url          TEXT NOT NULL DEFAULT '',
  owner             TEXT NOT NULL DEFAULT '',    -- '' = an ownerless group (created without Owner_Account)
  create_time       INTEGER NOT NULL,
  last_info_time    INTEGER NOT NULL,
  last_msg_time     INTEGER NOT NULL DEFAULT 0,
  next_msg_seq      INTEGER NOT NULL DEFAULT 1,
  max_member_num    INTEGER NOT NULL,
  apply_join_option TEXT NOT NULL,
  mute_all_member   INTEGER NOT NULL DEFAULT 0,
  app_defined_data  TEXT NOT NULL DEFAULT '[]', -- [{Key, Value}]
  attributes        TEXT NOT NULL DEFAULT '{}', -- group attributes (set_group_attr): {key: value}
  counters          TEXT NOT NULL DEFAULT '{}', -- group counters: {key: integer}
  PRIMARY KEY (sdkappid, group_id)
) WITHOUT ROWID;
-- get_appid_group_list pages by creation order.
CREATE INDEX groups_by_creation ON groups (sdkappid, create_time, group_id);

CREATE TABLE group_members (
  sdkappid          INTEGER NOT NULL,
  group_id          TEXT NOT NULL,
  user_id           TEXT NOT NULL,
  role              TEXT NOT NULL,               -- Owner, Admin, Member
  join_time         INTEGER NOT NULL,
  join_seq          INTEGER NOT NULL DEFAULT 0,  -- the group's last seq when the member joined
  read_seq          INTEGER NOT NULL DEFAULT 0,  -- MsgSeq of get_group_member_info: the last seq read
  msg_flag          TEXT NOT NULL DEFAULT 'AcceptAndNotify',
  last_send_time    INTEGER NOT NULL DEFAULT 0,
  name_card         TEXT NOT NULL DEFAULT '',
  app_member_defined_data TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (sdkappid, group_id, user_id),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- A user's groups (get_joined_group_list, account deletion).
CREATE INDEX group_members_by_user ON group_members (sdkappid, user_id, group_id);

-- forbid_send_msg: kept apart from membership because a mute survives leaving and rejoining (§3.7).
CREATE TABLE group_mutes (
  sdkappid   INTEGER NOT NULL,
  group_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  mute_until INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, group_id, user_id),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- AVChatRoom bans (ban_group_member): a banned user cannot join until the ban ends.
CREATE TABLE group_bans (
  sdkappid     INTEGER NOT NULL,
  group_id     TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  banned_until INTEGER NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sdkappid, group_id, user_id),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- A group's history: messages (kind 0) and member/profile tips (kind 1), one seq counter for both.
CREATE TABLE group_messages (
  id                INTEGER PRIMARY KEY,
  sdkappid          INTEGER NOT NULL,
  group_id          TEXT NOT NULL,
  msg_seq           INTEGER NOT NULL,
  kind              INTEGER NOT NULL DEFAULT 0,  -- 0 message, 1 tip
  from_account      TEXT NOT NULL,
  msg_random        INTEGER NOT NULL DEFAULT 0,
  msg_time          INTEGER NOT NULL,
  priority          INTEGER NOT NULL DEFAULT 2,  -- 1 High, 2 Normal, 3 Low, 4 Lowest
  body              TEXT NOT NULL,               -- MsgBody (a message) or the tip's body, as JSON text
  cloud_custom_data TEXT NOT NULL DEFAULT '',
  flag_bits         INTEGER NOT NULL DEFAULT 0,  -- 8 = recalled
  counts_unread     INTEGER NOT NULL DEFAULT 1,  -- 0 for SendMsgControl NoUnread, targeted messages, imports
  extra             TEXT NOT NULL DEFAULT '{}',  -- GroupAtInfo, To_Account (targeted), OfflinePushInfo …
  UNIQUE (sdkappid, group_id, msg_seq),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
);
-- send_group_msg's de-dup (same sender, Random and body within 5 minutes): a seek, not a walk of the history.
CREATE INDEX group_messages_by_random ON group_messages (sdkappid, group_id, msg_random);
