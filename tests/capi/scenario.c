/* The seed-000 widespread-bug scenario driven through the C ABI, end to end:
 * four conversations, converted to customer tickets, one tracker, a
 * cross-posted back-office note, a tracker note, the tracker done. Contacts
 * see stage 4 and never an internal note (P4, P5, V2, V3, L4, N1, N2). Both
 * the typed functions and tc_desk_execute are used, and must agree. */
#include "test_util.h"

typedef struct counter {
    int delivered;
    int state_changed;
    int events;
    int destroyed;
} counter;

static int deliver(void *ctx, const char *notification_json) {
    counter *c = (counter *)ctx;
    CHECK(strstr(notification_json, "\"idempotency_key\":\"") != NULL);
    ++c->delivered;
    return TC_DELIVERY_OK;
}

static void on_event(void *ctx, const char *event_json) {
    counter *c = (counter *)ctx;
    ++c->events;
    if (strstr(event_json, "{\"kind\":\"state_changed\"") == event_json) ++c->state_changed;
}

static void destroyed(void *ctx) { ++((counter *)ctx)->destroyed; }

int main(void) {
    static const char *const contacts[4] = {"ann", "bob", "cat", "dan"};
    char *conversations[4];
    char *tickets[4];
    char *json = NULL;
    char *tracker;
    char *back_office;
    char actor[128];
    char request[1024];
    counter seen = {0, 0, 0, 0};
    tc_event_callback callback = TC_EVENT_CALLBACK_INIT;
    tc_subscription *subscription = NULL;
    tc_notifier notifier = TC_NOTIFIER_INIT;
    int i;
    tc_desk *desk = open_seed_desk(0);

    CHECK(strcmp(tc_version(), TC_VERSION_STRING) == 0);
    CHECK(tc_abi_version() == TC_ABI_VERSION);

    /* C1, C2: each contact writes in; Tom converts the conversation. */
    for (i = 0; i < 4; ++i) {
        char body[256];
        char title[128];
        actor_of(actor, sizeof actor, "contact", contacts[i]);
        snprintf(body, sizeof body,
                 "{\"contact\":\"%s\",\"channel\":\"chat\",\"brand\":\"acme\",\"subject\":\"Export fails\","
                 "\"message\":\"Export does nothing\"}",
                 contacts[i]);
        CHECK_OK(tc_conversation_create(&json, desk, actor, body));
        conversations[i] = json_text(json, "id");
        CHECK(conversations[i] != NULL);
        tc_string_free(json);

        snprintf(title, sizeof title, "{\"type\":\"bug_report\",\"title\":\"Export fails for %s\"}", contacts[i]);
        CHECK_OK(tc_conversation_convert(&json, desk, TOM, conversations[i], title));
        tickets[i] = json_text(json, "id");
        CHECK(strstr(json, "\"category\":\"customer\"") != NULL);
        tc_string_free(json);
    }

    /* C7: a tracker from Ann's conversation; the others link their tickets. */
    CHECK_OK(tc_ticket_create_linked(&json, desk, TOM, conversations[0],
                                     "{\"type\":\"bug\",\"title\":\"Export button dead\"}"));
    tracker = json_text(json, "id");
    tc_string_free(json);
    for (i = 1; i < 4; ++i) {
        CHECK_OK(tc_link_add(&json, desk, TOM, tickets[i], tracker, "tracker"));
        CHECK(strstr(json, "\"kind\":\"tracker\"") != NULL);
        tc_string_free(json);
    }
    CHECK_OK(tc_ticket_get(&json, desk, TOM, tracker));
    CHECK(json_int(json, "linked_conversations") == 4); /* K4 */
    tc_string_free(json);

    /* C6, P2: a back-office ticket whose cross-posted note stays internal. */
    CHECK_OK(tc_ticket_create_linked(&json, desk, TOM, conversations[0],
                                     "{\"type\":\"refund\",\"title\":\"Refund Ann for the lost export\"}"));
    back_office = json_text(json, "id");
    tc_string_free(json);
    CHECK_OK(tc_note_add(&json, desk, FAY, back_office, "Refund issued", TC_NOTE_CROSS_POST));
    CHECK(strstr(json, "\"internal\":true") != NULL);
    tc_string_free(json);

    /* P4: the tracker note through the generic entry. */
    snprintf(request, sizeof request,
             "{\"op\":\"add_note\",\"actor\":" TOM ",\"args\":{\"target\":\"%s\","
             "\"body\":\"Root cause found: exporter null pointer\"}}",
             tracker);
    CHECK_OK(tc_desk_execute(&json, desk, request));
    CHECK(strstr(json, "\"kind\":\"note\"") != NULL);
    tc_string_free(json);
    for (i = 0; i < 4; ++i) {
        CHECK_OK(tc_conversation_get(&json, desk, TOM, conversations[i]));
        CHECK(count_of(json, "Root cause found: exporter null pointer") == 1);
        tc_string_free(json);
    }

    /* Events: the tracker and its four customer tickets change state in one commit. */
    callback.ctx = &seen;
    callback.on_event = on_event;
    callback.destroy = destroyed;
    CHECK_OK(tc_desk_subscribe(&subscription, desk, &callback));

    /* P5: the tracker is done; the generic path names it by number. */
    CHECK_OK(tc_ticket_get(&json, desk, TOM, tracker));
    snprintf(request, sizeof request,
             "{\"op\":\"set_state\",\"actor\":" TOM ",\"args\":{\"ticket\":%ld,\"state\":\"done\"}}",
             json_int(json, "number"));
    tc_string_free(json);
    CHECK_OK(tc_desk_execute(&json, desk, request));
    CHECK(strstr(json, "\"state\":\"done\"") != NULL);
    tc_string_free(json);
    tc_subscription_free(subscription);
    CHECK(seen.state_changed == 5);
    CHECK(seen.destroyed == 1);

    for (i = 0; i < 4; ++i) {
        char *typed = NULL;
        char filter[128];
        actor_of(actor, sizeof actor, "contact", contacts[i]);
        /* L4: stage 4, no internal state name, nothing internal (V2). */
        CHECK_OK(tc_ticket_get(&typed, desk, actor, tickets[i]));
        CHECK(strstr(typed, "\"stage\":{\"index\":4,\"label\":\"Completed\"}") != NULL);
        CHECK(strstr(typed, "\"state\":") == NULL);
        CHECK(strstr(typed, "\"internal\":true") == NULL);
        CHECK(strstr(typed, "\"kind\":\"note\"") == NULL);
        /* The generic path answers the same text. */
        snprintf(request, sizeof request, "{\"op\":\"ticket\",\"actor\":%s,\"args\":{\"ticket\":\"%s\"}}", actor,
                 tickets[i]);
        CHECK_OK(tc_desk_execute(&json, desk, request));
        CHECK(json && typed && strcmp(json, typed) == 0);
        tc_string_free(json);
        tc_string_free(typed);

        /* P5: one admin message in the conversation; still nothing internal. */
        CHECK_OK(tc_conversation_get(&json, desk, actor, conversations[i]));
        CHECK(count_of(json, "\"kind\":\"admin_message\"") == 1);
        CHECK(strstr(json, "\"internal\":true") == NULL);
        CHECK(strstr(json, "Root cause") == NULL);
        CHECK(strstr(json, "Refund") == NULL);
        tc_string_free(json);

        /* V3: the tracker and the back-office ticket do not exist for contacts. */
        CHECK_STATUS(TC_ENOTFOUND, tc_ticket_get(&json, desk, actor, tracker));
        CHECK(json == NULL);
        CHECK_STATUS(TC_ENOTFOUND, tc_ticket_get(&json, desk, actor, back_office));
        CHECK_OK(tc_inbox_list(&json, desk, actor, NULL));
        CHECK(strstr(json, "\"category\":\"tracker\"") == NULL);
        CHECK(strstr(json, "\"category\":\"back_office\"") == NULL);
        CHECK(strstr(json, "Internal") == NULL);
        tc_string_free(json);
        CHECK_OK(tc_link_list(&json, desk, actor, conversations[i]));
        CHECK(strstr(json, "\"kind\":\"tracker\"") == NULL);
        tc_string_free(json);

        /* N1, N2: created once and resolved once, on each channel. */
        snprintf(filter, sizeof filter, "{\"audience\":\"contact\",\"recipient\":\"%s\"}", contacts[i]);
        CHECK_OK(tc_outbox_list(&json, desk, filter));
        CHECK(count_of(json, "\"kind\":\"ticket_created\"") == 2);
        CHECK(count_of(json, "\"kind\":\"ticket_resolved\"") == 2);
        CHECK(count_of(json, "\"kind\":\"status_changed\"") == 0);
        tc_string_free(json);
    }

    /* The team sees the internal notes, and the inbox tells categories apart (C8). */
    CHECK_OK(tc_conversation_get(&json, desk, TOM, conversations[0]));
    CHECK(strstr(json, "\"internal\":true") != NULL);
    CHECK(strstr(json, "Refund issued") != NULL);
    tc_string_free(json);
    CHECK_OK(tc_inbox_list(&json, desk, TOM, "{\"category\":\"tracker\"}"));
    CHECK(count_of(json, "\"label\":\"Internal\"") == 1);
    tc_string_free(json);
    CHECK_OK(tc_history_list(&json, desk, TOM, tickets[0]));
    CHECK(strstr(json, "\"field\":\"state\"") != NULL);
    tc_string_free(json);

    /* N5: the outbox goes out through a C notifier, once. */
    notifier.ctx = &seen;
    notifier.deliver = deliver;
    CHECK_OK(tc_desk_dispatch(&json, desk, &notifier));
    CHECK(json_int(json, "delivered") == 16);
    CHECK(seen.delivered == 16);
    tc_string_free(json);
    CHECK_OK(tc_desk_dispatch(&json, desk, &notifier));
    CHECK(json_int(json, "delivered") == 0);
    tc_string_free(json);
    CHECK(seen.destroyed == 1); /* a borrowed notifier is never destroyed */

    for (i = 0; i < 4; ++i) {
        free(conversations[i]);
        free(tickets[i]);
    }
    free(tracker);
    free(back_office);
    tc_desk_close(desk);
    return finish("capi_scenario");
}
