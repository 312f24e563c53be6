// Parsing and validating ceremony JSON (spec §4.2, §4.3). Every G1 point is decompressed with
// curve and subgroup checks (in parallel), G1Powers[0] must be the generator, root tables must
// equal spec §5, and each Lagrange table that has enough powers beside it must be their
// inverse FFT (checked with one random linear combination: two MSMs instead of N scalar
// multiplications).
#include <openssl/rand.h>

#include <atomic>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>

#include "engine/kzg/domain.hpp"
#include "engine/kzg/fft.hpp"
#include "engine/kzg/field.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::kzg {

class SrsBuilder {
 public:
  SrsBuilder(std::string source, const SrsLoadOptions& options) : options_(options) {
    srs_.reset(new Srs());
    srs_->source_ = std::move(source);
  }

  std::shared_ptr<const Srs> build(const nlohmann::json& j) {
    if (!j.is_object()) fail("the top level is not a JSON object");
    if (j.contains("insecure")) {
      srs_->insecure_ = j["insecure"].is_string() ? j["insecure"].get<std::string>() : "insecure";
      warn("WARNING: SRS " + srs_->source_ + " is an INSECURE test setup (" + *srs_->insecure_ +
           "). Anyone can forge commitments and openings made with it. Never use it for real records.");
    }
    const nlohmann::json& pot = member(j, "powersOfTau", "");
    srs_->g1_powers_ = g1_list(member(pot, "G1Powers", "powersOfTau."), "powersOfTau.G1Powers");
    if (srs_->g1_powers_.empty()) fail("powersOfTau.G1Powers is empty");
    if (!equal(srs_->g1_powers_[0], g1_generator())) fail("powersOfTau.G1Powers[0] is not the standard generator G1");
    if (pot.contains("G2Powers")) read_g2(pot["G2Powers"]);

    const bool has_sized = j.contains("sized");
    if (has_sized) read_sized(member(j, "sized", ""));
    if (pot.contains("G1FFT")) {
      // ceremony.json: one Lagrange table, of whatever supported size it holds (65536 in the real file).
      std::vector<G1Affine> table = g1_list(pot["G1FFT"], "powersOfTau.G1FFT");
      const std::size_t n = table.size();
      if (!is_supported_poly_size(n)) fail("powersOfTau.G1FFT has " + std::to_string(n) + " points, not a supported size");
      srs_->lagrange_[n] = std::move(table);
    }
    srs_->layout_ = (!has_sized && pot.contains("G1FFT")) ? SrsLayout::kCeremony : SrsLayout::kOptimizedCeremony;
    check_lagrange_against_powers();
    return std::shared_ptr<const Srs>(std::move(srs_));
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw SrsError("SRS " + srs_->source_ + ": " + what); }

  void warn(const std::string& message) const {
    if (options_.warn) options_.warn(message);
    else std::cerr << message << std::endl;
  }

  const nlohmann::json& member(const nlohmann::json& obj, const char* key, const std::string& path) const {
    if (!obj.is_object() || !obj.contains(key)) {
      fail("missing " + path + key +
           " (expected the optimized_ceremony.json layout with powersOfTau and sized, or the ceremony.json "
           "layout with powersOfTau.G1Powers and powersOfTau.G1FFT)");
    }
    return obj[key];
  }

  Bytes hex_value(const nlohmann::json& v, const std::string& where, std::size_t bytes) const {
    if (!v.is_string()) fail(where + " is not a hex string");
    const std::string& s = v.get_ref<const std::string&>();
    Bytes b;
    try {
      b = from_hex(s);
    } catch (const std::invalid_argument& e) {
      fail(where + ": " + e.what());
    }
    if (b.size() != bytes) {
      fail(where + " has " + std::to_string(b.size()) + " bytes; expected " + std::to_string(bytes) + " (\"0x\" + " +
           std::to_string(2 * bytes) + " hex digits)");
    }
    return b;
  }

  std::vector<G1Affine> g1_list(const nlohmann::json& arr, const std::string& where) const {
    if (!arr.is_array()) fail(where + " is not a list");
    std::vector<Bytes> raw(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) raw[i] = hex_value(arr[i], indexed(where, i), kG1Bytes);
    std::vector<G1Affine> points(arr.size());
    std::vector<std::string> errors(arr.size());
    std::atomic<bool> any_error{false};
    const SubgroupCheck check = options_.check_subgroup ? SubgroupCheck::kYes : SubgroupCheck::kNo;
    tbb::parallel_for(std::size_t{0}, raw.size(), [&](std::size_t i) {
      try {
        points[i] = decompress(raw[i], check);
        if (points[i].infinity) errors[i] = "is the point at infinity, which no setup contains";
      } catch (const PointError& e) {
        errors[i] = e.what();
      }
      if (!errors[i].empty()) any_error = true;
    });
    if (any_error) {
      for (std::size_t i = 0; i < errors.size(); ++i) {
        if (!errors[i].empty()) fail(indexed(where, i) + ": " + errors[i]);
      }
    }
    return points;
  }

  std::vector<Bytes> g2_list(const nlohmann::json& arr, const std::string& where) const {
    if (!arr.is_array()) fail(where + " is not a list");
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < arr.size(); ++i) {
      Bytes b = hex_value(arr[i], indexed(where, i), kG2Bytes);
      if (b[0] != 0x02 && b[0] != 0x03) fail(indexed(where, i) + ": prefix is not 0x02 or 0x03 (compressed G2)");
      for (std::size_t c = 0; c < 8; ++c) {
        const Limbs<Fp::kLimbs> v = limbs_from_be<Fp::kLimbs>(ByteView(b).subspan(1 + 73 * c, 73));
        if (!limbs_less(v, FieldParams<Fp>::kModulus)) fail(indexed(where, i) + ": an x coefficient is not below p");
      }
      out.push_back(std::move(b));
    }
    return out;
  }

  void read_g2(const nlohmann::json& arr) {
    srs_->g2_powers_ = g2_list(arr, "powersOfTau.G2Powers");
    const auto& g2 = srs_->g2_powers_;
    try {
      if (!g2.empty() && !equal(decompress_g2(g2[0], false), g2_generator())) {
        fail("powersOfTau.G2Powers[0] is not the standard generator G2");
      }
    } catch (const PointError& e) {
      fail(std::string("powersOfTau.G2Powers[0]: ") + e.what());
    }
    try {
      if (g2.size() >= 2) srs_->g2_tau_ = decompress_g2(g2[1], true);
    } catch (const PointError& e) {
      fail(std::string("powersOfTau.G2Powers[1]: ") + e.what());
    }
  }

  static std::string indexed(const std::string& where, std::size_t i) { return where + "[" + std::to_string(i) + "]"; }

  // sized.<group>.<prefix><N> keys, for N a supported size.
  template <class Fn>
  void for_sized(const nlohmann::json& sized, const char* group, const std::string& prefix, Fn&& fn) const {
    if (!sized.contains(group)) return;
    const nlohmann::json& obj = sized[group];
    if (!obj.is_object()) fail(std::string("sized.") + group + " is not an object");
    for (const auto& [key, value] : obj.items()) {
      std::size_t n = 0;
      const char* begin = key.data() + prefix.size();
      const char* end = key.data() + key.size();
      const bool prefixed = key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0;
      if (!prefixed || std::from_chars(begin, end, n).ptr != end || !is_supported_poly_size(n)) {
        fail(std::string("sized.") + group + "." + key + " is not " + prefix +
             "N for a supported N (16 ... 1024, 2048, 65536)");
      }
      fn(n, value, std::string("sized.") + group + "." + key);
    }
  }

  void read_sized(const nlohmann::json& sized) {
    if (!sized.is_object()) fail("sized is not an object");
    for_sized(sized, "rootOfUnity", "rootOfUnity", [&](std::size_t n, const nlohmann::json& v, const std::string& where) {
      if (!(fr_from_be(hex_value(v, where, kFieldBytes), where.c_str()) == root_of_unity(n))) {
        fail(where + " is not 37^floor((r-1)/" + std::to_string(n) + ") mod r (spec §5)");
      }
    });
    for_sized(sized, "rootsOfUnity", "rootsOfUnity", [&](std::size_t n, const nlohmann::json& v, const std::string& where) {
      if (!v.is_array() || v.size() != n + 1) fail(where + " must list " + std::to_string(n + 1) + " values");
      const std::vector<Fr> expect = roots_table(n);
      for (std::size_t k = 0; k <= n; ++k) {
        const std::string at = indexed(where, k);
        if (!(fr_from_be(hex_value(v[k], at, kFieldBytes), at.c_str()) == expect[k])) {
          fail(at + " differs from omega^" + std::to_string(k) + (k == n ? " (the table ends with the literal 1)" : "") +
               " (spec §5)");
        }
      }
    });
    for_sized(sized, "G1FFT", "G1FFT", [&](std::size_t n, const nlohmann::json& v, const std::string& where) {
      std::vector<G1Affine> table = g1_list(v, where);
      if (table.size() != n) fail(where + " has " + std::to_string(table.size()) + " points; expected " + std::to_string(n));
      srs_->lagrange_[n] = std::move(table);
    });
  }

  // For every real-domain table with N powers beside it: sum rho_i L_i == sum c_j P_j where c is
  // the inverse FFT of a random rho. A wrong table passes with probability about 1/r.
  void check_lagrange_against_powers() const {
    for (const auto& [n, table] : srs_->lagrange_) {
      if (!is_real_domain(n) || srs_->g1_powers_.size() < n) continue;
      std::vector<Fr> rho(n);
      for (auto& x : rho) x = random_fr();
      std::vector<Scalar> rho_s(n);
      for (std::size_t i = 0; i < n; ++i) rho_s[i] = to_scalar(rho[i]);
      inverse_fft(rho, roots_table(n));
      std::vector<Scalar> coeffs(n);
      for (std::size_t i = 0; i < n; ++i) coeffs[i] = to_scalar(rho[i]);
      const G1Jacobian lhs = msm(table, rho_s);
      const G1Jacobian rhs = msm(std::span<const G1Affine>(srs_->g1_powers_).first(n), coeffs);
      if (!equal(lhs, rhs)) {
        fail("sized.G1FFT.G1FFT" + std::to_string(n) + " is not the inverse FFT of G1Powers[0.." +
             std::to_string(n - 1) + "] (the Lagrange table and the powers come from different setups, or one is corrupt)");
      }
    }
  }

  static Fr random_fr() {
    Scalar s{};
    if (RAND_bytes(reinterpret_cast<unsigned char*>(s.data()), static_cast<int>(sizeof(s))) != 1) {
      throw SrsError("OpenSSL RAND_bytes failed while checking an SRS");
    }
    return fr_reduce(s);
  }

  SrsLoadOptions options_;
  std::unique_ptr<Srs> srs_;
};

std::shared_ptr<const Srs> Srs::parse(std::string_view json_text, const std::string& source,
                                      const SrsLoadOptions& options) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    throw SrsError("SRS " + source + " is not valid JSON: " + e.what());
  }
  return SrsBuilder(source, options).build(j);
}

std::shared_ptr<const Srs> Srs::load(const std::filesystem::path& file, const SrsLoadOptions& options) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw SrsError("cannot read SRS file " + file.string() +
                   " (pass --srs FILE, set PROOFGRID_SRS, or generate a test setup with `proofgrid srs generate`)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string(), options);
}

}  // namespace proofgrid::kzg
