/* Small helpers shared by the C tests of the C ABI: checks that count
 * failures, and just enough JSON scanning to pick fields out of the compact
 * JSON the library returns (keys in a fixed order, no spaces). */
#ifndef TICKETCORE_TESTS_CAPI_TEST_UTIL_H
#define TICKETCORE_TESTS_CAPI_TEST_UTIL_H

#include <ticketcore/ticketcore.h>

#ifdef TC_TEST_STORE
/* The same tests again on a storage backend behind tc_storage_methods. */
#include "test_store.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++test_failures;                                                     \
        }                                                                        \
    } while (0)

/* The call succeeds. */
#define CHECK_OK(call)                                                           \
    do {                                                                         \
        int check_status_ = (call);                                              \
        if (check_status_ != TC_OK) {                                            \
            fprintf(stderr, "%s:%d: %s -> %s: %s\n", __FILE__, __LINE__, #call,  \
                    tc_status_name(check_status_), tc_last_error_message());     \
            ++test_failures;                                                     \
        }                                                                        \
    } while (0)

/* The call fails with `expected` and leaves a message. */
#define CHECK_STATUS(expected, call)                                             \
    do {                                                                         \
        int check_status_ = (call);                                              \
        if (check_status_ != (expected)) {                                       \
            fprintf(stderr, "%s:%d: %s -> %s (%s), expected %s\n", __FILE__,     \
                    __LINE__, #call, tc_status_name(check_status_),              \
                    tc_last_error_message(), tc_status_name(expected));          \
            ++test_failures;                                                     \
        } else if ((expected) != TC_OK && tc_last_error_message()[0] == '\0') {  \
            fprintf(stderr, "%s:%d: %s -> %s without a message\n", __FILE__,     \
                    __LINE__, #call, tc_status_name(check_status_));             \
            ++test_failures;                                                     \
        }                                                                        \
    } while (0)

/* A copy of the first string value of "key" in `json`, or NULL. */
static inline char *json_text(const char *json, const char *key) {
    char pattern[128];
    const char *at;
    const char *end;
    char *copy;
    if (!json) return NULL;
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    at = strstr(json, pattern);
    if (!at) return NULL;
    at += strlen(pattern);
    end = strchr(at, '"');
    if (!end) return NULL;
    copy = (char *)malloc((size_t)(end - at) + 1);
    if (!copy) return NULL;
    memcpy(copy, at, (size_t)(end - at));
    copy[end - at] = '\0';
    return copy;
}

/* The first integer value of "key" in `json`, or -1. */
static inline long json_int(const char *json, const char *key) {
    char pattern[128];
    const char *at;
    if (!json) return -1;
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    at = strstr(json, pattern);
    if (!at) return -1;
    return strtol(at + strlen(pattern), NULL, 10);
}

/* How often `needle` occurs in `haystack`. */
static inline int count_of(const char *haystack, const char *needle) {
    int n = 0;
    size_t len = strlen(needle);
    if (!haystack) return 0;
    while ((haystack = strstr(haystack, needle)) != NULL) {
        ++n;
        haystack += len;
    }
    return n;
}

/* A growing string for snapshots. */
typedef struct text_buffer {
    char *data;
    size_t size;
    size_t capacity;
} text_buffer;

static inline void buffer_add(text_buffer *b, const char *text) {
    size_t len = text ? strlen(text) : 4;
    if (b->size + len + 2 > b->capacity) {
        size_t capacity = (b->capacity + len + 2) * 2;
        char *grown = (char *)realloc(b->data, capacity);
        if (!grown) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, text ? text : "NULL", len);
    b->size += len;
    b->data[b->size++] = '\n';
    b->data[b->size] = '\0';
}

/* Adds an owned result to the buffer and frees it. */
static inline void buffer_take(text_buffer *b, int status, char *json) {
    char line[64];
    snprintf(line, sizeof line, "status %d", status);
    buffer_add(b, line);
    buffer_add(b, json);
    tc_string_free(json);
}

#define TOM "{\"kind\":\"teammate\",\"id\":\"tom\"}"
#define FAY "{\"kind\":\"teammate\",\"id\":\"fay\"}"
#define SYSTEM "{\"kind\":\"system\"}"

/* The seed-000 configuration of examples/widespread_bug.cpp. */
static const char seed_config[] =
    "{\"brands\": [{\"id\": \"acme\", \"name\": \"Acme\"}],"
    " \"contacts\": ["
    "  {\"id\": \"ann\", \"name\": \"Ann\", \"email\": \"ann@example.com\"},"
    "  {\"id\": \"bob\", \"name\": \"Bob\", \"email\": \"bob@example.com\"},"
    "  {\"id\": \"cat\", \"name\": \"Cat\", \"email\": \"cat@example.com\"},"
    "  {\"id\": \"dan\", \"name\": \"Dan\", \"email\": \"dan@example.com\"}],"
    " \"teams\": [{\"id\": \"support\", \"name\": \"Support\"}, {\"id\": \"finance\", \"name\": \"Finance\"}],"
    " \"teammates\": [{\"id\": \"tom\", \"name\": \"Tom\", \"teams\": [\"support\"]},"
    "               {\"id\": \"fay\", \"name\": \"Fay\", \"teams\": [\"finance\"]}],"
    " \"ticket_types\": ["
    "  {\"id\": \"bug_report\", \"name\": \"Bug report\", \"category\": \"customer\"},"
    "  {\"id\": \"refund\", \"name\": \"Process refund\", \"category\": \"back_office\"},"
    "  {\"id\": \"bug\", \"name\": \"Bug\", \"category\": \"tracker\"}]}";

/* Opens a desk on the seed configuration; exits on failure. */
static inline tc_desk *open_seed_desk(size_t max_input_bytes) {
    tc_desk *desk = NULL;
    tc_desk_options options = TC_DESK_OPTIONS_INIT;
#ifdef TC_TEST_STORE
    tc_storage_methods methods = test_store_new();
    options.storage_methods = &methods;
#endif
    options.config_json = seed_config;
    options.max_input_bytes = max_input_bytes;
    if (tc_desk_open(&desk, &options) != TC_OK) {
        fprintf(stderr, "tc_desk_open: %s\n", tc_last_error_message());
        exit(2);
    }
    return desk;
}

static inline void actor_of(char *out, size_t size, const char *kind, const char *id) {
    snprintf(out, size, "{\"kind\":\"%s\",\"id\":\"%s\"}", kind, id);
}

static inline int finish(const char *name) {
    if (test_failures) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, test_failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}

#endif
