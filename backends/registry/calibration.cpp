#include "backends/registry/calibration.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "backends/host/host_backend.hpp"
#include "backends/registry/measure.hpp"

namespace proofgrid::backends {
namespace {

constexpr int kFormat = 1;

// The running binary, so that a rebuilt proofgrid calibrates again.
std::string binary_identity() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  struct stat st {};
  if (ec || ::stat(exe.c_str(), &st) != 0) return PROOFGRID_VERSION_STRING;
  return std::string(PROOFGRID_VERSION_STRING) + " " + exe.string() + " " + std::to_string(st.st_mtime) + " " +
         std::to_string(st.st_size);
}

std::string cache_key(const std::vector<BackendInfo>& candidates, std::size_t threads) {
  std::string key = binary_identity() + " | threads " + std::to_string(threads);
  for (const auto& c : candidates) key += " | " + c.name + ": " + c.device;
  return key;
}

std::optional<CalibrationResult> read_cache(const std::filesystem::path& file, const std::string& key) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    if (j.at("format") != kFormat || j.at("key") != key) return std::nullopt;
    CalibrationResult r;
    r.choice = j.at("choice");
    r.why = j.at("why");
    r.figures = j.at("figures").get<decltype(r.figures)>();
    r.from_cache = true;
    return r;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable or from another version: calibrate again
  }
}

// Best effort: a cache that cannot be written only costs a calibration next time.
void write_cache(const std::filesystem::path& file, const std::string& key, const CalibrationResult& r) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const auto tmp = file.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp);
    out << nlohmann::json{{"format", kFormat}, {"key", key}, {"choice", r.choice}, {"why", r.why}, {"figures", r.figures}}
               .dump(2)
        << "\n";
    if (!out) return;
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

std::string fixed(double v, int digits) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v;
  return s.str();
}

CalibrationResult run_calibration(const std::vector<BackendInfo>& candidates, std::size_t threads) {
  CalibrationResult r;
  const std::string reference = candidates.front().name;
  double best_score = -1;
  std::map<std::string, double> scores;
  for (const auto& c : candidates) {
    MeasureSpec spec;
    spec.runs = 2;
    // A batch that fills the backend: a job per thread on the CPU, many chains on a device.
    spec.vdf_jobs = c.name == "opencl" ? 16 : threads;
    spec.vdf_t = 400;
    const Measurement m = measure(*create_backend(c.name, {threads, ""}), spec);
    r.figures[c.name] = {{"vdf_squarings_per_second", m.vdf_squarings_per_second()}, {"msm_ms_n64", m.msm_ms()}};
  }
  const auto& ref = r.figures.at(reference);
  for (const auto& c : candidates) {
    const auto& f = r.figures.at(c.name);
    const double vdf = f.at("vdf_squarings_per_second") / ref.at("vdf_squarings_per_second");
    const double msm = ref.at("msm_ms_n64") / f.at("msm_ms_n64");
    scores[c.name] = std::sqrt(vdf * msm);
    if (scores[c.name] > best_score) {
      best_score = scores[c.name];
      r.choice = c.name;
    }
  }
  const auto& f = r.figures.at(r.choice);
  r.why = "fastest in calibration: " + fixed(f.at("vdf_squarings_per_second"), 0) + " VDF squarings/s, MSM N=64 " +
          fixed(f.at("msm_ms_n64"), 2) + " ms";
  if (r.choice != reference) r.why += " (" + fixed(scores.at(r.choice), 2) + "x " + reference + " overall)";
  r.why += "; others:";
  for (const auto& c : candidates)
    if (c.name != r.choice) r.why += " " + c.name + " " + fixed(scores.at(c.name) / best_score, 2) + "x";
  return r;
}

}  // namespace

std::optional<std::filesystem::path> calibration_cache_path() {
  if (const char* env = std::getenv("PROOFGRID_CALIBRATION_CACHE"); env != nullptr && env[0] != '\0') {
    if (std::string(env) == "off") return std::nullopt;
    return std::filesystem::path(env);
  }
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') base = xdg;
  else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') base = std::filesystem::path(home) / ".cache";
  else return std::nullopt;
  return base / "proofgrid" / "backend-calibration.json";
}

CalibrationResult calibrate(const std::vector<BackendInfo>& candidates, std::size_t threads) {
  const std::string key = cache_key(candidates, threads);
  const auto file = calibration_cache_path();
  if (file)
    if (auto cached = read_cache(*file, key)) return *cached;
  CalibrationResult r = run_calibration(candidates, threads);
  if (file) write_cache(*file, key, r);
  return r;
}

}  // namespace proofgrid::backends
