"""The storage methods: the one list every face of the storage contract is
generated from (scripts/gen/storage_methods.py; docs/storage.md, "One list").

Each entry is one method of a storage transaction. Its order is the order of
the C table `tc_storage_methods`, which is an ABI: append, never insert or
reorder. From this list come the C++ `transaction` (include/ticketcore/
storage.hpp), `transaction_wrapper` (storage_wrapper.hpp), the C table and
its INIT macro (capi/include/ticketcore/sys/storage_methods.h), the C adapter
(capi/src/storage_transaction.cpp), the not-supported defaults
(src/store/transaction_defaults.cpp) and the Python prototypes and
dispatch (bindings/python/ticketcore/_storage_methods.py).

Fields of an entry:
  name      the method's name in every language.
  returns   "void", "number" (int64), "bool", "count" (size_t), "mark"
            (uint64), a record ("stored_ticket", "conversation", "link", "part",
            "history", "notification", "view", "checkpoint", "entry") with "?" for
            one that may be absent or "[]" for a list, or "strings".
  params    (name, type) pairs; types: "id", "text", "sequence",
            "link_kind", "link_kind?", "endpoint_kind", "number", "limit",
            "mark", "time", a record (as above, and "stored_ticket"),
            "ticket_keys" or "part_keys" (after the record they belong to:
            in C and Python its JSON's "keys"), a filter ("ticket_filter",
            "conversation_filter", "outbox_filter", "ticket_query",
            "history_scan", "entry_filter"), "entry_keys" (an entry's lookup
            keys), "position" (a query cursor, after a "ticket_query"
            parameter) and "visitor" (a history visitor).
  doc       what the method does, for C++ and C alike (the public headers).
  c_doc     what a C (or Python) backend needs besides: the JSON forms.
  since     the table version that added it to the C table (FORMS, at the
            end, lists versions that changed forms, not methods).
  required  whether every backend must have it (C: non-NULL at open; C++:
            pure virtual). An optional method a backend lacks gets its
            `fallback`:
  fallback  "missing": errc::not_supported naming the method and what needs
            it (`needed_by`); "default": the library's own answer, written
            by hand in src/store/storage.cpp (C++) and used by the C adapter
            when the entry is NULL; "counter": next_number("counter:" + name),
            how tables before version 4 keep counters.
  listing   a list of tickets or conversations that leaves a record it cannot
            read out and notes it (U3) instead of failing.
  names     how a read that fails on a damaged record names it (U3); {param}
            is the argument's text.
  at_most   the parameter that bounds the number of rows returned.
  sink      takes its record by value: the store keeps what it is given.
  c         False for a method that exists only on the library's side.
"""

TICKET_C_DOC = """\
ticket_json is the stored form of the ticket (docs/storage.md): its JSON
form with the Desk's bookkeeping beside it ("follow_up_raised",
"action_required_raised", "idle_rules_run", "idle_due_at", "next_due_at",
each only while set), then "keys": the values to filter and sort by,
which the library derived: {"priority_rank" (integer), "sla_status",
"sla_due" (time or null), "due_at" (time or null), "words" (array of
strings)}. Keep the record as given; the library ignores "keys" when it
reads a ticket back, and never asks for them. Before version 5 the form
had no "keys" but "priority_rank" at its top level."""

PART_C_DOC = """\
part_json is the part's JSON form with "keys": {"audience", "words"}:
"audience" is "public" (text its ticket's contact may read), "internal"
or "none" (no text, or a conversation's part), "words" the part's words
for its ticket's full text. Before version 5 the form had no "keys"."""

QUERY_C_DOC = """\
The tickets matching `query_json`, in its order, that come after the
cursor `after_json`, at most `limit`, as a JSON array.

query_json is the JSON form of a ticket query (docs/queries.md); the
library always sets "order" and "descending", and beside "text" its
"words". Every key that is present must match (AND); a list matches any
of its values, except "tags", which must all be on the ticket. "keys"
below is what insert_ticket and update_ticket were last given:
  "category", "channel", "brand", "contact", "company"   equal;
  "assignee", "team"    equal ("" selects tickets with none);
  "types", "states", "state_categories", "priorities"    the ticket's
                        "type", "state", "state_category", "priority"
                        is one of them;
  "tags"                every one is in the ticket's "tags";
  "created_from"/"created_to", "updated_from"/"updated_to"   the
                        ticket's "created_at"/"updated_at" is in
                        [from, to);
  "due_before"          keys "due_at" is set and before it;
  "sla_status"          keys "sla_status" is this one;
  "shared_with_company" "sharing" is "company" and "company" is this;
  "tracker"             a link of kind "tracker" joins the ticket to
                        this tracker id (the links_of index);
  "text", "words"       every one of "words" is among the ticket's
                        words: keys "words" and the "words" of the
                        parts appended to it whose "audience" is
                        "public" or "internal"; with "public_text_only":
                        true only keys "words" and public parts' words
                        count. No words (text of punctuation alone)
                        match nothing. Compare words as given: the
                        library has split and folded them.

Order: by the key of "order", ties broken by "id"; both descending when
"descending" is true, else both ascending. Keys: "created" the
"created_at", "updated" the "updated_at" (times compare as strings),
"priority" keys "priority_rank", "sla_due" keys "sla_due", where a
ticket with none comes after every ticket that has one (a key above
every time).

after_json is NULL for the first page, else the last row of the page
before as {"key": K, "id": "<ticket id>"}, K in the key's own form: a
time string, an integer rank, or null for "sla_due" with none. Return
only rows strictly after (K, id) in the order: a keyset cursor, exactly
like ticket_query/ticket_position in include/ticketcore/query.hpp. The
rows before the cursor may have changed since that page was read, so
compare keys; never count an offset.

A key the backend does not know (a later library's) is answered with
TC_ENOTSUPPORTED, never ignored: ignoring it would widen the query.
More than `limit` rows is the backend's failure (TC_ESTORAGE).

Before version 5 the query had no "words", tickets and parts no "keys":
such a backend derived them itself.

Indexes: a backend answers the filters it can from an index (tags,
contact, company, category, tracker links, a word index for "words")
and should keep one on each order key with the id, e.g. (created_at,
id), (updated_at, id), (priority_rank, id), (sla_due, id), so a page
costs the page, not the desk."""

SCAN_C_DOC = """\
Calls `visit(arg, history_json)` with every history entry whose "at" is
in the period and whose "field" is asked for, of every subject, oldest
"at" first and entries of one "at" in the order they were appended (so
keep an append sequence; the id does not give it). scan_json is {"from",
"to", "fields", "subject"}: "at" >= "from" and < "to", where an absent
"from" means from the first entry and an absent "to" to the last;
"fields" absent or empty means every field; "subject", when present,
takes only that record's entries (serve it from the index history_of
uses). `history_json` is borrowed: valid during the call only. Facts-only
scans get whole entries.

When `visit` returns nonzero, stop at once and return TC_OK (the library
knows why it stopped). `visit` never calls the backend.

A visitor rather than pages: a report reads a whole period in one pass,
so the backend keeps its own position (an SQL cursor stepping an index
on (at, sequence), or an iterator) and hands over one entry at a time,
and needs no cursor format of its own; memory stays at a row however
long the period."""


ENTRIES_NEEDED_BY = "the directory and the stored configuration"

ENTRY_C_DOC = """\
entry_json: {"kind", "id", "version", "record"}, "record" an object to
keep exactly as given. keys_json: [{"name", "value", "unique"}], the
entry's lookup keys; keep an index on (kind, name, value, id) and compare
values as bytes. A unique key of the kind held by another entry is
TC_ECONFLICT with a message naming it, e.g. "a contact already has email
ann@example.com", and nothing is written. A stale version is
TC_ECONFLICT, an update of an entry that does not exist TC_ENOTFOUND."""


def method(name, returns, params=(), doc="", c_doc="", since=1, required=False, fallback=None, needed_by=None,
           listing=False, names=None, at_most=None, c=True, section=None, sink=False):
    return dict(name=name, returns=returns, params=list(params), doc=doc, c_doc=c_doc, since=since, sink=sink,
                required=required, fallback=fallback, needed_by=needed_by, listing=listing, names=names,
                at_most=at_most, c=c, section=section)


# begin, rollback and destroy are table entries with their own shape, written
# by hand in every face; they are listed so the table's order is whole.
BEGIN, ROLLBACK, DESTROY = "begin", "rollback", "destroy"

METHODS = [
    BEGIN,
    method("commit", "void", section="Transactions", required=True,
           doc="Makes everything written through this transaction visible to others, at once (P6, N5)."),
    ROLLBACK,
    method("next_number", "number", [("s", "sequence")], required=True,
           doc="The next human number of a sequence (T3). Numbers increase; one taken by a committed record is "
               "never given again. A rolled-back transaction returns its number, so committed numbers have no "
               "gaps from failures.",
           c_doc='`sequence` is "ticket" or "conversation"; a table before version 4 also gets "counter:<name>" '
                 "for next_counter."),
    method("get_ticket", "stored_ticket?", [("id", "id")], section="Tickets", required=True, names="ticket {id}"),
    method("get_ticket_by_number", "stored_ticket?", [("number", "number")], required=True, names="ticket #{number}"),
    method("insert_ticket", "void", [("t", "stored_ticket"), ("keys", "ticket_keys")], required=True,
           doc="Requires: no ticket with this id or number exists. `keys` are derived from `t` by the library: "
               "store them beside it to filter and sort by; they are never read back.",
           c_doc=TICKET_C_DOC),
    method("update_ticket", "void", [("t", "stored_ticket"), ("keys", "ticket_keys")], required=True,
           doc="Requires: the stored version is t.version - 1, else error(conflict) (X1); error(not_found) when "
               "no ticket has this id. `keys` replace the ticket's keys."),
    method("find_tickets", "stored_ticket[]", [("f", "ticket_filter")], required=True, listing=True,
           doc="Tickets newest first, matching every filter that is set; served by the contact, company and "
               "category indexes where a filter sets them.",
           c_doc='filter_json: {"category", "state_category", "type", "assignee" ("" means unassigned), "brand", '
                 '"contact", "company", "title" (exact), "before" (an id: only older ones), "limit"}.'),
    method("type_in_use", "bool", [("type", "text")], fallback="default",
           doc="Whether any ticket has this type (T4). Without it the library asks find_tickets for one ticket "
               "of the type."),
    method("get_conversation", "conversation?", [("id", "id")], section="Conversations", required=True,
           names="conversation {id}"),
    method("get_conversation_by_number", "conversation?", [("number", "number")], required=True,
           names="conversation {number}"),
    method("insert_conversation", "void", [("c", "conversation")], required=True,
           doc="Requires: no conversation with this id or number exists."),
    method("update_conversation", "void", [("c", "conversation")], required=True, doc="Versioned like tickets."),
    method("find_conversations", "conversation[]", [("f", "conversation_filter")], required=True, listing=True,
           doc="Conversations newest first, matching every filter that is set.",
           c_doc='filter_json: {"contact", "brand", "before", "limit"}.'),
    method("insert_link", "void", [("l", "link")], section="Links", required=True,
           doc="Links are indexed by both ends; links_of never scans all links."),
    method("remove_link", "void", [("link_id", "id")], required=True, doc="error(not_found) if absent."),
    method("get_link", "link?", [("link_id", "id")], required=True, names="link {link_id}"),
    method("links_of", "link[]", [("end", "id"), ("kind", "link_kind?")], required=True,
           doc="Links with `end` at either side, optionally of one kind (C: NULL for any), oldest first."),
    method("count_links", "count", [("end", "id"), ("kind", "link_kind"), ("other", "endpoint_kind")],
           fallback="default",
           doc="How many links of `kind` join `end` to records of endpoint kind `other`. Without it the library "
               "counts links_of(); SQL backends answer from the index."),
    method("append_part", "void", [("p", "part"), ("keys", "part_keys")], sink=True,
           section="Timeline parts and history", required=True,
           doc="Sinks: the store keeps what it is given. `keys` say who may find the part's words in its "
               "ticket's full text and the words (none on a conversation's part); never read back.",
           c_doc=PART_C_DOC),
    method("parts_of", "part[]", [("owner", "id")], required=True, doc="Oldest first."),
    method("append_history", "void", [("h", "history")], sink=True, required=True),
    method("history_of", "history[]", [("subject", "id")], required=True, doc="Oldest first."),
    method("enqueue", "void", [("n", "notification")], sink=True, section="The outbox", required=True),
    method("get_notification", "notification?", [("id", "id")], required=True, names="notification {id}"),
    method("update_notification", "void", [("n", "notification")], required=True, doc="error(not_found) if absent."),
    method("due_notifications", "notification[]", [("now", "time"), ("limit", "limit")], required=True,
           doc="Pending entries whose next attempt is due at `now`, earliest next attempt first (then by id), "
               "at most `limit`."),
    method("list_notifications", "notification[]", [("f", "outbox_filter")], required=True,
           doc="Oldest first, matching every filter that is set. A contact and a teammate may share an id: "
               "`recipient` names one only together with `audience`, its namespace.",
           c_doc='filter_json: {"audience", "recipient", "ticket", "state", "after" (an id: only newer entries, the outbox cursor), "limit"}.'),
    DESTROY,
    method("due_tickets", "stored_ticket[]", [("now", "time"), ("limit", "limit")], since=2, section="Service levels",
           fallback="missing", needed_by="service-level and due-date events (S1, S2) and desk::tick",
           listing=True,
           doc="Tickets whose next_due_at is at or before `now`, earliest first (then by id), at most `limit`: "
               "what desk::tick() must raise (S1, S2). Served by an index on next_due_at."),
    method("query_tickets", "stored_ticket[]", [("q", "ticket_query"), ("after", "position"), ("limit", "limit")],
           since=3, section="Queries and saved views (Q1)", fallback="missing",
           needed_by="ticket queries (Q1) and bulk updates (B1)", listing=True, at_most="limit",
           doc="The tickets matching `q`, in q's order, after `after` (the last row of the previous page), at "
               "most `limit`. Full text covers the title and description, replies and the ticket contact's "
               "messages, and (unless q.public_text_only) notes and other internal text. An SQL backend serves "
               "every filter and order from an index.",
           c_doc=QUERY_C_DOC),
    method("count_tickets", "count", [("q", "ticket_query")], since=3, fallback="missing",
           needed_by="ticket counts (Q1) and saved views' counts",
           doc="How many tickets match `q` (its order does not matter)."),
    method("put_view", "void", [("v", "view")], since=3, fallback="missing", needed_by="saved views (Q1)",
           doc="Saved views by id: put_view inserts or replaces; remove_view throws error(not_found) when there "
               "is none; list_views lists them in id order. Written and rolled back with the transaction.",
           c_doc='view_json: {"id", "name", "owner", "query"}, the query in the form of query_tickets; '
                 'list_views gives them in ascending byte order of "id".'),
    method("remove_view", "void", [("id", "text")], since=3, fallback="missing", needed_by="saved views (Q1)"),
    method("list_views", "view[]", [], since=3, fallback="missing", needed_by="saved views (Q1)"),
    method("scan_history", "void", [("s", "history_scan"), ("visit", "visitor")], since=3,
           section="Reports (R1)", fallback="missing", needed_by="reports (R1)",
           doc="Calls `visit` with every history entry of `s`, of every subject, in time order (entries of one "
               "instant in the order they were appended), until `visit` returns false. Streams: the store holds "
               "no more than a row at a time, so a period of millions of entries costs no memory; an SQL backend "
               "reads it from an index on the time. `visit` must not call this transaction.",
           c_doc=SCAN_C_DOC),
    method("next_counter", "number", [("name", "text")], since=4,
           section="Counters, history by field, integrity, report checkpoints", fallback="counter",
           needed_by="named counters (the turn of a round-robin rule, A1)",
           doc="A named counter of the desk's own (the turn of a round-robin rule, A1): 1, 2, 3, ... per name, "
               "rolled back with the transaction like numbers.",
           c_doc='NULL: the library asks next_number for the sequence "counter:<name>".'),
    method("field_history", "history[]", [("subject", "id"), ("field", "text")], since=4, fallback="default",
           doc="The entries of `subject` whose field is `field`, oldest first: what a state change reads to count "
               "resolution cycles (R1) without copying the rest. Without it the library filters history_of()."),
    method("integrity_problems", "strings", [], since=4, fallback="default",
           doc="Problems the backend finds in its own files (SQLite: PRAGMA integrity_check), one line each; "
               "empty when all is well. What desk::check() adds to the damaged records it walks. Without it "
               "the library finds none.",
           c_doc="A JSON array of strings."),
    method("latest_checkpoint", "checkpoint?", [("key", "text"), ("at", "time")], since=4, fallback="missing",
           needed_by="report checkpoints (R1), so reports start from the first history entry",
           names="report checkpoint {key}",
           doc="Report checkpoints (R1). latest_checkpoint: the checkpoint of `key` with the latest instant at "
               "or before `at`, if any. history_mark: an opaque mark of the history this transaction sees, taken "
               "with a read. put_checkpoint stores `c` (replacing one of the same key and instant) unless an "
               "entry dated before c.at was appended after `mark`, and says whether it stored it. append_history "
               "drops every checkpoint dated after the entry it appends, so a checkpoint always summarises "
               "exactly the history before its instant. Without them reports start from the first entry.",
           c_doc='checkpoint_json: {"key", "at", "data"}.'),
    method("history_mark", "mark", [], since=4, fallback="missing",
           needed_by="report checkpoints (R1), so reports start from the first history entry"),
    method("put_checkpoint", "bool", [("c", "checkpoint"), ("mark", "mark")], since=4, fallback="missing",
           needed_by="report checkpoints (R1), so reports start from the first history entry"),
    method("history_in_order", "history[]", [("after", "mark"), ("limit", "limit")], since=4, fallback="missing",
           needed_by="reports (R1) by the library's evaluator",
           doc="The history log in the order it was appended, of every subject: the entries after the first "
               "`after`, at most `limit`. What the library's evaluator scans for reports where scan_history is "
               "missing (docs/storage.md, \"Capabilities and the evaluator\"); the log only grows, so a "
               "position stays valid within a transaction."),
    method("take_damaged", "damaged[]", [], c=False, section="On the library's side", fallback="default",
           doc="Damaged records (U3). A record that cannot be read back fails the read that needs it with "
               "error(storage) naming it (kind, id, number where known, what is wrong). A listing of tickets or "
               "conversations (find_tickets, due_tickets, query_tickets, find_conversations) instead leaves such "
               "a row out and notes it; take_damaged returns, and forgets, the rows noted since its last call, "
               "in the order met. The Desk says which record is damaged in what it lists, and fails any other "
               "operation that met one (docs/storage.md). The default notes nothing. Not in the C table: the "
               "C adapter notes what it cannot read itself."),
    method("get_entry", "entry?", [("kind", "text"), ("id", "text")], since=6,
           section="Records by kind: the directory and the stored configuration", fallback="missing",
           needed_by=ENTRIES_NEEDED_BY, names="{kind} {id}",
           doc="Records by kind, id and version, kept whole without the store knowing their shape, and found by "
               "the lookup keys the library derives (storage_types.hpp). get_entry: the entry of `kind` with "
               "this id, if any.",
           c_doc="The entry as entry_json (see put_entry), or NULL (Python: None) when there is none."),
    method("put_entry", "void", [("e", "entry"), ("keys", "entry_keys")], since=6, sink=True, fallback="missing",
           needed_by=ENTRIES_NEEDED_BY,
           doc="Version 1 inserts (error(conflict) when the id exists); version n > 1 replaces the entry when "
               "the stored version is n - 1, else error(conflict) (X1), and error(not_found) when there is none. "
               "`keys` replace the entry's previous keys. A unique key another entry of the kind holds is "
               "error(conflict) naming the kind, the key and its value, and nothing is written. Rolled back "
               "with the transaction.",
           c_doc=ENTRY_C_DOC),
    method("find_entries", "entry[]", [("f", "entry_filter")], since=6, fallback="missing",
           needed_by=ENTRIES_NEEDED_BY,
           doc="Entries of f.kind in ascending byte order of id, after f.after, at most f.limit; with a key, only "
               "the entries holding it, read from the key's index (never a scan of the kind).",
           c_doc='filter_json: {"kind", "key_name", "key_value" (both or neither), "after" (an id: only entries '
                 'after it, the cursor), "limit"}.'),
    method("rewrite_part", "void", [("p", "part"), ("keys", "part_keys")], since=7, sink=True,
           section="Erasure (D2)", fallback="missing", needed_by="erasing a contact's personal data (D2)",
           doc="Replaces the part with p.id in p.owner's timeline, keeping its place, and its keys: the words it "
               "was stored with no longer find its ticket, `keys.words` do. error(not_found) when the owner has "
               "no such part. The one change a part ever takes, for erasure (D2): a backend that can overwrites "
               "the old bytes (SQLite: secure_delete, its full-text rows merged).",
           c_doc="part_json as for append_part, with its \"keys\"; the part with its \"id\" under its "
                 "\"owner\" is replaced, order kept, and the words of its old keys no longer count for its "
                 "ticket. TC_ENOTFOUND when there is none."),
]

#: What each table version changed besides the methods it appended.
FORMS = {5: "keys beside tickets and parts, words in queries; type_in_use optional"}

#: The table version the list describes.
VERSION = max([m["since"] for m in METHODS if isinstance(m, dict)] + list(FORMS))
