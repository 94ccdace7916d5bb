/*
 * ticketcore/sys/storage.h - a storage backend written in C (or Python, or
 * anything with a C FFI) behind the C ABI: the C face of the storage
 * contract in include/ticketcore/storage.hpp (STYLE.md, "Pluggable storage").
 *
 * A backend fills a tc_storage_methods table and passes it in
 * tc_desk_options.storage_methods (options version 2 or later). The library
 * copies the table and calls destroy() exactly once: when the desk closes,
 * or at once if tc_desk_open fails after accepting the table (a table whose
 * version is rejected is never called).
 *
 * Records travel as the JSON that ticketcore's to_json gives (docs/c-api.md,
 * "JSON forms"; stored records carry every field, never the customer
 * projection). A backend keeps each record whole and indexes the few fields
 * its lookups need; it never has to understand the rest.
 *
 * Every method returns TC_OK or a status:
 *   TC_ECONFLICT   a versioned write found another version (X1);
 *   TC_ENOTFOUND   the record an update or remove names does not exist;
 *   TC_ESTORAGE    the backend failed (any other value counts as this too,
 *                  except TC_ENOTSUPPORTED and TC_ENOMEM).
 * Before returning a failure, a method may call tc_storage_error("why"); the
 * text is copied and becomes the message the caller of the desk sees.
 *
 * Buffers a method returns through `char **out_json` must come from
 * tc_alloc(); the library frees them. A method that finds nothing sets
 * *out_json to NULL and returns TC_OK.
 *
 * Transactions. begin() opens a unit of work and gives back the backend's own
 * handle for it. Everything written through one transaction becomes visible
 * to others at commit() and never if it is rolled back: records, links,
 * parts, history and the outbox (P6, N5). commit() and rollback() end the
 * transaction; rollback() must not fail, and the library calls it for every
 * transaction it does not commit (also when commit fails). One transaction
 * is used by one thread from begin to end, but several threads may hold
 * transactions at once: the backend serialises writers as it must (one lock
 * from begin(write) to commit/rollback is enough). Methods must not call
 * back into the desk.
 *
 * Ordering: ids are time-ordered UUIDs in canonical lower-case text, so
 * "newest first" is descending and "oldest first" ascending string order of
 * the id; times are fixed-width ISO 8601 UTC strings, so they compare as
 * strings too.
 */
#ifndef TICKETCORE_SYS_STORAGE_H
#define TICKETCORE_SYS_STORAGE_H

#include <ticketcore/ticketcore.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Memory for buffers a backend returns to the library (freed by it). NULL
 * when out of memory. Thread-safe. */
TC_API void *tc_alloc(size_t size);

/* Inside a storage method: why it failed (copied). NULL clears it. */
TC_API void tc_storage_error(const char *message);

typedef struct tc_storage_methods {
    uint32_t version; /* TC_STORAGE_METHODS_VERSION */
    void *ctx;        /* passed to every method */

    /* ---- Transactions (required) ---- */
    /* `write` is 1 for a unit of work that may write, 0 for a read. */
    int (*begin)(void *ctx, int write, void **out_txn);
    int (*commit)(void *ctx, void *txn);
    void (*rollback)(void *ctx, void *txn);
    /* The next human number of `sequence` ("ticket" or "conversation"):
     * increasing from 1; a number taken by a committed record is never given
     * again, and a rolled-back transaction gives its number back (T3).
     * Other names ("counter:...") are the desk's own counters, e.g. a
     * round-robin rule's turn (A1): each counts from 1 on its own. */
    int (*next_number)(void *ctx, void *txn, const char *sequence, int64_t *out);

    /* ---- Tickets (required) ---- */
    int (*get_ticket)(void *ctx, void *txn, const char *id, char **out_json);
    int (*get_ticket_by_number)(void *ctx, void *txn, int64_t number, char **out_json);
    /* Requires: no ticket with this id or number exists. */
    int (*insert_ticket)(void *ctx, void *txn, const char *ticket_json);
    /* TC_ENOTFOUND when no ticket has this id; TC_ECONFLICT unless the
     * stored version is the new "version" - 1. */
    int (*update_ticket)(void *ctx, void *txn, const char *ticket_json);
    /* A JSON array of tickets, newest first, matching every key the filter
     * sets: {"category", "state_category", "type", "assignee" ("" means
     * unassigned), "brand", "contact", "company", "title" (exact),
     * "before" (an id: only older ones), "limit"}. */
    int (*find_tickets)(void *ctx, void *txn, const char *filter_json, char **out_json);
    /* Whether any ticket has type `type` (*out 1 or 0). */
    int (*type_in_use)(void *ctx, void *txn, const char *type, int *out);

    /* ---- Conversations (required) ---- */
    int (*get_conversation)(void *ctx, void *txn, const char *id, char **out_json);
    int (*get_conversation_by_number)(void *ctx, void *txn, int64_t number, char **out_json);
    int (*insert_conversation)(void *ctx, void *txn, const char *conversation_json);
    int (*update_conversation)(void *ctx, void *txn, const char *conversation_json); /* like update_ticket */
    /* Newest first; filter {"contact", "brand", "before", "limit"}. */
    int (*find_conversations)(void *ctx, void *txn, const char *filter_json, char **out_json);

    /* ---- Links (required) ---- */
    int (*insert_link)(void *ctx, void *txn, const char *link_json);
    int (*remove_link)(void *ctx, void *txn, const char *link_id); /* TC_ENOTFOUND if absent */
    int (*get_link)(void *ctx, void *txn, const char *link_id, char **out_json);
    /* The links with `end` as "from" or "to", of `kind` (NULL: any), oldest
     * first, as a JSON array. Served by an index on both ends. */
    int (*links_of)(void *ctx, void *txn, const char *end, const char *kind, char **out_json);
    /* Optional (NULL: counted from links_of): how many links of `kind` join
     * `end` to records whose endpoint kind is `other_kind`. */
    int (*count_links)(void *ctx, void *txn, const char *end, const char *kind, const char *other_kind,
                       uint64_t *out);

    /* ---- Timeline parts and history (required) ---- */
    int (*append_part)(void *ctx, void *txn, const char *part_json);
    int (*parts_of)(void *ctx, void *txn, const char *owner, char **out_json); /* oldest first */
    int (*append_history)(void *ctx, void *txn, const char *history_json);
    int (*history_of)(void *ctx, void *txn, const char *subject, char **out_json); /* oldest first */

    /* ---- The outbox (required) ---- */
    int (*enqueue)(void *ctx, void *txn, const char *notification_json);
    int (*get_notification)(void *ctx, void *txn, const char *id, char **out_json);
    int (*update_notification)(void *ctx, void *txn, const char *notification_json); /* TC_ENOTFOUND if absent */
    /* Entries with "state" "pending" and "next_attempt_at" <= `now`,
     * earliest "next_attempt_at" first (then by id), at most `limit`. */
    int (*due_notifications)(void *ctx, void *txn, const char *now, uint64_t limit, char **out_json);
    /* Oldest first; filter {"recipient", "ticket", "state", "limit"}. */
    int (*list_notifications)(void *ctx, void *txn, const char *filter_json, char **out_json);

    /* Optional: called exactly once when the library no longer needs ctx. */
    void (*destroy)(void *ctx);

    /* ---- Version 2 ---- */
    /* Optional (NULL: the desk raises no service-level or due-date events,
     * and tc_desk_tick fails with TC_ENOTSUPPORTED): the tickets whose
     * "next_due_at" is at or before `now`, earliest first, then by id, at
     * most `limit`, as a JSON array. Served by an index on next_due_at. */
    int (*due_tickets)(void *ctx, void *txn, const char *now, uint64_t limit, char **out_json);
} tc_storage_methods;

#define TC_STORAGE_METHODS_VERSION 2
#define TC_STORAGE_METHODS_INIT {TC_STORAGE_METHODS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, \
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}
/* Zeroes `m` and sets its version. TC_EINVALID for NULL; TC_EVERSION for 0
 * or a version newer than TC_STORAGE_METHODS_VERSION. */
TC_API tc_status tc_storage_methods_init(tc_storage_methods *m, uint32_t version);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TICKETCORE_SYS_STORAGE_H */
