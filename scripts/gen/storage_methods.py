#!/usr/bin/env python3
"""Generates every face of the storage contract from its one list,
scripts/gen/_storage_list.py (docs/storage.md, "One list"):

  include/ticketcore/storage.hpp              the C++ transaction and storage
  include/ticketcore/storage_wrapper.hpp      forwarding decorators
  src/store/transaction_defaults.cpp          the not-supported defaults
  capi/include/ticketcore/sys/storage_methods.h   the C table and INIT macro
  capi/src/storage_transaction.cpp            the C adapter (C++ over the table)
  bindings/python/ticketcore/_storage_methods.py  Python prototypes and methods

Usage: storage_methods.py [--check]. With --check nothing is written and the
exit status is 1 when a generated file differs from what the list gives.
"""

import os
import re
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _storage_list as spec  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATOR = "scripts/gen/storage_methods.py"
SOURCE = "scripts/gen/_storage_list.py"
METHODS = [m for m in spec.METHODS if isinstance(m, dict)]

# ---- Types -----------------------------------------------------------------

RECORDS = {"ticket": "ticket", "stored_ticket": "stored_ticket", "conversation": "conversation", "link": "link", "part": "part",
           "history": "history_entry", "notification": "notification", "view": "saved_view",
           "checkpoint": "report_checkpoint", "damaged": "damaged_record", "entry": "stored_entry"}
FILTERS = {"ticket_filter": "filter", "conversation_filter": "filter", "outbox_filter": "filter",
           "ticket_query": "query", "history_scan": "scan", "entry_filter": "filter"}
# Lists of values a method takes: (C++ item type, C name: <name>_json, Python item type).
LISTS = {"entry_keys": ("entry_key", "keys", "EntryKey")}
TEXT = {"id": "const uuid&", "text": "const std::string&", "sequence": "sequence", "link_kind": "link_kind",
        "link_kind?": "std::optional<link_kind>", "endpoint_kind": "endpoint_kind", "time": "time_point"}
# The keys the library derives beside a record (storage_types.hpp). In C++ a
# parameter of its own; in C and Python they travel inside the JSON of the
# record parameter before them, as its "keys".
KEYS = {"ticket_keys": "ticket_keys", "part_keys": "part_keys"}
INTEGERS = {"number": ("std::int64_t", "int64_t", "c_int64"), "limit": ("std::size_t", "uint64_t", "c_uint64"),
            "mark": ("std::uint64_t", "uint64_t", "c_uint64")}


def cxx_param(name, t, sink=False):
    """The C++ declaration of one parameter (a sink's record by value)."""
    if t in TEXT:
        return f"{TEXT[t]} {name}"
    if t in INTEGERS:
        return f"{INTEGERS[t][0]} {name}"
    if t in RECORDS or t in KEYS:
        cxx = RECORDS.get(t) or KEYS[t]
        return f"{cxx} {name}" if sink else f"const {cxx}& {name}"
    if t in FILTERS:
        return f"const {t}& {name}"
    if t in LISTS:
        return f"std::vector<{LISTS[t][0]}> {name}" if sink else f"const std::vector<{LISTS[t][0]}>& {name}"
    if t == "position":
        return f"const std::optional<ticket_position>& {name}"
    if t == "visitor":
        return f"const std::function<bool(const history_entry&)>& {name}"
    raise SystemExit(f"{SOURCE}: unknown parameter type {t!r}")


def c_params(name, t):
    """The C declarations (and Python argument kinds) one parameter becomes."""
    if t == "sequence":
        return [("const char *sequence", "text")]
    if t in TEXT:
        return [(f"const char *{name}", "text")]
    if t in INTEGERS:
        return [(f"{INTEGERS[t][1]} {name}", INTEGERS[t][1][:-2])]
    if t in RECORDS:
        return [(f"const char *{t.replace('stored_', '')}_json", "json")]
    if t in KEYS:
        return []
    if t in FILTERS:
        return [(f"const char *{FILTERS[t]}_json", "json")]
    if t in LISTS:
        return [(f"const char *{LISTS[t][1]}_json", "json")]
    if t == "position":
        return [(f"const char *{name}_json", "json?")]
    if t == "visitor":
        return [("tc_storage_visit visit", "visitor"), ("void *arg", None)]
    raise SystemExit(f"{SOURCE}: unknown parameter type {t!r}")


def returns(r):
    """(C++ type, C out parameter or None, Python result kind)."""
    if r == "void":
        return "void", None, "status"
    if r == "number":
        return "std::int64_t", "int64_t *out", "int64"
    if r == "bool":
        return "bool", "int *out", "bool"
    if r == "count":
        return "std::size_t", "uint64_t *out", "uint64"
    if r == "mark":
        return "std::uint64_t", "uint64_t *out", "uint64"
    if r == "strings":
        return "std::vector<std::string>", "char **out_json", "json[]"
    if r.endswith("?") and r[:-1] in RECORDS:
        return f"std::optional<{RECORDS[r[:-1]]}>", "char **out_json", "json"
    if r.endswith("[]") and r[:-2] in RECORDS:
        return f"std::vector<{RECORDS[r[:-2]]}>", "char **out_json", "json[]"
    raise SystemExit(f"{SOURCE}: unknown result type {r!r}")


def qualified(cxx):
    """A C++ type of storage.hpp spelled from outside namespace ticketcore."""
    words = set(RECORDS.values()) | set(KEYS.values()) | set(FILTERS) | {item for item, _, _ in LISTS.values()}
    words |= {"uuid", "sequence", "link_kind", "endpoint_kind", "time_point", "ticket_position"}
    out, word = [], ""
    for ch in cxx + " ":
        if ch.isalnum() or ch == "_" or ch == ":":
            word += ch
            continue
        if word:
            out.append("tc::" + word if word in words else word)
            word = ""
        out.append(ch)
    return "".join(out)[:-1]


def wrap(text, prefix, width=110):
    lines = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append(prefix.rstrip())
            continue
        indent = len(paragraph) - len(paragraph.lstrip())
        lines.extend(textwrap.wrap(paragraph.strip(), width - len(prefix) - indent,
                                   initial_indent=prefix + " " * indent, subsequent_indent=prefix + " " * indent,
                                   break_on_hyphens=False, break_long_words=False) or [prefix.rstrip()])
    return lines


def signature(m, qualify=False, defaults=False):
    ret = returns(m["returns"])[0]
    params = ", ".join(cxx_param(n, t, m["sink"]) + (" = {}" if defaults and t == "link_kind?" else "")
                       for n, t in m["params"])
    if qualify:
        ret, params = qualified(ret), qualified(params)
    return ret, params


def declaration(start, params, end, width=120):
    """One declaration, its parameters wrapped under the first when the line is too long."""
    if len(start + params + end) <= width or "," not in params:
        return [start + params + end]
    lines, line = [], start
    for i, p in enumerate(params.split(", ")):
        piece = p + ("," if i < params.count(", ") else end)
        if line != start and len(line) + 1 + len(piece) > width:
            lines.append(line.rstrip())
            line = " " * len(start) + piece
        else:
            line += ("" if line == start else " ") + piece
    lines.append(line)
    return lines


def string_literal(text, indent, width=120):
    """`text` as adjacent C++ string literals, one per line, ending the statement."""
    pieces = textwrap.wrap(text, width - len(indent) - 4, drop_whitespace=False, break_on_hyphens=False)
    return [f'{indent}"{piece}"' for piece in pieces[:-1]] + [f'{indent}"{pieces[-1]}");']


def header(comment, lines):
    return [f"{comment} Generated by {GENERATOR} from {SOURCE}; do not edit."] + lines


# ---- include/ticketcore/storage.hpp -------------------------------------------------------------


def storage_hpp():
    out = header("//", [
        "//",
        "// The storage contract every backend implements (docs/storage.md): transactions over records by id",
        "// with a version, links by both ends, appended parts and history, the outbox, counters, and the",
        "// optional indexed capabilities (queries, saved views, history by time, report checkpoints).",
        "// A required method is pure virtual; an optional one has a default that answers for a backend",
        "// without it (the library's own answer, or errc::not_supported naming the method).",
        "//",
        "// A transaction is the unit of work: everything an operation does - records, links, parts,",
        "// history, outbox - commits together or not at all (P6, N5).",
        "#pragma once",
        "",
        "#include <ticketcore/export.hpp>",
        "#include <ticketcore/storage_types.hpp>",
        "",
        "#include <cstddef>",
        "#include <cstdint>",
        "#include <functional>",
        "#include <memory>",
        "#include <optional>",
        "#include <string>",
        "#include <vector>",
        "",
        "namespace ticketcore {",
        "",
        "// One unit of work. Not thread-safe: one thread uses it from begin to end.",
        "// Destroying an uncommitted transaction rolls it back. Methods throw",
        "// error(storage) when the backend fails and error(conflict) on a version",
        "// mismatch; after a throw the Desk rolls back.",
        "class TICKETCORE_API transaction {",
        " public:",
        "  transaction() = default;",
        "  transaction(const transaction&) = delete;",
        "  transaction& operator=(const transaction&) = delete;",
        "  virtual ~transaction() = default;",
    ])
    for m in METHODS:
        if m["section"]:
            out += ["", f"  // ---- {m['section']} ----"]
        if m["doc"]:
            out += wrap(m["doc"], "  // ")
        ret, params = signature(m, defaults=True)
        tail = " = 0;" if m["required"] else ";"
        if not m["required"] and m["fallback"] in ("missing", "counter"):
            tail += "  // default: errc::not_supported"
        out += declaration(f"  virtual {ret} {m['name']}(", params, ")" + tail)
        if m["name"] == "commit":
            out += ["  // Undoes everything written through this transaction; must not fail.",
                    "  virtual void rollback() = 0;"]
    out += [
        "};",
        "",
        "// A backend. Thread-safe: several threads may hold transactions at once;",
        "// the backend serialises writers as it must.",
        "class TICKETCORE_API storage {",
        " public:",
        "  storage() = default;",
        "  storage(const storage&) = delete;",
        "  storage& operator=(const storage&) = delete;",
        "  virtual ~storage() = default;",
        "",
        "  virtual std::unique_ptr<transaction> begin(access mode) = 0;",
        "  // What this backend indexes (storage_types.hpp). The default: every capability, served by the",
        "  // transaction's own methods.",
        "  virtual storage_capabilities capabilities() const { return {}; }",
        "};",
        "",
        "}  // namespace ticketcore",
    ]
    return out


# ---- include/ticketcore/storage_wrapper.hpp -----------------------------------------------------


def wrapper_hpp():
    out = header("//", [
        "//",
        "// Forwarding storage: derive from it to decorate a backend (logging, fault",
        "// injection in tests) and override only what you need.",
        "#pragma once",
        "",
        "#include <ticketcore/export.hpp>",
        "#include <ticketcore/storage.hpp>",
        "",
        "#include <memory>",
        "#include <utility>",
        "",
        "namespace ticketcore {",
        "",
        "// Forwards every call to the wrapped transaction.",
        "class TICKETCORE_API transaction_wrapper : public transaction {",
        " public:",
        "  explicit transaction_wrapper(std::unique_ptr<transaction> target) : target_(std::move(target)) {}",
        "",
    ])
    for m in METHODS:
        ret, params = signature(m)
        args = ", ".join(f"std::move({n})" if m["sink"] else n for n, t in m["params"])
        ret_kw = "" if ret == "void" else "return "
        one = f"  {ret} {m['name']}({params}) override {{ {ret_kw}target_->{m['name']}({args}); }}"
        if len(one) <= 120:
            out.append(one)
        else:
            out += declaration(f"  {ret} {m['name']}(", params, ") override {")
            out += [f"    {ret_kw}target_->{m['name']}({args});", "  }"]
        if m["name"] == "commit":
            out.append("  void rollback() override { target_->rollback(); }")
    out += [
        "",
        " protected:",
        "  transaction& target() { return *target_; }",
        "",
        " private:",
        "  std::unique_ptr<transaction> target_;",
        "};",
        "",
        "// Forwards begin(); override wrap() to decorate each transaction.",
        "class TICKETCORE_API storage_wrapper : public storage {",
        " public:",
        "  explicit storage_wrapper(std::shared_ptr<storage> target) : target_(std::move(target)) {}",
        "",
        "  std::unique_ptr<transaction> begin(access mode) override { return wrap(target_->begin(mode), mode); }",
        "  storage_capabilities capabilities() const override { return target_->capabilities(); }",
        "",
        " protected:",
        "  virtual std::unique_ptr<transaction> wrap(std::unique_ptr<transaction> t, access) { return t; }",
        "  storage& target() { return *target_; }",
        "",
        " private:",
        "  std::shared_ptr<storage> target_;",
        "};",
        "",
        "}  // namespace ticketcore",
    ]
    return out


# ---- src/store/transaction_defaults.cpp ---------------------------------------------------------


def defaults_cpp():
    out = header("//", [
        "//",
        "// The defaults of the optional storage methods a backend may lack: errc::not_supported naming the",
        "// method and what needs it. The defaults that answer (count_links, field_history, ...) are in",
        "// storage.cpp.",
        "#include <ticketcore/error.hpp>",
        "#include <ticketcore/storage.hpp>",
        "",
        "namespace ticketcore {",
    ])
    for m in METHODS:
        if m["required"] or m["fallback"] not in ("missing", "counter"):
            continue
        ret, _ = signature(m)
        params = ", ".join(cxx_param("", t, m["sink"]).rstrip() for _, t in m["params"])
        needed = m["needed_by"] or "this capability"
        text = f"this storage backend has no {m['name']}, so {needed} cannot be answered on it"
        out += [""] + declaration(f"{ret} transaction::{m['name']}(", params, ") {")
        out += ["  throw error(errc::not_supported,"] + string_literal(text, "              ") + ["}"]
    out += ["", "}  // namespace ticketcore"]
    return out


# ---- capi/include/ticketcore/sys/storage_methods.h -----------------------------------------------


def c_signature(m):
    _, out_param, _ = returns(m["returns"])
    params = ["void *ctx", "void *txn"] + [d for n, t in m["params"] for d, _ in c_params(n, t)]
    if out_param:
        params.append(out_param)
    return "int", params


def storage_methods_h():
    out = header("/*", [
        " *",
        " * ticketcore/sys/storage_methods.h - the table of a storage backend, included by",
        " * <ticketcore/sys/storage.h> (which says what every method shares). Every method",
        " * returns TC_OK or a status; a method with a result gives it through its last",
        " * parameter. Methods are in the table's order: a later version only appends.",
        " *",
        " * Versions and what each added:",
    ] + versions_added() + [
        " */",
        "#ifndef TICKETCORE_SYS_STORAGE_METHODS_H",
        "#define TICKETCORE_SYS_STORAGE_METHODS_H",
        "",
        "typedef struct tc_storage_methods {",
        "    uint32_t version; /* TC_STORAGE_METHODS_VERSION */",
        "    void *ctx;        /* passed to every method */",
    ])
    version = 1
    count = 2
    for entry in spec.METHODS:
        if entry == spec.BEGIN:
            out += ["", "    /* ---- Transactions (required) ---- */",
                    "    /* `write` is 1 for a unit of work that may write, 0 for a read. */",
                    "    int (*begin)(void *ctx, int write, void **out_txn);"]
            count += 1
            continue
        if entry == spec.ROLLBACK:
            out += ["    /* Undoes the transaction and ends it; must not fail. */",
                    "    void (*rollback)(void *ctx, void *txn);"]
            count += 1
            continue
        if entry == spec.DESTROY:
            out += ["", "    /* Optional: called exactly once when the library no longer needs ctx. */",
                    "    void (*destroy)(void *ctx);"]
            count += 1
            continue
        m = entry
        if not m["c"]:
            continue
        if m["since"] != version:
            version = m["since"]
            out += ["", f"    /* ==== Version {version} ==== */"]
        if m["section"] and m["section"] != "Transactions":
            out += ["", f"    /* ---- {m['section']} ---- */"]
        need = "Required." if m["required"] else {
            "missing": f"Optional (NULL: TC_ENOTSUPPORTED naming it, for {m['needed_by']}).",
            "default": "Optional (NULL: the library's own answer, below).",
            "counter": "Optional.",
        }[m["fallback"]]
        text = need + (" " + m["doc"] if m["doc"] else "")
        if m["c_doc"]:
            text += "\n\n" + m["c_doc"]
        out += c_comment(text)
        ret, params = c_signature(m)
        out.append(f"    {ret} (*{m['name']})({', '.join(params)});")
        count += 1
    out += [
        "} tc_storage_methods;",
        "",
        f"#define TC_STORAGE_METHODS_VERSION {spec.VERSION}",
    ]
    nulls = ", ".join(["NULL"] * (count - 2))
    out += wrap_macro(f"#define TC_STORAGE_METHODS_INIT {{TC_STORAGE_METHODS_VERSION, NULL, {nulls}}}")
    out += ["", "#endif /* TICKETCORE_SYS_STORAGE_METHODS_H */"]
    return out


def c_comment(text, indent="    "):
    """A C block comment of `text`, its paragraphs kept."""
    lines = [line[len(indent) + 3:] for line in wrap(text, indent + " * ")]
    lines = [indent + ("/* " if i == 0 else " * ") + line if line else indent + " *" for i, line in enumerate(lines)]
    lines[-1] += " */"
    return lines


def versions_added():
    added = {}
    for m in METHODS:
        if m["c"]:
            added.setdefault(m["since"], []).append(m["name"])
    added[1] = ["the required methods", "count_links", "destroy"]
    for version, change in spec.FORMS.items():
        added.setdefault(version, []).append(change)
    lines = []
    for version in sorted(added):
        text = ", ".join(added[version])
        wrapped = textwrap.wrap(text, 100, break_on_hyphens=False)
        lines.append(f" *   {version}  {wrapped[0]}")
        lines += [f" *      {line}" for line in wrapped[1:]]
    return lines


def wrap_macro(text, width=110):
    lines = textwrap.wrap(text, width - 2, subsequent_indent="    ", break_on_hyphens=False)
    return [line + " \\" for line in lines[:-1]] + lines[-1:]


# ---- capi/src/storage_transaction.cpp ------------------------------------------------------------


def adapter_method(m):
    ret, params = signature(m, qualify=True)
    name = m["name"]
    body = []
    if not m["required"]:
        if m["fallback"] == "missing":
            fallback = f'missing("{name}", "{m["needed_by"]}");'
        elif m["fallback"] == "counter":
            fallback = f"return counter_by_number({m['params'][0][0]});"
        else:
            fallback = f"return transaction::{name}({', '.join(n for n, _ in m['params'])});"
        line = f"    if (!m_.{name}) {fallback}"
        body += [line] if len(line) <= 120 else [f"    if (!m_.{name})", f"      {fallback}"]
    args = []
    visitor = None
    query = next((n for n, t in m["params"] if t == "ticket_query"), None)
    keyed = {prev: n for (prev, _), (n, t) in zip(m["params"], m["params"][1:]) if t in KEYS}
    for n, t in m["params"]:
        if t in KEYS:
            continue
        if n in keyed:
            body.append(f"    auto a_{n} = to_c({n}, {keyed[n]}, m_.version);")
            args.append(f"a_{n}.get()")
        elif t == "visitor":
            visitor = n
            body.append(f"    visit_bridge a_{n}({n});")
            args += [f"a_{n}.thunk()", f"&a_{n}"]
        elif t == "ticket_query":
            body.append(f"    auto a_{n} = to_c({n}, m_.version);")
            args.append(f"a_{n}.get()")
        elif t == "position":
            body.append(f"    auto a_{n} = to_c({n}, {query}.order);")
            args.append(f"a_{n}.get()")
        else:
            body.append(f"    auto a_{n} = to_c({n});")
            args.append(f"a_{n}.get()")
    r = m["returns"]
    out_decl = {"number": "std::int64_t out = 0;", "bool": "int out = 0;", "count": "std::uint64_t out = 0;",
                "mark": "std::uint64_t out = 0;"}.get(r, "owned_text out;" if r != "void" else None)
    if out_decl:
        body.append(f"    {out_decl}")
        args.append("&out" if r in ("number", "bool", "count", "mark") else "&out.text")
    invoke = f'return m_.{name}(m_.ctx, txn_{"".join(", " + a for a in args)});'
    call = f'call("{name}", [&] {{ {invoke} }});'
    if visitor:
        body += [f"    a_{visitor}.run([&] {{", f'      call("{name}", [&] {{ {invoke} }});', "    });"]
    elif len(call) + 4 <= 120:
        body.append(f"    {call}")
    else:
        body += [f'    call("{name}", [&] {{', f"      {invoke}", "    });"]
    if r == "number":
        body.append("    return out;")
    elif r == "bool":
        body.append("    return out != 0;")
    elif r == "count":
        body.append("    return static_cast<std::size_t>(out);")
    elif r == "mark":
        body.append("    return out;")
    elif r == "strings":
        body.append(f'    return records<std::string>("{name}", out);')
    elif r.endswith("?"):
        parts = []
        for piece in m["names"].replace("}", "{").split("{"):
            if not piece:
                continue
            param = dict(m["params"]).get(piece)
            if param is None:
                parts.append(f'"{piece}"')
            elif param == "number":
                parts.append(f"std::to_string({piece})")
            else:
                parts.append(f"std::string(a_{piece}.get())")
        record = RECORDS[r[:-1]]
        line = f'    return optional_record<tc::{record}>("{name}", out, {" + ".join(parts)});'
        if len(line) <= 120:
            body.append(line)
        else:
            start = f"    return optional_record<tc::{record}>("
            body += [f'{start}"{name}", out,', " " * len(start) + f'{" + ".join(parts)});']
    elif r.endswith("[]"):
        record = RECORDS[r[:-2]]
        if m["listing"]:
            kind = r[:-2].replace("stored_", "")
            body.append(f'    auto rows = listed<tc::{record}>("{name}", out, "{kind}");')
            if m["at_most"]:
                body.append(f'    at_most("{name}", rows.size(), {m["at_most"]});')
            body.append("    return rows;")
        else:
            body.append(f'    return records<tc::{record}>("{name}", out);')
    return declaration(f"  {ret} {name}(", params, ") override {") + body + ["  }"]


def adapter_cpp():
    out = header("//", [
        "//",
        "// The C adapter: a ticketcore::transaction over a tc_storage_methods table. Each method turns its",
        "// arguments into C values with to_c (one overload per type, storage_marshal.hpp), calls the",
        "// backend and reads what it gave back; a NULL optional method gets its fallback.",
        '#include "storage_marshal.hpp"',
        "",
        "#include <memory>",
        "#include <string>",
        "",
        "namespace capi {",
        "namespace {",
        "",
        "class c_transaction final : public c_transaction_base {",
        " public:",
        "  using c_transaction_base::c_transaction_base;",
    ])
    for m in METHODS:
        if not m["c"] or m["name"] == "commit":
            continue
        out += [""] + adapter_method(m)
    out += ["};", "", "}  // namespace", "",
            "std::unique_ptr<tc::transaction> make_c_transaction(std::shared_ptr<const table> t, void* txn) {",
            "  return std::make_unique<c_transaction>(std::move(t), txn);", "}", "",
            "void require_methods(const tc_storage_methods& m) {"]
    out.append('  require(m.begin != nullptr, "begin");')
    out.append('  require(m.rollback != nullptr, "rollback");')
    for m in METHODS:
        if m["c"] and m["required"]:
            out.append(f'  require(m.{m["name"]} != nullptr, "{m["name"]}");')
    out += ["}", "", "std::size_t methods_size(std::uint32_t version) {"]
    by_version = {}
    for m in METHODS:
        if m["c"]:
            by_version.setdefault(m["since"], m["name"])
    for v in sorted(by_version)[1:]:
        out.append(f"  if (version < {v}) return offsetof(tc_storage_methods, {by_version[v]});")
    out += ["  return sizeof(tc_storage_methods);", "}", "", "}  // namespace capi"]
    return out


# ---- bindings/python/ticketcore/_storage_methods.py ---------------------------------------------


# The Python types of the list's parameter and result types: records and
# filters as the typed dicts of ticketcore/_storage_forms.py and records.py.
PY_RECORDS = {"ticket": "StoredTicket", "stored_ticket": "StoredTicket", "conversation": "StoredConversation",
              "link": "Link", "part": "StoredPart", "history": "HistoryEntry", "notification": "Notification",
              "view": "StoredView", "checkpoint": "Checkpoint", "damaged": "DamagedRecord", "entry": "StoredEntry"}
PY_FILTERS = {"ticket_filter": "TicketFilter", "conversation_filter": "ConversationFilter",
              "outbox_filter": "OutboxFilter", "ticket_query": "TicketQuery", "history_scan": "HistoryScan",
              "entry_filter": "EntryFilter"}


def py_param(t):
    if t in TEXT:
        return "Optional[str]" if t.endswith("?") else "str"
    if t in INTEGERS:
        return "int"
    if t in RECORDS:
        return PY_RECORDS[t]
    if t in FILTERS:
        return PY_FILTERS[t]
    if t in LISTS:
        return f"Sequence[{LISTS[t][2]}]"
    if t == "position":
        return "Optional[TicketPosition]"
    if t == "visitor":
        return "Callable[[HistoryEntry], bool]"
    raise SystemExit(f"{SOURCE}: unknown parameter type {t!r}")


def py_result(r):
    if r == "void":
        return "None"
    if r in ("number", "count", "mark"):
        return "int"
    if r == "bool":
        return "bool"
    if r == "strings":
        return "Sequence[str]"
    if r.endswith("?") and r[:-1] in RECORDS:
        return f"Optional[{PY_RECORDS[r[:-1]]}]"
    if r.endswith("[]") and r[:-2] in RECORDS:
        return f"Sequence[{PY_RECORDS[r[:-2]]}]"
    raise SystemExit(f"{SOURCE}: unknown result type {r!r}")


def python_module():
    out = header("#", [
        '"""The storage methods of tc_storage_methods for the binding: the table\'s',
        "layout and each method's argument and result kinds (_lib.py declares the",
        "prototypes from it, storage.py dispatches by it), and the methods a Python",
        'backend implements, with what each must do."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Callable, Generic, List, Optional, Sequence, Tuple, TypeVar",
        "",
        "IMPORTS",
        "",
        f"VERSION = {spec.VERSION}",
        "",
        "#: The latest version that changed the forms a backend is handed (docs/storage.md):",
        "#: a Python backend speaks them, so its table is of this version at least.",
        f"FORMS_VERSION = {max(spec.FORMS)}",
        "",
        "#: The table in order after version and ctx: (name, since, required, argument",
        "#: kinds after ctx and txn, result kind). begin, rollback and destroy are None.",
        "TABLE: List[Tuple[str, int, bool, Optional[Tuple[str, ...]], Optional[str]]] = [",
    ])
    for entry in spec.METHODS:
        if isinstance(entry, str):
            out.append(f"    ({entry!r}, 1, True, None, None),")
            continue
        if not entry["c"]:
            continue
        kinds = [k for n, t in entry["params"] for _, k in c_params(n, t) if k]
        out.append(f"    ({entry['name']!r}, {entry['since']}, {entry['required']}, {tuple(kinds)!r}, "
                   f"{returns(entry['returns'])[2]!r}),")
    out += ["]", "", "#: A backend's transaction: any object it chooses, handed back to every method.",
            'Txn = TypeVar("Txn")', "", "",
            "class StorageMethods(Generic[Txn]):",
            '    """The storage contract as Python methods: records as parsed JSON (dicts),',
            "    times as ISO 8601 strings, ids as strings. Required methods must be",
            "    overridden; an optional one a subclass leaves alone is not registered, and",
            '    the library answers for it (or raises NotSupported naming it)."""']
    for m in METHODS:
        if not m["c"]:
            continue
        params = "".join(f", {n}: {py_param(t)}" for n, t in m["params"] if t not in KEYS)
        doc = ("Required. " if m["required"] else "Optional. ") + (m["doc"] or "")
        if m["c_doc"] and len(m["c_doc"]) < 400:
            doc += " " + m["c_doc"]
        if any(t == "visitor" for _, t in m["params"]):
            doc += " Python: visit(entry) returns True to go on."
        lines = textwrap.wrap(doc.strip(), 100, break_on_hyphens=False)
        out += [""] + wrap_def(f"    def {m['name']}(self, txn: Txn{params}) -> {py_result(m['returns'])}:")
        out += ['        """' + lines[0]] + ["        " + line for line in lines[1:]]
        out[-1] += '"""'
        out.append("        raise NotImplementedError")
    # The forms the methods use, from the module that defines each.
    text = "\n".join(out)
    used = sorted(n for n in set(PY_RECORDS.values()) | set(PY_FILTERS.values()) | {"TicketPosition"}
                  | {item for _, _, item in LISTS.values()}
                  if re.search(rf"\b{n}\b", text))
    forms = [n for n in used if n not in RECORD_VIEWS]
    views = [n for n in used if n in RECORD_VIEWS]
    imports = wrap_def(f"from ._storage_forms import ({', '.join(forms)})") + [f"from .records import {', '.join(views)}"]
    i = out.index("IMPORTS")
    return out[:i] + imports + out[i + 1:]


# The forms that ticketcore/records.py defines (the Desk returns them too).
RECORD_VIEWS = {"Link", "Part", "HistoryEntry", "Notification", "DamagedRecord"}


def wrap_def(line, width=120):
    """A def line, its parameters carried over at the opening parenthesis when long."""
    if len(line) <= width:
        return [line]
    indent = " " * (line.index("(") + 1)
    out, current = [], ""
    for piece in line.split(", "):
        candidate = piece if not current else current + ", " + piece
        if out or current:
            if len((indent if out else "") + candidate) > width:
                out.append(current + ",")
                current = indent + piece
                continue
        current = candidate
    out.append(current)
    return out


# ---- Writing or checking -----------------------------------------------------------------------

OUTPUTS = {
    "include/ticketcore/storage.hpp": storage_hpp,
    "include/ticketcore/storage_wrapper.hpp": wrapper_hpp,
    "src/store/transaction_defaults.cpp": defaults_cpp,
    "capi/include/ticketcore/sys/storage_methods.h": storage_methods_h,
    "capi/src/storage_transaction.cpp": adapter_cpp,
    "bindings/python/ticketcore/_storage_methods.py": python_module,
}


def main(argv):
    check = "--check" in argv
    stale = []
    for path, make in OUTPUTS.items():
        text = "\n".join(make()) + "\n"
        full = os.path.join(ROOT, path)
        try:
            with open(full, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        if check:
            stale.append(path)
        else:
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        print(f"{GENERATOR}: stale (run scripts/generate.sh): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
