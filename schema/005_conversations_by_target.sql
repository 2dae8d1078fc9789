-- Conversations keyed by (type, target), so a group conversation is a row like a one-to-one one
-- (recentcontact Type: 1 C2C with target = the peer's UserID, 2 group with target = the GroupId).
-- Everything else is as c2c_conversations had it (003): last_msg_id points into the type's message table
-- (c2c_messages for type 1); it is a pointer for the list's last message, never a sync cursor.
CREATE TABLE conversations (
  sdkappid      INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  owner         TEXT NOT NULL,
  conv_type     INTEGER NOT NULL,
  target        TEXT NOT NULL,
  last_msg_id   INTEGER NOT NULL DEFAULT 0,
  msg_time      INTEGER NOT NULL DEFAULT 0,
  hidden        INTEGER NOT NULL DEFAULT 0,
  pinned        INTEGER NOT NULL DEFAULT 0,
  standard_mark INTEGER NOT NULL DEFAULT 0,
  custom_mark   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sdkappid, owner, conv_type, target)
) WITHOUT ROWID;
INSERT INTO conversations (sdkappid, owner, conv_type, target, last_msg_id, msg_time, hidden, pinned,
                           standard_mark, custom_mark)
  SELECT sdkappid, owner, 1, peer, last_msg_id, msg_time, hidden, pinned, standard_mark, custom_mark
  FROM c2c_conversations;
DROP TABLE c2c_conversations;
-- get_list pages: one owner's visible conversations, newest first, ties by (type, target).
CREATE INDEX conversations_by_time ON conversations (sdkappid, owner, hidden, pinned, msg_time DESC, conv_type, target);

-- The receiver's own arrival order, 1, 2, 3 … per (app, receiver): getmsg sync cursors count this, not the
-- row ids of c2c_messages, so a cursor means the same whatever else the table holds (and a group's messages
-- can have a sequence of their own). Messages stored before this migration are numbered in arrival order.
ALTER TABLE c2c_messages ADD COLUMN recv_seq INTEGER NOT NULL DEFAULT 0;
UPDATE c2c_messages SET recv_seq = numbered.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY sdkappid, to_account ORDER BY id) AS seq FROM c2c_messages)
    AS numbered
  WHERE c2c_messages.id = numbered.id;
-- Replaces c2c_messages_by_receiver (sdkappid, to_account, id): the same prefix serves every receiver query,
-- and one index per message stays one B-tree page per insert (bench/RESULTS.md F1).
CREATE INDEX c2c_messages_by_receiver_seq ON c2c_messages (sdkappid, to_account, recv_seq);
DROP INDEX c2c_messages_by_receiver;
