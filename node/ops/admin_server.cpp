// The server side of the admin socket (admin_socket.hpp): its own thread and io_context, one
// request at a time per connection, the peer's uid checked before anything is read.
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "node/ops/admin_socket.hpp"
#include "node/ops/server_thread.hpp"
#include "node/ops/unix_socket.hpp"

namespace proofgrid::ops {

namespace asio = boost::asio;
using unix_socket = asio::local::stream_protocol;
using boost::system::error_code;
using json = nlohmann::json;

namespace {

std::string line_of(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

json error_answer(const std::string& message) { return {{"ok", false}, {"error", message}}; }

}  // namespace

std::filesystem::path admin_socket_path(const std::filesystem::path& config_dir) {
  return config_dir / std::string(kAdminSocketName);
}

// Where asynchronous replies go: the server's io_context while it runs, nowhere after stop().
struct ReplyGate {
  std::mutex mutex;
  asio::io_context* io = nullptr;
};

// One request's answer: `deliver` writes it on the server thread. An answer never given (the
// handler dropped its AdminReply) becomes an error, so no client waits for nothing.
struct AdminReply::State {
  std::shared_ptr<ReplyGate> gate;
  std::function<void(json)> deliver;
  std::atomic<bool> answered{false};

  void send(json response) {
    if (answered.exchange(true)) return;
    std::lock_guard lock(gate->mutex);
    if (!gate->io) return;
    asio::post(*gate->io, [d = deliver, r = std::move(response)]() mutable { d(std::move(r)); });
  }
  ~State() {
    if (!answered) send(error_answer("the control process dropped this request without answering it"));
  }
};

struct AdminServer::Impl {
  struct Connection;

  Impl(std::filesystem::path p, AdminServerOptions o)
      : path(std::move(p)), options(o), acceptor(server.io()), gate(std::make_shared<ReplyGate>()) {}

  std::filesystem::path path;
  AdminServerOptions options;
  std::map<std::string, AsyncAdminHandler> handlers;
  ServerThread server;
  unix_socket::acceptor acceptor;
  std::shared_ptr<ReplyGate> gate;
  bool stale_replaced = false;
  ino_t inode = 0;
  dev_t device = 0;
  std::atomic<std::uint64_t> refused{0};

  std::string known_commands() const {
    std::string out;
    for (const auto& [name, handler] : handlers) out += (out.empty() ? "" : ", ") + name;
    return out;
  }

  void replace_stale_socket();
  void bind();
};

struct AdminServer::Impl::Connection : std::enable_shared_from_this<Connection> {
  Connection(Impl& s, unix_socket::socket sock) : server(s), socket(std::move(sock)), timer(s.server.io()) {}
  Impl& server;
  unix_socket::socket socket;
  asio::steady_timer timer;
  std::string input, output;
  std::shared_ptr<Connection> awaiting;  // set while a handler holds this request

  void start() {
    ucred peer{};
    socklen_t len = sizeof peer;
    if (::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 || peer.uid != ::geteuid()) {
      ++server.refused;
      const std::string me = user_name(::geteuid());
      return finish(error_answer("refused: this admin socket serves only " + me + ", the user the control process runs as, "
                                 "and this connection came from " + user_name(peer.uid) + ". Run the command as " + me +
                                 " (e.g. sudo -u " + me + " proofgrid status --config DIR)"),
                    true);
    }
    read_request();
  }

  void read_request() {
    timer.expires_after(server.options.idle_timeout);
    timer.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->socket.close();
    });
    asio::async_read_until(socket, asio::dynamic_buffer(input, server.options.max_request_bytes), '\n',
                           [self = shared_from_this()](const error_code& ec, std::size_t n) { self->on_line(ec, n); });
  }

  void on_line(const error_code& ec, std::size_t n) {
    timer.cancel();
    if (ec == asio::error::not_found)
      return finish(error_answer("a request line is limited to " + std::to_string(server.options.max_request_bytes) +
                                 " bytes"),
                    true);
    if (ec) return;
    std::string line = input.substr(0, n - 1);
    input.erase(0, n);
    dispatch(line);
  }

  void dispatch(const std::string& line) {
    json request = json::parse(line, nullptr, false);
    if (request.is_discarded() || !request.is_object() || !request.contains("command") || !request["command"].is_string())
      return answer({}, error_answer("a request is one JSON object per line, like {\"command\":\"status\",\"args\":{}}"));
    const json id = request.value("id", json());
    const std::string command = request["command"];
    auto it = server.handlers.find(command);
    if (it == server.handlers.end())
      return answer(id, error_answer("unknown command \"" + command + "\"; this control process answers: " +
                                     server.known_commands()));
    json args = request.value("args", json::object());
    auto state = std::make_shared<AdminReply::State>();
    state->gate = server.gate;
    state->deliver = [weak = weak_from_this(), id](json response) {
      if (auto c = weak.lock()) c->answer(id, std::move(response));
    };
    awaiting = shared_from_this();  // alive until answered (or the server stops)
    try {
      it->second(args, AdminReply(state));
    } catch (const std::exception& e) {
      AdminReply(state).error(e.what());
    }
  }

  // On the server thread: send one answer, then read the next request.
  void answer(const json& id, json response) {
    awaiting.reset();
    if (!id.is_null()) response["id"] = id;
    finish(std::move(response), false);
  }

  void close() {
    awaiting.reset();
    error_code ignored;
    socket.close(ignored);
    timer.cancel();
  }

  void finish(const json& response, bool close_after) {
    output = line_of(response);
    asio::async_write(socket, asio::buffer(output), [self = shared_from_this(), close_after](const error_code& ec, std::size_t) {
      if (ec || close_after) {
        error_code ignored;
        self->socket.close(ignored);
        return;
      }
      self->read_request();
    });
  }
};

void AdminReply::ok(json result) const { state_->send({{"ok", true}, {"result", std::move(result)}}); }
void AdminReply::error(std::string message) const { state_->send(error_answer(message)); }

void AdminServer::Impl::replace_stale_socket() {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // nothing there
  if (!S_ISSOCK(st.st_mode))
    throw AdminError(path.string() + " exists and is not a socket; the control process needs that name for its "
                     "admin socket: move the file away");
  int fd = connect_unix(path);
  if (fd >= 0) {
    ucred peer{};
    socklen_t len = sizeof peer;
    std::string who = ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0 ? " (pid " + std::to_string(peer.pid) + ")" : "";
    ::close(fd);
    throw AdminError("another control process" + who + " is already listening on " + path.string() +
                     ": one control process per config directory. Stop it first, or use another --config directory");
  }
  if (errno != ECONNREFUSED)
    throw AdminError("cannot check " + path.string() + ": " + std::strerror(errno));
  // Left by a process that ended without removing it: nothing accepts connections there.
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    throw AdminError("cannot remove the stale socket " + path.string() + ": " + std::strerror(errno));
  stale_replaced = true;
}

void AdminServer::Impl::bind() {
  unix_address(path);  // the length check, with its message
  replace_stale_socket();
  error_code ec;
  acceptor.open(unix_socket(), ec);
  if (!ec) acceptor.bind(unix_socket::endpoint(path.string()), ec);
  if (ec) {
    std::string hint = ec == boost::system::errc::permission_denied || ec == boost::system::errc::read_only_file_system
                           ? " (the config directory must be writable by the control process's user)"
                           : ec == boost::system::errc::no_such_file_or_directory ? " (the config directory does not exist)" : "";
    throw AdminError("cannot create the admin socket " + path.string() + ": " + ec.message() + hint);
  }
  // The mode is set before listen(): until then nobody can connect, so there is no window
  // in which another user could.
  if (::chmod(path.c_str(), options.socket_mode) != 0) throw AdminError("cannot chmod " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    inode = st.st_ino;
    device = st.st_dev;
  }
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw AdminError("cannot listen on " + path.string() + ": " + ec.message());
}

AdminServer::AdminServer(std::filesystem::path socket_path, AdminServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(socket_path), options)) {}

AdminServer::~AdminServer() { stop(); }

void AdminServer::handle(std::string command, AdminHandler handler) {
  handle_async(std::move(command), [h = std::move(handler)](const json& args, AdminReply reply) { reply.ok(h(args)); });
}

void AdminServer::handle_async(std::string command, AsyncAdminHandler handler) {
  if (impl_->server.running()) throw std::logic_error("AdminServer::handle after start()");
  impl_->handlers[std::move(command)] = std::move(handler);
}

void AdminServer::start() {
  if (impl_->server.running()) return;
  impl_->bind();
  {
    std::lock_guard lock(impl_->gate->mutex);
    impl_->gate->io = &impl_->server.io();
  }
  impl_->server.accept(impl_->acceptor, impl_->options.max_connections, [this](unix_socket::socket s) {
    return std::make_shared<Impl::Connection>(*impl_, std::move(s));
  });
  impl_->server.run();
}

void AdminServer::stop() {
  if (!impl_->server.running()) return;
  {
    std::lock_guard lock(impl_->gate->mutex);  // no reply is posted from now on
    impl_->gate->io = nullptr;
  }
  impl_->server.stop([this] {
    error_code ignored;
    impl_->acceptor.close(ignored);
  });
  // Remove the file only if it is still the one this server created.
  struct stat st {};
  if (::lstat(impl_->path.c_str(), &st) == 0 && st.st_ino == impl_->inode && st.st_dev == impl_->device)
    ::unlink(impl_->path.c_str());
}

const std::filesystem::path& AdminServer::path() const { return impl_->path; }
bool AdminServer::replaced_stale_socket() const { return impl_->stale_replaced; }
std::uint64_t AdminServer::refused_peers() const { return impl_->refused.load(); }

}  // namespace proofgrid::ops
