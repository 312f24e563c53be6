#include "transport/endpoint.hpp"

#include <boost/asio/error.hpp>

#include "transport/errors.hpp"

namespace proofgrid::transport {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string endpoint_text(const tcp::endpoint& ep) {
  const auto& a = ep.address();
  std::string host = a.to_string();
  if (a.is_v6()) {
    const auto v6 = a.to_v6();
    host = v6.is_v4_mapped() ? asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_string()
                             : "[" + host + "]";
  }
  return host + ":" + std::to_string(ep.port());
}

bool is_loopback(const asio::ip::address& a) {
  if (a.is_v4()) return a.to_v4().is_loopback();
  const auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();
}

namespace {

std::string bind_advice(const boost::system::error_code& ec, const tcp::endpoint& ep) {
  if (ec == asio::error::address_in_use) {
    return "port " + std::to_string(ep.port()) +
           " is already in use on this machine: another process (perhaps a worker started "
           "twice with the same --core) listens there. Stop it, or give this slot another port "
           "(find the owner with: ss -ltnp 'sport = :" + std::to_string(ep.port()) + "')";
  }
  if (ec == boost::system::errc::address_not_available) {
    return "address " + ep.address().to_string() +
           " is not on this machine. Start this worker on the machine that has it, or fix the "
           "slot's address in the cluster config (see: ip -br addr)";
  }
  if (ec == asio::error::access_denied) {
    return "port " + std::to_string(ep.port()) +
           " needs privileges this process lacks; use a port of 1024 or above";
  }
  return ec.message();
}

}  // namespace

bool listen_on(tcp::acceptor& acceptor, const tcp::endpoint& ep, boost::system::error_code& ec) {
  acceptor.close(ec);
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  return !ec;
}

void open_listener(tcp::acceptor& acceptor, const std::string& host, const std::string& port,
                   const PeerLabel& label, bool loopback_only) {
  const std::string who = label.text() + ": cannot listen on " + host + ":" + port + ": ";
  boost::system::error_code ec;
  tcp::resolver resolver(acceptor.get_executor());
  auto results = resolver.resolve(host, port, tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) {
    throw TransportError(who + "cannot resolve it (" + ec.message() +
                         "); use an IP address or a name this machine resolves, and a numeric port");
  }
  std::string last_error = "no address";
  for (const auto& entry : results) {
    tcp::endpoint ep = entry.endpoint();
    if (loopback_only && !is_loopback(ep.address())) {
      throw TransportError(who + "insecure_loopback_no_auth is only allowed on a loopback "
                                 "address (127.0.0.1 or ::1), and " + ep.address().to_string() +
                           " is not one. Configure the control key fingerprint instead");
    }
    if (listen_on(acceptor, ep, ec)) return;
    last_error = bind_advice(ec, ep);
  }
  acceptor.close(ec);
  throw TransportError(who + last_error);
}

}  // namespace proofgrid::transport
