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
 * - Every operation takes an actor as JSON: {"kind": "teammate", "id": "tom"};
 *   kinds are teammate, contact, automation and system (no id). A contact
 *   sees records only through the customer projection.
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
 * TC_DELIVERY_RETRY. The JSON is borrowed for the call. Called from the
 * thread that calls tc_desk_dispatch(), one notification at a time, outside
 * any storage transaction; it may call other tc_ functions except
 * tc_desk_dispatch() on the same desk. Hosts dedupe on idempotency_key:
 * delivery is at least once. */
typedef struct tc_notifier {
    uint32_t version;  /* TC_NOTIFIER_VERSION */
    void *ctx;         /* passed to every callback */
    int (*deliver)(void *ctx, const char *notification_json);
    /* Optional. For a notifier in tc_desk_options: called exactly once, when
     * the desk closes or when tc_desk_open fails. Never called for the
     * notifier passed to tc_desk_dispatch(), which is only borrowed. */
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
    /* The configuration document (docs/configuration.md). NULL: an empty
     * configuration (no types, no directory). */
    const char *config_json;
    /* Where records live. NULL: a new in-memory store. Otherwise
     * {"kind": "memory"} or {"kind": "sqlite", "path": "support.desk",
     * "durability": "full"|"normal", "cache_kib": 16384, "busy_timeout_ms": 5000,
     * "max_file_bytes": 0} (all but "kind" and "path" optional). */
    const char *store_json;
    /* Retry policy of tc_desk_dispatch(). NULL: the defaults,
     * {"batch": 100, "initial_backoff_ms": 30000, "max_backoff_ms": 3600000,
     * "max_attempts": 10}; any subset may be given. */
    const char *dispatch_json;
    /* Delivers the outbox in tc_desk_dispatch(). NULL: none. Copied. */
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

/* Runs any operation by name (docs/c-api.md lists every op):
 * {"op": "set_state", "actor": {"kind": "teammate", "id": "tom"},
 *  "args": {"ticket": "#3", "state": "done"}}. "actor" is required by every
 * op that acts for someone; host ops (configure, outbox, tick, ...) without
 * one run as the system. A given actor is always checked against the op
 * table (U1): TC_EFORBIDDEN when its kind may not run the op, e.g. a
 * contact asking for "configuration". "args" may be omitted when an op has
 * none.
 * *out_json receives the result (an object or array). Thread-safe. */
TC_API tc_status tc_desk_execute(char **out_json, tc_desk *desk, const char *request_json);

/* Replaces the configuration after validating it whole (op "configure").
 * TC_EVALIDATION names every problem. Thread-safe. */
TC_API tc_status tc_desk_configure(tc_desk *desk, const char *config_json);

/* The current configuration, with defaults filled in (op "configuration"). */
TC_API tc_status tc_desk_configuration(char **out_json, tc_desk *desk);

/* ---- Creation (C1-C7) ---------------------------------------------------- */

/* C1. {"contact", "channel", "brand", "subject", "message"} -> the
 * conversation view (op "create_conversation"). */
TC_API tc_status tc_conversation_create(char **out_json, tc_desk *desk, const char *actor_json,
                                        const char *conversation_json);

/* C2. Converts a conversation into a customer ticket linked to it; the
 * contact and brand come from the conversation. `ticket_json` as for
 * tc_ticket_create() and must name the "type" (a customer type).
 * -> the ticket view (op "convert_conversation"). */
TC_API tc_status tc_conversation_convert(char **out_json, tc_desk *desk, const char *actor_json,
                                         const char *conversation_id, const char *ticket_json);

/* C3, C4, C6, C7. A standalone ticket of any category; the type decides.
 * {"type", "title", "description", "contact", "company", "brand",
 * "priority", "assignee", "team", "owner", "sharing", "tags", "channel",
 * "follow_up_at", "action_required_at", "attributes"} -> the ticket view
 * (op "create_ticket"). */
TC_API tc_status tc_ticket_create(char **out_json, tc_desk *desk, const char *actor_json,
                                  const char *ticket_json);

/* C6, C7. A back-office or tracker ticket created from a conversation or a
 * customer ticket (`from_id`) and linked to it (op "create_linked_ticket"). */
TC_API tc_status tc_ticket_create_linked(char **out_json, tc_desk *desk, const char *actor_json,
                                         const char *from_id, const char *ticket_json);

/* C7. Links `from_id` to the tracker titled `title`, creating one of
 * `type` if none exists. -> the tracker's view (op "link_tracker_by_title"). */
TC_API tc_status tc_tracker_link_by_title(char **out_json, tc_desk *desk, const char *actor_json,
                                          const char *from_id, const char *title, const char *type);

/* ---- Changes ------------------------------------------------------------- */

/* L2, P3, P5, N2. Moves a ticket to another state. `expected_version` 0:
 * no check; otherwise TC_ECONFLICT if the ticket moved on (X1).
 * -> the ticket view (op "set_state"). */
TC_API tc_status tc_ticket_set_state(char **out_json, tc_desk *desk, const char *actor_json,
                                     const char *ref, const char *state, uint64_t expected_version);

/* T2, T3, T5. A partial update: {"title", "description", "priority",
 * "assignee", "team", "owner", "brand", "sharing", "add_tags",
 * "remove_tags", "follow_up_at", "action_required_at", "attributes"}; only
 * the keys given change, an attribute or date set to null is cleared.
 * -> the ticket view (op "update_ticket"). */
TC_API tc_status tc_ticket_update(char **out_json, tc_desk *desk, const char *actor_json,
                                  const char *ref, const char *changes_json, uint64_t expected_version);

/* V4. A contact rates their resolved ticket 1-5 (op "rate"). */
TC_API tc_status tc_ticket_rate(char **out_json, tc_desk *desk, const char *actor_json,
                                const char *ref, int score, const char *comment);

/* N3, V4. A reply the contact sees, or a contact's own message, in a
 * conversation or customer ticket. -> the part (op "reply"). */
TC_API tc_status tc_reply_add(char **out_json, tc_desk *desk, const char *actor_json,
                              const char *target_id, const char *body);

/* How a note on a back-office ticket travels (P2). Notes on customer
 * tickets and trackers always cross-post to conversations (P1, P4). */
typedef enum tc_note_mode {
    TC_NOTE_ADD = 0,
    TC_NOTE_CROSS_POST = 1
} tc_note_mode;

/* An internal note, propagated by P1, P2 and P4. -> the part (op "add_note"). */
TC_API tc_status tc_note_add(char **out_json, tc_desk *desk, const char *actor_json,
                             const char *target_id, const char *body, int mode);

/* ---- Links (K1-K9) --------------------------------------------------------- */

/* Links `from_id` to `to_id`; `kind` is "customer_ticket", "tracker",
 * "back_office" or "related". -> the link (op "add_link"). */
TC_API tc_status tc_link_add(char **out_json, tc_desk *desk, const char *actor_json,
                             const char *from_id, const char *to_id, const char *kind);

/* K6. Links a tracker to an external reference,
 * {"kind": "feedback", "external_id": "42", "url": "https://..."}.
 * -> the link (op "add_external_link"). */
TC_API tc_status tc_link_add_external(char **out_json, tc_desk *desk, const char *actor_json,
                                      const char *tracker_id, const char *external_json);

/* K9. Removes a link and its companions (op "remove_link"). */
TC_API tc_status tc_link_remove(tc_desk *desk, const char *actor_json, const char *link_id);

/* The links of a conversation or ticket the actor may see, as an array
 * (op "links"). */
TC_API tc_status tc_link_list(char **out_json, tc_desk *desk, const char *actor_json, const char *id);

/* ---- Reads (one projection, V5) -------------------------------------------- */

/* A ticket as the actor may see it; for a contact, the customer view
 * (stage, no internal parts). TC_ENOTFOUND when it does not exist or the
 * actor may not see it (V3) (op "ticket"). */
TC_API tc_status tc_ticket_get(char **out_json, tc_desk *desk, const char *actor_json, const char *ref);

/* A conversation as the actor may see it (op "conversation"). */
TC_API tc_status tc_conversation_get(char **out_json, tc_desk *desk, const char *actor_json,
                                     const char *conversation_id);

/* C8, Q1. The inbox as an array of rows. `filter_json` NULL: defaults;
 * otherwise {"conversations", "tickets", "category", "state_category",
 * "type", "assignee", "brand", "contact", "limit"} (op "inbox"). */
TC_API tc_status tc_inbox_list(char **out_json, tc_desk *desk, const char *actor_json,
                               const char *filter_json);

/* H1. The history of a ticket or conversation, oldest first; teammates,
 * automation and the system only (op "history"). */
TC_API tc_status tc_history_list(char **out_json, tc_desk *desk, const char *actor_json, const char *id);

/* ---- Notifications and events ---------------------------------------------- */

/* N5. The outbox, oldest first. `filter_json` NULL: the first 1000 entries;
 * otherwise {"audience", "recipient", "ticket", "state", "limit"} (op
 * "outbox"); "recipient" needs "audience" ("contact" or "teammate"): a
 * contact and a teammate may share an id. */
TC_API tc_status tc_outbox_list(char **out_json, tc_desk *desk, const char *filter_json);

/* N5. Delivers due outbox entries through `notifier`, or the desk's
 * notifier when NULL (borrowed; its destroy is not called). ->
 * {"delivered": n, "retried": n, "failed": n} (op "dispatch_notifications").
 * Thread-safe; concurrent calls are serialised. */
TC_API tc_status tc_desk_dispatch(char **out_json, tc_desk *desk, const tc_notifier *notifier);

/* S1, S2. Raises every service-level and due-date event due at `now` (an
 * ISO 8601 UTC time; NULL: the desk's clock), each once, with history,
 * events and teammate notifications. The library has no thread of its own:
 * call it on a timer, or when the "next_due" op says. *out_json is
 * {"raised": n}. TC_ENOTSUPPORTED on a storage table without due_tickets. */
TC_API tc_status tc_desk_tick(char **out_json, tc_desk *desk, const char *now);

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
