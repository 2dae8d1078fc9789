-- One user's side of a one-to-one conversation (recentcontact/get_list, the WebIM recentcontact/get):
-- kept up to date by MessageRepository::insert, so every message path (sendmsg, batchsendmsg, importmsg,
-- client sends, fixtures) moves it. `hidden` is recentcontact/delete; the next message shows it again.
-- Unread counts are not stored here: they are counted from c2c_messages (index below), so a read mark,
-- a recall or a cleared history can never leave a stale counter behind.
CREATE TABLE c2c_conversations (
  sdkappid      INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  owner         TEXT NOT NULL,
  peer          TEXT NOT NULL,
  last_msg_id   INTEGER NOT NULL DEFAULT 0,  -- newest message (by MsgTime) the owner sees; 0 = empty
  msg_time      INTEGER NOT NULL DEFAULT 0,  -- its MsgTime: the conversation's place in the list
  hidden        INTEGER NOT NULL DEFAULT 0,
  pinned        INTEGER NOT NULL DEFAULT 0,  -- TopFlag
  standard_mark INTEGER NOT NULL DEFAULT 0,  -- recentcontact/mark_contact: 64 mark bits
  custom_mark   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sdkappid, owner, peer)
) WITHOUT ROWID;
-- get_list pages: one owner's visible conversations, newest first, ties by peer.
CREATE INDEX c2c_conversations_by_time ON c2c_conversations (sdkappid, owner, hidden, pinned, msg_time DESC, peer);

-- Unread messages of one receiver per sender: only the rows that count, so counting stays cheap however
-- long the history is. A query must repeat this WHERE clause to use it.
CREATE INDEX c2c_messages_unread ON c2c_messages (sdkappid, to_account, from_account, msg_time)
  WHERE is_read = 0 AND counts_unread = 1 AND receiver_sees = 1 AND flag_bits = 0;

-- Conversations of the messages stored before this migration.
INSERT INTO c2c_conversations (sdkappid, owner, peer, last_msg_id, msg_time)
  SELECT sdkappid, owner, peer, id, max(msg_time) FROM (
    SELECT sdkappid, from_account AS owner, to_account AS peer, id, msg_time FROM c2c_messages WHERE sender_sees = 1
    UNION ALL
    SELECT sdkappid, to_account AS owner, from_account AS peer, id, msg_time FROM c2c_messages WHERE receiver_sees = 1
  ) GROUP BY sdkappid, owner, peer;
