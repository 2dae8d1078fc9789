-- Community topics (million_group_open_http_svc, reference/rest-api.md §3.7). A topic is a group row of its own
-- (type Community, id "<community>@TOPIC#_…"), so its seqs, history, recalls and mutes are the group machinery's;
-- it has no members: the community's are its members. These tables say which communities take topics
-- (create_group's SupportTopic 1) and which community a topic belongs to.
CREATE TABLE topic_communities (
  sdkappid INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  PRIMARY KEY (sdkappid, group_id),
  FOREIGN KEY (sdkappid, group_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE community_topics (
  sdkappid      INTEGER NOT NULL,
  topic_id      TEXT NOT NULL,
  community_id  TEXT NOT NULL,
  custom_string TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sdkappid, topic_id),
  FOREIGN KEY (sdkappid, topic_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE,
  FOREIGN KEY (sdkappid, community_id) REFERENCES groups(sdkappid, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- A community's topics (get_topic, destroying the community).
CREATE INDEX community_topics_by_community ON community_topics (sdkappid, community_id, topic_id);
