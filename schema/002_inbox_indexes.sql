-- One user's side of every conversation: what was sent to them (unread counts, sync cursors) and by them.
CREATE INDEX c2c_messages_by_receiver ON c2c_messages (sdkappid, to_account, id);
CREATE INDEX c2c_messages_by_sender ON c2c_messages (sdkappid, from_account, id);
