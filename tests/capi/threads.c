/* X2 through the C ABI: one desk handle used by several threads at once,
 * with typed calls, tc_desk_execute, subscriptions coming and going, and a
 * thread-local last error that never shows another thread's message. */
#define _POSIX_C_SOURCE 200809L
#include "test_util.h"

#include <pthread.h>

#define THREADS 6
#define ROUNDS 25

static tc_desk *desk;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int events = 0;
static int thread_failures = 0;

static void on_event(void *ctx, const char *json) {
    (void)ctx;
    (void)json;
    pthread_mutex_lock(&lock);
    ++events;
    pthread_mutex_unlock(&lock);
}

static void fail(const char *what, int round) {
    pthread_mutex_lock(&lock);
    fprintf(stderr, "thread round %d: %s: %s\n", round, what, tc_last_error_message());
    ++thread_failures;
    pthread_mutex_unlock(&lock);
}

static void *worker(void *arg) {
    static const char *const contacts[4] = {"ann", "bob", "cat", "dan"};
    int id = *(int *)arg;
    const char *contact = contacts[id % 4];
    char actor[64];
    char body[256];
    char request[512];
    char missing[64];
    int round;
    actor_of(actor, sizeof actor, "contact", contact);
    for (round = 0; round < ROUNDS; ++round) {
        char *json = NULL;
        char *conversation;
        char *ticket;
        snprintf(body, sizeof body, "{\"contact\":\"%s\",\"message\":\"thread %d round %d\"}", contact, id, round);
        if (tc_conversation_create(&json, desk, actor, body) != TC_OK) {
            fail("create conversation", round);
            continue;
        }
        conversation = json_text(json, "id");
        tc_string_free(json);
        if (tc_conversation_convert(&json, desk, TOM, conversation, "{\"type\":\"bug_report\"}") != TC_OK)
            fail("convert", round);
        ticket = json_text(json, "id");
        tc_string_free(json);
        snprintf(request, sizeof request,
                 "{\"op\":\"set_state\",\"actor\":" TOM ",\"args\":{\"ticket\":\"%s\",\"state\":\"resolved\"}}", ticket);
        if (tc_desk_execute(&json, desk, request) != TC_OK) fail("execute set_state", round);
        tc_string_free(json);
        if (tc_ticket_get(&json, desk, actor, ticket) != TC_OK || !strstr(json, "\"index\":4")) fail("get", round);
        tc_string_free(json);
        /* This thread's error stays this thread's. */
        snprintf(missing, sizeof missing, "#%d", 100000 + id * 1000 + round);
        if (tc_ticket_get(&json, desk, TOM, missing) != TC_ENOTFOUND ||
            !strstr(tc_last_error_message(), missing + 1))
            fail("thread-local error", round);
        if (round % 5 == 0) {
            tc_subscription *s = NULL;
            tc_event_callback cb = TC_EVENT_CALLBACK_INIT;
            cb.on_event = on_event;
            if (tc_desk_subscribe(&s, desk, &cb) != TC_OK) fail("subscribe", round);
            if (tc_inbox_list(&json, desk, actor, "{\"limit\":5}") != TC_OK) fail("inbox", round);
            tc_string_free(json);
            tc_subscription_free(s);
        }
        free(conversation);
        free(ticket);
    }
    return NULL;
}

int main(void) {
    pthread_t threads[THREADS];
    int ids[THREADS];
    char *json = NULL;
    int i;
    tc_subscription *counter = NULL;
    tc_event_callback cb = TC_EVENT_CALLBACK_INIT;
    desk = open_seed_desk(0);
    cb.on_event = on_event;
    CHECK_OK(tc_desk_subscribe(&counter, desk, &cb));
    for (i = 0; i < THREADS; ++i) {
        ids[i] = i;
        CHECK(pthread_create(&threads[i], NULL, worker, &ids[i]) == 0);
    }
    for (i = 0; i < THREADS; ++i) pthread_join(threads[i], NULL);
    tc_subscription_free(counter);
    CHECK(thread_failures == 0);

    /* Every ticket got its own number: the last is THREADS * ROUNDS (T3). */
    CHECK_OK(tc_inbox_list(&json, desk, TOM, "{\"conversations\":false,\"limit\":1000}"));
    CHECK(count_of(json, "{\"kind\":\"ticket\"") == THREADS * ROUNDS);
    tc_string_free(json);
    {
        char ref[32];
        snprintf(ref, sizeof ref, "#%d", THREADS * ROUNDS);
        CHECK_OK(tc_ticket_get(&json, desk, TOM, ref));
        tc_string_free(json);
    }
    CHECK(events >= THREADS * ROUNDS * 3);
    tc_desk_close(desk);
    return finish("capi_threads");
}
