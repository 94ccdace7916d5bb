// libFuzzer target: tc_desk_execute over a seeded desk, in memory and in a
// SQLite file. An input is three parts split at its first two newlines:
//   <op name>\n<actor JSON>\n<args JSON>
// ("@T1" and "@C1" in the args stand for a seeded ticket's and conversation's
// ids). Each input runs on both desks; whatever it does, each desk must then
// still answer a read. The desks are built again every 10,000 inputs so they
// stay small. "configure" is left to the config_loader target: a new
// directory could rightly take the reader away.
#include "seed_desk.hpp"

#include <ticketcore/ticketcore.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <unistd.h>

namespace {

struct seeded_desk {
  tc_desk* desk = nullptr;
  std::string ticket1, conversation1;
};

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "desk_execute: %s: %s (%s)\n", what, detail.c_str(), tc_last_error_message());
  std::abort();
}

std::string run(tc_desk* desk, const std::string& request) {
  char* out = nullptr;
  tc_status status = tc_desk_execute(&out, desk, request.c_str());
  std::string text = out ? out : "";
  tc_string_free(out);
  if (status != TC_OK) fail("seeding failed", request);
  return text;
}

std::string id_in(const std::string& view_json) {  // the first "id" of a view
  const std::string key = "\"id\":\"";
  auto at = view_json.find(key);
  if (at == std::string::npos) fail("no id in", view_json);
  return view_json.substr(at + key.size(), 36);
}

seeded_desk open_desk(const char* store_json) {
  seeded_desk s;
  tc_desk_options options = TC_DESK_OPTIONS_INIT;
  options.config_json = fuzz::desk_config;
  options.store_json = store_json;
  if (tc_desk_open(&s.desk, &options) != TC_OK) fail("open failed", store_json ? store_json : "memory");
  for (const char* request : fuzz::seed_requests) {
    std::string out = run(s.desk, fuzz::with_ids(request, s.ticket1, s.conversation1));
    if (s.ticket1.empty()) s.ticket1 = id_in(out);
    else if (s.conversation1.empty() && out.find("\"subject\":") != std::string::npos) s.conversation1 = id_in(out);
  }
  return s;
}

// The read every desk must still answer after any input.
void check_reads(const seeded_desk& s, const std::string& input) {
  for (const char* read : {R"({"op": "inbox", "actor": {"kind": "teammate", "id": "tom"}, "args": {"limit": 5}})",
                           R"({"op": "inbox", "actor": {"kind": "contact", "id": "a"}, "args": {"limit": 5}})",
                           R"({"op": "ticket", "actor": {"kind": "system"}, "args": {"ticket": "#2"}})"}) {
    char* out = nullptr;
    tc_status status = tc_desk_execute(&out, s.desk, read);
    tc_string_free(out);
    if (status != TC_OK) fail("the desk no longer answers a read after", input);
  }
}

struct desks {
  std::string file;
  seeded_desk memory, sqlite;
  std::size_t inputs = 0;

  desks() {
    file = (std::filesystem::temp_directory_path() / ("ticketcore-fuzz-" + std::to_string(::getpid()) + ".desk"))
               .string();
    reopen();
  }
  void reopen() {
    tc_desk_close(memory.desk);
    tc_desk_close(sqlite.desk);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
    memory = open_desk(nullptr);
    sqlite = open_desk(("{\"kind\": \"sqlite\", \"path\": \"" + file + "\", \"durability\": \"normal\"}").c_str());
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static desks d;
  if (++d.inputs % 10000 == 0) d.reopen();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto op_end = input.find('\n');
  if (op_end == std::string_view::npos) return 0;
  const auto actor_end = input.find('\n', op_end + 1);
  if (actor_end == std::string_view::npos) return 0;
  const std::string_view op = input.substr(0, op_end);
  if (op == "configure" || op.find_first_of("\"\\") != std::string_view::npos) return -1;  // not in the corpus
  const std::string actor(input.substr(op_end + 1, actor_end - op_end - 1));
  const std::string args(input.substr(actor_end + 1));
  for (seeded_desk* s : {&d.memory, &d.sqlite}) {
    const std::string request = "{\"op\": \"" + std::string(op) + "\", \"actor\": " + (actor.empty() ? "null" : actor) +
                                ", \"args\": " + fuzz::with_ids(args.empty() ? "{}" : args, s->ticket1, s->conversation1) +
                                "}";
    char* out = nullptr;
    tc_desk_execute(&out, s->desk, request.c_str());  // any answer; the sanitizers watch how it is reached
    tc_string_free(out);
    check_reads(*s, request);
  }
  return 0;
}
