// The randomized visibility check (V1-V5) at length: at least N random
// operations by teammates, automation and contacts, each checked against the
// independent model of tests/unit/visibility_run.hpp, on the memory store and
// on SQLite. Not a test: it runs for long (docs/reliability.md has the figures).
//
//   visibility_long [ops=1000000] [memory|sqlite|both=both] [seed=20261123]
//
// The operations run in episodes of a fresh desk each (seed, seed+1, ...), so
// the desk stays the size the CI test checks and every episode reproduces
// alone: TICKETCORE_FUZZ_SEED=<episode seed> TICKETCORE_FUZZ_OPS=<episode ops>
// ./build/tests/unit/visibility_fuzz_test. After each operation every contact
// reads every record it touched; each episode ends with a sweep of every record.
#include "visibility_run.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

using testing::visibility::visibility_run;

std::shared_ptr<tc::storage> store_of(const std::string& kind) {
  if (kind == "memory") return tc::make_memory_store();
  auto file = std::make_shared<testing::scratch_file>();
  tc::sqlite_options o;
  o.durability = tc::durability::normal;
  auto store = tc::open_sqlite_store(file->path(), o);
  return std::shared_ptr<tc::storage>(store.get(), [store, file](tc::storage*) mutable {
    store.reset();
    file.reset();
  });
}

// Runs `total` operations on `kind`; returns the number of failures.
std::size_t run_store(const std::string& kind, std::size_t total, std::uint32_t seed) {
  const std::size_t episode_ops = kind == "memory" ? 5000 : 2000;
  const auto started = std::chrono::steady_clock::now();
  std::size_t done = 0, failures = 0, episodes = 0;
  std::map<std::string, std::size_t> seen;
  while (done < total) {
    visibility_run r(store_of(kind));
    r.seed = seed + static_cast<std::uint32_t>(episodes);
    r.rng.seed(r.seed);
    r.ops = static_cast<std::uint32_t>(std::min(episode_ops, total - done));
    r.random_reads = 0;
    r.sweep_every = r.ops;  // once, at the end (and the final sweep)
    r.report = [&](const std::string& failure) { std::cerr << kind << ": " << failure << "\n"; };
    r.run();
    done += r.ops;
    failures += r.failures;
    ++episodes;
    for (const auto& [what, n] : r.seen) seen[what] += n;
    if (episodes % 10 == 0)  // an interrupted run still says how far it got
      std::cerr << kind << ": " << done << " operations, " << failures << " failures, seed " << seed << std::endl;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "visibility_long_" << kind << " operations " << done << " episodes " << episodes << " seed " << seed
            << " failures " << failures << " seconds " << static_cast<long long>(seconds) << "\n";
  for (const auto& [what, n] : seen) std::cout << "  " << what << ": " << n << "\n";
  std::cout.flush();
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t ops = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::string which = argc > 2 ? argv[2] : "both";
  const std::uint32_t seed = argc > 3 ? static_cast<std::uint32_t>(std::strtoul(argv[3], nullptr, 10)) : 20261123u;
  std::size_t failures = 0;
  if (which == "memory" || which == "both") failures += run_store("memory", ops, seed);
  if (which == "sqlite" || which == "both") failures += run_store("sqlite", ops, seed);
  return failures == 0 ? 0 : 1;
}
