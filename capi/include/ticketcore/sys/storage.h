/*
 * ticketcore/sys/storage.h - a storage backend written in C (or Python, or
 * anything with a C FFI) behind the C ABI: the C face of the storage
 * contract in include/ticketcore/storage.hpp (docs/conventions.md, "Storage").
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

/* What scan_history calls with each history entry (borrowed JSON, valid
 * during the call): 0 to go on, nonzero to stop the scan. */
typedef int (*tc_storage_visit)(void *arg, const char *history_json);

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
    /* Oldest first; filter {"audience", "recipient", "ticket", "state",
     * "after" (an id: only newer ones, the outbox's cursor), "limit"} (an
     * entry's "audience", "contact" or "teammate", is its recipient's
     * namespace: match both). */
    int (*list_notifications)(void *ctx, void *txn, const char *filter_json, char **out_json);

    /* Optional: called exactly once when the library no longer needs ctx. */
    void (*destroy)(void *ctx);

    /* ---- Version 2 ---- */
    /* Optional (NULL: the desk raises no service-level or due-date events,
     * and tc_desk_tick fails with TC_ENOTSUPPORTED): the tickets whose
     * "next_due_at" is at or before `now`, earliest first, then by id, at
     * most `limit`, as a JSON array. Served by an index on next_due_at. */
    int (*due_tickets)(void *ctx, void *txn, const char *now, uint64_t limit, char **out_json);

    /* ---- Version 3: tier 2, queries, saved views and history by time ----
     * Each is optional. While one is NULL, what needs it fails with
     * TC_ENOTSUPPORTED and a message naming the method: query_tickets and
     * count_tickets for the find_tickets and count_tickets ops and bulk
     * updates (Q1, B1), the three view methods for saved views,
     * scan_history for reports (R1). A backend may also answer
     * TC_ENOTSUPPORTED itself. More in docs/c-api.md, "Tier 2". */

    /* The tickets matching `query_json`, in its order, that come after the
     * cursor `after_json`, at most `limit`, as a JSON array.
     *
     * query_json is the JSON form of a ticket query (docs/queries.md); the
     * library always sets "order" and "descending". Every key
     * that is present must match (AND); a list matches any of its values,
     * except "tags", which must all be on the ticket:
     *   "category", "channel", "brand", "contact", "company"   equal;
     *   "assignee", "team"    equal ("" selects tickets with none);
     *   "types", "states", "state_categories", "priorities"    the ticket's
     *                         "type", "state", "state_category", "priority"
     *                         is one of them;
     *   "tags"                every one is in the ticket's "tags";
     *   "created_from"/"created_to", "updated_from"/"updated_to"   the
     *                         ticket's "created_at"/"updated_at" is in
     *                         [from, to);
     *   "due_before"          "follow_up_at", "action_required_at" or the
     *                         next SLA due time (below) is before it;
     *   "sla_status"          the ticket's SLA status (below) is this one;
     *   "shared_with_company" "sharing" is "company" and "company" is this;
     *   "tracker"             a link of kind "tracker" joins the ticket to
     *                         this tracker id (the links_of index);
     *   "text"                every word occurs in the ticket's text. Words
     *                         are runs of ASCII letters and digits and of
     *                         bytes >= 0x80, ASCII folded to lower case. The
     *                         text is the title, the description and the
     *                         parts owned by the ticket: a "reply" that is
     *                         not internal and a "customer_message" that is
     *                         not internal and whose author "id" is the
     *                         ticket's "contact" are public; other replies
     *                         and customer messages, and every "note", are
     *                         internal; other parts are not text. With
     *                         "public_text_only": true only public text counts.
     * Derived values, kept in step with each insert and update: the SLA
     * status is, over "sla"."clocks" (none: "none"), "breached" if a clock
     * without "met_at" has "breached" true, else "at_risk" if one has
     * "at_risk" true, else "on_track" if any lacks "met_at", else "met". The
     * next SLA due time is the earliest "due_at" of the clocks that have
     * "running_since" and no "met_at"; a ticket may have none.
     *
     * Order: by the key of "order", ties broken by "id"; both descending when
     * "descending" is true, else both ascending. Keys: "created" the
     * "created_at", "updated" the "updated_at" (times compare as strings),
     * "priority" the integer "priority_rank" (0 when absent), "sla_due" the
     * next SLA due time, where a ticket with none comes after every ticket
     * that has one (a key above every time).
     *
     * after_json is NULL for the first page, else the last row of the page
     * before as {"key": K, "id": "<ticket id>"}, K in the key's own form: a
     * time string, an integer rank, or null for "sla_due" with none. Return
     * only rows strictly after (K, id) in the order: a keyset cursor, exactly
     * like ticket_query/ticket_position in include/ticketcore/query.hpp. The
     * rows before the cursor may have changed since that page was read, so
     * compare keys; never count an offset.
     *
     * A key the backend does not know (a later library's) is answered with
     * TC_ENOTSUPPORTED, never ignored: ignoring it would widen the query.
     * More than `limit` rows is the backend's failure (TC_ESTORAGE).
     *
     * Indexes: a backend answers the filters it can from an index (tags,
     * contact, company, category, tracker links, a word index for "text")
     * and should keep one on each order key with the id, e.g. (created_at,
     * id), (updated_at, id), (priority_rank, id), (next SLA due, id), so a
     * page costs the page, not the desk. */
    int (*query_tickets)(void *ctx, void *txn, const char *query_json, const char *after_json, uint64_t limit,
                         char **out_json);
    /* How many tickets match query_json (its "order" does not matter). */
    int (*count_tickets)(void *ctx, void *txn, const char *query_json, uint64_t *out);

    /* Saved views (Q1): view_json is {"id", "name", "owner", "query"}, the
     * query in the form above. put_view inserts, or replaces the view with
     * the same "id"; remove_view answers TC_ENOTFOUND when there is none;
     * list_views gives every view as a JSON array in ascending byte order of
     * "id". Written and rolled back with the transaction like records. */
    int (*put_view)(void *ctx, void *txn, const char *view_json);
    int (*remove_view)(void *ctx, void *txn, const char *id);
    int (*list_views)(void *ctx, void *txn, char **out_json);

    /* History by time, for reports (R1): calls `visit(arg, history_json)`
     * with every history entry whose "at" is in the period and whose
     * "field" is asked for, of every subject, oldest "at" first and entries
     * of one "at" in the order they were appended (so keep an append
     * sequence; the id does not give it). scan_json is {"from", "to",
     * "fields", "subject"}: "at" >= "from" and < "to", where an absent
     * "from" means from the first entry and an absent "to" to the last;
     * "fields" absent or empty means every field; "subject", when present,
     * takes only that record's entries (serve it from the index history_of
     * uses). `history_json` is borrowed: valid during the call only.
     *
     * When `visit` returns nonzero, stop at once and return TC_OK (the
     * library knows why it stopped). `visit` never calls the backend.
     *
     * A visitor rather than pages: a report reads a whole period in one
     * pass, so the backend keeps its own position (an SQL cursor stepping
     * an index on (at, sequence), or an iterator) and hands over one entry
     * at a time, and needs no cursor format of its own; memory stays at a
     * row however long the period (the libgit2 odb backend's foreach). */
    int (*scan_history)(void *ctx, void *txn, const char *scan_json, tc_storage_visit visit, void *arg);
} tc_storage_methods;

#define TC_STORAGE_METHODS_VERSION 3
#define TC_STORAGE_METHODS_INIT {TC_STORAGE_METHODS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, \
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}
/* Zeroes the fields a table of `version` has (no more: a host built against
 * an older header passes its shorter struct) and sets its version.
 * TC_EINVALID for NULL; TC_EVERSION for 0 or a version newer than
 * TC_STORAGE_METHODS_VERSION. */
TC_API tc_status tc_storage_methods_init(tc_storage_methods *m, uint32_t version);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TICKETCORE_SYS_STORAGE_H */
