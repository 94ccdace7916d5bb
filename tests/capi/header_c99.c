/* The public headers compile as strict C99 (-std=c99 -pedantic -Werror
 * -Wall -Wextra) and its declarations agree with the loaded library. */
#include <ticketcore/ticketcore.h>
#include <ticketcore/ticketcore.h> /* include guard */
#include <ticketcore/sys/storage.h>

#include <stdio.h>
#include <string.h>

int tc_test_cxx_view(void); /* header_cxx.cpp: the same header from C++ */

static tc_desk_options options = TC_DESK_OPTIONS_INIT;
static tc_notifier notifier = TC_NOTIFIER_INIT;
static tc_clock clock_table = TC_CLOCK_INIT;
static tc_event_callback callback = TC_EVENT_CALLBACK_INIT;
static tc_storage_methods storage_table = TC_STORAGE_METHODS_INIT;

int main(void) {
    int failures = 0;
    tc_status status = TC_OK;
    tc_subscription *subscription = NULL;
    tc_desk *desk = NULL;
    if (options.version != TC_DESK_OPTIONS_VERSION || notifier.version != TC_NOTIFIER_VERSION ||
        clock_table.version != TC_CLOCK_VERSION || callback.version != TC_EVENT_CALLBACK_VERSION ||
        storage_table.version != TC_STORAGE_METHODS_VERSION || options.storage_methods != NULL) {
        fprintf(stderr, "an _INIT macro does not set the version\n");
        ++failures;
    }
    if (strcmp(tc_version(), TC_VERSION_STRING) != 0 || tc_abi_version() != TC_ABI_VERSION) {
        fprintf(stderr, "header %s (ABI %d), library %s (ABI %d)\n", TC_VERSION_STRING, TC_ABI_VERSION,
                tc_version(), tc_abi_version());
        ++failures;
    }
    if (status != 0 || TC_EINVALID != -1 || TC_ENOTSUPPORTED != -10 || TC_EVERSION != -11 || TC_ENOMEM != -12) {
        fprintf(stderr, "tc_status values moved\n");
        ++failures;
    }
    (void)subscription;
    (void)desk;
    failures += tc_test_cxx_view();
    if (failures == 0) printf("capi_header: the header compiles as C99 and C++\n");
    return failures ? 1 : 0;
}
