-- Join requests to groups that need permission (ApplyJoinOption NeedPermission): the client's
-- apply_join_group leaves one here until an owner or admin answers it with handle_apply_join_group
-- (modern-sdk-groups.md §3.5, §3.19; webim-groups.md §2). Only pending requests are kept: an answer deletes
-- it, and get_pendency lists what is left. MsgKey and Authentication are what the admins' notice carried and
-- what the answer echoes.
CREATE TABLE group_applications (
  sdkappid       INTEGER NOT NULL,
  group_id       TEXT NOT NULL,
  applicant      TEXT NOT NULL,
  apply_msg      TEXT NOT NULL DEFAULT '',
  user_defined   TEXT NOT NULL DEFAULT '',
  add_time       INTEGER NOT NULL,
  msg_key        INTEGER NOT NULL,
  authentication TEXT NOT NULL,
  PRIMARY KEY (sdkappid, group_id, applicant),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- A user's requests (account deletion).
CREATE INDEX group_applications_by_applicant ON group_applications (sdkappid, applicant);
