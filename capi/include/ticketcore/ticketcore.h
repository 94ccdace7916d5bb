/*
 * ticketcore.h - the stable C ABI of ticketcore (C99, usable from C++).
 *
 * Conventions (docs/conventions.md, "C ABI"; details and examples in docs/c-api.md):
 *
 * - Every fallible function returns a tc_status: TC_OK (0) or a negative
 *   code, one per error kind. It clears the thread-local error on entry; on
 *   failure tc_last_error_message() says what was wrong. A failed call
 *   changes nothing and sets every out-parameter to NULL.
 * - Outputs come first. Text returned through `char **out_json` belongs to
 *   the caller, who frees it with tc_string_free() (never free()). A
 *   returned `const char *` is borrowed. Inputs are copied; the library
 *   keeps no pointer to them after the call returns.
 * - All text is UTF-8 and NUL-terminated. Records, requests and the
 *   configuration travel as JSON. Invalid UTF-8, malformed JSON, a wrong
 *   field type, an unknown field and text longer than the desk's
 *   max_input_bytes are rejected with TC_EINVALID.
 * - Every operation is one op of the op table (docs/c-api.md,
 *   "Operations"): a typed function tc_desk_<op> (section "Operations"
 *   below) or, for the ops listed there without one, tc_desk_execute().
 * - An op that acts for someone takes an actor as JSON: {"kind":
 *   "teammate", "id": "tom"}; kinds are teammate, contact, automation and
 *   system (no id). A contact sees records only through the customer
 *   projection. Host ops (configure, configuration, outbox,
 *   dispatch_notifications, tick) take none and run as the system.
 * - A ticket is named by a `ref`: its UUID, or its number as "1042" or
 *   "#1042". Conversations, links and timeline targets are named by UUID.
 * - Thread safety: a tc_desk may be used by any number of threads at once,
 *   except tc_desk_close(), which must be the last call on it. Each
 *   function's comment notes any further restriction.
 * - No C++ exception ever crosses this boundary.
 */
#ifndef TICKETCORE_TICKETCORE_H
#define TICKETCORE_TICKETCORE_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(TC_BUILDING)
#    define TC_API __declspec(dllexport)
#  elif defined(TC_SHARED)
#    define TC_API __declspec(dllimport)
#  else
#    define TC_API
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define TC_API __attribute__((visibility("default")))
#else
#  define TC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions -------------------------------------------------------- */

/* The version of this header. The shared library's SOVERSION is
 * TC_VERSION_MAJOR; within a major version only additions are made. */
#define TC_VERSION_MAJOR 0
#define TC_VERSION_MINOR 1
#define TC_VERSION_PATCH 0
#define TC_VERSION_STRING "0.1.0"

/* The ABI this header describes: equal to the SOVERSION of libticketcore_c.
 * Compare with tc_abi_version() at run time. */
#define TC_ABI_VERSION TC_VERSION_MAJOR

/* The version of the library actually loaded, e.g. "0.1.0". Static
 * storage, never NULL. Thread-safe. */
TC_API const char *tc_version(void);

/* The ABI version of the library actually loaded (its SOVERSION). */
TC_API int tc_abi_version(void);

/* ---- Status and errors ----------------------------------------------- */

/* One code per error kind; the negated values of ticketcore::errc. */
typedef enum tc_status {
    TC_OK = 0,
    TC_EINVALID = -1,      /* malformed input: NULL, bad JSON or UTF-8, unknown op or field */
    TC_ENOTFOUND = -2,     /* no such record, or not visible to the actor (V3) */
    TC_EVALIDATION = -3,   /* attribute or configuration values; names the fields */
    TC_ETRANSITION = -4,   /* the lifecycle forbids the state change (L2) */
    TC_ELINKLIMIT = -5,    /* a link rule (K1-K9) would be broken */
    TC_ECONFLICT = -6,     /* expected version did not match (X1) */
    TC_EFORBIDDEN = -7,    /* the actor may see the record but not do this (V4) */
    TC_ESTORAGE = -8,      /* the storage backend failed */
    TC_EINTERNAL = -9,     /* a bug in ticketcore */
    TC_ENOTSUPPORTED = -10,/* an optional capability the backend lacks */
    TC_EVERSION = -11,     /* a struct version of 0, or newer than this library */
    TC_ENOMEM = -12        /* out of memory */
} tc_status;

/* The name of a status as used in JSON: "ok", "invalid_argument",
 * "not_found", "validation_failed", "invalid_transition", "link_limit",
 * "conflict", "forbidden", "storage", "internal", "not_supported",
 * "version", "out_of_memory"; "unknown" otherwise. Static storage. */
TC_API const char *tc_status_name(int status);

/* The message of the last failed call on this thread, or "" after a
 * successful one. Borrowed: valid until the next tc_ call on this thread.
 * Never NULL. Does not clear the error. */
TC_API const char *tc_last_error_message(void);

/* The last error on this thread as JSON, {"status": "validation_failed",
 * "code": -3, "message": "...", "fields": ["..."]}, or "{}" after a
 * successful call. `fields` lists the offending keys of a validation error.
 * Borrowed like tc_last_error_message(). Never NULL. */
TC_API const char *tc_last_error_json(void);

/* Frees text the library returned through an out-parameter. NULL is
 * ignored. Thread-safe. */
TC_API void tc_string_free(char *text);

/* ---- Callbacks --------------------------------------------------------- */

/* What a notifier's deliver() returns. */
typedef enum tc_delivery {
    TC_DELIVERY_OK = 0,      /* delivered; never sent again */
    TC_DELIVERY_RETRY = 1,   /* try again later, with backoff (N5) */
    TC_DELIVERY_FAILED = 2   /* give up; the entry is marked failed */
} tc_delivery;

/* Called inside a callback to say why it failed: the text is copied and
 * recorded (for a notifier, as the outbox entry's last_error). Affects only
 * the callback running on this thread; ignored elsewhere. NULL clears it. */
TC_API void tc_callback_error(const char *message);

/* Delivers the outbox (N5). `deliver` gets one notification as JSON (see
 * docs/c-api.md) and returns a tc_delivery; any other value counts as
 * TC_DELIVERY_RETRY. The JSON is borrowed for the call. Its recipient is
 * "audience" ("contact" or "teammate") and "recipient" together. Called
 * from the thread that calls tc_desk_dispatch_notifications(), one
 * notification at a time, outside any storage transaction; it may call
 * other tc_ functions except tc_desk_dispatch_notifications() on the same
 * desk. Hosts dedupe on idempotency_key: delivery is at least once. */
typedef struct tc_notifier {
    uint32_t version;  /* TC_NOTIFIER_VERSION */
    void *ctx;         /* passed to every callback */
    int (*deliver)(void *ctx, const char *notification_json);
    /* Optional. For a notifier in tc_desk_options: called exactly once, when
     * the desk closes or when tc_desk_open fails. Never called for the
     * notifier lent to tc_desk_dispatch_notifications(). */
    void (*destroy)(void *ctx);
} tc_notifier;

#define TC_NOTIFIER_VERSION 1
#define TC_NOTIFIER_INIT {TC_NOTIFIER_VERSION, NULL, NULL, NULL}
/* Zeroes `n` and sets its version. TC_EINVALID for NULL; TC_EVERSION for 0
 * or a version newer than TC_NOTIFIER_VERSION. */
TC_API tc_status tc_notifier_init(tc_notifier *n, uint32_t version);

/* The desk's source of "now" (tests, replays, simulations). now_ms()
 * returns milliseconds since the Unix epoch, UTC; it is called from any
 * thread that uses the desk, so it must be thread-safe. */
typedef struct tc_clock {
    uint32_t version;  /* TC_CLOCK_VERSION */
    void *ctx;
    int64_t (*now_ms)(void *ctx);
    void (*destroy)(void *ctx);  /* optional; once, when the desk closes or open fails */
} tc_clock;

#define TC_CLOCK_VERSION 1
#define TC_CLOCK_INIT {TC_CLOCK_VERSION, NULL, NULL, NULL}
TC_API tc_status tc_clock_init(tc_clock *c, uint32_t version);

/* An event observer. on_event() gets one event as JSON, {"kind":
 * "state_changed", "subject": "<uuid>", "number": 7, "actor": {...},
 * "detail": {...}}, after each committed change, in commit order, on the
 * thread that made the change. Events carry teammate-level data: do not
 * forward them to contacts unfiltered. The callback may call other tc_
 * functions, including tc_subscription_free() on its own subscription. */
typedef struct tc_event_callback {
    uint32_t version;  /* TC_EVENT_CALLBACK_VERSION */
    void *ctx;
    void (*on_event)(void *ctx, const char *event_json);
    /* Optional. Called exactly once: after tc_subscription_free() once no
     * on_event() call is running any more, or when tc_desk_subscribe fails. */
    void (*destroy)(void *ctx);
} tc_event_callback;

#define TC_EVENT_CALLBACK_VERSION 1
#define TC_EVENT_CALLBACK_INIT {TC_EVENT_CALLBACK_VERSION, NULL, NULL, NULL}
TC_API tc_status tc_event_callback_init(tc_event_callback *cb, uint32_t version);

/* ---- The desk ------------------------------------------------------------ */

typedef struct tc_desk tc_desk;
typedef struct tc_subscription tc_subscription;
struct tc_storage_methods; /* <ticketcore/sys/storage.h> */

/* The default of tc_desk_options.max_input_bytes: 16 MiB. */
#define TC_DEFAULT_MAX_INPUT_BYTES ((size_t)16 * 1024 * 1024)

typedef struct tc_desk_options {
    uint32_t version;  /* TC_DESK_OPTIONS_VERSION */
    /* The configuration document (docs/configuration.md). NULL: the one the
     * store keeps, else an empty configuration (no types, no directory).
     * Given: stored as tc_desk_configure would, unless equal to the stored
     * one. A store without records by kind keeps none: give it at every open. */
    const char *config_json;
    /* Where records live. NULL: a new in-memory store. Otherwise
     * {"kind": "memory"} or {"kind": "sqlite", "path": "support.desk",
     * "durability": "full"|"normal", "cache_kib": 16384, "busy_timeout_ms": 5000,
     * "max_file_bytes": 0} (all but "kind" and "path" optional). */
    const char *store_json;
    /* Retry policy of tc_desk_dispatch_notifications(). NULL: the defaults,
     * {"batch": 100, "initial_backoff_ms": 30000, "max_backoff_ms": 3600000,
     * "max_attempts": 10}; any subset may be given. */
    const char *dispatch_json;
    /* Delivers the outbox in tc_desk_dispatch_notifications(). NULL: none. Copied. */
    const tc_notifier *notifier;
    /* The source of "now". NULL: the system clock. Copied. */
    const tc_clock *clock;
    /* The longest input string any call on this desk accepts, in bytes.
     * 0: TC_DEFAULT_MAX_INPUT_BYTES. */
    size_t max_input_bytes;
    /* Version 2. A storage backend written in C (<ticketcore/sys/storage.h>),
     * copied; NULL: store_json decides. Not together with store_json. */
    const struct tc_storage_methods *storage_methods;
    /* Version 3. Nonzero: where the storage lacks an indexed capability (its
     * query_tickets/count_tickets or scan_history is NULL), the library
     * answers by scanning what every backend has, at the cost of reading
     * the whole desk per call (docs/storage.md, "Capabilities and the
     * evaluator"). 0: such calls fail with TC_ENOTSUPPORTED naming the
     * method. */
    int scan_without_index;
} tc_desk_options;

#define TC_DESK_OPTIONS_VERSION 3
#define TC_DESK_OPTIONS_INIT {TC_DESK_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0}
TC_API tc_status tc_desk_options_init(tc_desk_options *opts, uint32_t version);

/* Opens a desk. `opts` NULL: all defaults. On success *out is a new handle
 * to close with tc_desk_close(). TC_EVERSION for a bad struct version (the
 * library then calls nothing in that struct), TC_EVALIDATION for an invalid
 * configuration, TC_ESTORAGE when the store cannot be opened. Each callback
 * struct it accepted (notifier, clock, storage methods) has its destroy()
 * called exactly once: at tc_desk_close(), or before a failing open returns. */
TC_API tc_status tc_desk_open(tc_desk **out, const tc_desk_options *opts);

/* Closes a desk and frees it. NULL is ignored. No other thread may be
 * using the desk. Subscriptions stay valid objects and must still be freed. */
TC_API void tc_desk_close(tc_desk *desk);

/* Runs any op of the op table by name (docs/c-api.md lists every op):
 * {"op": "set_state", "actor": {"kind": "teammate", "id": "tom"},
 *  "args": {"ticket": "#3", "state": "done"}}. "actor" is required by every
 * op that acts for someone; host ops (configure, outbox, tick, ...) without
 * one run as the system. A given actor is always checked against the op
 * table (U1): TC_EFORBIDDEN when its kind may not run the op, e.g. a
 * contact asking for "configuration". "args" may be omitted when an op has
 * none; otherwise it is checked against the op's arguments first, each op
 * in the same words: "<op>: <key> is not a known field", "... is missing",
 * "... must be a string" (TC_EINVALID).
 * *out_json receives the result (an object or array). Thread-safe. */
TC_API tc_status tc_desk_execute(char **out_json, tc_desk *desk, const char *request_json);

/* ---- Operations ---------------------------------------------------------- */

/* BEGIN typed functions (generated by scripts/gen/operations.py from include/ticketcore/operations.toml) */
/* Generated by scripts/gen/operations.py from include/ticketcore/operations.toml: do not edit.
 * One typed function per op that has one, tc_desk_<op>: the op's arguments
 * as C parameters, run through the same checks as tc_desk_execute (docs/c-api.md
 * lists each op's arguments and result). `ref` names a ticket; ids are UUIDs;
 * *_json are JSON documents; a NULL optional argument is absent. Thread-safe. */

/* Replaces the configuration after validating it whole: validation_failed
 * lists every problem, also when a type still used by tickets is removed
 * (T4), changes category (T1) or loses a state of its lifecycle, or when
 * tickets carry a removed priority (naming the tickets; configure_migrating
 * moves them). Stores it as the next version in the same transaction (a store
 * without records by kind keeps none); one equal to the stored configuration
 * writes nothing. `config_json`: the configuration document
 * (docs/configuration.md). Op "configure". */
TC_API tc_status tc_desk_configure(tc_desk *desk, const char *config_json);

/* T4. Like configure, and moves the tickets the new configuration would
 * strand where the migration says, in the same transaction: those in a state
 * their type's new lifecycle lacks to the state it names (a state change the
 * system makes, with its history, events and what a stage change owes the
 * contact), those of a removed priority to the priority it names. Any
 * stranded ticket it does not map refuses the whole change, naming the
 * tickets. `config_json`: the configuration document (docs/configuration.md).
 * `migration_json`: {"states": {type: {removed state: state}}, "priorities":
 * {removed priority: priority}}. Op "configure_migrating". */
TC_API tc_status tc_desk_configure_migrating(tc_desk *desk, const char *config_json,
                                             const char *migration_json);

/* The current configuration, with every default written out. ->
 * configuration. Op "configuration". */
TC_API tc_status tc_desk_configuration(char **out_json, tc_desk *desk);

/* C1. A teammate, or the contact themselves, opens a conversation with its
 * first message from the contact; a contact opens only their own.
 * `conversation_json`: the args object. -> conversation view. Op
 * "create_conversation". */
TC_API tc_status tc_desk_create_conversation(char **out_json, tc_desk *desk, const char *actor_json,
                                             const char *conversation_json);

/* C2. Converts a conversation into a customer ticket linked to it; the
 * contact and brand come from the conversation; link_limit if it has one
 * already (K1). `conversation_ref`: the conversation: its id or number.
 * `ticket_json`: a new ticket (a customer "type" is required). -> ticket
 * view. Op "convert_conversation". */
TC_API tc_status tc_desk_convert_conversation(char **out_json, tc_desk *desk, const char *actor_json,
                                              const char *conversation_ref, const char *ticket_json);

/* C3, C4, C6, C7. A standalone ticket of any category; the type decides. A
 * contact creates a customer ticket for themselves with customer-editable
 * attributes only (V4). `ticket_json`: the args object. -> ticket view. Op
 * "create_ticket". */
TC_API tc_status tc_desk_create_ticket(char **out_json, tc_desk *desk, const char *actor_json,
                                       const char *ticket_json);

/* C6, C7. A back-office or tracker ticket created from a conversation or
 * customer ticket and linked to it. `from_id`: the conversation or customer
 * ticket. `ticket_json`: a new ticket. -> ticket view. Op
 * "create_linked_ticket". */
TC_API tc_status tc_desk_create_linked_ticket(char **out_json, tc_desk *desk, const char *actor_json,
                                              const char *from_id, const char *ticket_json);

/* C7. Links `from` to the tracker titled `title`, creating one of `type` if
 * none exists. Returns the tracker. `from_id`: the conversation or ticket.
 * `type`: a tracker type. -> the tracker's view. Op "link_tracker_by_title". */
TC_API tc_status tc_desk_link_tracker_by_title(char **out_json, tc_desk *desk, const char *actor_json,
                                               const char *from_id, const char *title, const char *type);

/* L2, P3, P5, N2. Moves a ticket to another state of its lifecycle. `state`:
 * a state key of the ticket's lifecycle. `expected_version`: conflict if the
 * ticket moved on (X1). 0: no check. -> ticket view. Op "set_state". */
TC_API tc_status tc_desk_set_state(char **out_json, tc_desk *desk, const char *actor_json, const char *ref,
                                   const char *state, uint64_t expected_version);

/* T2, T3, T5. Changes fields and attributes, a partial update: only what is
 * given changes; one history entry per field. `changes_json`: the changes
 * (see "Changes" below). `expected_version`: conflict if the ticket moved on
 * (X1). 0: no check. -> ticket view. Op "update_ticket". */
TC_API tc_status tc_desk_update_ticket(char **out_json, tc_desk *desk, const char *actor_json, const char *ref,
                                       const char *changes_json, uint64_t expected_version);

/* V1, T3. Corrects the company a ticket is filed under: a known company, or
 * "" for none (validation_failed naming `company` otherwise). The company's
 * contacts see it from then on when it is shared with its company, the old
 * company's no longer do; a ticket shared with its company that loses its
 * company becomes private. One history entry per changed field and a
 * ticket_updated event. `company`: a company id, or "" for none.
 * `expected_version`: conflict if the ticket moved on (X1). 0: no check. ->
 * ticket view. Op "set_company". */
TC_API tc_status tc_desk_set_company(char **out_json, tc_desk *desk, const char *actor_json, const char *ref,
                                     const char *company, uint64_t expected_version);

/* V4. The ticket's contact rates it 1-5 once it is resolved. `score`: 1-5. ->
 * ticket view. Op "rate". */
TC_API tc_status tc_desk_rate(char **out_json, tc_desk *desk, const char *actor_json, const char *ref,
                              int score, const char *comment);

/* N3, V4. A reply the contact sees, or a contact's own message, in a
 * conversation or customer ticket. `target_id`: a conversation or customer
 * ticket. -> part. Op "reply". */
TC_API tc_status tc_desk_reply(char **out_json, tc_desk *desk, const char *actor_json, const char *target_id,
                               const char *body);

/* An internal note, propagated by P1, P2 and P4; `mode` matters for
 * back-office tickets (P2). `target_id`: a conversation or ticket. `mode`:
 * default add. -> part. Op "add_note". */
TC_API tc_status tc_desk_add_note(char **out_json, tc_desk *desk, const char *actor_json,
                                  const char *target_id, const char *body, const char *mode);

/* K1-K9. Links `from` to `to` with the kind's limits. A conversation and its
 * customer ticket share tracker and back-office links: linking one links
 * both. A duplicate is an error (link_limit), a self-link invalid_argument.
 * -> link. Op "add_link". */
TC_API tc_status tc_desk_add_link(char **out_json, tc_desk *desk, const char *actor_json, const char *from_id,
                                  const char *to_id, const char *kind);

/* K6. Links a tracker to an external reference. `external_json`: {"kind",
 * "external_id", "url"}. -> link. Op "add_external_link". */
TC_API tc_status tc_desk_add_external_link(char **out_json, tc_desk *desk, const char *actor_json,
                                           const char *tracker_id, const char *external_json);

/* K9. Removes a link by its id, with its companion (see add_link). Op
 * "remove_link". */
TC_API tc_status tc_desk_remove_link(tc_desk *desk, const char *actor_json, const char *link_id);

/* The links of a conversation or ticket the actor may see. -> array of links.
 * Op "links". */
TC_API tc_status tc_desk_links(char **out_json, tc_desk *desk, const char *actor_json, const char *id);

/* V5. A ticket as the actor may see it (a contact: the customer view);
 * not_found when it does not exist or the actor may not see it (V3). ->
 * ticket view. Op "ticket". */
TC_API tc_status tc_desk_ticket(char **out_json, tc_desk *desk, const char *actor_json, const char *ref);

/* V5. A conversation with its timeline as the actor may see it, by id or by
 * number as tickets are; not_found when it does not exist or the actor may
 * not see it (V3). -> conversation view. Op "conversation". */
TC_API tc_status tc_desk_conversation(char **out_json, tc_desk *desk, const char *actor_json,
                                      const char *conversation_ref);

/* C8, Q1. The first `limit` inbox rows, newest first (inbox_page pages on); a
 * record the store cannot read is a row with "damaged" (staff only, U3).
 * `filter_json`: the args object. -> array of inbox rows. Op "inbox". */
TC_API tc_status tc_desk_inbox(char **out_json, tc_desk *desk, const char *actor_json,
                               const char *filter_json);

/* C8, Q1. One page of inbox rows, newest first, under the rules of inbox;
 * pass `next_cursor` back for the next page ("" after the last). Rows created
 * meanwhile are newer than the cursor: they come on a new first page.
 * `filter_json`: the args object. -> inbox page. Op "inbox_page". */
TC_API tc_status tc_desk_inbox_page(char **out_json, tc_desk *desk, const char *actor_json,
                                    const char *filter_json);

/* H1. The history of a ticket or conversation, oldest first. -> array of
 * history entries. Op "history". */
TC_API tc_status tc_desk_history(char **out_json, tc_desk *desk, const char *actor_json, const char *id);

/* N5. The first `limit` outbox entries, oldest first (outbox_page pages on);
 * a `recipient` needs its `audience`: a contact and a teammate may share an
 * id. `filter_json`: the args object. -> array of notifications. Op "outbox". */
TC_API tc_status tc_desk_outbox(char **out_json, tc_desk *desk, const char *filter_json);

/* N5. One page of outbox entries, oldest first, under the rules of outbox;
 * pass `next_cursor` back for the next page ("" after the last). Entries
 * enqueued meanwhile come on a later page. `filter_json`: the args object. ->
 * outbox page. Op "outbox_page". */
TC_API tc_status tc_desk_outbox_page(char **out_json, tc_desk *desk, const char *filter_json);

/* N5. Delivers due outbox entries through the desk's notifier (or one lent
 * for the call), outside any transaction; records each outcome and retries
 * with backoff; concurrent calls are serialised. An entry whose delivery was
 * recorded is never delivered again. `notifier`: one lent for this call (its
 * destroy is not called); NULL: the desk's own. -> dispatch result. Op
 * "dispatch_notifications". */
TC_API tc_status tc_desk_dispatch_notifications(char **out_json, tc_desk *desk, const tc_notifier *notifier);

/* S1, S2. Raises every service-level and due-date event due at `now`, each
 * once: at-risk and breached targets, follow-up and action-required dates,
 * each with a history entry, an event and email notifications to the assignee
 * (or the ticket's team); and runs the idle rules (A1) whose quiet period has
 * passed. The library has no thread of its own: the host calls tick when
 * next_due says, or on a timer. Returns the number of events raised and idle
 * rules run. `now` defaults to the desk's clock. not_supported on a store
 * without due_tickets. `now`: default: the desk's clock. -> raised. Op
 * "tick". */
TC_API tc_status tc_desk_tick(char **out_json, tc_desk *desk, const char *now);

/* D2. Honours a deletion request in one unit of work: the contact's name and
 * addresses, the bodies of the messages they wrote (each part stays, its body
 * a fixed marker), the subjects of their conversations, the free-text
 * attributes they may edit on their tickets, their words in full text, and
 * what the outbox holds for them (entries not yet delivered are dropped,
 * delivered ones keep no payload) are erased; tickets, parts and their counts
 * stay, and each record touched gets one history entry "erasure" naming no
 * erased value. Returns how many message parts were erased. not_found for an
 * unknown contact, changing nothing; not_supported on a store without
 * rewrite_part. `contact`: the contact's id. -> erased_parts. Op
 * "erase_contact". */
TC_API tc_status tc_desk_erase_contact(char **out_json, tc_desk *desk, const char *contact);

/* Ops without a typed function, run through tc_desk_execute: merge, check,
 * find_tickets, count_tickets, views, save_view, remove_view, bulk_update,
 * import_tickets, report, send_form, submit_form, next_due,
 * apply_sla_policies, create_contact, update_contact, upsert_contact,
 * contact, contact_by_email, contacts, upsert_company, company, companies,
 * upsert_teammate, teammate, teammates, upsert_team, team, teams, version. */
/* END typed functions */

/* How tc_note_add() passes a note's mode (P2); tc_desk_add_note() takes
 * "add" or "cross_post" as text. */
typedef enum tc_note_mode {
    TC_NOTE_ADD = 0,
    TC_NOTE_CROSS_POST = 1
} tc_note_mode;

/* ---- Deprecated aliases ---------------------------------------------------- */

/* The first names of the typed functions, kept because the ABI is stable:
 * each runs exactly what its tc_desk_<op> runs, with the same parameters
 * (tc_note_add takes the mode as a tc_note_mode). New code uses the
 * tc_desk_<op> names. */
TC_API tc_status tc_conversation_create(char **out_json, tc_desk *desk, const char *actor_json,
                                        const char *conversation_json);      /* tc_desk_create_conversation */
TC_API tc_status tc_conversation_convert(char **out_json, tc_desk *desk, const char *actor_json,
                                         const char *conversation_id, const char *ticket_json);
                                                                             /* tc_desk_convert_conversation */
TC_API tc_status tc_ticket_create(char **out_json, tc_desk *desk, const char *actor_json,
                                  const char *ticket_json);                  /* tc_desk_create_ticket */
TC_API tc_status tc_ticket_create_linked(char **out_json, tc_desk *desk, const char *actor_json,
                                         const char *from_id, const char *ticket_json);
                                                                             /* tc_desk_create_linked_ticket */
TC_API tc_status tc_tracker_link_by_title(char **out_json, tc_desk *desk, const char *actor_json,
                                          const char *from_id, const char *title, const char *type);
                                                                             /* tc_desk_link_tracker_by_title */
TC_API tc_status tc_ticket_set_state(char **out_json, tc_desk *desk, const char *actor_json,
                                     const char *ref, const char *state, uint64_t expected_version);
                                                                             /* tc_desk_set_state */
TC_API tc_status tc_ticket_update(char **out_json, tc_desk *desk, const char *actor_json,
                                  const char *ref, const char *changes_json, uint64_t expected_version);
                                                                             /* tc_desk_update_ticket */
TC_API tc_status tc_ticket_rate(char **out_json, tc_desk *desk, const char *actor_json,
                                const char *ref, int score, const char *comment); /* tc_desk_rate */
TC_API tc_status tc_reply_add(char **out_json, tc_desk *desk, const char *actor_json,
                              const char *target_id, const char *body);      /* tc_desk_reply */
TC_API tc_status tc_note_add(char **out_json, tc_desk *desk, const char *actor_json,
                             const char *target_id, const char *body, int mode); /* tc_desk_add_note */
TC_API tc_status tc_link_add(char **out_json, tc_desk *desk, const char *actor_json,
                             const char *from_id, const char *to_id, const char *kind); /* tc_desk_add_link */
TC_API tc_status tc_link_add_external(char **out_json, tc_desk *desk, const char *actor_json,
                                      const char *tracker_id, const char *external_json);
                                                                             /* tc_desk_add_external_link */
TC_API tc_status tc_link_remove(tc_desk *desk, const char *actor_json, const char *link_id);
                                                                             /* tc_desk_remove_link */
TC_API tc_status tc_link_list(char **out_json, tc_desk *desk, const char *actor_json, const char *id);
                                                                             /* tc_desk_links */
TC_API tc_status tc_ticket_get(char **out_json, tc_desk *desk, const char *actor_json, const char *ref);
                                                                             /* tc_desk_ticket */
TC_API tc_status tc_conversation_get(char **out_json, tc_desk *desk, const char *actor_json,
                                     const char *conversation_id);           /* tc_desk_conversation */
TC_API tc_status tc_inbox_list(char **out_json, tc_desk *desk, const char *actor_json,
                               const char *filter_json);                     /* tc_desk_inbox */
TC_API tc_status tc_history_list(char **out_json, tc_desk *desk, const char *actor_json, const char *id);
                                                                             /* tc_desk_history */
TC_API tc_status tc_outbox_list(char **out_json, tc_desk *desk, const char *filter_json); /* tc_desk_outbox */
TC_API tc_status tc_desk_dispatch(char **out_json, tc_desk *desk, const tc_notifier *notifier);
                                                                             /* tc_desk_dispatch_notifications */

/* ---- Events ------------------------------------------------------------------ */

/* Subscribes `cb` (copied) to the desk's events. Free the subscription
 * with tc_subscription_free(), before or after tc_desk_close(). */
TC_API tc_status tc_desk_subscribe(tc_subscription **out, tc_desk *desk, const tc_event_callback *cb);

/* Ends a subscription: no on_event() starts after this returns. Waits for
 * calls running on other threads to finish, then calls destroy. NULL is
 * ignored. May be called from inside the subscription's own callback
 * (destroy then runs when that callback returns). */
TC_API void tc_subscription_free(tc_subscription *subscription);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TICKETCORE_TICKETCORE_H */
