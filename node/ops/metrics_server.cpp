#include "node/ops/metrics_server.hpp"

#include <atomic>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "node/ops/server_thread.hpp"
#include "transport/endpoint.hpp"

namespace proofgrid::ops {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::size_t kMaxRequestHead = 8192;

std::string response(std::string_view status, std::string_view content_type, const std::string& body,
                     bool head_only, std::string_view extra_headers = {}) {
  std::string out = "HTTP/1.1 " + std::string(status) + "\r\nContent-Type: " + std::string(content_type) +
                    "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + std::string(extra_headers) +
                    "Connection: close\r\n\r\n";
  if (!head_only) out += body;
  return out;
}

std::string text_response(std::string_view status, const std::string& body, std::string_view extra = {}) {
  return response(status, "text/plain; charset=utf-8", body, false, extra);
}

std::string bind_advice(const error_code& ec, const tcp::endpoint& ep) {
  const std::string port = std::to_string(ep.port());
  if (ec == asio::error::address_in_use)
    return "port " + port + " is already in use on this machine (find the owner with: ss -ltnp 'sport = :" + port +
           "'); choose another port in metrics.listenAddress";
  if (ec == boost::system::errc::address_not_available)
    return "address " + ep.address().to_string() +
           " is not on this machine (see: ip -br addr); fix metrics.listenAddress or leave it out for 127.0.0.1";
  if (ec == asio::error::access_denied)
    return "port " + port + " needs privileges this process lacks; use a port of 1024 or above";
  return ec.message();
}

}  // namespace

MetricsServerOptions metrics_options(const config::Multiaddr& address) {
  MetricsServerOptions o;
  o.host = address.host();
  o.port = std::to_string(address.port());
  return o;
}

struct MetricsServer::Impl {
  Impl(const Registry& r, MetricsServerOptions o) : registry(r), options(std::move(o)), acceptor(server.io()) {}

  // One request: read the head, answer, close.
  struct Connection : std::enable_shared_from_this<Connection> {
    Connection(Impl& s, tcp::socket sock) : server(s), socket(std::move(sock)), timer(s.server.io()) {}
    Impl& server;
    tcp::socket socket;
    asio::steady_timer timer;
    std::string head, reply;

    void start() {
      timer.expires_after(server.options.request_timeout);
      timer.async_wait([self = shared_from_this()](const error_code& ec) {
        if (!ec) self->socket.close();  // too slow: drop it
      });
      asio::async_read_until(socket, asio::dynamic_buffer(head, kMaxRequestHead), "\r\n\r\n",
                             [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_head(ec); });
    }

    void on_head(const error_code& ec) {
      if (ec == asio::error::not_found) return send(text_response("431 Request Header Fields Too Large", "request head over 8 KiB\n"));
      if (ec) return (void)timer.cancel();
      send(answer(head.substr(0, head.find("\r\n"))));
    }

    std::string answer(const std::string& request_line) {
      auto sp1 = request_line.find(' ');
      auto sp2 = sp1 == std::string::npos ? sp1 : request_line.find(' ', sp1 + 1);
      if (sp2 == std::string::npos || request_line.compare(sp2 + 1, 7, "HTTP/1.") != 0)
        return text_response("400 Bad Request", "expected an HTTP/1.x request line like: GET /metrics HTTP/1.1\n");
      std::string method = request_line.substr(0, sp1);
      std::string path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
      path = path.substr(0, path.find('?'));
      if (method != "GET" && method != "HEAD")
        return text_response("405 Method Not Allowed", "only GET and HEAD are served\n", "Allow: GET, HEAD\r\n");
      if (path != "/metrics") return text_response("404 Not Found", "proofgrid serves its metrics at /metrics\n");
      ++server.served;
      return response("200 OK", kMetricsContentType, server.registry.render(), method == "HEAD");
    }

    void send(std::string text) {
      reply = std::move(text);
      asio::async_write(socket, asio::buffer(reply), [self = shared_from_this()](const error_code&, std::size_t) {
        error_code ignored;
        self->socket.shutdown(tcp::socket::shutdown_both, ignored);
        self->socket.close(ignored);
        self->timer.cancel();
      });
    }

    void close() {
      error_code ignored;
      socket.close(ignored);
      timer.cancel();
    }
  };

  void bind() {
    const std::string who = "cannot serve metrics on " + options.host + ":" + options.port + ": ";
    error_code ec;
    tcp::resolver resolver(server.io());
    auto results = resolver.resolve(options.host, options.port, tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec)
      throw MetricsError(who + "cannot resolve it (" + ec.message() +
                         "); set metrics.listenAddress to an address of this machine, like /ip4/127.0.0.1/tcp/9464");
    std::string last = "no address";
    for (const auto& entry : results) {
      tcp::endpoint ep = entry.endpoint();
      if (transport::listen_on(acceptor, ep, ec)) return;
      last = bind_advice(ec, ep);
    }
    acceptor.close(ec);
    throw MetricsError(who + last);
  }

  const Registry& registry;
  MetricsServerOptions options;
  ServerThread server;
  tcp::acceptor acceptor;
  tcp::endpoint bound;
  std::atomic<std::uint64_t> served{0};
};

MetricsServer::MetricsServer(const Registry& registry, MetricsServerOptions options)
    : impl_(std::make_unique<Impl>(registry, std::move(options))) {}

MetricsServer::~MetricsServer() { stop(); }

void MetricsServer::start() {
  if (impl_->server.running()) return;
  impl_->bind();
  impl_->bound = impl_->acceptor.local_endpoint();
  impl_->server.accept(impl_->acceptor, impl_->options.max_connections,
                       [this](tcp::socket s) { return std::make_shared<Impl::Connection>(*impl_, std::move(s)); });
  impl_->server.run();
}

void MetricsServer::stop() {
  impl_->server.stop([this] {
    error_code ignored;
    impl_->acceptor.close(ignored);
  });
}

std::uint16_t MetricsServer::port() const { return impl_->bound.port(); }
std::string MetricsServer::address() const { return transport::endpoint_text(impl_->bound); }
bool MetricsServer::loopback_only() const { return transport::is_loopback(impl_->bound.address()); }
std::uint64_t MetricsServer::scrapes() const { return impl_->served.load(); }

}  // namespace proofgrid::ops
