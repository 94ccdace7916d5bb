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

/* The table: every method, in order, with what it must do, and
 * TC_STORAGE_METHODS_VERSION and TC_STORAGE_METHODS_INIT. Generated from the
 * one list of storage methods (docs/storage.md, "One list"). */
#include <ticketcore/sys/storage_methods.h>

/* Versions. A later version only appends methods, and every method a
 * version adds is optional, so a table of any earlier version keeps working
 * unchanged: the library copies only the fields its version has and treats
 * the rest as NULL (storage_methods.h lists what each version added). A
 * NULL optional method gets the library's own answer where it has one
 * (count_links, field_history, integrity_problems, next_counter) and
 * otherwise TC_ENOTSUPPORTED for what needs it, naming the method; with
 * tc_desk_options.scan_without_index the library's evaluator answers
 * queries, counts and reports by scanning instead. */

/* Zeroes the fields a table of `version` has (no more: a host built against
 * an older header passes its shorter struct) and sets its version.
 * TC_EINVALID for NULL; TC_EVERSION for 0 or a version newer than
 * TC_STORAGE_METHODS_VERSION. */
TC_API tc_status tc_storage_methods_init(tc_storage_methods *m, uint32_t version);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TICKETCORE_SYS_STORAGE_H */
