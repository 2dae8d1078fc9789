#include "chatsdk/socket_gateway.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "callback/callbacks.hpp"
#include "callback/dispatcher.hpp"
#include "chatsdk/c2c_commands.hpp"
#include "chatsdk/chat_call.hpp"
#include "chatsdk/message_item.hpp"
#include "chatsdk/sessions.hpp"
#include "client/login.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/sdkappid.hpp"
#include "router/preamble.hpp"
#include "router/envelope.hpp"

namespace timock::chatsdk {

namespace json = boost::json;
using core::ErrorCode;

namespace {

constexpr std::string_view kBinaryPath = "/binfo";
constexpr std::string_view kTextPath = "/info";

std::string_view head_text(const json::object& head, std::string_view key) {
  const auto* value = head.if_contains(key);
  if (value && value->is_string()) return value->get_string();
  return {};
}

// tinyid may come as a string or a number.
std::string head_tinyid(const json::object& head) {
  const auto* value = head.if_contains("tinyid");
  if (!value) return {};
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_int64() || value->is_uint64()) return json::serialize(*value);
  return {};
}

// What a frame's reply is once its command ran: the frame to send (and the one to send instead if its writes are
// lost), and the body as the journal keeps it.
struct EncodedReply {
  std::string frame;
  std::string frame_if_not_durable;
  router::HttpResponse journaled;
};

EncodedReply encode_reply(const Frame& frame, const api::Reply& outcome, store::Durability durability, bool binary) {
  EncodedReply out;
  // The envelope as text, as over HTTP: a reply's spliced fields are never parsed. A frame whose writes were lost
  // (a full disk, an I/O error) is answered as over HTTP.
  auto body = durability == store::Durability::lost ? router::not_durable_envelope() : router::envelope(outcome, false);
  out.frame = encode_frame(frame.servcmd, frame.seq, body, binary);
  out.journaled.body = std::move(body);
  if (durability == store::Durability::pending)
    out.frame_if_not_durable = encode_frame(frame.servcmd, frame.seq, router::not_durable_envelope(), binary);
  return out;
}

router::HttpRequest journaled_request(const Frame& frame, const std::string& target) {
  return {"WS", target, frame.body_text, {}, {}, {}};
}

// The command a logged-in (or anonymous) frame names.
api::Reply dispatch(ChatCall& chat_call) {
  const auto& servcmd = chat_call.frame.servcmd;
  const auto& anonymous = socket_commands();
  if (auto it = anonymous.find(servcmd); it != anonymous.end()) return it->second(chat_call);
  if (auto it = chat_commands().find(servcmd); it != chat_commands().end()) return it->second(chat_call);
  if (const auto group = group_service_command(servcmd)) return group(chat_call);
  // §7.8: never an empty OK, which can make the SDK loop; a clear "not emulated" instead.
  return not_emulated(servcmd);
}

// A command that asked the app's callback server first (reference/rest-api.md §7): its reply frame goes out
// once the verdict is in and the command ran again; other frames and pushes go on meanwhile.
struct DeferredCommand {
  std::optional<callback::AskFirst> ask;
  std::shared_ptr<callback::Callbacks> callbacks;
  client::Instance login;
  // A parked poll's reply (get_msg), sent by the net layer when it completes.
  std::shared_ptr<router::PendingReply> parked;
};

// The after-callbacks a call queued, sent once its reply is out.
std::function<void()> notices_after(router::Context& context, std::shared_ptr<const core::App> app,
                                    const std::shared_ptr<callback::Callbacks>& callbacks) {
  if (!callbacks) return {};
  auto notices = callbacks->take_notices();
  if (notices.empty()) return {};
  return [&context, app = std::move(app), callbacks, notices = std::move(notices)]() mutable {
    for (auto& notice : notices)
      context.callbacks.tell(*app, *callbacks, std::move(notice.command), std::move(notice.body));
  };
}

// A frame whose command waits for a before-callback: everything its later run needs, held by that run alone (the
// socket may be gone by then; its peer ignores frames after a close).
struct DeferredRun {
  router::Context& context;
  client::Registry& clients;
  SocketSessions& sessions;
  std::shared_ptr<router::SocketPeer> peer;
  bool binary;
  std::shared_ptr<const core::App> app;
  std::shared_ptr<router::Preamble> call;
  std::string journal_target;
  Frame frame;
  DeferredCommand deferred;
};

// Sends the callback, runs the command again with its verdict (on the callback client's thread) and sends the
// reply frame once its writes are on disk; a command that asks a second callback asks it the same way.
void ask_then_answer(const std::shared_ptr<DeferredRun>& run, callback::AskFirst ask) {
  std::string command = ask.command;
  run->context.callbacks.ask(
      *run->app, *run->deferred.callbacks, ask.command, std::move(ask.body),
      [run, command = std::move(command)](callback::Verdict verdict) {
        run->deferred.callbacks->set_verdict(command, std::move(verdict));
        router::WriteWatch watch(run->context);
        api::Reply outcome;
        try {
          outcome = run->call->run(
              [&] {
                ChatCall chat_call{run->context,
                                   run->clients,
                                   *run->app,
                                   run->deferred.login,
                                   run->frame,
                                   run->frame.body,
                                   run->deferred.callbacks.get(),
                                   &run->sessions,
                                   run->binary,
                                   nullptr};
                return dispatch(chat_call);
              },
              ErrorCode::openim_internal_error);
        } catch (callback::AskFirst& next) {
          ask_then_answer(run, std::move(next));
          return;
        }
        const auto durability = watch.durability();
        auto encoded = encode_reply(run->frame, outcome, durability, run->binary);
        run->call->set_code(durability == store::Durability::lost ? ErrorCode::account_internal_error : outcome.code);
        run->call->record(journaled_request(run->frame, run->journal_target), encoded.journaled);
        auto after = notices_after(run->context, run->app, run->deferred.callbacks);
        if (durability != store::Durability::pending) {
          run->peer->send(std::move(encoded.frame));
          if (after) after();
          return;
        }
        watch.wait(encoded.journaled.journal_app, encoded.journaled.journal_seq)(
            [peer = run->peer, frame_ok = std::move(encoded.frame),
             frame_lost = std::move(encoded.frame_if_not_durable), after = std::move(after)](bool ok) mutable {
              peer->send(std::move(ok ? frame_ok : frame_lost));
              if (after) after();
            });
      });
}

class ChatSocket final : public router::SocketSession {
 public:
  ChatSocket(router::Context& context, client::Registry& clients, SocketSessions& sessions, bool binary,
             std::optional<core::SdkAppId> query_app, std::shared_ptr<router::SocketPeer> peer, std::string client_ip)
      : context_(context),
        clients_(clients),
        sessions_(sessions),
        binary_(binary),
        query_app_(query_app),
        socket_{sessions_.next_socket_id(), std::move(peer), binary},
        client_ip_(std::move(client_ip)) {}

  bool binary_frames() const override { return binary_; }
  void on_close() override {
    if (!current_) return;
    sessions_.detach(*current_, socket_.socket_id);
    // Logged in, no longer connected: its subscribers see it offline (USER_STATUS_OFFLINE).
    clients_.announce_status(current_->app, current_->user);
    clients_.disconnected(current_->app, current_->user);
  }

  router::SocketReply on_frame(std::string_view bytes) override {
    std::string problem;
    auto frame = decode_frame(bytes, problem);
    if (!frame) {
      // Without a servcmd and seq no reply can be matched to a request: the frame is logged and dropped.
      core::log::write(core::log::Level::warn, "Chat SDK frame dropped", {{"problem", problem}});
      return {};
    }
    // Fire-and-forget (§3.2): the client expects no reply.
    if (frame->servcmd == "openim.ws_msg_push_ack") return {};
    // As over HTTP, a reply that reports writes is sent once they are on disk (group commit).
    router::WriteWatch watch(context_);
    const auto dot = frame->servcmd.find('.');
    const std::string_view service = std::string_view(frame->servcmd).substr(0, dot);
    const std::string_view command =
        dot == std::string::npos ? std::string_view() : std::string_view(frame->servcmd).substr(dot + 1);
    auto call = std::make_shared<router::Preamble>(context_, router::Surface::chatsdk, service, command);
    // Whatever a step throws (a store failure on the login's account import, say) becomes the frame's error
    // reply, and the socket goes on.
    DeferredCommand deferred;
    const auto outcome =
        call->run([&] { return process(*frame, *call, deferred); }, ErrorCode::openim_internal_error);
    if (deferred.ask) {
      defer(std::move(*frame), call, std::move(deferred));
      return {};
    }
    router::SocketReply reply;
    if (deferred.parked) {
      // A parked get_msg: journaled now, answered by the net layer when the room has news or the hold ends.
      reply.pending = std::move(deferred.parked);
      router::HttpResponse journaled;
      journaled.body = router::envelope(api::Reply::ok({{"Parked", true}}), false);
      call->set_code(outcome.code);
      call->record(journaled_request(*frame, journal_target(frame->servcmd)), journaled);
      return reply;
    }
    if (const auto& fault = call->fault()) {
      reply.delay_ms = fault->delay_ms;
      reply.drop_connection = fault->drop_connection;
    }
    const auto durability = watch.durability();
    EncodedReply encoded;
    if (!reply.drop_connection) {
      encoded = encode_reply(*frame, outcome, durability, binary_);
      reply.frame = std::move(encoded.frame);
      reply.frame_if_not_durable = std::move(encoded.frame_if_not_durable);
    }
    encoded.journaled.drop_connection = reply.drop_connection;
    call->set_code(durability == store::Durability::lost ? ErrorCode::account_internal_error : outcome.code);
    call->record(journaled_request(*frame, journal_target(frame->servcmd)), encoded.journaled);
    if (durability == store::Durability::pending)
      reply.wait_durable = watch.wait(encoded.journaled.journal_app, encoded.journaled.journal_seq);
    if (!reply.drop_connection) reply.after_reply = notices_after(context_, call->shared_app(), deferred.callbacks);
    return reply;
  }

 private:
  std::string journal_target(const std::string& servcmd) const {
    return std::string(binary_ ? kBinaryPath : kTextPath) + "?servcmd=" + servcmd;
  }

  // Sends the callback `deferred` asked for, runs the command again with its verdict (on the callback
  // client's thread: only this call's copies, the context and the peer are touched there) and sends the reply.
  void defer(Frame frame, std::shared_ptr<router::Preamble> call, DeferredCommand deferred) {
    auto ask = std::move(*deferred.ask);
    auto run = std::make_shared<DeferredRun>(
        DeferredRun{context_, clients_, sessions_, socket_.peer, binary_, call->shared_app(), std::move(call),
                    journal_target(frame.servcmd), std::move(frame), std::move(deferred)});
    ask_then_answer(run, std::move(ask));
  }

  api::Reply process(const Frame& frame, router::Preamble& call, DeferredCommand& deferred) {
    const auto fail = [](ErrorCode code, std::string info = {}) { return api::Reply::error(code, std::move(info)); };
    const auto* head_sdkappid = frame.head.if_contains("sdkappid");
    auto sdkappid = head_sdkappid ? core::sdkappid_of(*head_sdkappid) : std::nullopt;
    if (!sdkappid) sdkappid = query_app_;
    if (auto refused = call.find_app(sdkappid)) return *refused;
    const core::App* app = call.app();

    // Who is calling.
    std::optional<client::Instance> login;
    std::int64_t sig_expires_at = 0;
    const auto& anonymous = socket_commands();
    const bool is_login = frame.servcmd == "im_open_status.wslogin";
    const auto a2 = head_text(frame.head, "a2");
    const auto tinyid = head_tinyid(frame.head);
    if (is_login) {
      const auto identifier = head_text(frame.head, "identifier");
      if (!a2.empty() && head_text(frame.head, "usersig").empty()) {
        // A reconnect logs in again with its A2Key (§6.10); an unknown one (say, after a restart) is expired.
        login = clients_.find(app->sdkappid, tinyid, a2, client::Protocol::chatsdk);
        if (!login) return fail(ErrorCode::usersig_expired, "unknown or expired A2Key: log in with a UserSig");
      } else {
        call.set_identifier(identifier);
        const client::Deps deps{context_.store, context_.clock, &context_.hub, context_.commands,
                                context_.sig_cache};
        auto admitted = client::admit_login(deps, *app, identifier, head_text(frame.head, "usersig"), &sig_expires_at);
        if (admitted.code != ErrorCode::ok) return admitted;
      }
    } else if (!anonymous.contains(frame.servcmd)) {
      if (!a2.empty()) login = clients_.find(app->sdkappid, tinyid, a2, client::Protocol::chatsdk);
      // A request without an A2Key acts for the socket's own login; one with an unknown A2Key does not.
      if (a2.empty() && current_)
        login = clients_.find(app->sdkappid, current_->tinyid, current_->a2, client::Protocol::chatsdk);
      // A kicked client still says goodbye with its old A2Key (§4: wslogout_type 1), and raises KICKED_OUT
      // only once that is answered: an error here would make it raise a userSigExpired one first. Nothing is
      // left to end, so it is simply OK.
      if (!login && frame.servcmd == "im_open_status.wslogout") {
        current_.reset();
        return api::Reply::ok();
      }
      if (!login)
        return fail(ErrorCode::usersig_expired, "not logged in, or the A2Key expired: log in again");
    } else {
      login = current_;
      if (!login) call.set_identifier(head_text(frame.head, "identifier"));
    }
    if (login) {
      call.set_identifier(login->user);
      // A login lasts as long as its UserSig (§4: 70001 makes the SDK report userSigExpired and log in again).
      if (!anonymous.contains(frame.servcmd) && clients_.expired(*login, context_.clock.now())) {
        clients_.logout(app->sdkappid, login->a2);
        return fail(ErrorCode::usersig_expired, "the UserSig of this login expired: log in with a new one");
      }
    }

    // The fault gate: after the login, before the command (as for REST and WebIM).
    if (auto replaced = call.fault_gate(&frame.body)) return *replaced;

    if (is_login) {
      if (!login)
        login = clients_.login(app->sdkappid, head_text(frame.head, "identifier"), client::Protocol::chatsdk,
                               sig_expires_at);
      // A socket holds one login at a time: a second wslogin on it takes the first one's pushes away.
      if (current_ && current_->a2 != login->a2) sessions_.detach(*current_, socket_.socket_id);
      sessions_.attach(*login, socket_);
      current_ = login;
      clients_.announce_status(login->app, login->user);
      return api::Reply::ok({{"A2Key", login->a2},
                             {"TinyId", login->tinyid},
                             {"InstId", login->inst_id},
                             {"HelloInterval", kHelloIntervalSeconds},
                             {"TimeStamp", context_.clock.now()},
                             {"PurchaseBits", purchase_bits()},
                             // The user's own custom status, which a new device shows (§6.1).
                             {"CustomStatus", wire_custom_status(clients_.statuses().custom(app->sdkappid, login->user))}});
    }
    deferred.callbacks = std::make_shared<callback::Callbacks>(app->options.callback,
                                                               std::string(callback::kWebPlatform), client_ip_);
    if (login) deferred.login = *login;
    ChatCall chat_call{
        context_,   clients_, *app,   deferred.login, frame, frame.body, deferred.callbacks.get(),
        &sessions_, binary_,  nullptr};
    try {
      auto reply = dispatch(chat_call);
      deferred.parked = std::move(chat_call.parked);
      if (frame.servcmd == "im_open_status.wslogout") current_.reset();
      return reply;
    } catch (callback::AskFirst& ask) {
      deferred.ask = std::move(ask);  // nothing was written: the reply comes once the app's server answered
      return api::Reply::ok();
    }
  }

  router::Context& context_;
  client::Registry& clients_;
  SocketSessions& sessions_;
  bool binary_;
  std::optional<core::SdkAppId> query_app_;
  Attachment socket_;
  std::optional<client::Instance> current_;  // the login made or resumed on this socket
  std::string client_ip_;                     // the peer's address: its callbacks' ClientIP
};

}  // namespace

bool is_socket_path(std::string_view path) { return path.ends_with(kBinaryPath) || path.ends_with(kTextPath); }

std::shared_ptr<router::SocketSession> Gateway::open_socket(const router::ParsedTarget& target,
                                                            std::shared_ptr<router::SocketPeer> peer,
                                                            std::string_view client_ip) {
  if (!is_socket_path(target.path)) return nullptr;
  std::optional<core::SdkAppId> query_app;
  if (const auto text = target.param("sdkappid")) query_app = core::parse_sdkappid(*text);
  return std::make_shared<ChatSocket>(context_, clients_, sessions_, target.path.ends_with(kBinaryPath), query_app,
                                      std::move(peer), std::string(client_ip));
}

}  // namespace timock::chatsdk
