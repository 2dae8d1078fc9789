-- What the last group commands of reference/rest-api.md §3.7 keep: group read receipts, live rooms' member
-- marks and admins, and the app's live-room broadcast seq. Each goes with its group (or app) by cascade.

-- group_msg_receipt: a member has read a message sent with NeedReadReceipt (get_group_msg_receipt counts these,
-- get_group_msg_receipt_detail lists them). One row per reader and message, never one per member and message.
CREATE TABLE group_receipts (
  sdkappid  INTEGER NOT NULL,
  group_id  TEXT NOT NULL,
  msg_seq   INTEGER NOT NULL,
  user_id   TEXT NOT NULL,
  read_time INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, group_id, msg_seq, user_id),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- group_open_avchatroom_http_svc/modify_user_info: a live-room member's marks (numbers); they go when the
-- member leaves the room.
CREATE TABLE group_member_marks (
  sdkappid INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  user_id  TEXT NOT NULL,
  mark     INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, group_id, user_id, mark),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- group_open_avchatroom_http_svc/modify_admin: a live room's admins, kept apart from who is in the room (an
-- admin may be named before joining, and stays one when it leaves and comes back).
CREATE TABLE group_live_admins (
  sdkappid INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  user_id  TEXT NOT NULL,
  PRIMARY KEY (sdkappid, group_id, user_id),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- send_broadcast_msg: the app's broadcasts to every live room count from 1 on their own.
CREATE TABLE group_broadcasts (
  sdkappid INTEGER PRIMARY KEY REFERENCES apps(sdkappid) ON DELETE CASCADE,
  next_seq INTEGER NOT NULL
);
