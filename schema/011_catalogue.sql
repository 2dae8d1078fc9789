-- The rest of the REST catalogue (issue #23; reference/rest-api.md §2, §3.8).

-- openconfigsvr/setnospeaking: a user's global mute, C2C and group apart. An "until" is a Unix time; 0 = not
-- muted, -1 = for ever (4294967295 seconds asked).
CREATE TABLE global_mutes (
  sdkappid    INTEGER NOT NULL,
  user_id     TEXT NOT NULL,
  c2c_until   INTEGER NOT NULL DEFAULT 0,
  group_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sdkappid, user_id),
  FOREIGN KEY (sdkappid, user_id) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- openim_dirty_words (2018): the app's words that refuse a message (80001), a relationship field (30005) or a
-- profile field (40005).
CREATE TABLE dirty_words (
  sdkappid INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  word     TEXT NOT NULL,
  PRIMARY KEY (sdkappid, word)
) WITHOUT ROWID;

-- follow (2025): `follower` follows `followed` since follow_time (follow_add/delete/get/check/get_info).
CREATE TABLE follows (
  sdkappid    INTEGER NOT NULL,
  follower    TEXT NOT NULL,
  followed    TEXT NOT NULL,
  follow_time INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, follower, followed),
  FOREIGN KEY (sdkappid, follower) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE,
  FOREIGN KEY (sdkappid, followed) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- A user's fans (follow_get FollowType 1).
CREATE INDEX follows_by_followed ON follows (sdkappid, followed, follower);

-- recentcontact conversation groups (create/update/del/get/search_contact_group): a user's named groups, ids
-- from 1 per user, and the conversations (Type 1 a peer, 2 a group) in each.
CREATE TABLE contact_groups (
  sdkappid INTEGER NOT NULL,
  owner    TEXT NOT NULL,
  group_id INTEGER NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (sdkappid, owner, group_id),
  UNIQUE (sdkappid, owner, name),
  FOREIGN KEY (sdkappid, owner) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE contact_group_items (
  sdkappid INTEGER NOT NULL,
  owner    TEXT NOT NULL,
  group_id INTEGER NOT NULL,
  type     INTEGER NOT NULL,
  target   TEXT NOT NULL,
  add_time INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, owner, group_id, type, target),
  FOREIGN KEY (sdkappid, owner, group_id) REFERENCES contact_groups(sdkappid, owner, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- all_member_push: the app's attribute names (slots "0".."9"), each user's attribute values and tags, and the
-- app's push counters (one push a second, 100 a day: 90024, 90047).
CREATE TABLE push_attr_names (
  sdkappid INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  slot     INTEGER NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (sdkappid, slot)
) WITHOUT ROWID;
CREATE TABLE push_user_attrs (
  sdkappid INTEGER NOT NULL,
  user_id  TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (sdkappid, user_id, name),
  FOREIGN KEY (sdkappid, user_id) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE push_user_tags (
  sdkappid INTEGER NOT NULL,
  user_id  TEXT NOT NULL,
  tag      TEXT NOT NULL,
  PRIMARY KEY (sdkappid, user_id, tag),
  FOREIGN KEY (sdkappid, user_id) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE push_counters (
  sdkappid  INTEGER PRIMARY KEY REFERENCES apps(sdkappid) ON DELETE CASCADE,
  last_push INTEGER NOT NULL,
  day       INTEGER NOT NULL,  -- Beijing day number of `pushes`
  pushes    INTEGER NOT NULL
);

-- openim_msg_ext_http_svc: a message's extensions (key → value, each with the Seq it was last written at) and
-- the message's LatestSeq/ClearSeq. `msg_ref` names the message: "c2c:<peer_low>:<peer_high>:<MsgKey>" or
-- "group:<GroupId>:<MsgSeq>".
CREATE TABLE msg_extension_state (
  sdkappid   INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  msg_ref    TEXT NOT NULL,
  latest_seq INTEGER NOT NULL DEFAULT 0,
  clear_seq  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sdkappid, msg_ref)
) WITHOUT ROWID;
CREATE TABLE msg_extensions (
  sdkappid INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  msg_ref  TEXT NOT NULL,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, msg_ref, key)
) WITHOUT ROWID;
