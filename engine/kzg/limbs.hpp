#pragma once
// Fixed-width unsigned integers as little-endian 64-bit limb arrays: constexpr parsing of the
// spec's hex constants, comparison, and big-endian byte conversion.
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "engine/common/bytes.hpp"

namespace proofgrid::kzg {

__extension__ typedef unsigned __int128 u128;  // __extension__: -Wpedantic knows no __int128

template <std::size_t N>
using Limbs = std::array<std::uint64_t, N>;

// "0x…" (or bare) hex to limbs, at compile time for constants. Too many digits or a non-hex
// character is a compile error when used in a constant expression.
template <std::size_t N>
constexpr Limbs<N> limbs_from_hex(std::string_view hex) {
  if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
  Limbs<N> out{};
  std::size_t bit = 0;
  for (std::size_t k = hex.size(); k-- > 0; bit += 4) {
    const char ch = hex[k];
    std::uint64_t d = 0;
    if (ch >= '0' && ch <= '9') d = static_cast<std::uint64_t>(ch - '0');
    else if (ch >= 'a' && ch <= 'f') d = static_cast<std::uint64_t>(ch - 'a' + 10);
    else if (ch >= 'A' && ch <= 'F') d = static_cast<std::uint64_t>(ch - 'A' + 10);
    else throw std::invalid_argument("limbs_from_hex: not a hex digit");
    if (bit >= 64 * N) {
      if (d != 0) throw std::invalid_argument("limbs_from_hex: value too wide");
      continue;
    }
    out[bit / 64] |= d << (bit % 64);
  }
  return out;
}

template <std::size_t N>
constexpr bool limbs_less(const Limbs<N>& a, const Limbs<N>& b) {
  for (std::size_t i = N; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

template <std::size_t N>
constexpr bool limbs_is_zero(const Limbs<N>& a) {
  std::uint64_t acc = 0;
  for (auto w : a) acc |= w;
  return acc == 0;
}

template <std::size_t N>
constexpr std::size_t limbs_bit_length(const Limbs<N>& a) {
  for (std::size_t i = N; i-- > 0;) {
    if (a[i] != 0) return 64 * i + 64 - static_cast<std::size_t>(__builtin_clzll(a[i]));
  }
  return 0;
}

template <std::size_t N>
constexpr bool limbs_bit(const Limbs<N>& a, std::size_t i) {
  return i < 64 * N && ((a[i / 64] >> (i % 64)) & 1U) != 0;
}

// BE(bytes) as limbs. Leading zero bytes beyond the width are allowed; a value that does not
// fit throws std::invalid_argument.
template <std::size_t N>
Limbs<N> limbs_from_be(ByteView bytes) {
  Limbs<N> out{};
  std::size_t pos = 0;
  for (std::size_t k = bytes.size(); k-- > 0; ++pos) {
    if (pos >= 8 * N) {
      if (bytes[k] != 0) throw std::invalid_argument("integer wider than " + std::to_string(64 * N) + " bits");
      continue;
    }
    out[pos / 8] |= std::uint64_t{bytes[k]} << (8 * (pos % 8));
  }
  return out;
}

// BE_len(a); the value must fit in len bytes (callers pass 73 for field elements).
template <std::size_t N>
void limbs_to_be(const Limbs<N>& a, std::uint8_t* out, std::size_t len) {
  for (std::size_t pos = 0; pos < len; ++pos) {
    const std::uint8_t byte = pos < 8 * N ? static_cast<std::uint8_t>(a[pos / 8] >> (8 * (pos % 8))) : 0;
    out[len - 1 - pos] = byte;
  }
}

}  // namespace proofgrid::kzg
