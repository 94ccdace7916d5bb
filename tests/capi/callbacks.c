/* Callbacks as versioned structs: a notifier (delivered, retry with a
 * reason, failed, a value that is not a tc_delivery), a clock, event
 * subscriptions (several, freed inside their own callback, outliving the
 * desk), callbacks that call back into the API, and destroy() exactly once. */
#include "test_util.h"

/* ---- A clock the test moves -------------------------------------------- */

static int64_t now_ms = INT64_C(1795000000000); /* 2026-11-18 */
static int clock_destroyed = 0;
static int64_t test_now(void *ctx) {
    (void)ctx;
    return now_ms;
}
static void clock_destroy(void *ctx) {
    (void)ctx;
    ++clock_destroyed;
}

/* ---- A notifier that answers by recipient --------------------------------- */

typedef struct mailer {
    tc_desk *desk; /* to call back into the API */
    int calls;
    int delivered;
    int destroyed;
    int reentrant_ok;
} mailer;

static int mailer_deliver(void *ctx, const char *json) {
    mailer *m = (mailer *)ctx;
    char *recipient = json_text(json, "recipient");
    char *ticket = json_text(json, "ticket");
    char *view = NULL;
    int result = TC_DELIVERY_OK;
    ++m->calls;
    /* Re-entrance: reading the desk from inside the notifier works. */
    if (ticket && tc_ticket_get(&view, m->desk, TOM, ticket) == TC_OK) ++m->reentrant_ok;
    tc_string_free(view);
    if (recipient && strcmp(recipient, "bob") == 0) {
        tc_callback_error("smtp: mailbox busy");
        result = TC_DELIVERY_RETRY;
    } else if (recipient && strcmp(recipient, "cat") == 0) {
        tc_callback_error("smtp: no such mailbox");
        result = TC_DELIVERY_FAILED;
    } else if (recipient && strcmp(recipient, "dan") == 0) {
        result = 42; /* not a tc_delivery: counts as retry */
    } else {
        ++m->delivered;
    }
    free(recipient);
    free(ticket);
    return result;
}

static void mailer_destroy(void *ctx) { ++((mailer *)ctx)->destroyed; }

/* ---- Event observers --------------------------------------------------------- */

typedef struct observer {
    int events;
    int destroyed;
    int bad_json;
    tc_subscription *self; /* freed from inside its first event when set */
    tc_desk *desk;
    int reads_ok;
} observer;

static void observe(void *ctx, const char *json) {
    observer *o = (observer *)ctx;
    char *subject = json_text(json, "subject");
    ++o->events;
    if (strncmp(json, "{\"kind\":\"", 9) != 0 || !subject || json_int(json, "number") < 1 ||
        strstr(json, "\"actor\":{\"kind\":") == NULL || strstr(json, "\"detail\":{") == NULL)
        ++o->bad_json;
    if (o->desk && strstr(json, "{\"kind\":\"ticket_created\"") == json) {
        char *view = NULL;
        if (tc_ticket_get(&view, o->desk, TOM, subject) == TC_OK) ++o->reads_ok;
        tc_string_free(view);
    }
    free(subject);
    if (o->self) {
        tc_subscription *self = o->self;
        o->self = NULL;
        tc_subscription_free(self); /* destroy() runs once this call returns */
        CHECK(o->destroyed == 0);
    }
}

static void observer_destroy(void *ctx) { ++((observer *)ctx)->destroyed; }

static tc_subscription *subscribe(tc_desk *desk, observer *o) {
    tc_subscription *s = NULL;
    tc_event_callback cb = TC_EVENT_CALLBACK_INIT;
    cb.ctx = o;
    cb.on_event = observe;
    cb.destroy = observer_destroy;
    CHECK_OK(tc_desk_subscribe(&s, desk, &cb));
    return s;
}

static char *new_ticket(tc_desk *desk, const char *contact) {
    char body[256];
    char actor[64];
    char *json = NULL;
    char *conversation;
    char *ticket;
    actor_of(actor, sizeof actor, "contact", contact);
    snprintf(body, sizeof body, "{\"contact\":\"%s\",\"message\":\"Help\"}", contact);
    CHECK_OK(tc_conversation_create(&json, desk, actor, body));
    conversation = json_text(json, "id");
    tc_string_free(json);
    CHECK_OK(tc_conversation_convert(&json, desk, TOM, conversation, "{\"type\":\"bug_report\",\"title\":\"Help\"}"));
    ticket = json_text(json, "id");
    tc_string_free(json);
    free(conversation);
    return ticket;
}

int main(void) {
    mailer m = {NULL, 0, 0, 0, 0};
    observer all = {0, 0, 0, NULL, NULL, 0};
    observer once = {0, 0, 0, NULL, NULL, 0};
    observer late = {0, 0, 0, NULL, NULL, 0};
    tc_subscription *all_sub;
    tc_subscription *late_sub;
    tc_notifier notifier = TC_NOTIFIER_INIT;
    tc_clock clock_table = TC_CLOCK_INIT;
    tc_desk_options options = TC_DESK_OPTIONS_INIT;
    tc_desk *desk = NULL;
    char *json = NULL;
    char *tickets[4];
    static const char *const contacts[4] = {"ann", "bob", "cat", "dan"};
    int i;

    notifier.ctx = &m;
    notifier.deliver = mailer_deliver;
    notifier.destroy = mailer_destroy;
    clock_table.now_ms = test_now;
    clock_table.destroy = clock_destroy;
    options.config_json = seed_config;
    options.notifier = &notifier;
    options.clock = &clock_table;
    options.dispatch_json = "{\"initial_backoff_ms\":60000,\"max_backoff_ms\":60000,\"max_attempts\":3}";
#ifdef TC_TEST_STORE
    {
        static tc_storage_methods methods;
        methods = test_store_new();
        options.storage_methods = &methods;
    }
#endif
    CHECK_OK(tc_desk_open(&desk, &options));
    m.desk = desk;

    /* Outside any callback tc_callback_error is ignored. */
    tc_callback_error("nobody listens");
    tc_callback_error(NULL);

    /* Events: one observer for everything, one that leaves in its first call. */
    all.desk = desk;
    all_sub = subscribe(desk, &all);
    once.self = subscribe(desk, &once);
    for (i = 0; i < 4; ++i) tickets[i] = new_ticket(desk, contacts[i]);
    CHECK(all.events > 8 && all.bad_json == 0);
    CHECK(all.reads_ok == 4); /* reads from inside the callback */
    CHECK(once.events == 1 && once.destroyed == 1);

    /* The clock: tickets are stamped with its time. */
    CHECK_OK(tc_ticket_get(&json, desk, TOM, tickets[0]));
    CHECK(strstr(json, "\"created_at\":\"2026-11-18T") != NULL);
    tc_string_free(json);

    /* N5 through the desk's notifier: ann delivered, bob retried with the
     * reason, cat failed, dan answered nonsense (retried). Two entries each. */
    CHECK_OK(tc_desk_dispatch(&json, desk, NULL));
    CHECK(json_int(json, "delivered") == 2);
    CHECK(json_int(json, "retried") == 4);
    CHECK(json_int(json, "failed") == 2);
    tc_string_free(json);
    CHECK(m.calls == 8 && m.delivered == 2 && m.reentrant_ok == 8);
    CHECK_OK(tc_outbox_list(&json, desk, "{\"audience\":\"contact\",\"recipient\":\"bob\"}"));
    CHECK(count_of(json, "\"last_error\":\"smtp: mailbox busy\"") == 2);
    CHECK(count_of(json, "\"state\":\"pending\"") == 2);
    tc_string_free(json);
    CHECK_OK(tc_outbox_list(&json, desk, "{\"audience\":\"contact\",\"recipient\":\"cat\",\"state\":\"failed\"}"));
    CHECK(count_of(json, "\"last_error\":\"smtp: no such mailbox\"") == 2);
    tc_string_free(json);
    CHECK_OK(tc_outbox_list(&json, desk, "{\"audience\":\"contact\",\"recipient\":\"dan\"}"));
    CHECK(count_of(json, "not a tc_delivery") == 2);
    tc_string_free(json);

    /* Not due before the backoff; due after it, until max_attempts. */
    CHECK_OK(tc_desk_dispatch(&json, desk, NULL));
    CHECK(json_int(json, "retried") == 0 && m.calls == 8);
    tc_string_free(json);
    now_ms += 60000;
    CHECK_OK(tc_desk_dispatch(&json, desk, NULL));
    CHECK(json_int(json, "retried") == 4);
    tc_string_free(json);
    now_ms += 60000;
    CHECK_OK(tc_desk_dispatch(&json, desk, NULL));
    CHECK(json_int(json, "failed") == 4); /* the third attempt was the last */
    tc_string_free(json);

    /* A subscription made late sees only what follows; it outlives the desk. */
    late_sub = subscribe(desk, &late);
    CHECK_OK(tc_reply_add(&json, desk, TOM, tickets[0], "We are on it"));
    tc_string_free(json);
    CHECK(late.events >= 1);
    tc_subscription_free(all_sub);
    CHECK(all.destroyed == 1);
    CHECK(m.destroyed == 0 && clock_destroyed == 0);
    tc_desk_close(desk);
    CHECK(m.destroyed == 1 && clock_destroyed == 1); /* once each, at close */
    CHECK(late.destroyed == 0);
    tc_subscription_free(late_sub);
    CHECK(late.destroyed == 1);
    CHECK(once.destroyed == 1 && all.destroyed == 1);

    for (i = 0; i < 4; ++i) free(tickets[i]);
    return finish("capi_callbacks");
}
