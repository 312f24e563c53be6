#pragma once
// The control process's admin socket: a Unix-domain socket in the config directory
// (<dir>/admin.sock, mode 0600, never on the network) on which `proofgrid status`,
// `worker pause|resume`, `reload` and `report` talk to the running control process.
//
// Protocol: one JSON object per line each way.
//   request   {"command":"status","args":{…}}            ("args" optional, "id" echoed back)
//   response  {"ok":true,"result":…}  or  {"ok":false,"error":"what went wrong and what to do"}
// Requests on one connection are answered in order, one at a time. Only the user the control
// process runs as is served: the peer's uid is checked with SO_PEERCRED on every connection.
//
// The control process registers one handler per command before start():
//   server.handle("status", [&](const json&) { return to_json(cluster.status()); });
//   server.handle_async("pause", [&](const json& args, AdminReply reply) {
//     round_loop.post([=] { reply.ok(apply_pause(args)); });  // answered from its own thread
//   });
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace proofgrid::ops {

inline constexpr std::string_view kAdminSocketName = "admin.sock";

// <config dir>/admin.sock.
std::filesystem::path admin_socket_path(const std::filesystem::path& config_dir);

// An admin-socket problem an operator can meet; what() says what is wrong and what to do.
// Handlers throw it (or any std::exception) to answer {"ok":false,"error":what()}.
class AdminError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The answer to one asynchronous request. Copyable; the first ok()/error() call answers, later
// calls do nothing. Safe from any thread, also after the server stopped (then nothing is sent).
class AdminReply {
 public:
  struct State;
  explicit AdminReply(std::shared_ptr<State> state) : state_(std::move(state)) {}
  void ok(nlohmann::json result) const;
  void error(std::string message) const;

 private:
  std::shared_ptr<State> state_;
};

using AdminHandler = std::function<nlohmann::json(const nlohmann::json& args)>;
using AsyncAdminHandler = std::function<void(const nlohmann::json& args, AdminReply reply)>;

struct AdminServerOptions {
  std::size_t max_connections = 16;
  std::size_t max_request_bytes = 64 * 1024;  // one request line
  std::chrono::milliseconds idle_timeout{60000};
  mode_t socket_mode = 0600;  // tests widen it to reach the SO_PEERCRED check
};

class AdminServer {
 public:
  explicit AdminServer(std::filesystem::path socket_path, AdminServerOptions options = {});
  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // Register before start(). A synchronous handler runs on the server's thread and answers
  // with its return value; it must not block for long (use handle_async for that).
  void handle(std::string command, AdminHandler handler);
  void handle_async(std::string command, AsyncAdminHandler handler);

  // Creates the socket and serves it on a thread of its own. A socket file left by a crashed
  // process (nothing accepts on it) is replaced; a live one is an AdminError ("another control
  // process is already listening …"), as is a path that exists and is not a socket.
  void start();
  // Stops serving, closes every connection and removes the socket file if it is still ours.
  void stop();

  const std::filesystem::path& path() const;
  bool replaced_stale_socket() const;  // start() removed a crashed process's socket file
  std::uint64_t refused_peers() const;  // connections refused for their uid

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request to the control process behind <config_dir>/admin.sock; returns "result".
// Throws AdminError: no control process listening ("no control process is listening on
// <path> — is proofgrid running with --config <dir>?"), permission denied (another user's
// socket), no answer within `timeout`, or the control's own error message.
nlohmann::json admin_request(const std::filesystem::path& config_dir, std::string_view command,
                             const nlohmann::json& args = nlohmann::json::object(),
                             std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace proofgrid::ops
