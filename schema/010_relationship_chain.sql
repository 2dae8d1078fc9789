-- The relationship chain whole (reference/rest-api.md §3.5): friend groups exist on their own (group_add makes
-- an empty one, deleting its last friend keeps it), a friend request keeps the group the requester chose, and
-- every list has the sequence that moves with each change of it: friend groups (group_get CurrentSequence),
-- the blacklist (black_list_get CurruentSequence) and friend requests (pendency_get), plus when the user last
-- read its requests (pendency_report: what is newer counts as unread).
CREATE TABLE friend_groups (
  id       INTEGER PRIMARY KEY,  -- creation order: group_get lists the groups so
  sdkappid INTEGER NOT NULL,
  owner    TEXT NOT NULL,
  name     TEXT NOT NULL,
  UNIQUE (sdkappid, owner, name),
  FOREIGN KEY (sdkappid, owner) REFERENCES accounts(sdkappid, user_id) ON DELETE CASCADE
);
-- Until now a friend group existed while a friend was in it.
INSERT INTO friend_groups (sdkappid, owner, name)
  SELECT DISTINCT f.sdkappid, f.owner, g.value FROM friends AS f, json_each(f.groups) AS g ORDER BY 1, 2, 3;

ALTER TABLE accounts ADD COLUMN group_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN black_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN pendency_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN pendency_read_time INTEGER NOT NULL DEFAULT 0;

-- The friend group the requester asked for (friend_add GroupName), as a JSON array of at most one name.
ALTER TABLE friend_pendency ADD COLUMN groups TEXT NOT NULL DEFAULT '[]';
-- pendency_get of the requests a user received.
CREATE INDEX friend_pendency_by_target ON friend_pendency (sdkappid, to_account, add_time);
