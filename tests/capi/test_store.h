/* A storage backend behind tc_storage_methods for the C tests: records kept
 * whole as JSON text in memory, a copy-on-write unit of work per write
 * transaction, and fault injection. Implemented in test_store.cpp. */
#ifndef TICKETCORE_TESTS_CAPI_TEST_STORE_H
#define TICKETCORE_TESTS_CAPI_TEST_STORE_H

#include <ticketcore/sys/storage.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A table over a new, empty store; destroy() frees the store. */
tc_storage_methods test_store_new(void);

/* The next call of `method` fails with `status` and `message`; with status
 * TC_OK it instead returns text that is not JSON (for methods with output). */
void test_store_fail(const tc_storage_methods *m, const char *method, int status, const char *message);

/* Damages the committed ticket `id` as a faulty backend could (U3): its
 * record stays JSON the store can filter, but its title is a number, so
 * the library cannot read it. */
void test_store_damage_ticket(const tc_storage_methods *m, const char *id);

/* Stores destroyed so far, and transactions rolled back by the library. */
int test_store_destroyed(void);
int test_store_rollbacks(const tc_storage_methods *m);

#ifdef __cplusplus
}
#endif

#endif
