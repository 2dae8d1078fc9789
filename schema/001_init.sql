-- Every table is keyed by sdkappid first, so apps never see each other's data and deleting an app
-- cascades to all of it.

CREATE TABLE apps (
  sdkappid        INTEGER PRIMARY KEY,
  secret_key      TEXT NOT NULL DEFAULT '',
  admin           TEXT NOT NULL,
  public_key_pem  TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  options         TEXT NOT NULL DEFAULT '{}'  -- AppOptions as JSON
);

CREATE TABLE accounts (
  sdkappid     INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  user_id      TEXT NOT NULL,
  nick         TEXT NOT NULL DEFAULT '',
  face_url     TEXT NOT NULL DEFAULT '',
  account_type INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  sns_sequence INTEGER NOT NULL DEFAULT 0,  -- StandardSequence of friend_get: bumped on every friend change
  PRIMARY KEY (sdkappid, user_id)
) WITHOUT ROWID;

-- Profile tags beyond Nick/FaceUrl (Tag_Profile_IM_*, Tag_Profile_Custom_*); value is JSON text.
CREATE TABLE profile_tags (
  sdkappid INTEGER NOT NULL,
  user_id  TEXT NOT NULL,
  tag      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (sdkappid, user_id, tag),
  FOREIGN KEY (sdkappid, user_id) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- One row per direction: (owner has friend). Both-way friendship is two rows.
CREATE TABLE friends (
  sdkappid    INTEGER NOT NULL,
  owner       TEXT NOT NULL,
  friend      TEXT NOT NULL,
  remark      TEXT NOT NULL DEFAULT '',
  groups      TEXT NOT NULL DEFAULT '[]',
  add_source  TEXT NOT NULL DEFAULT '',
  add_wording TEXT NOT NULL DEFAULT '',
  add_time    INTEGER NOT NULL,
  custom      TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (sdkappid, owner, friend),
  FOREIGN KEY (sdkappid, owner) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE,
  FOREIGN KEY (sdkappid, friend) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Friend requests waiting for the target's answer (AllowType_Type_NeedConfirm, result 30539).
CREATE TABLE friend_pendency (
  sdkappid    INTEGER NOT NULL,
  from_account TEXT NOT NULL,
  to_account  TEXT NOT NULL,
  add_source  TEXT NOT NULL DEFAULT '',
  add_wording TEXT NOT NULL DEFAULT '',
  remark      TEXT NOT NULL DEFAULT '',
  add_time    INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, from_account, to_account),
  FOREIGN KEY (sdkappid, from_account) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE,
  FOREIGN KEY (sdkappid, to_account) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE blacklist (
  sdkappid INTEGER NOT NULL,
  owner    TEXT NOT NULL,
  blocked  TEXT NOT NULL,
  add_time INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, owner, blocked),
  FOREIGN KEY (sdkappid, owner) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- C2C messages. A conversation is (peer_low, peer_high) = the two accounts sorted, so one index serves
-- both participants' views. MsgKey = msg_seq _ msg_random _ msg_time (reference/rest-api.md §6.2).
CREATE TABLE c2c_messages (
  id                INTEGER PRIMARY KEY,
  sdkappid          INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  peer_low          TEXT NOT NULL,
  peer_high         TEXT NOT NULL,
  from_account      TEXT NOT NULL,
  to_account        TEXT NOT NULL,
  msg_seq           INTEGER NOT NULL,
  msg_random        INTEGER NOT NULL,
  msg_time          INTEGER NOT NULL,
  body              TEXT NOT NULL,
  cloud_custom_data TEXT NOT NULL DEFAULT '',
  flag_bits         INTEGER NOT NULL DEFAULT 0,  -- 8 = recalled
  sender_sees       INTEGER NOT NULL DEFAULT 1,  -- 0 when sent with SyncOtherMachine 2
  receiver_sees     INTEGER NOT NULL DEFAULT 1,
  counts_unread     INTEGER NOT NULL DEFAULT 1,  -- 0 for importmsg 2 and SendMsgControl NoUnread
  is_read           INTEGER NOT NULL DEFAULT 0,  -- the receiver has read it
  extra             TEXT NOT NULL DEFAULT '{}'   -- OfflinePushInfo, MsgLifeTime and other kept fields
);
-- Roaming reads walk a conversation newest first by (msg_time, msg_seq, msg_random): §6.2's order.
CREATE INDEX c2c_messages_by_conversation ON c2c_messages (sdkappid, peer_low, peer_high, msg_time, msg_seq, msg_random);
CREATE INDEX c2c_messages_by_key ON c2c_messages (sdkappid, peer_low, peer_high, msg_seq, msg_random, msg_time);
