#include "engine/vdf/mpz.hpp"

#include <memory>
#include <stdexcept>

namespace proofgrid::vdf {

Mpz::Mpz(const std::string& text) {
  mpz_init(v_);
  if (mpz_set_str(v_, text.c_str(), 0) != 0) {
    mpz_clear(v_);
    throw std::invalid_argument("not an integer: '" + text + "'");
  }
}

std::string Mpz::str(int base) const {
  std::string out(mpz_sizeinbase(v_, base) + 2, '\0');
  mpz_get_str(out.data(), base, v_);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Mpz mpz_from_be(const std::uint8_t* data, std::size_t len) {
  Mpz out;
  if (len > 0) mpz_import(out, len, 1, 1, 1, 0, data);
  return out;
}

}  // namespace proofgrid::vdf
