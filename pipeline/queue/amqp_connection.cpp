#include "amqp_connection.hpp"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>

#include <sys/time.h>

#include <filesystem>

namespace chartflow::queue {
namespace {

using Clock = std::chrono::steady_clock;

timeval to_timeval(std::chrono::milliseconds ms) {
  if (ms.count() < 0) ms = std::chrono::milliseconds(0);
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

std::string text_of(amqp_bytes_t bytes) { return bytes.len ? std::string(static_cast<const char*>(bytes.bytes), bytes.len) : std::string(); }

amqp_bytes_t bytes_of(std::string_view text) { return {text.size(), const_cast<char*>(text.data())}; }

// The broker's (or the library's) words for a failed call.
std::string reason_of(const amqp_rpc_reply_t& reply) {
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL: return "ok";
    case AMQP_RESPONSE_NONE: return "no reply from the broker";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION: return amqp_error_string2(reply.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto* m = static_cast<const amqp_connection_close_t*>(reply.reply.decoded);
        return std::to_string(m->reply_code) + " " + text_of(m->reply_text);
      }
      if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto* m = static_cast<const amqp_channel_close_t*>(reply.reply.decoded);
        return std::to_string(m->reply_code) + " " + text_of(m->reply_text);
      }
      return "the broker closed the channel";
  }
  return "unknown";
}

bool channel_closed_by_server(const amqp_rpc_reply_t& reply) {
  return reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION && reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD;
}

std::int64_t integer_of(const amqp_field_value_t& v) {
  switch (v.kind) {
    case AMQP_FIELD_KIND_I8: return v.value.i8;
    case AMQP_FIELD_KIND_U8: return v.value.u8;
    case AMQP_FIELD_KIND_I16: return v.value.i16;
    case AMQP_FIELD_KIND_U16: return v.value.u16;
    case AMQP_FIELD_KIND_I32: return v.value.i32;
    case AMQP_FIELD_KIND_U32: return v.value.u32;
    case AMQP_FIELD_KIND_I64: return v.value.i64;
    case AMQP_FIELD_KIND_U64: return static_cast<std::int64_t>(v.value.u64);
    default: return 0;
  }
}

amqp_table_entry_t text_entry(const char* key, const std::string& value) {
  amqp_table_entry_t e{};
  e.key = amqp_cstring_bytes(key);
  e.value.kind = AMQP_FIELD_KIND_UTF8;
  e.value.value.bytes = bytes_of(value);
  return e;
}

}  // namespace

AmqpConnection::AmqpConnection(const BrokerUrl& url, const BrokerLogin& login, std::chrono::seconds timeout) : url_(url) {
  conn_ = amqp_new_connection();
  auto fail = [&](BrokerFailure failure, const std::string& message) {
    amqp_destroy_connection(conn_);
    conn_ = nullptr;
    throw BrokerError(failure, message);
  };
  amqp_socket_t* socket = url.tls ? amqp_ssl_socket_new(conn_) : amqp_tcp_socket_new(conn_);
  if (!socket) fail(BrokerFailure::unreachable, "cannot create a socket for the broker");
  if (url.tls) {
    const std::string ca = login.ca_file.empty() ? "/etc/ssl/certs/ca-certificates.crt" : login.ca_file;
    if (amqp_ssl_socket_set_cacert(socket, ca.c_str()) != AMQP_STATUS_OK)
      fail(BrokerFailure::unreachable, "cannot load the CA certificates in " + ca + " (CHARTFLOW_BROKER_CA_FILE)");
    amqp_ssl_socket_set_verify_peer(socket, 1);
    amqp_ssl_socket_set_verify_hostname(socket, 1);
    if (!login.cert_file.empty() && amqp_ssl_socket_set_key(socket, login.cert_file.c_str(), login.key_file.c_str()) != AMQP_STATUS_OK)
      fail(BrokerFailure::unreachable, "cannot load the client certificate " + login.cert_file + " with its key " + login.key_file);
  }
  timeval tv = to_timeval(timeout);
  if (const int status = amqp_socket_open_noblock(socket, url.host.c_str(), url.port, &tv); status != AMQP_STATUS_OK)
    fail(BrokerFailure::unreachable, "cannot connect to the broker at " + url.display() + ": " + amqp_error_string2(status) +
                                         " (is RabbitMQ running there? are the host, port and amqp/amqps scheme right?)");
  amqp_set_rpc_timeout(conn_, &tv);
  const amqp_rpc_reply_t reply = amqp_login(conn_, url.vhost.c_str(), 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, login.user.c_str(), login.password.c_str());
  if (reply.reply_type != AMQP_RESPONSE_NORMAL)
    fail(BrokerFailure::login_refused, "the broker at " + url.display() + " refused the login of user '" + login.user + "' (" + reason_of(reply) +
                                           "): check CHARTFLOW_BROKER_USER and CHARTFLOW_BROKER_PASSWORD (or CHARTFLOW_BROKER_CREDENTIALS_FILE) and "
                                           "that the user may use the vhost");
  try {
    open_channel(1);
  } catch (const BrokerError& e) {
    fail(e.failure(), e.what());
  }
}

AmqpConnection::~AmqpConnection() {
  if (!conn_) return;
  amqp_connection_close(conn_, AMQP_REPLY_SUCCESS);  // best effort: the broker may be gone already
  amqp_destroy_connection(conn_);
}

void AmqpConnection::open_channel(std::uint16_t channel) {
  amqp_channel_open(conn_, channel);
  check_reply("open channel " + std::to_string(channel), channel);
}

// After a synchronous call: returns when it succeeded; otherwise answers a channel the broker
// closed (so the connection stays usable) and throws.
void AmqpConnection::check_reply(const std::string& what, std::uint16_t channel) {
  const amqp_rpc_reply_t reply = amqp_get_rpc_reply(conn_);
  if (reply.reply_type == AMQP_RESPONSE_NORMAL) return;
  const std::string reason = reason_of(reply);
  if (channel_closed_by_server(reply)) {
    amqp_channel_close_ok_t ok{};
    amqp_send_method(conn_, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
    throw BrokerError(BrokerFailure::refused, "the broker refused to " + what + ": " + reason);
  }
  throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + " during " + what + ": " + reason);
}

void AmqpConnection::declare_quorum_queue(const std::string& queue) {
  const std::string quorum = "quorum";
  amqp_table_entry_t entries[] = {text_entry("x-queue-type", quorum)};
  const amqp_table_t arguments{1, entries};
  amqp_queue_declare(conn_, 1, bytes_of(queue), 0, 1, 0, 0, arguments);
  try {
    check_reply("declare queue '" + queue + "'", 1);
  } catch (const BrokerError& e) {
    if (e.failure() != BrokerFailure::refused) throw;
    open_channel(1);  // it exists with other arguments: use it as it is
    amqp_queue_declare(conn_, 1, bytes_of(queue), 1, 0, 0, 0, amqp_empty_table);
    check_reply("find queue '" + queue + "'", 1);
  }
}

QueueDeclaration AmqpConnection::declare_queues(const std::string& queue, unsigned delivery_limit) {
  const std::string quarantine = queue + ".quarantine";
  declare_quorum_queue(quarantine);  // first: the work queue dead-letters into it
  const std::string quorum = "quorum", no_exchange, at_least_once = "at-least-once", reject = "reject-publish";
  amqp_table_entry_t entries[] = {text_entry("x-queue-type", quorum), {}, text_entry("x-dead-letter-exchange", no_exchange),
                                  text_entry("x-dead-letter-routing-key", quarantine), text_entry("x-dead-letter-strategy", at_least_once),
                                  text_entry("x-overflow", reject)};
  entries[1].key = amqp_cstring_bytes("x-delivery-limit");
  entries[1].value.kind = AMQP_FIELD_KIND_I64;
  entries[1].value.value.i64 = delivery_limit;
  const amqp_table_t arguments{static_cast<int>(std::size(entries)), entries};
  amqp_queue_declare(conn_, 1, bytes_of(queue), 0, 1, 0, 0, arguments);
  try {
    check_reply("declare queue '" + queue + "'", 1);
    return QueueDeclaration::as_declared;
  } catch (const BrokerError& e) {
    if (e.failure() != BrokerFailure::refused) throw;
  }
  open_channel(1);
  amqp_queue_declare(conn_, 1, bytes_of(queue), 1, 0, 0, 0, amqp_empty_table);
  check_reply("find queue '" + queue + "'", 1);
  return QueueDeclaration::other_arguments;
}

void AmqpConnection::publish(const std::string& queue, std::string_view body, std::chrono::seconds timeout) {
  if (!confirms_) {
    amqp_confirm_select(conn_, 1);
    check_reply("turn on publisher confirms", 1);
    confirms_ = true;
  }
  amqp_basic_properties_t props{};
  props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
  props.content_type = amqp_cstring_bytes("application/json");
  props.delivery_mode = AMQP_DELIVERY_PERSISTENT;
  // mandatory: a message no queue takes comes back instead of vanishing.
  if (const int status = amqp_basic_publish(conn_, 1, amqp_empty_bytes, bytes_of(queue), 1, 0, &props, bytes_of(body)); status != AMQP_STATUS_OK)
    throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + " while publishing: " + amqp_error_string2(status));
  const std::uint64_t tag = ++published_;
  const auto deadline = Clock::now() + timeout;
  bool returned = false;
  for (;;) {
    amqp_frame_t frame;
    timeval tv = to_timeval(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    const int status = amqp_simple_wait_frame_noblock(conn_, &frame, &tv);
    if (status == AMQP_STATUS_TIMEOUT)
      throw BrokerError(BrokerFailure::lost, "the broker at " + url_.display() + " did not confirm a message within " + std::to_string(timeout.count()) + " s");
    if (status != AMQP_STATUS_OK) throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + ": " + amqp_error_string2(status));
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    switch (frame.payload.method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        const auto* ack = static_cast<const amqp_basic_ack_t*>(frame.payload.method.decoded);
        if (ack->delivery_tag < tag && !ack->multiple) continue;
        if (returned) throw BrokerError(BrokerFailure::refused, "no queue named '" + queue + "' took the message");
        return;
      }
      case AMQP_BASIC_NACK_METHOD:
        throw BrokerError(BrokerFailure::refused, "the broker refused a message for '" + queue + "' (is the queue full? it rejects publishes when it is)");
      case AMQP_BASIC_RETURN_METHOD: {
        amqp_message_t message;
        amqp_read_message(conn_, frame.channel, &message, 0);
        amqp_destroy_message(&message);
        returned = true;
        continue;
      }
      case AMQP_CHANNEL_CLOSE_METHOD: {
        const auto* m = static_cast<const amqp_channel_close_t*>(frame.payload.method.decoded);
        const std::string reason = std::to_string(m->reply_code) + " " + text_of(m->reply_text);
        amqp_channel_close_ok_t ok{};
        amqp_send_method(conn_, frame.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
        confirms_ = false, published_ = 0;
        open_channel(1);
        throw BrokerError(BrokerFailure::refused, "the broker refused a message for '" + queue + "': " + reason);
      }
      case AMQP_CONNECTION_CLOSE_METHOD: throw BrokerError(BrokerFailure::lost, "the broker at " + url_.display() + " closed the connection");
      default: continue;
    }
  }
}

void AmqpConnection::consume(const std::string& queue, unsigned prefetch) {
  if (next_channel_ >= std::size(consumed_)) throw std::logic_error("too many consumers on one connection");
  const std::uint16_t channel = next_channel_++;
  open_channel(channel);
  amqp_basic_qos(conn_, channel, 0, static_cast<std::uint16_t>(prefetch), 0);
  check_reply("set the prefetch of '" + queue + "'", channel);
  amqp_basic_consume(conn_, channel, bytes_of(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
  check_reply("consume '" + queue + "'", channel);
  consumed_[channel] = queue;
}

std::optional<Delivery> AmqpConnection::next(std::chrono::milliseconds timeout) {
  amqp_maybe_release_buffers(conn_);
  amqp_envelope_t envelope;
  timeval tv = to_timeval(timeout);
  const amqp_rpc_reply_t reply = amqp_consume_message(conn_, &envelope, &tv, 0);
  if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_TIMEOUT) return std::nullopt;
  if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
    handle_unexpected_frame();
    return std::nullopt;
  }
  if (reply.reply_type != AMQP_RESPONSE_NORMAL)
    throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + ": " + reason_of(reply));
  Delivery d;
  d.channel = envelope.channel;
  d.tag = envelope.delivery_tag;
  d.queue = envelope.channel < std::size(consumed_) ? consumed_[envelope.channel] : std::string();
  d.body = text_of(envelope.message.body);
  d.redelivered = envelope.redelivered;
  const auto& props = envelope.message.properties;
  if (props._flags & AMQP_BASIC_HEADERS_FLAG)
    for (int i = 0; i < props.headers.num_entries; ++i)
      if (text_of(props.headers.entries[i].key) == "x-delivery-count") d.delivery_count = integer_of(props.headers.entries[i].value);
  amqp_destroy_envelope(&envelope);
  return d;
}

// A frame that is not a delivery while consuming: the broker closing a channel or the
// connection (a deleted queue, an ack timeout, a shutdown), or a stray confirm.
void AmqpConnection::handle_unexpected_frame() {
  amqp_frame_t frame;
  if (const int status = amqp_simple_wait_frame(conn_, &frame); status != AMQP_STATUS_OK)
    throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + ": " + amqp_error_string2(status));
  if (frame.frame_type != AMQP_FRAME_METHOD) return;
  switch (frame.payload.method.id) {
    case AMQP_CHANNEL_CLOSE_METHOD: {
      const auto* m = static_cast<const amqp_channel_close_t*>(frame.payload.method.decoded);
      const std::string reason = std::to_string(m->reply_code) + " " + text_of(m->reply_text);
      amqp_channel_close_ok_t ok{};
      amqp_send_method(conn_, frame.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
      throw BrokerError(BrokerFailure::lost, "the broker closed the channel of '" + consumed_[frame.channel % std::size(consumed_)] + "': " + reason);
    }
    case AMQP_CONNECTION_CLOSE_METHOD: throw BrokerError(BrokerFailure::lost, "the broker at " + url_.display() + " closed the connection");
    case AMQP_BASIC_CANCEL_METHOD:
      throw BrokerError(BrokerFailure::lost, "the broker cancelled the consumer of '" + consumed_[frame.channel % std::size(consumed_)] + "' (was the queue deleted?)");
    default: return;
  }
}

void AmqpConnection::ack(const Delivery& delivery) {
  if (const int status = amqp_basic_ack(conn_, delivery.channel, delivery.tag, 0); status != AMQP_STATUS_OK)
    throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + " while acknowledging: " + amqp_error_string2(status));
}

void AmqpConnection::requeue(const Delivery& delivery) {
  if (const int status = amqp_basic_reject(conn_, delivery.channel, delivery.tag, 1); status != AMQP_STATUS_OK)
    throw BrokerError(BrokerFailure::lost, "lost the broker at " + url_.display() + " while returning a message: " + amqp_error_string2(status));
}

}  // namespace chartflow::queue
