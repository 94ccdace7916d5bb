// V1-V5 under random load: thousands of random operations by teammates,
// automation and contacts, and after each one a check, for every contact,
// of what they can see. Every internal text (notes, internal attributes,
// tags, back-office and tracker titles and descriptions, external links)
// carries a unique "SECRET-<n>" marker; every customer-side text carries
// "PRIV-<contact>-<n>". Views, inbox rows, links and notification payloads
// are serialised with to_json and searched, so a leak through any field
// shows, and every record id they mention must be one the contact may see.
//
// The run is reproducible: the seed is fixed and printed with every
// failure. TICKETCORE_FUZZ_SEED and TICKETCORE_FUZZ_OPS override it.
#define BOOST_TEST_MODULE visibility_fuzz
#include <boost/test/unit_test.hpp>

#include "visibility_run.hpp"

#include <chrono>
#include <sstream>

using namespace testing::visibility;

namespace {

struct fuzz_fixture : visibility_run {
  fuzz_fixture() {
    report = [](const std::string& failure) { BOOST_ERROR(failure); };
    BOOST_TEST_MESSAGE("visibility fuzz: seed " << seed << ", " << ops << " operations");
  }
};

}  // namespace

// V1-V5: after each of thousands of random operations, no contact sees a
// secret, an internal part, another contact's private record or any
// back-office or tracker ticket - in views, links, the inbox or the outbox.
BOOST_FIXTURE_TEST_CASE(v1_v5_random_operations_never_leak, fuzz_fixture) {
  auto started = std::chrono::steady_clock::now();
  run();
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  std::ostringstream coverage;
  for (const auto& [what, n] : seen) coverage << "  " << what << ": " << n << "\n";
  BOOST_TEST_MESSAGE("seed " << seed << ", " << ops << " operations in " << elapsed.count() << " ms; " << all.size()
                             << " records\n"
                             << coverage.str());
  BOOST_TEST(failures == 0u, "seed " << seed << ": " << failures << " visibility failures");
  // The run must have exercised what it is meant to.
  for (const char* what : {"tracker fan-outs", "back-office cross-posts", "colleague's shared ticket views",
                           "sharing changes", "notifications", "links shown", "hidden ticket reads",
                           "contact answered forbidden", "contact answered not_found", "contact answered ok",
                           "contact answered invalid_argument", "contact answered validation_failed"})
    BOOST_TEST(seen[what] > 0u, "the run never exercised: " << what);
  BOOST_TEST(seen["tracker fan-outs"] >= (ops >= 1000 ? 10u : 1u));
}
