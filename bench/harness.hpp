// What every benchmark shares: a clock, resident memory and the one output
// line per figure, `name value unit baseline ratio`, that scripts compare.
#pragma once

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

namespace bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Times `work` once, in seconds.
template <class Work>
double timed(Work&& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return seconds_since(start);
}

// The process's resident set, in KiB (Linux).
inline long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 10, '\n');
  }
  return 0;
}

// One figure beside its baseline; the ratio is value / baseline.
inline void figure(const std::string& name, double value, const char* unit, double baseline) {
  std::printf("%s %.4g %s %.4g %.3f\n", name.c_str(), value, unit, baseline, baseline != 0 ? value / baseline : 0.0);
  std::fflush(stdout);
}

}  // namespace bench
