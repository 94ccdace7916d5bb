/* The widespread-bug scenario of seed 000 through the C ABI: four customers
 * report the same bug, their tickets follow one tracker, and one state
 * change on the tracker resolves them all. Prints each conversation as the
 * team sees it and as its contact sees it (like examples/widespread_bug.cpp).
 *
 * Usage: widespread_bug_c [desk-file]. Without an argument the desk lives in
 * memory; with one it lives in that SQLite file (store_json), which later
 * runs reopen.
 *
 * The JSON the library returns is read with a few string scans to keep the
 * example free of dependencies; a real host would use its JSON library. */
#include <ticketcore/ticketcore.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char configuration[] =
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

static const char tom[] = "{\"kind\":\"teammate\",\"id\":\"tom\"}";
static const char fay[] = "{\"kind\":\"teammate\",\"id\":\"fay\"}";

/* Stops the example with the library's message when a call fails. */
static void check(int status, const char *what) {
    if (status == TC_OK) return;
    fprintf(stderr, "%s: ticketcore error (%s): %s\n", what, tc_status_name(status), tc_last_error_message());
    exit(1);
}

/* A copy of the string value that follows `"key":"` at or after `from`. */
static char *text_after(const char *from, const char *key, const char **end_out) {
    char pattern[64];
    const char *at;
    const char *end;
    char *copy;
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    at = strstr(from, pattern);
    if (!at) return NULL;
    at += strlen(pattern);
    for (end = at; *end && *end != '"'; ++end)
        if (*end == '\\' && end[1]) ++end; /* skip escaped characters */
    copy = (char *)malloc((size_t)(end - at) + 1);
    if (!copy) exit(1);
    memcpy(copy, at, (size_t)(end - at));
    copy[end - at] = '\0';
    if (end_out) *end_out = end;
    return copy;
}

static long number_of(const char *json, const char *key) {
    char pattern[64];
    const char *at;
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    at = strstr(json, pattern);
    return at ? strtol(at + strlen(pattern), NULL, 10) : 0;
}

/* Prints the timeline of a conversation view: one line per part. */
static void print_timeline(const char *heading, const char *view) {
    const char *part = strstr(view, "\"timeline\":[");
    printf("  %s\n", heading);
    while (part && (part = strstr(part, "{\"id\":\"")) != NULL) {
        const char *end = NULL;
        char *kind = text_after(part, "kind", NULL);
        int internal = strncmp(strstr(part, "\"internal\":") + 11, "true", 4) == 0;
        char *body = text_after(part, "body", &end);
        printf("    [%s%s] %s\n", kind, internal ? ", internal" : "", body);
        free(kind);
        free(body);
        part = end;
    }
}

/* {"kind":"sqlite","path":"<path>"} with the path escaped for JSON. */
static char *sqlite_store(const char *path) {
    size_t size = strlen(path) * 6 + 40;
    char *json = (char *)malloc(size);
    char *out = json;
    if (!json) exit(1);
    out += sprintf(out, "{\"kind\":\"sqlite\",\"path\":\"");
    for (; *path; ++path) {
        unsigned char c = (unsigned char)*path;
        if (c == '"' || c == '\\') out += sprintf(out, "\\%c", c);
        else if (c < 0x20) out += sprintf(out, "\\u%04x", c);
        else *out++ = (char)c;
    }
    strcpy(out, "\"}");
    return json;
}

int main(int argc, char **argv) {
    static const char *const contacts[4] = {"ann", "bob", "cat", "dan"};
    char *conversations[4];
    char *tickets[4];
    char *json = NULL;
    char *tracker;
    char *back_office;
    char *label;
    char actor[64];
    char text[256];
    tc_desk *desk = NULL;
    tc_desk_options options = TC_DESK_OPTIONS_INIT;
    int i;

    char *store = argc > 1 ? sqlite_store(argv[1]) : NULL;

    options.config_json = configuration;
    options.store_json = store; /* NULL: in memory */
    check(tc_desk_open(&desk, &options), "open the desk");
    free(store);
    printf("Desk %s%s\n\n", argc > 1 ? "file " : "in memory", argc > 1 ? argv[1] : "");

    for (i = 0; i < 4; ++i) {
        snprintf(actor, sizeof actor, "{\"kind\":\"contact\",\"id\":\"%s\"}", contacts[i]);
        snprintf(text, sizeof text,
                 "{\"contact\":\"%s\",\"channel\":\"chat\",\"brand\":\"acme\",\"subject\":\"Export fails\","
                 "\"message\":\"Export does nothing\"}",
                 contacts[i]);
        check(tc_desk_create_conversation(&json, desk, actor, text), "create a conversation");
        conversations[i] = text_after(json, "id", NULL);
        tc_string_free(json);
        snprintf(text, sizeof text, "{\"type\":\"bug_report\",\"title\":\"Export fails for %s\"}", contacts[i]);
        check(tc_desk_convert_conversation(&json, desk, tom, conversations[i], text), "convert it");
        tickets[i] = text_after(json, "id", NULL);
        tc_string_free(json);
    }

    check(tc_desk_create_linked_ticket(&json, desk, tom, conversations[0],
                                  "{\"type\":\"bug\",\"title\":\"Export button dead\"}"),
          "create the tracker");
    tracker = text_after(json, "id", NULL);
    tc_string_free(json);
    for (i = 1; i < 4; ++i) {
        check(tc_desk_add_link(&json, desk, tom, tickets[i], tracker, "tracker"), "link a ticket to the tracker");
        tc_string_free(json);
    }

    check(tc_desk_create_linked_ticket(&json, desk, tom, conversations[0],
                                  "{\"type\":\"refund\",\"title\":\"Refund Ann for the lost export\"}"),
          "create the back-office ticket");
    back_office = text_after(json, "id", NULL);
    tc_string_free(json);
    check(tc_desk_add_note(&json, desk, fay, back_office, "Refund issued", "cross_post"), "note the refund");
    tc_string_free(json);

    check(tc_desk_add_note(&json, desk, tom, tracker, "Root cause found: exporter null pointer", NULL),
          "note the root cause");
    tc_string_free(json);
    check(tc_desk_set_state(&json, desk, tom, tracker, "done", 0), "close the tracker");
    {
        char *title = text_after(json, "title", NULL);
        label = text_after(json, "state_label", NULL);
        printf("Tracker #%ld \"%s\" is %s, linked conversations: %ld\n\n", number_of(json, "number"), title, label,
               number_of(json, "linked_conversations"));
        free(title);
        free(label);
    }
    tc_string_free(json);

    for (i = 0; i < 4; ++i) {
        char heading[64];
        snprintf(actor, sizeof actor, "{\"kind\":\"contact\",\"id\":\"%s\"}", contacts[i]);
        check(tc_desk_conversation(&json, desk, tom, conversations[i]), "read as the team");
        printf("Conversation %ld with %s\n", number_of(json, "number"), contacts[i]);
        print_timeline("as the team sees it:", json);
        tc_string_free(json);
        check(tc_desk_conversation(&json, desk, actor, conversations[i]), "read as the contact");
        snprintf(heading, sizeof heading, "as %s sees it:", contacts[i]);
        print_timeline(heading, json);
        tc_string_free(json);
        check(tc_desk_ticket(&json, desk, actor, tickets[i]), "read the ticket as the contact");
        label = text_after(strstr(json, "\"stage\":"), "label", NULL);
        printf("  %s's ticket #%ld: stage %ld of 4 (%s)\n\n", contacts[i], number_of(json, "number"),
               number_of(json, "index"), label);
        free(label);
        tc_string_free(json);
    }

    check(tc_desk_outbox(&json, desk, "{\"state\":\"pending\"}"), "read the outbox");
    {
        long pending = 0;
        const char *row = json;
        while ((row = strstr(row, "\"idempotency_key\":")) != NULL) {
            ++pending;
            ++row;
        }
        printf("Outbox: %ld notifications owed to contacts\n", pending);
    }
    tc_string_free(json);

    for (i = 0; i < 4; ++i) {
        free(conversations[i]);
        free(tickets[i]);
    }
    free(tracker);
    free(back_office);
    tc_desk_close(desk);
    return 0;
}
