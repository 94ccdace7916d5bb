/* Hostile input at the C boundary: every function is called with NULL
 * handles, NULL and empty strings, invalid JSON, invalid UTF-8, wrong field
 * types, unknown ops and oversized input. Each call must return a named
 * status with a message, leave its output NULL, never crash, and leave the
 * desk exactly as it was (compared through a snapshot made with the API). */
#include "test_util.h"

#include <stddef.h>

#define LIMIT ((size_t)64 * 1024)

enum param_kind {
    P_ACTOR,   /* actor JSON */
    P_JSON,    /* a JSON object argument; NULL is invalid */
    P_OPTJSON, /* a JSON object argument; NULL means defaults */
    P_ID,      /* a UUID or ticket ref */
    P_TEXT,    /* free text; "" may or may not be valid */
    P_OPTTEXT  /* free text; NULL allowed */
};

typedef int (*caller)(char **out, tc_desk *desk, const char *const *args);

typedef struct function {
    const char *name;
    caller call;
    int has_out;
    int count;
    enum param_kind kinds[5];
    const char *args[5];
} function;

/* ---- Uniform callers --------------------------------------------------- */

static int call_configure(char **out, tc_desk *d, const char *const *a) {
    (void)out;
    return tc_desk_configure(d, a[0]);
}
static int call_configuration(char **out, tc_desk *d, const char *const *a) {
    (void)a;
    return tc_desk_configuration(out, d);
}
static int call_execute(char **out, tc_desk *d, const char *const *a) { return tc_desk_execute(out, d, a[0]); }
static int call_conversation_create(char **out, tc_desk *d, const char *const *a) {
    return tc_conversation_create(out, d, a[0], a[1]);
}
static int call_conversation_convert(char **out, tc_desk *d, const char *const *a) {
    return tc_conversation_convert(out, d, a[0], a[1], a[2]);
}
static int call_ticket_create(char **out, tc_desk *d, const char *const *a) {
    return tc_ticket_create(out, d, a[0], a[1]);
}
static int call_ticket_create_linked(char **out, tc_desk *d, const char *const *a) {
    return tc_ticket_create_linked(out, d, a[0], a[1], a[2]);
}
static int call_tracker_link_by_title(char **out, tc_desk *d, const char *const *a) {
    return tc_tracker_link_by_title(out, d, a[0], a[1], a[2], a[3]);
}
static int call_set_state(char **out, tc_desk *d, const char *const *a) {
    return tc_ticket_set_state(out, d, a[0], a[1], a[2], 0);
}
static int call_update(char **out, tc_desk *d, const char *const *a) {
    return tc_ticket_update(out, d, a[0], a[1], a[2], 0);
}
static int call_rate(char **out, tc_desk *d, const char *const *a) {
    return tc_ticket_rate(out, d, a[0], a[1], 5, a[2]);
}
static int call_reply(char **out, tc_desk *d, const char *const *a) { return tc_reply_add(out, d, a[0], a[1], a[2]); }
static int call_note(char **out, tc_desk *d, const char *const *a) {
    return tc_note_add(out, d, a[0], a[1], a[2], TC_NOTE_ADD);
}
static int call_link_add(char **out, tc_desk *d, const char *const *a) {
    return tc_link_add(out, d, a[0], a[1], a[2], a[3]);
}
static int call_link_external(char **out, tc_desk *d, const char *const *a) {
    return tc_link_add_external(out, d, a[0], a[1], a[2]);
}
static int call_link_remove(char **out, tc_desk *d, const char *const *a) {
    (void)out;
    return tc_link_remove(d, a[0], a[1]);
}
static int call_link_list(char **out, tc_desk *d, const char *const *a) { return tc_link_list(out, d, a[0], a[1]); }
static int call_ticket_get(char **out, tc_desk *d, const char *const *a) { return tc_ticket_get(out, d, a[0], a[1]); }
static int call_conversation_get(char **out, tc_desk *d, const char *const *a) {
    return tc_conversation_get(out, d, a[0], a[1]);
}
static int call_inbox(char **out, tc_desk *d, const char *const *a) { return tc_inbox_list(out, d, a[0], a[1]); }
static int call_history(char **out, tc_desk *d, const char *const *a) {
    return tc_history_list(out, d, a[0], a[1]);
}
static int call_outbox(char **out, tc_desk *d, const char *const *a) { return tc_outbox_list(out, d, a[0]); }
static int call_dispatch(char **out, tc_desk *d, const char *const *a) {
    (void)a;
    return tc_desk_dispatch(out, d, NULL);
}

/* ---- The snapshot -------------------------------------------------------- */

/* Everything the API shows a teammate: the configuration, the inbox, every
 * record with its history and links, and the outbox. */
static char *snapshot(tc_desk *desk) {
    text_buffer b = {NULL, 0, 0};
    char *inbox = NULL;
    char *json = NULL;
    const char *row;
    int status;
    status = tc_desk_configuration(&json, desk);
    buffer_take(&b, status, json);
    status = tc_inbox_list(&inbox, desk, TOM, "{\"limit\":1000}");
    buffer_add(&b, inbox);
    for (row = inbox; row && (row = strstr(row, "{\"kind\":\"")) != NULL; ++row) {
        char *id = json_text(row, "id");
        int is_ticket = strncmp(row, "{\"kind\":\"ticket\"", 16) == 0;
        status = is_ticket ? tc_ticket_get(&json, desk, TOM, id) : tc_conversation_get(&json, desk, TOM, id);
        buffer_take(&b, status, json);
        status = tc_history_list(&json, desk, TOM, id);
        buffer_take(&b, status, json);
        status = tc_link_list(&json, desk, TOM, id);
        buffer_take(&b, status, json);
        free(id);
    }
    tc_string_free(inbox);
    status = tc_outbox_list(&json, desk, NULL);
    buffer_take(&b, status, json);
    return b.data;
}

static const char *original = NULL;
static int hostile_calls = 0;

static void expect_unchanged(tc_desk *desk, const char *after) {
    char *now = snapshot(desk);
    if (strcmp(now, original) != 0) {
        fprintf(stderr, "the desk changed after %s\n", after);
        ++test_failures;
        original = now; /* report each change once */
        return;
    }
    free(now);
}

/* One failing call: named status, a message, NULL output. */
static void expect_failure(const function *f, tc_desk *desk, char **out, const char *const *args, int expected,
                           const char *what) {
    char *json = NULL;
    int status;
    if (out) *out = (char *)"sentinel";
    ++hostile_calls;
    status = f->call(out, desk, args);
    if (out) json = *out;
    if (getenv("CAPI_VERBOSE")) printf("%s with %s -> %s: %s\n", f->name, what, tc_status_name(status), tc_last_error_message());
    if (status == TC_OK || strcmp(tc_status_name(status), "unknown") == 0 ||
        (expected != 0 && status != expected)) {
        fprintf(stderr, "%s with %s -> %d (%s): %s\n", f->name, what, status, tc_status_name(status),
                tc_last_error_message());
        ++test_failures;
    } else if (tc_last_error_message()[0] == '\0') {
        fprintf(stderr, "%s with %s -> %s without a message\n", f->name, what, tc_status_name(status));
        ++test_failures;
    }
    if (out && json != NULL) {
        fprintf(stderr, "%s with %s left its output set\n", f->name, what);
        ++test_failures;
        if (status == TC_OK) tc_string_free(json);
    }
}

/* The hostile values tried in every string parameter. */
typedef struct hostile {
    const char *what;
    const char *value;
    int json_only; /* only for JSON parameters */
} hostile;

static void matrix(const function *f, tc_desk *desk, const char *oversized) {
    static const hostile values[] = {
        {"invalid UTF-8 (0xFF)", "\xff\xfe", 0},
        {"an overlong encoding", "\xc0\xaf", 0},
        {"a UTF-16 surrogate", "\xed\xa0\x80", 0},
        {"a truncated sequence", "ab\xe2\x82", 0},
        {"a code point above U+10FFFF", "\xf4\x90\x80\x80", 0},
        {"truncated JSON", "{", 1},
        {"JSON with a trailing comma", "{\"a\":1,}", 1},
        {"JSON followed by garbage", "{} x", 1},
        {"a JSON array", "[]", 1},
        {"a JSON string", "\"tom\"", 1},
        {"a JSON number", "42", 1},
        {"invalid UTF-8 inside a JSON string", "{\"kind\":\"teammate\",\"id\":\"\xff\"}", 1},
        {"JSON nested 200 deep",
         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
         1},
    };
    const char *args[5];
    char *out = NULL;
    char label[160];
    int p;
    size_t v;
    memcpy(args, f->args, sizeof args);

    /* NULL handles and outputs. */
    expect_failure(f, NULL, f->has_out ? &out : NULL, args, TC_EINVALID, "a NULL desk");
    if (f->has_out) expect_failure(f, desk, NULL, args, TC_EINVALID, "a NULL out_json");

    for (p = 0; p < f->count; ++p) {
        enum param_kind kind = f->kinds[p];
        int is_json = kind == P_ACTOR || kind == P_JSON || kind == P_OPTJSON;
        if (kind != P_OPTJSON && kind != P_OPTTEXT) {
            args[p] = NULL;
            snprintf(label, sizeof label, "parameter %d NULL", p);
            expect_failure(f, desk, f->has_out ? &out : NULL, args, TC_EINVALID, label);
        }
        /* An empty id or JSON text is malformed; empty free text may be
         * refused by the operation itself, with whatever status it names. */
        args[p] = "";
        snprintf(label, sizeof label, "parameter %d empty", p);
        expect_failure(f, desk, f->has_out ? &out : NULL, args,
                       kind == P_TEXT || kind == P_OPTTEXT ? 0 : TC_EINVALID, label);
        for (v = 0; v < sizeof values / sizeof values[0]; ++v) {
            if (values[v].json_only && !is_json) continue;
            args[p] = values[v].value;
            snprintf(label, sizeof label, "parameter %d %s", p, values[v].what);
            expect_failure(f, desk, f->has_out ? &out : NULL, args, TC_EINVALID, label);
        }
        args[p] = oversized;
        snprintf(label, sizeof label, "parameter %d oversized", p);
        expect_failure(f, desk, f->has_out ? &out : NULL, args, TC_EINVALID, label);
        if (is_json && kind != P_ACTOR) {
            args[p] = "{\"no_such_field\":1}";
            snprintf(label, sizeof label, "parameter %d with an unknown field", p);
            expect_failure(f, desk, f->has_out ? &out : NULL, args, 0, label);
        }
        if (kind == P_ACTOR) {
            static const char *const actors[] = {
                "{\"kind\":5}", "{\"kind\":\"robot\"}", "{\"kind\":\"teammate\",\"id\":5}",
                "{\"kind\":\"teammate\",\"id\":\"nobody\"}", "{\"kind\":\"teammate\",\"id\":\"tom\",\"x\":1}",
                "{\"id\":\"tom\"}", "{\"kind\":\"automation\"}", "{}"};
            size_t a;
            for (a = 0; a < sizeof actors / sizeof actors[0]; ++a) {
                args[p] = actors[a];
                /* Rating is for contacts only: the op table refuses a teammate
                 * or automation actor before it checks the directory (U1). */
                int refused_kind = strcmp(f->name, "tc_ticket_rate") == 0 &&
                                   (strcmp(actors[a], "{\"kind\":\"teammate\",\"id\":\"nobody\"}") == 0 ||
                                    strcmp(actors[a], "{\"kind\":\"automation\"}") == 0);
                snprintf(label, sizeof label, "actor %s", actors[a]);
                expect_failure(f, desk, f->has_out ? &out : NULL, args, refused_kind ? TC_EFORBIDDEN : TC_EINVALID,
                               label);
            }
        }
        args[p] = f->args[p];
    }
    expect_unchanged(desk, f->name);
}

/* ---- Requests through tc_desk_execute ------------------------------------- */

static void bad_request(tc_desk *desk, const char *request, int expected) {
    function f = {"tc_desk_execute", call_execute, 1, 1, {P_JSON}, {NULL}};
    f.args[0] = request;
    expect_failure(&f, desk, &(char *){NULL}, f.args, expected, request);
}

/* A well-formed id of no record: full argument sets that must fail use it
 * with an actor the op table allows, so spoiling one argument reaches that
 * argument's check rather than the table's (U1). */
#define MISSING_ID "0190a8e4-0000-7000-8000-000000000001"

/* An actor the op table lets run `op` (U1), so bad arguments reach the
 * argument checks: the system for host ops, the contact for rate, Tom else. */
static const char *allowed_actor(const char *op) {
    static const char *const host_ops[] = {"configure", "configuration", "outbox", "dispatch_notifications"};
    size_t i;
    for (i = 0; i < sizeof host_ops / sizeof host_ops[0]; ++i)
        if (strcmp(op, host_ops[i]) == 0) return "{\"kind\":\"system\"}";
    if (strcmp(op, "rate") == 0) return "{\"kind\":\"contact\",\"id\":\"ann\"}";
    return TOM;
}

static void requests(tc_desk *desk, const char *conversation, const char *ticket, const char *tracker,
                     const char *link) {
    static const char *const ops[] = {
        "configure", "configuration", "create_conversation", "convert_conversation", "create_ticket",
        "create_linked_ticket", "link_tracker_by_title", "set_state", "update_ticket", "rate", "reply",
        "add_note", "add_link", "add_external_link", "remove_link", "links", "ticket", "conversation", "inbox",
        "history", "outbox", "dispatch_notifications", "version"};
    static const char *const needs_actor[] = {"create_conversation", "convert_conversation", "create_ticket",
                                              "create_linked_ticket", "link_tracker_by_title", "set_state",
                                              "update_ticket", "rate", "reply", "add_note", "add_link",
                                              "add_external_link", "remove_link", "links", "ticket",
                                              "conversation", "inbox", "history"};
    char r[1024];
    size_t i;
    /* The envelope. */
    bad_request(desk, "{}", TC_EINVALID);
    bad_request(desk, "{\"op\":5}", TC_EINVALID);
    bad_request(desk, "{\"op\":null}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"\"}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"no_such_op\",\"actor\":" TOM "}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"TICKET\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#1\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#1\"},\"extra\":1}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":\"tom\",\"args\":{\"ticket\":\"#1\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":[],\"args\":{\"ticket\":\"#1\"}}", TC_EINVALID);
    bad_request(desk, "[\"ticket\"]", TC_EINVALID);
    /* Every op: arguments of the wrong shape, unknown arguments, a missing actor. */
    for (i = 0; i < sizeof ops / sizeof ops[0]; ++i) {
        const char *actor = allowed_actor(ops[i]);
        snprintf(r, sizeof r, "{\"op\":\"%s\",\"actor\":%s,\"args\":[]}", ops[i], actor);
        bad_request(desk, r, TC_EINVALID);
        snprintf(r, sizeof r, "{\"op\":\"%s\",\"actor\":%s,\"args\":\"x\"}", ops[i], actor);
        bad_request(desk, r, TC_EINVALID);
        snprintf(r, sizeof r, "{\"op\":\"%s\",\"actor\":%s,\"args\":{\"bogus\":1}}", ops[i], actor);
        bad_request(desk, r, TC_EINVALID);
    }
    for (i = 0; i < sizeof needs_actor / sizeof needs_actor[0]; ++i) {
        snprintf(r, sizeof r, "{\"op\":\"%s\",\"args\":{}}", needs_actor[i]);
        bad_request(desk, r, TC_EINVALID);
    }
    /* Wrong field types, op by op. */
    bad_request(desk, "{\"op\":\"configure\",\"args\":{\"config\":5}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"configure\",\"args\":{\"config\":{\"priorities\":\"high\"}}}", TC_EVALIDATION);
    bad_request(desk, "{\"op\":\"create_conversation\",\"actor\":" TOM ",\"args\":{\"contact\":5,\"message\":\"m\"}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"create_conversation\",\"actor\":" TOM
                ",\"args\":{\"contact\":\"ann\",\"message\":\"m\",\"channel\":\"pigeon\"}}",
                TC_EINVALID);
    snprintf(r, sizeof r,
             "{\"op\":\"convert_conversation\",\"actor\":" TOM ",\"args\":{\"conversation\":\"%s\",\"ticket\":\"x\"}}",
             conversation);
    bad_request(desk, r, TC_EINVALID);
    bad_request(desk, "{\"op\":\"create_ticket\",\"actor\":" TOM ",\"args\":{\"type\":[\"bug\"]}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"create_ticket\",\"actor\":" TOM ",\"args\":{\"type\":\"bug\",\"tags\":\"x\"}}",
                TC_EINVALID);
    bad_request(desk, "{\"op\":\"create_ticket\",\"actor\":" TOM ",\"args\":{\"type\":\"bug\",\"tags\":[1]}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"create_ticket\",\"actor\":" TOM
                ",\"args\":{\"type\":\"bug\",\"follow_up_at\":\"tomorrow\"}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"create_ticket\",\"actor\":" TOM ",\"args\":{\"type\":\"bug\",\"attributes\":[]}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"create_linked_ticket\",\"actor\":" TOM
                ",\"args\":{\"from\":5,\"ticket\":{\"type\":\"bug\"}}}",
                TC_EINVALID);
    snprintf(r, sizeof r,
             "{\"op\":\"link_tracker_by_title\",\"actor\":" TOM
             ",\"args\":{\"from\":\"%s\",\"title\":5,\"type\":\"bug\"}}",
             conversation);
    bad_request(desk, r, TC_EINVALID);
    bad_request(desk, "{\"op\":\"set_state\",\"actor\":" TOM ",\"args\":{\"ticket\":true,\"state\":\"done\"}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"set_state\",\"actor\":" TOM
                ",\"args\":{\"ticket\":\"#1\",\"state\":\"resolved\",\"expected_version\":\"1\"}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"set_state\",\"actor\":" TOM
                ",\"args\":{\"ticket\":\"#1\",\"state\":\"resolved\",\"expected_version\":-1}}",
                TC_EINVALID);
    bad_request(desk, "{\"op\":\"update_ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#1\",\"changes\":{\"title\":5}}}",
                TC_EINVALID);
    bad_request(desk,
                "{\"op\":\"update_ticket\",\"actor\":" TOM
                ",\"args\":{\"ticket\":\"#1\",\"changes\":{\"add_tags\":\"x\"}}}",
                TC_EINVALID);
    bad_request(desk, "{\"op\":\"update_ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#1\",\"changes\":[]}}",
                TC_EINVALID);
    bad_request(desk, "{\"op\":\"rate\",\"actor\":{\"kind\":\"contact\",\"id\":\"ann\"},\"args\":{\"ticket\":\"#1\",\"score\":\"5\"}}",
                TC_EINVALID);
    bad_request(desk, "{\"op\":\"rate\",\"actor\":{\"kind\":\"contact\",\"id\":\"ann\"},\"args\":{\"ticket\":\"#1\",\"score\":1e99}}",
                TC_EINVALID);
    snprintf(r, sizeof r, "{\"op\":\"reply\",\"actor\":" TOM ",\"args\":{\"target\":\"%s\",\"body\":5}}", ticket);
    bad_request(desk, r, TC_EINVALID);
    snprintf(r, sizeof r, "{\"op\":\"add_note\",\"actor\":" TOM ",\"args\":{\"target\":\"%s\",\"body\":\"b\",\"mode\":\"loud\"}}",
             ticket);
    bad_request(desk, r, TC_EINVALID);
    snprintf(r, sizeof r, "{\"op\":\"add_note\",\"actor\":" TOM ",\"args\":{\"target\":\"%s\",\"body\":\"b\",\"mode\":1}}",
             ticket);
    bad_request(desk, r, TC_EINVALID);
    snprintf(r, sizeof r, "{\"op\":\"add_link\",\"actor\":" TOM ",\"args\":{\"from\":\"%s\",\"to\":\"%s\",\"kind\":1}}",
             ticket, tracker);
    bad_request(desk, r, TC_EINVALID);
    snprintf(r, sizeof r,
             "{\"op\":\"add_external_link\",\"actor\":" TOM
             ",\"args\":{\"tracker\":\"%s\",\"external\":{\"kind\":1,\"external_id\":\"1\"}}}",
             tracker);
    bad_request(desk, r, TC_EINVALID);
    bad_request(desk, "{\"op\":\"remove_link\",\"actor\":" TOM ",\"args\":{\"link\":5}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"links\",\"actor\":" TOM ",\"args\":{\"id\":[]}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":1.5}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":-1}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#abc\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#99999999999999999999\"}}",
                TC_EINVALID);
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#0\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"conversation\",\"actor\":" TOM ",\"args\":{\"conversation\":{}}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"inbox\",\"actor\":" TOM ",\"args\":{\"limit\":\"10\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"inbox\",\"actor\":" TOM ",\"args\":{\"limit\":0}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"inbox\",\"actor\":" TOM ",\"args\":{\"category\":\"nope\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"inbox\",\"actor\":" TOM ",\"args\":{\"conversations\":\"yes\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"history\",\"actor\":" TOM ",\"args\":{\"id\":null}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"outbox\",\"args\":{\"state\":5}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"outbox\",\"args\":{\"ticket\":\"not-a-uuid\"}}", TC_EINVALID);
    bad_request(desk, "{\"op\":\"dispatch_notifications\",\"args\":{}}", TC_EINVALID); /* no notifier */
    /* Domain errors keep their kind through the generic path. */
    bad_request(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#999\"}}", TC_ENOTFOUND);
    snprintf(r, sizeof r, "{\"op\":\"remove_link\",\"actor\":{\"kind\":\"contact\",\"id\":\"ann\"},\"args\":{\"link\":\"%s\"}}",
             link);
    bad_request(desk, r, 0);
    expect_unchanged(desk, "tc_desk_execute");
}

/* ---- One run path: typed functions and tc_desk_execute fail alike ----------- */

/* The message of a failed tc_desk_execute(request), copied. */
static char *execute_error(tc_desk *desk, const char *request) {
    char *out = NULL;
    const char *message;
    char *copy;
    CHECK_STATUS(TC_EINVALID, tc_desk_execute(&out, desk, request));
    message = tc_last_error_message();
    copy = (char *)malloc(strlen(message) + 1);
    memcpy(copy, message, strlen(message) + 1);
    return copy;
}

/* A typed function hands its op typed arguments, not a JSON object; the op
 * reads them through the same reader, so a bad argument gets the same
 * message either way. */
static void same_errors_both_paths(tc_desk *desk, const char *ticket) {
    char *out = NULL;
    char request[512];
    char *expected;

    expected = execute_error(desk, "{\"op\":\"add_note\",\"actor\":" TOM ",\"args\":{\"target\":\"not-a-uuid\",\"body\":\"b\"}}");
    CHECK_STATUS(TC_EINVALID, tc_note_add(&out, desk, TOM, "not-a-uuid", "b", TC_NOTE_ADD));
    CHECK(strcmp(tc_last_error_message(), expected) == 0);
    CHECK(strstr(expected, "add_note: target: expected a UUID, found the string") != NULL);
    free(expected);

    expected = execute_error(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"#0\"}}");
    CHECK_STATUS(TC_EINVALID, tc_ticket_get(&out, desk, TOM, "#0"));
    CHECK(strcmp(tc_last_error_message(), expected) == 0);
    free(expected);

    expected = execute_error(desk, "{\"op\":\"ticket\",\"actor\":" TOM ",\"args\":{\"ticket\":\"abc\"}}");
    CHECK_STATUS(TC_EINVALID, tc_ticket_get(&out, desk, TOM, "abc"));
    CHECK(strcmp(tc_last_error_message(), expected) == 0);
    free(expected);

    snprintf(request, sizeof request,
             "{\"op\":\"add_link\",\"actor\":" TOM ",\"args\":{\"from\":\"%s\",\"to\":\"%s\",\"kind\":\"sideways\"}}",
             ticket, ticket);
    expected = execute_error(desk, request);
    CHECK_STATUS(TC_EINVALID, tc_link_add(&out, desk, TOM, ticket, ticket, "sideways"));
    CHECK(strcmp(tc_last_error_message(), expected) == 0);
    CHECK(strstr(expected, "add_link: kind: expected one of customer_ticket, tracker, back_office, related, external or merged_into, found the string 'sideways'") != NULL);
    free(expected);

    expected = execute_error(desk, "{\"op\":\"tick\",\"args\":{\"now\":\"yesterday\"}}");
    CHECK_STATUS(TC_EINVALID, tc_desk_tick(&out, desk, "yesterday"));
    CHECK(strcmp(tc_last_error_message(), expected) == 0);
    free(expected);
    CHECK(out == NULL);
    expect_unchanged(desk, "same_errors_both_paths");
}

/* ---- Domain errors through typed functions --------------------------------- */

static void domain_errors(tc_desk *desk, const char *conversation, const char *ticket, const char *tracker) {
    char *out = NULL;
    CHECK_STATUS(TC_ENOTFOUND, tc_ticket_get(&out, desk, TOM, "#999"));
    CHECK_STATUS(TC_ENOTFOUND, tc_ticket_get(&out, desk, TOM, "01890000-0000-7000-8000-000000000000"));
    CHECK_STATUS(TC_ENOTFOUND, tc_ticket_get(&out, desk, "{\"kind\":\"contact\",\"id\":\"ann\"}", tracker));
    CHECK_STATUS(TC_ENOTFOUND, tc_conversation_get(&out, desk, "{\"kind\":\"contact\",\"id\":\"bob\"}", conversation));
    CHECK_STATUS(TC_ELINKLIMIT, tc_link_add(&out, desk, TOM, ticket, tracker, "tracker"));
    CHECK_STATUS(TC_EINVALID, tc_link_add(&out, desk, TOM, ticket, ticket, "related"));
    CHECK_STATUS(TC_ECONFLICT, tc_ticket_set_state(&out, desk, TOM, ticket, "resolved", 999));
    CHECK_STATUS(TC_ECONFLICT, tc_ticket_update(&out, desk, TOM, "#1", "{\"title\":\"x\"}", 999));
    CHECK_STATUS(TC_EFORBIDDEN, tc_history_list(&out, desk, "{\"kind\":\"contact\",\"id\":\"ann\"}", ticket));
    /* U2: a type a contact may not see is unknown to them, like a missing one */
    CHECK_STATUS(TC_EVALIDATION,
                 tc_ticket_create(&out, desk, "{\"kind\":\"contact\",\"id\":\"ann\"}", "{\"type\":\"refund\"}"));
    CHECK_STATUS(TC_EVALIDATION, tc_ticket_create(&out, desk, TOM, "{\"type\":\"no_such_type\"}"));
    CHECK_STATUS(TC_EVALIDATION,
                 tc_ticket_create(&out, desk, TOM, "{\"type\":\"bug_report\",\"contact\":\"ann\",\"attributes\":{\"x\":1}}"));
    CHECK_STATUS(TC_EVALIDATION, tc_desk_configure(desk, "{\"ticket_types\":[{\"id\":\"t\",\"category\":\"nope\"}]}"));
    /* The fields of a validation error reach the caller. */
    CHECK(strstr(tc_last_error_json(), "\"status\":\"validation_failed\"") != NULL);
    CHECK(strstr(tc_last_error_json(), "ticket_types[0].category") != NULL);
    /* Removing a type in use would strand tickets (T4). */
    CHECK_STATUS(TC_EVALIDATION, tc_desk_configure(desk, "{}"));
    CHECK_STATUS(TC_EINVALID, tc_ticket_rate(&out, desk, "{\"kind\":\"contact\",\"id\":\"ann\"}", ticket, 5, NULL));
    CHECK_STATUS(TC_EINVALID, tc_note_add(&out, desk, TOM, ticket, "b", 7));
    CHECK_STATUS(TC_EINVALID, tc_note_add(&out, desk, TOM, ticket, "b", -1));
    CHECK_STATUS(TC_EINVALID, tc_reply_add(&out, desk, TOM, ticket, ""));
    CHECK(out == NULL);
    /* A NULL (absent) filter is allowed and fine. */
    CHECK_OK(tc_inbox_list(&out, desk, TOM, NULL));
    tc_string_free(out);
    CHECK(tc_last_error_message()[0] == '\0'); /* cleared by the successful call */
    CHECK(strcmp(tc_last_error_json(), "{}") == 0);
    expect_unchanged(desk, "domain errors");
}

/* ---- Versioned structs ------------------------------------------------------ */

static int destroyed = 0;
static void count_destroy(void *ctx) {
    (void)ctx;
    ++destroyed;
}
static int never_deliver(void *ctx, const char *json) {
    (void)ctx;
    (void)json;
    return TC_DELIVERY_RETRY;
}
static int64_t fixed_now(void *ctx) {
    (void)ctx;
    return INT64_C(1795000000000);
}
static void ignore_event(void *ctx, const char *json) {
    (void)ctx;
    (void)json;
}

static void versions(tc_desk *desk) {
    tc_desk_options options;
    tc_notifier notifier;
    tc_clock clock_table;
    tc_event_callback callback;
    tc_desk *other = (tc_desk *)&options; /* must be reset to NULL on failure */
    tc_subscription *subscription = (tc_subscription *)&options;
    char *out = NULL;

    CHECK_STATUS(TC_EINVALID, tc_desk_options_init(NULL, TC_DESK_OPTIONS_VERSION));
    CHECK_STATUS(TC_EVERSION, tc_desk_options_init(&options, 0));
    CHECK_STATUS(TC_EVERSION, tc_desk_options_init(&options, TC_DESK_OPTIONS_VERSION + 1));
    CHECK_STATUS(TC_EVERSION, tc_notifier_init(&notifier, 0));
    CHECK_STATUS(TC_EVERSION, tc_clock_init(&clock_table, 99));
    CHECK_STATUS(TC_EVERSION, tc_event_callback_init(&callback, 2));
    CHECK_STATUS(TC_EINVALID, tc_notifier_init(NULL, 1));
    CHECK_STATUS(TC_EINVALID, tc_clock_init(NULL, 1));
    CHECK_STATUS(TC_EINVALID, tc_event_callback_init(NULL, 1));
    {
        /* A version-1 host's struct ends before storage_methods: init of
         * version 1 writes nothing past it. */
        union {
            tc_desk_options o;
            unsigned char raw[sizeof(tc_desk_options)];
        } older;
        memset(older.raw, 0xAB, sizeof older.raw);
        CHECK_OK(tc_desk_options_init(&older.o, 1));
        CHECK(older.o.version == 1 && older.o.config_json == NULL && older.o.max_input_bytes == 0);
        CHECK(older.raw[offsetof(tc_desk_options, storage_methods)] == 0xAB);
        CHECK(older.raw[sizeof older.raw - 1] == 0xAB);
    }
    CHECK_OK(tc_desk_options_init(&options, TC_DESK_OPTIONS_VERSION));
    CHECK(options.version == TC_DESK_OPTIONS_VERSION && options.config_json == NULL && options.max_input_bytes == 0);
    CHECK(options.storage_methods == NULL);
    CHECK_OK(tc_notifier_init(&notifier, TC_NOTIFIER_VERSION));
    CHECK_OK(tc_clock_init(&clock_table, TC_CLOCK_VERSION));
    CHECK_OK(tc_event_callback_init(&callback, TC_EVENT_CALLBACK_VERSION));

    CHECK_STATUS(TC_EINVALID, tc_desk_open(NULL, &options));
    options.version = 0;
    CHECK_STATUS(TC_EVERSION, tc_desk_open(&other, &options));
    CHECK(other == NULL);
    options.version = TC_DESK_OPTIONS_VERSION + 1;
    CHECK_STATUS(TC_EVERSION, tc_desk_open(&other, &options));
    options.version = TC_DESK_OPTIONS_VERSION;

    /* A callback struct of a bad version is never called; a good one is
     * destroyed exactly once even though the open fails. */
    notifier.version = 0;
    notifier.deliver = never_deliver;
    notifier.destroy = count_destroy;
    clock_table.now_ms = fixed_now;
    clock_table.destroy = count_destroy;
    options.notifier = &notifier;
    options.clock = &clock_table;
    destroyed = 0;
    CHECK_STATUS(TC_EVERSION, tc_desk_open(&other, &options));
    CHECK(destroyed == 1); /* the clock only */
    notifier.version = TC_NOTIFIER_VERSION;
    notifier.deliver = NULL;
    destroyed = 0;
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    CHECK(destroyed == 2);
    notifier.deliver = never_deliver;
    options.config_json = "{\"ticket_types\":[{\"id\":\"x\"}]}";
    destroyed = 0;
    CHECK_STATUS(TC_EVALIDATION, tc_desk_open(&other, &options));
    CHECK(destroyed == 2);
    options.config_json = "{";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    options.config_json = "\xff";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    options.config_json = NULL;
    options.store_json = "{\"kind\":\"floppy\"}";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    options.store_json = "{\"kind\":\"sqlite\"}";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    options.store_json = "{\"kind\":\"sqlite\",\"path\":\"/nonexistent-dir/x/y.desk\"}";
    CHECK_STATUS(TC_ESTORAGE, tc_desk_open(&other, &options));
    options.store_json = NULL;
    options.dispatch_json = "{\"batch\":0}";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    options.dispatch_json = "{\"max_attempts\":\"3\"}";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    options.dispatch_json = "{\"retries\":3}";
    CHECK_STATUS(TC_EINVALID, tc_desk_open(&other, &options));
    CHECK(other == NULL);
    options.dispatch_json = NULL;
    destroyed = 0;
    CHECK_OK(tc_desk_open(&other, &options));
    tc_desk_close(other);
    CHECK(destroyed == 2);

    /* A borrowed notifier of a bad version or without deliver. */
    notifier.destroy = count_destroy;
    notifier.version = 7;
    destroyed = 0;
    CHECK_STATUS(TC_EVERSION, tc_desk_dispatch(&out, desk, &notifier));
    notifier.version = TC_NOTIFIER_VERSION;
    notifier.deliver = NULL;
    CHECK_STATUS(TC_EINVALID, tc_desk_dispatch(&out, desk, &notifier));
    CHECK(destroyed == 0 && out == NULL);

    /* Subscriptions. */
    CHECK_STATUS(TC_EINVALID, tc_desk_subscribe(NULL, desk, &callback));
    CHECK_STATUS(TC_EINVALID, tc_desk_subscribe(&subscription, desk, NULL));
    CHECK(subscription == NULL);
    callback.version = 0;
    callback.destroy = count_destroy;
    CHECK_STATUS(TC_EVERSION, tc_desk_subscribe(&subscription, desk, &callback));
    CHECK(destroyed == 0);
    callback.version = TC_EVENT_CALLBACK_VERSION;
    CHECK_STATUS(TC_EINVALID, tc_desk_subscribe(&subscription, desk, &callback)); /* no on_event */
    CHECK(destroyed == 1);
    callback.on_event = ignore_event;
    CHECK_STATUS(TC_EINVALID, tc_desk_subscribe(&subscription, NULL, &callback));
    CHECK(destroyed == 2 && subscription == NULL);
    CHECK_OK(tc_desk_subscribe(&subscription, desk, &callback));
    tc_subscription_free(subscription);
    CHECK(destroyed == 3);

    /* NULL is fine for every _close and _free. */
    tc_desk_close(NULL);
    tc_subscription_free(NULL);
    tc_string_free(NULL);
    expect_unchanged(desk, "struct versions");
}

/* ---- The default size limit --------------------------------------------------- */

static void default_limit(void) {
    tc_desk *desk = open_seed_desk(0);
    size_t size = TC_DEFAULT_MAX_INPUT_BYTES + 1;
    char *huge = (char *)malloc(size + 1);
    char *out = NULL;
    if (!huge) return;
    memset(huge, '1', size);
    huge[size] = '\0';
    CHECK_STATUS(TC_EINVALID, tc_ticket_get(&out, desk, TOM, huge));
    CHECK(strstr(tc_last_error_message(), "limit") != NULL);
    huge[size - 1] = '\0'; /* exactly at the limit: accepted, then not a ticket */
    CHECK_STATUS(TC_EINVALID, tc_ticket_get(&out, desk, TOM, huge));
    CHECK(strstr(tc_last_error_message(), "limit") == NULL);
    free(huge);
    tc_desk_close(desk);
}

int main(void) {
    tc_desk *desk = open_seed_desk(LIMIT);
    char *json = NULL;
    char *conversation;
    char *ticket;
    char *tracker;
    char *back_office;
    char *link;
    char *oversized = (char *)malloc(LIMIT + 2);
    size_t i;

    memset(oversized, 'a', LIMIT + 1);
    oversized[LIMIT + 1] = '\0';

    /* The desk the hostile calls must not change. */
    CHECK_OK(tc_conversation_create(&json, desk, "{\"kind\":\"contact\",\"id\":\"ann\"}",
                                    "{\"contact\":\"ann\",\"message\":\"Export fails\"}"));
    conversation = json_text(json, "id");
    tc_string_free(json);
    CHECK_OK(tc_conversation_convert(&json, desk, TOM, conversation, "{\"type\":\"bug_report\",\"title\":\"Export\"}"));
    ticket = json_text(json, "id");
    tc_string_free(json);
    CHECK_OK(tc_ticket_create_linked(&json, desk, TOM, ticket, "{\"type\":\"bug\",\"title\":\"Export dead\"}"));
    tracker = json_text(json, "id");
    tc_string_free(json);
    CHECK_OK(tc_ticket_create_linked(&json, desk, TOM, conversation, "{\"type\":\"refund\",\"title\":\"Refund\"}"));
    back_office = json_text(json, "id");
    tc_string_free(json);
    CHECK_OK(tc_link_list(&json, desk, TOM, tracker));
    link = json_text(json, "id");
    tc_string_free(json);
    original = snapshot(desk);
    CHECK(strstr(original, "Export dead") != NULL);

    {
        /* Every typed function, with arguments that are valid except for the
         * one being spoiled (and whose full set would fail or only read, so
         * the desk stays unchanged). */
        const function functions[] = {
            {"tc_desk_configure", call_configure, 0, 1, {P_JSON}, {"{\"priorities\":[]}"}},
            {"tc_desk_configuration", call_configuration, 1, 0, {P_ACTOR}, {NULL}},
            {"tc_desk_execute", call_execute, 1, 1, {P_JSON}, {"{\"op\":\"version\"}"}},
            {"tc_conversation_create", call_conversation_create, 1, 2, {P_ACTOR, P_JSON},
             {"{\"kind\":\"contact\",\"id\":\"bob\"}", "{\"contact\":\"ann\",\"message\":\"m\"}"}},
            {"tc_conversation_convert", call_conversation_convert, 1, 3, {P_ACTOR, P_ID, P_JSON},
             {TOM, conversation, "{\"type\":\"bug_report\"}"}},
            {"tc_ticket_create", call_ticket_create, 1, 2, {P_ACTOR, P_JSON}, {TOM, "{\"type\":\"bug_report\"}"}},
            {"tc_ticket_create_linked", call_ticket_create_linked, 1, 3, {P_ACTOR, P_ID, P_JSON},
             {TOM, conversation, "{\"type\":\"bug\",\"title\":\"Another\"}"}},
            {"tc_tracker_link_by_title", call_tracker_link_by_title, 1, 4, {P_ACTOR, P_ID, P_TEXT, P_TEXT},
             {TOM, conversation, "No such tracker", "bug_report"}},
            {"tc_ticket_set_state", call_set_state, 1, 3, {P_ACTOR, P_ID, P_TEXT}, {TOM, "#1", "no_such_state"}},
            {"tc_ticket_update", call_update, 1, 3, {P_ACTOR, P_ID, P_JSON}, {TOM, "#1", "{\"priority\":\"nope\"}"}},
            {"tc_ticket_rate", call_rate, 1, 3, {P_ACTOR, P_ID, P_OPTTEXT},
             {"{\"kind\":\"contact\",\"id\":\"ann\"}", ticket, "great"}},
            {"tc_reply_add", call_reply, 1, 3, {P_ACTOR, P_ID, P_TEXT},
             {"{\"kind\":\"contact\",\"id\":\"bob\"}", ticket, "hello"}},
            {"tc_note_add", call_note, 1, 3, {P_ACTOR, P_ID, P_TEXT}, {TOM, MISSING_ID, "note"}},
            {"tc_link_add", call_link_add, 1, 4, {P_ACTOR, P_ID, P_ID, P_TEXT}, {TOM, ticket, tracker, "tracker"}},
            {"tc_link_add_external", call_link_external, 1, 3, {P_ACTOR, P_ID, P_JSON},
             {TOM, ticket, "{\"kind\":\"feedback\",\"external_id\":\"7\"}"}},
            {"tc_link_remove", call_link_remove, 0, 2, {P_ACTOR, P_ID}, {TOM, MISSING_ID}},
            {"tc_link_list", call_link_list, 1, 2, {P_ACTOR, P_ID}, {TOM, ticket}},
            {"tc_ticket_get", call_ticket_get, 1, 2, {P_ACTOR, P_ID}, {TOM, ticket}},
            {"tc_conversation_get", call_conversation_get, 1, 2, {P_ACTOR, P_ID}, {TOM, conversation}},
            {"tc_inbox_list", call_inbox, 1, 2, {P_ACTOR, P_OPTJSON}, {TOM, "{\"limit\":5}"}},
            {"tc_history_list", call_history, 1, 2, {P_ACTOR, P_ID}, {TOM, back_office}},
            {"tc_outbox_list", call_outbox, 1, 1, {P_OPTJSON}, {"{\"limit\":5}"}},
            {"tc_desk_dispatch", call_dispatch, 1, 0, {P_ACTOR}, {NULL}},
        };
        for (i = 0; i < sizeof functions / sizeof functions[0]; ++i) matrix(&functions[i], desk, oversized);
    }
    requests(desk, conversation, ticket, tracker, link);
    domain_errors(desk, conversation, ticket, tracker);
    same_errors_both_paths(desk, ticket);
    versions(desk);
    default_limit();

    /* Numbers taken by failed creations were given back: the next is #4 (T3). */
    CHECK_OK(tc_ticket_create(&json, desk, TOM, "{\"type\":\"bug\",\"title\":\"After the storm\"}"));
    CHECK(json_int(json, "number") == 4);
    tc_string_free(json);

    free(oversized);
    free(conversation);
    free(ticket);
    free(tracker);
    free(back_office);
    free(link);
    printf("%d hostile calls; the snapshot compared after each function is %u bytes\n", hostile_calls,
           (unsigned)strlen(original));
    free((char *)original);
    tc_desk_close(desk);
    return finish("capi_robustness");
}
