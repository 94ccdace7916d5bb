/* A storage backend behind tc_storage_methods (test_store.cpp): the table's
 * version and required methods, destroy() exactly once, and backend
 * failures reaching the caller as named statuses with the backend's text,
 * with nothing changed. The scenario, robustness, callback and thread tests
 * also run on this backend (the *_c_store tests). */
#include "test_util.h"

#include <stddef.h>

static char *inbox_of(tc_desk *desk) {
    char *json = NULL;
    CHECK_OK(tc_inbox_list(&json, desk, TOM, "{\"limit\":1000}"));
    return json;
}

/* Runs one op for Tom; *out_json gets the result (NULL on failure). */
static int run(char **out_json, tc_desk *desk, const char *op, const char *args) {
    char request[2048];
    /* check is the host's own (U1): it runs with no actor, as the system */
    if (strcmp(op, "check") == 0)
        snprintf(request, sizeof request, "{\"op\":\"%s\",\"args\":%s}", op, args);
    else
        snprintf(request, sizeof request, "{\"op\":\"%s\",\"actor\":" TOM ",\"args\":%s}", op, args);
    *out_json = NULL;
    return tc_desk_execute(out_json, desk, request);
}

static tc_desk *open_on(tc_storage_methods *methods, int expected) {
    tc_desk *desk = NULL;
    tc_desk_options options = TC_DESK_OPTIONS_INIT;
    options.config_json = seed_config;
    options.storage_methods = methods;
    CHECK_STATUS(expected, tc_desk_open(&desk, &options));
    return desk;
}

static void remove_desk_file(const char *path) {
    const char *suffixes[] = {"", "-wal", "-shm"};
    char name[128];
    size_t i;
    for (i = 0; i < 3; ++i) {
        snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
        remove(name);
    }
}

/* The configuration lives in the desk (docs/configuration.md, "Where the
 * configuration lives"): a desk file opened with config_json NULL runs what
 * it keeps; a configure whose put_entry fails changes nothing; a table
 * without records by kind takes the configuration from the host, as before. */
static void stored_configuration(void) {
    static const char path[] = "ticketcore-capi-stored-config.desk";
    static const char question[] =
        "{\"teammates\":[{\"id\":\"tom\",\"name\":\"Tom\"}],"
        "\"ticket_types\":[{\"id\":\"question\",\"name\":\"Question\",\"category\":\"back_office\"}]}";
    tc_storage_methods methods;
    tc_desk_options options = TC_DESK_OPTIONS_INIT;
    tc_desk *desk = NULL;
    char *json = NULL;

    remove_desk_file(path);
    options.store_json = "{\"kind\":\"sqlite\",\"path\":\"ticketcore-capi-stored-config.desk\"}";
    options.config_json = question;
    CHECK_OK(tc_desk_open(&desk, &options));
    tc_desk_close(desk);
    options.config_json = NULL;
    desk = NULL;
    CHECK_OK(tc_desk_open(&desk, &options));
    CHECK_OK(tc_desk_configuration(&json, desk));
    CHECK(json != NULL && strstr(json, "\"question\"") != NULL);
    tc_string_free(json);
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"question\",\"title\":\"How?\"}"));
    tc_string_free(json);
    tc_desk_close(desk);
    remove_desk_file(path);

    methods = test_store_new();
    options = (tc_desk_options)TC_DESK_OPTIONS_INIT;
    options.config_json = seed_config;
    options.storage_methods = &methods;
    desk = NULL;
    CHECK_OK(tc_desk_open(&desk, &options));
    test_store_fail(&methods, "put_entry", TC_ESTORAGE, "disk full");
    CHECK_STATUS(TC_ESTORAGE, tc_desk_configure(desk, question));
    CHECK(strstr(tc_last_error_message(), "disk full") != NULL);
    CHECK_OK(tc_desk_configuration(&json, desk));
    CHECK(json != NULL && strstr(json, "\"question\"") == NULL && strstr(json, "\"bug_report\"") != NULL);
    tc_string_free(json);
    CHECK_OK(tc_desk_configure(desk, question));
    CHECK_OK(tc_desk_configuration(&json, desk));
    CHECK(json != NULL && strstr(json, "\"question\"") != NULL);
    tc_string_free(json);
    tc_desk_close(desk);

    methods = test_store_new();
    methods.get_entry = NULL;
    methods.put_entry = NULL;
    methods.find_entries = NULL;
    desk = NULL;
    CHECK_OK(tc_desk_open(&desk, &options));
    CHECK_OK(tc_desk_configure(desk, question));
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"question\",\"title\":\"How?\"}"));
    tc_string_free(json);
    tc_desk_close(desk);
}

int main(void) {
    tc_storage_methods methods;
    tc_storage_methods broken;
    tc_desk_options options = TC_DESK_OPTIONS_INIT;
    tc_desk *desk;
    char *json = NULL;
    char *before;
    char *after;
    char *ticket;
    int destroyed;

    /* Versions and required methods. */
    CHECK_STATUS(TC_EINVALID, tc_storage_methods_init(NULL, TC_STORAGE_METHODS_VERSION));
    CHECK_STATUS(TC_EVERSION, tc_storage_methods_init(&broken, 0));
    CHECK_STATUS(TC_EVERSION, tc_storage_methods_init(&broken, TC_STORAGE_METHODS_VERSION + 1));
    CHECK_OK(tc_storage_methods_init(&broken, TC_STORAGE_METHODS_VERSION));
    CHECK(broken.version == TC_STORAGE_METHODS_VERSION && broken.begin == NULL && broken.destroy == NULL);

    destroyed = test_store_destroyed();
    methods = test_store_new();
    methods.version = 0;
    CHECK(open_on(&methods, TC_EVERSION) == NULL);
    CHECK(test_store_destroyed() == destroyed); /* a rejected table is never called */
    methods.version = TC_STORAGE_METHODS_VERSION + 1;
    CHECK(open_on(&methods, TC_EVERSION) == NULL);
    CHECK(test_store_destroyed() == destroyed);
    methods.version = TC_STORAGE_METHODS_VERSION;
    methods.parts_of = NULL;
    CHECK(open_on(&methods, TC_EINVALID) == NULL);
    CHECK(strstr(tc_last_error_message(), "parts_of") != NULL);
    CHECK(test_store_destroyed() == destroyed + 1); /* accepted, so destroyed once */

    methods = test_store_new();
    options.config_json = seed_config;
    options.storage_methods = &methods;
    options.store_json = "{\"kind\":\"memory\"}";
    desk = NULL;
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&desk, &options));
    CHECK(desk == NULL && test_store_destroyed() == destroyed + 2);

    /* An options struct of version 1 has no storage_methods field: never read. */
    options.store_json = NULL;
    options.version = 1;
    options.storage_methods = &broken; /* would fail if it were read */
    CHECK_OK(tc_desk_open(&desk, &options));
    tc_desk_close(desk);
    CHECK(test_store_destroyed() == destroyed + 2);

    /* A working backend. */
    methods = test_store_new();
    desk = open_on(&methods, TC_OK);
    CHECK_OK(tc_conversation_create(&json, desk, "{\"kind\":\"contact\",\"id\":\"ann\"}",
                                    "{\"contact\":\"ann\",\"message\":\"Export fails\"}"));
    {
        char *conversation = json_text(json, "id");
        tc_string_free(json);
        CHECK_OK(tc_conversation_convert(&json, desk, TOM, conversation, "{\"type\":\"bug_report\"}"));
        ticket = json_text(json, "id");
        tc_string_free(json);
        free(conversation);
    }
    before = inbox_of(desk);

    /* A failing write: the backend's text, TC_ESTORAGE, nothing changed. */
    test_store_fail(&methods, "insert_ticket", TC_ESTORAGE, "disk full");
    CHECK_STATUS(TC_ESTORAGE, tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"T\"}"));
    CHECK(strstr(tc_last_error_message(), "disk full") != NULL);
    CHECK(strstr(tc_last_error_message(), "insert_ticket") != NULL);
    CHECK(json == NULL);

    /* A status without a message still says which method failed. */
    test_store_fail(&methods, "append_history", -99, NULL);
    CHECK_STATUS(TC_ESTORAGE, tc_ticket_set_state(&json, desk, TOM, "#1", "resolved", 0));
    CHECK(strstr(tc_last_error_message(), "append_history") != NULL);

    /* A conflict from the backend is a conflict for the caller (X1). */
    test_store_fail(&methods, "update_ticket", TC_ECONFLICT, "someone else wrote first");
    CHECK_STATUS(TC_ECONFLICT, tc_ticket_update(&json, desk, TOM, "#1", "{\"title\":\"New\"}", 0));
    CHECK(strstr(tc_last_error_message(), "someone else wrote first") != NULL);

    /* A failed commit: rolled back, reported. */
    {
        int rollbacks = test_store_rollbacks(&methods);
        test_store_fail(&methods, "commit", TC_ESTORAGE, "fsync failed");
        CHECK_STATUS(TC_ESTORAGE, tc_reply_add(&json, desk, TOM, ticket, "Hello"));
        CHECK(strstr(tc_last_error_message(), "fsync failed") != NULL);
        CHECK(test_store_rollbacks(&methods) == rollbacks + 1);
    }

    /* Not supported passes through; so does a failing begin. */
    test_store_fail(&methods, "find_tickets", TC_ENOTSUPPORTED, "no queries here");
    CHECK_STATUS(TC_ENOTSUPPORTED, tc_inbox_list(&json, desk, TOM, NULL));
    test_store_fail(&methods, "begin", TC_ESTORAGE, "connection lost");
    CHECK_STATUS(TC_ESTORAGE, tc_ticket_get(&json, desk, TOM, "#1"));
    CHECK(strstr(tc_last_error_message(), "connection lost") != NULL);

    /* Output the library cannot read is the backend's failure. */
    test_store_fail(&methods, "get_ticket", TC_OK, NULL);
    CHECK_STATUS(TC_ESTORAGE, tc_ticket_get(&json, desk, TOM, ticket));
    CHECK(strstr(tc_last_error_message(), "invalid JSON") != NULL);
    test_store_fail(&methods, "parts_of", TC_OK, NULL);
    CHECK_STATUS(TC_ESTORAGE, tc_ticket_get(&json, desk, TOM, ticket));

    after = inbox_of(desk);
    CHECK(before && after && strcmp(before, after) == 0);
    tc_string_free(before);
    tc_string_free(after);

    /* And it still works: the next number is #2 (#1 is Ann's ticket). */
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"After the failures\"}"));
    CHECK(json_int(json, "number") == 2);
    tc_string_free(json);

    tc_desk_close(desk);
    CHECK(test_store_destroyed() == destroyed + 3); /* once, at close */
    free(ticket);

    /* tc_storage_methods_init of an older version touches only that
     * version's fields: the host's struct is that much shorter. */
    {
        union {
            tc_storage_methods m;
            unsigned char raw[sizeof(tc_storage_methods)];
        } table;
        memset(table.raw, 0xAB, sizeof table.raw);
        CHECK_OK(tc_storage_methods_init(&table.m, 2));
        CHECK(table.m.version == 2 && table.m.due_tickets == NULL);
        CHECK(table.raw[offsetof(tc_storage_methods, query_tickets)] == 0xAB);
        CHECK(table.raw[sizeof table.raw - 1] == 0xAB);
        memset(table.raw, 0xAB, sizeof table.raw);
        CHECK_OK(tc_storage_methods_init(&table.m, 1));
        CHECK(table.raw[offsetof(tc_storage_methods, due_tickets)] == 0xAB);
        CHECK_OK(tc_storage_methods_init(&table.m, TC_STORAGE_METHODS_VERSION));
        CHECK(table.m.query_tickets == NULL && table.m.scan_history == NULL);
    }

    /* A version-2 table has no Tier 2 methods, whatever follows it in
     * memory: queries, counts, views, bulk updates and reports answer
     * TC_ENOTSUPPORTED naming the missing method; the rest works as before. */
    methods = test_store_new(); /* fills the version-3 methods too */
    methods.version = 2;
    desk = open_on(&methods, TC_OK);
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"Old table\"}"));
    tc_string_free(json);
    CHECK_STATUS(TC_ENOTSUPPORTED, run(&json, desk, "find_tickets", "{\"query\":{}}"));
    CHECK(strstr(tc_last_error_message(), "query_tickets") != NULL);
    CHECK_STATUS(TC_ENOTSUPPORTED, run(&json, desk, "count_tickets", "{\"query\":{}}"));
    CHECK(strstr(tc_last_error_message(), "count_tickets") != NULL);
    CHECK_STATUS(TC_ENOTSUPPORTED, run(&json, desk, "views", "{}"));
    CHECK(strstr(tc_last_error_message(), "list_views") != NULL);
    CHECK_STATUS(TC_ENOTSUPPORTED,
                 run(&json, desk, "bulk_update", "{\"query\":{},\"change\":{\"assignee\":\"tom\"}}"));
    CHECK(strstr(tc_last_error_message(), "query_tickets") != NULL);
    CHECK_STATUS(TC_ENOTSUPPORTED, run(&json, desk, "report",
                                       "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2029-01-01T00:00:00Z\"}"));
    CHECK(strstr(tc_last_error_message(), "scan_history") != NULL);
    CHECK_OK(tc_ticket_get(&json, desk, TOM, "#1"));
    tc_string_free(json);
    tc_desk_close(desk);

    /* Without query_tickets, count_tickets and scan_history but opted in to
     * the library's evaluator (options version 3): the same requests are
     * answered by scanning the backend's tickets and history log. */
    methods = test_store_new();
    methods.query_tickets = NULL;
    methods.count_tickets = NULL;
    methods.scan_history = NULL;
    {
        tc_desk_options scanning = TC_DESK_OPTIONS_INIT;
        scanning.config_json = seed_config;
        scanning.storage_methods = &methods;
        scanning.scan_without_index = 1;
        CHECK_OK(tc_desk_open(&desk, &scanning));
    }
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"Scanned printer\",\"tags\":[\"hw\"]}"));
    tc_string_free(json);
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"Other\"}"));
    tc_string_free(json);
    CHECK_OK(run(&json, desk, "find_tickets", "{\"query\":{\"text\":\"printer\"}}"));
    CHECK(count_of(json, "\"number\":") == 1 && json_int(json, "number") == 1);
    tc_string_free(json);
    CHECK_OK(run(&json, desk, "count_tickets", "{\"query\":{\"tags\":[\"hw\"]}}"));
    CHECK(json_int(json, "count") == 1);
    tc_string_free(json);
    CHECK_OK(run(&json, desk, "bulk_update", "{\"query\":{},\"change\":{\"assignee\":\"tom\"}}"));
    CHECK(json_int(json, "matched") == 2);
    tc_string_free(json);
    CHECK_OK(run(&json, desk, "report", "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2029-01-01T00:00:00Z\"}"));
    CHECK(json && strstr(json, "\"total\"") != NULL);
    tc_string_free(json);
    tc_desk_close(desk);

    /* Version 3: the same requests answered by the backend's own methods. */
    methods = test_store_new();
    CHECK(methods.version == TC_STORAGE_METHODS_VERSION && methods.query_tickets != NULL);
    desk = open_on(&methods, TC_OK);
    {
        int i;
        char body[128];
        char *first;
        char *cursor;
        for (i = 0; i < 3; ++i) {
            snprintf(body, sizeof body, "{\"type\":\"bug\",\"title\":\"Printer %d\",\"tags\":[\"hw\"]}", i);
            CHECK_OK(tc_ticket_create(&json, desk, TOM, body));
            tc_string_free(json);
        }
        CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"Scanner\"}"));
        tc_string_free(json);
        /* Newest first, one per page, through the cursor. */
        CHECK_OK(run(&json, desk, "find_tickets", "{\"query\":{\"tags\":[\"hw\"]},\"limit\":2}"));
        CHECK(count_of(json, "\"number\":") == 2 && json_int(json, "number") == 3);
        cursor = json_text(json, "next_cursor");
        tc_string_free(json);
        CHECK(cursor != NULL && cursor[0] != '\0');
        snprintf(body, sizeof body, "{\"query\":{\"tags\":[\"hw\"]},\"limit\":2,\"cursor\":\"%s\"}",
                 cursor ? cursor : "");
        free(cursor);
        CHECK_OK(run(&json, desk, "find_tickets", body));
        CHECK(count_of(json, "\"number\":") == 1 && json_int(json, "number") == 1);
        first = json_text(json, "next_cursor");
        CHECK(first != NULL && first[0] == '\0');
        free(first);
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "find_tickets", "{\"query\":{\"text\":\"scanner\"}}"));
        CHECK(count_of(json, "\"number\":") == 1 && json_int(json, "number") == 4);
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "count_tickets", "{\"query\":{\"tags\":[\"hw\"]}}"));
        CHECK(json_int(json, "count") == 3);
        tc_string_free(json);

        /* Views: saved, counted, removed. */
        CHECK_OK(run(&json, desk, "save_view",
                     "{\"view\":{\"id\":\"hw\",\"name\":\"Hardware\",\"owner\":\"\","
                     "\"query\":{\"tags\":[\"hw\"]}}}"));
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "views", "{}"));
        CHECK(strstr(json, "\"Hardware\"") != NULL && json_int(json, "count") == 3);
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "remove_view", "{\"id\":\"hw\"}"));
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "views", "{}"));
        CHECK(strcmp(json, "[]") == 0);
        tc_string_free(json);

        /* A bulk update walks the query; then a report reads the history. */
        CHECK_OK(run(&json, desk, "bulk_update", "{\"query\":{\"tags\":[\"hw\"]},\"change\":{\"assignee\":\"fay\"}}"));
        CHECK(json_int(json, "matched") == 3 && json_int(json, "changed") == 3);
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "count_tickets", "{\"query\":{\"assignee\":\"fay\"}}"));
        CHECK(json_int(json, "count") == 3);
        tc_string_free(json);
        CHECK_OK(run(&json, desk, "report", "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2029-01-01T00:00:00Z\"}"));
        CHECK(json && strstr(json, "\"total\"") != NULL);
        tc_string_free(json);

        /* The backend's failures reach the caller, named. */
        test_store_fail(&methods, "query_tickets", TC_ESTORAGE, "index gone");
        CHECK_STATUS(TC_ESTORAGE, run(&json, desk, "find_tickets", "{\"query\":{}}"));
        CHECK(strstr(tc_last_error_message(), "index gone") != NULL);
        CHECK(strstr(tc_last_error_message(), "query_tickets") != NULL);
        test_store_fail(&methods, "scan_history.visit", TC_ESTORAGE, "read error mid-scan");
        CHECK_STATUS(TC_ESTORAGE, run(&json, desk, "report",
                                      "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2029-01-01T00:00:00Z\"}"));
        CHECK(strstr(tc_last_error_message(), "read error mid-scan") != NULL);
        test_store_fail(&methods, "scan_history.visit", TC_OK, NULL); /* an entry that is not JSON */
        CHECK_STATUS(TC_ESTORAGE, run(&json, desk, "report",
                                      "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2029-01-01T00:00:00Z\"}"));
        CHECK(strstr(tc_last_error_message(), "invalid JSON") != NULL);
        CHECK_STATUS(TC_ENOTFOUND, run(&json, desk, "remove_view", "{\"id\":\"hw\"}"));
        CHECK_OK(run(&json, desk, "count_tickets", "{\"query\":{}}"));
        CHECK(json_int(json, "count") == 4);
        tc_string_free(json);
    }

    /* U3: a record the backend returns damaged fails only the reads that
     * need it, naming it; listings name it, and `check` finds it. */
    CHECK_OK(run(&json, desk, "check", "{}"));
    CHECK(strcmp(json, "[]") == 0);
    tc_string_free(json);
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"Damaged\"}"));
    {
        char *damaged = json_text(json, "id");
        tc_string_free(json);
        test_store_damage_ticket(&methods, damaged);
        CHECK_STATUS(TC_ESTORAGE, tc_ticket_get(&json, desk, TOM, damaged));
        CHECK(strstr(tc_last_error_message(), damaged) != NULL);
        after = inbox_of(desk);
        CHECK(strstr(after, damaged) != NULL && strstr(after, "\"damaged\"") != NULL);
        tc_string_free(after);
        CHECK_OK(run(&json, desk, "find_tickets", "{\"query\":{}}"));
        CHECK(strstr(json, "\"damaged\"") != NULL && strstr(json, damaged) != NULL);
        tc_string_free(json);
        CHECK_STATUS(TC_ESTORAGE, tc_ticket_update(&json, desk, TOM, damaged, "{\"title\":\"New\"}", 0));
        CHECK(strstr(tc_last_error_message(), damaged) != NULL);
        CHECK_OK(tc_desk_execute(&json, desk, "{\"op\":\"check\"}"));
        CHECK(strstr(json, damaged) != NULL && strstr(json, "\"kind\":\"ticket\"") != NULL);
        tc_string_free(json);
        free(damaged);
    }
    tc_desk_close(desk);
    stored_configuration();
    return finish("capi_storage");
}
