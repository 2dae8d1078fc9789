-- The Chat SDK's C2C receive options (setMessageRemindType of a C2C conversation,
-- openim.set_c2c_peer_mute_notifications; reference/modern-sdk-protocol.md §11): how `owner` takes `peer`'s
-- messages. 0 receive and notify, 1 do not receive, 2 receive without a notification. A row exists once set.
CREATE TABLE c2c_receive_options (
  sdkappid   INTEGER NOT NULL,
  owner      TEXT NOT NULL,
  peer       TEXT NOT NULL,
  mute_flag  INTEGER NOT NULL,
  update_seq INTEGER NOT NULL,  -- the owner's change counter when this row last changed (UpdateSeq)
  PRIMARY KEY (sdkappid, owner, peer),
  FOREIGN KEY (sdkappid, owner) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;
