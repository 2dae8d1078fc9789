-- Message reactions (the Chat SDK's addMessageReaction and the rest, openim_msg_ext_http_svc reaction_add/del,
-- group_reaction_add/del; reference/modern-sdk-protocol.md §11): who reacted to a message with which reaction.
-- `msg_ref` names the message as msg_extensions does ("c2c:<peer_low>:<peer_high>:<MsgKey>" or
-- "group:<GroupId>:<MsgSeq>"). `seq` orders a reaction's users (first to react first) and pages them.
CREATE TABLE msg_reactions (
  sdkappid INTEGER NOT NULL REFERENCES apps(sdkappid) ON DELETE CASCADE,
  msg_ref  TEXT NOT NULL,
  reaction TEXT NOT NULL,
  user_id  TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, msg_ref, reaction, user_id)
) WITHOUT ROWID;
CREATE INDEX msg_reactions_by_seq ON msg_reactions (sdkappid, msg_ref, reaction, seq);
