// The C ABI against direct C++ calls (issue 7): operations per second of
// one ticket read and one note, through the typed C function, through
// tc_desk_execute() and on ticketcore::desk, each on its own in-memory desk
// holding the same tickets, measured in the same run.
//
// Like for like: the C functions return JSON text the caller frees, so
// their baseline is the C++ call plus to_json() and serialize() of the
// result (the work a C++ caller would do to hand the same text on). The
// plain C++ call is printed too, as the floor. The C side goes through
// <ticketcore/ticketcore.h> only, with the actor and the ref passed as text
// and every result freed with tc_string_free(): the honest cost to a C host.
//
// Prints `name value unit baseline ratio`, a ratio of 1.10 meaning 10%
// slower than the baseline (the goal: typed C within 10% of C++). Each
// figure is the best of 5 rounds of N operations, rounds interleaved, timed
// in CPU time of the thread.
//
// Usage: c_abi [N=100000]
#include <ticketcore/ticketcore.h>
#include <ticketcore/ticketcore.hpp>

#include <boost/json/serialize.hpp>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace tc = ticketcore;

namespace {

constexpr int rounds = 5;
constexpr std::size_t tickets = 100;  // the reads cycle through them

const char* configuration = R"({
  "teammates": [{"id": "tom", "name": "Tom"}],
  "contacts": [{"id": "ann", "name": "Ann"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer"}]
})";
const char* tom_json = R"({"kind":"teammate","id":"tom"})";
const char* description = "How do I export my data to a spreadsheet? The button in Settings does nothing.";
const char* note = "Asked the customer which browser they use.";

void check(tc_status s, const char* what) {
  if (s != TC_OK) {
    std::fprintf(stderr, "%s failed: %s\n", what, tc_last_error_message());
    std::exit(1);
  }
}

// The "id" of a view the C functions return (the first key of a ticket).
std::string id_of(const char* json) {
  const char* at = std::strstr(json, "\"id\":\"");
  if (!at) std::fprintf(stderr, "no id in %s\n", json), std::exit(1);
  return std::string(at + 6, 36);
}

// The same tickets on both desks: `tickets` questions with one note each.
struct desks {
  tc::desk cxx;
  tc_desk* c = nullptr;
  std::vector<tc::uuid> cxx_ids;
  std::vector<std::string> c_ids;
  std::vector<std::string> refs;  // "#1".."#100" for the C side

  desks() : cxx(cxx_options()) {
    tc_desk_options o = TC_DESK_OPTIONS_INIT;
    o.config_json = configuration;
    check(tc_desk_open(&c, &o), "tc_desk_open");
    auto tom = tc::actor::teammate("tom");
    std::string ticket_json = std::string(R"({"type":"question","title":"Export","contact":"ann","description":")") +
                              description + "\"}";
    for (std::size_t i = 0; i < tickets; ++i) {
      tc::new_ticket t;
      t.type = "question";
      t.title = "Export";
      t.contact = "ann";
      t.description = description;
      cxx_ids.push_back(cxx.create_ticket(tom, t).ticket.id);
      cxx.add_note(tom, cxx_ids.back(), note);

      char* out = nullptr;
      check(tc_ticket_create(&out, c, tom_json, ticket_json.c_str()), "tc_ticket_create");
      c_ids.push_back(id_of(out));
      tc_string_free(out);
      check(tc_note_add(&out, c, tom_json, c_ids.back().c_str(), note, TC_NOTE_ADD), "tc_note_add");
      tc_string_free(out);
      refs.push_back("#" + std::to_string(i + 1));
    }
  }
  ~desks() { tc_desk_close(c); }

  static tc::desk_options cxx_options() {
    tc::desk_options o;
    o.config = tc::parse_config(std::string_view(configuration));
    return o;
  }
};

// CPU seconds of this thread: on a shared machine the time spent waiting
// for a core would swamp calls of a few microseconds.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// CPU seconds for `n` calls of `op(i)`.
double timed(std::size_t n, const std::function<void(std::size_t)>& op) {
  double start = cpu_seconds();
  for (std::size_t i = 0; i < n; ++i) op(i);
  return cpu_seconds() - start;
}

struct figure {
  const char* name;
  std::function<void(std::size_t)> op;
  double best = 1e300;
};

// Runs every figure `rounds` times, interleaved, keeping each one's best.
void measure(std::size_t n, std::vector<figure>& figures) {
  for (int r = 0; r < rounds; ++r)
    for (auto& f : figures) f.best = std::min(f.best, timed(n, f.op));
}

void print(std::size_t n, const figure& f, const figure* baseline) {
  double ops = double(n) / f.best;
  if (!baseline) {
    std::printf("%s %.0f ops/s\n", f.name, ops);
    return;
  }
  double base = double(n) / baseline->best;
  std::printf("%s %.0f ops/s %.0f %.2f\n", f.name, ops, base, base / ops);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  if (n == 0) n = 1;
  desks d;
  auto tom = tc::actor::teammate("tom");
  std::size_t sink = 0;  // keeps the results observable

  std::vector<std::string> requests;
  for (const auto& ref : d.refs)
    requests.push_back(std::string(R"({"op":"ticket","actor":)") + tom_json + R"(,"args":{"ticket":")" + ref + "\"}}");

  std::vector<figure> reads{
      {"c_abi_read_cxx", [&](std::size_t i) { sink += d.cxx.ticket(tom, std::int64_t(i % tickets + 1)).timeline.size(); }},
      {"c_abi_read_cxx_json",
       [&](std::size_t i) {
         sink += boost::json::serialize(tc::to_json(d.cxx.ticket(tom, std::int64_t(i % tickets + 1)))).size();
       }},
      {"c_abi_read_typed_c",
       [&](std::size_t i) {
         char* out = nullptr;
         check(tc_ticket_get(&out, d.c, tom_json, d.refs[i % tickets].c_str()), "tc_ticket_get");
         sink += std::strlen(out);
         tc_string_free(out);
       }},
      {"c_abi_read_execute",
       [&](std::size_t i) {
         char* out = nullptr;
         check(tc_desk_execute(&out, d.c, requests[i % tickets].c_str()), "tc_desk_execute");
         sink += std::strlen(out);
         tc_string_free(out);
       }},
  };
  measure(n, reads);

  // Writes grow a desk (a part, history and text index entries per note),
  // so fewer of them, spread over the tickets, and each write figure has a
  // desk of its own: each desk receives the same notes in the same order.
  std::size_t writes = std::max<std::size_t>(1, n / 10);
  desks e;  // for the second figure of each side
  std::vector<std::string> note_requests;
  for (const auto& id : e.c_ids)
    note_requests.push_back(std::string(R"({"op":"add_note","actor":)") + tom_json + R"(,"args":{"target":")" + id +
                            R"(","body":")" + note + "\"}}");
  std::vector<figure> notes{
      {"c_abi_note_cxx", [&](std::size_t i) { sink += d.cxx.add_note(tom, d.cxx_ids[i % tickets], note).body.size(); }},
      {"c_abi_note_cxx_json",
       [&](std::size_t i) {
         sink += boost::json::serialize(tc::to_json(e.cxx.add_note(tom, e.cxx_ids[i % tickets], note))).size();
       }},
      {"c_abi_note_typed_c",
       [&](std::size_t i) {
         char* out = nullptr;
         check(tc_note_add(&out, d.c, tom_json, d.c_ids[i % tickets].c_str(), note, TC_NOTE_ADD), "tc_note_add");
         sink += std::strlen(out);
         tc_string_free(out);
       }},
      {"c_abi_note_execute",
       [&](std::size_t i) {
         char* out = nullptr;
         check(tc_desk_execute(&out, e.c, note_requests[i % tickets].c_str()), "tc_desk_execute");
         sink += std::strlen(out);
         tc_string_free(out);
       }},
  };
  measure(writes, notes);

  print(n, reads[0], nullptr);
  print(n, reads[1], &reads[0]);
  print(n, reads[2], &reads[1]);  // like for like: both end in JSON text
  print(n, reads[3], &reads[1]);
  print(writes, notes[0], nullptr);
  print(writes, notes[1], &notes[0]);
  print(writes, notes[2], &notes[1]);
  print(writes, notes[3], &notes[1]);
  return sink > 0 ? 0 : 1;
}
