-- Every index is one more B-tree page written per stored message (bench/RESULTS.md F1). These two serve no
-- query of their own:
-- * c2c_messages_by_key (sdkappid, peer_low, peer_high, msg_seq, msg_random, msg_time) holds the same columns
--   as c2c_messages_by_conversation, whose equality lookups on all six (MsgKey de-dup) use it as well;
-- * c2c_messages_by_sender: nothing looks messages up by sender alone (a conversation's are found by
--   peer_low/peer_high, a receiver's by c2c_messages_by_receiver).
DROP INDEX c2c_messages_by_key;
DROP INDEX c2c_messages_by_sender;
