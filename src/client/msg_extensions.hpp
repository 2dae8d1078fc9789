// Message extensions and reactions from a client, the same for every client protocol
// (openim_msg_ext_http_svc, modern-sdk-protocol.md §11). Extensions are REST's (api/msg_extensions.cpp) run
// as the user, once the user is found to be a side of the C2C message or a member of the group; reactions are
// stored here (schema/013). Every change is pushed to the conversation's other clients (core::C2cNotice
// msg_extension, msg_reaction).
#pragma once

#include <boost/json/object.hpp>

#include "api/command.hpp"
#include "client/client.hpp"

namespace timock::client {

// timock's reaction limits (the docs name the codes, not the numbers).
constexpr std::int64_t kMaxReactionsPerMessage = 10;
constexpr std::int64_t kMaxUsersPerReaction = 100;

// (group_)set_key_values and (group_)get_key_values: From_Account/To_Account/MsgKey or GroupId/MsgSeq, with
// the SDK's startSeq read as StartSeq.
api::Reply set_extensions(const Deps& deps, const Caller& caller, const boost::json::object& body,
                          bool group);
api::Reply get_extensions(const Deps& deps, const Caller& caller, const boost::json::object& body,
                          bool group);

// (group_)reaction_add / reaction_del: Reaction, and the message; the caller reacts (Add_Account/Del_Account
// name the caller only). Removing a reaction the caller has not added is no error.
api::Reply change_reaction(const Deps& deps, const Caller& caller, const boost::json::object& body,
                           bool group, bool add);
// (group_)reaction_multi_stat: MsgKeyList or MsgSeqList, Count (users a reaction, ≤ 10) → Results
// [{MsgKey | MsgSeq, MsgReactionSummary [{Reaction, Count, Reaction_Account, ReactedByMe}]}].
api::Reply reaction_summaries(const Deps& deps, const Caller& caller, const boost::json::object& body,
                              bool group);
// (group_)reaction_iterate: Reaction, NextSeq (0: from the first), Count (≤ 100) → Reaction_Account, NextSeq
// (0: no more).
api::Reply reaction_users(const Deps& deps, const Caller& caller, const boost::json::object& body,
                          bool group);

}  // namespace timock::client
