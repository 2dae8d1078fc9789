-- A group's member list is read by every message into the group (its deliveries name every member): for a group
-- of thousands that read was most of a send (bench/RESULTS.md G3), so the store keeps lists in memory under this
-- version (store/member_list_cache.hpp). Every join and every leave sets it to a new random value, so a list kept
-- under a version is that version's; and a version a rolled-back change set is never seen again.
ALTER TABLE groups ADD COLUMN member_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER group_member_joined AFTER INSERT ON group_members BEGIN
  UPDATE groups SET member_version = random() WHERE sdkappid = NEW.sdkappid AND group_id = NEW.group_id;
END;

CREATE TRIGGER group_member_left AFTER DELETE ON group_members BEGIN
  UPDATE groups SET member_version = random() WHERE sdkappid = OLD.sdkappid AND group_id = OLD.group_id;
END;

CREATE TRIGGER group_member_moved AFTER UPDATE OF sdkappid, group_id, user_id ON group_members BEGIN
  UPDATE groups SET member_version = random() WHERE sdkappid = OLD.sdkappid AND group_id = OLD.group_id;
  UPDATE groups SET member_version = random() WHERE sdkappid = NEW.sdkappid AND group_id = NEW.group_id;
END;
