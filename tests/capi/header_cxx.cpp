// The C header from C++: extern "C" linkage, no C-only constructs.
#include <ticketcore/ticketcore.h>
#include <ticketcore/sys/storage.h>

#include <cstring>
#include <type_traits>

extern "C" int tc_test_cxx_view(void);

extern "C" int tc_test_cxx_view(void) {
  static_assert(std::is_same_v<decltype(&tc_desk_open), tc_status (*)(tc_desk**, const tc_desk_options*)>);
  static_assert(std::is_standard_layout_v<tc_desk_options> && std::is_trivial_v<tc_desk_options>);
  tc_desk_options options = TC_DESK_OPTIONS_INIT;
  tc_notifier notifier = TC_NOTIFIER_INIT;
  tc_storage_methods storage = TC_STORAGE_METHODS_INIT;
  static_assert(std::is_trivial_v<tc_storage_methods>);
  int failures = options.version == TC_DESK_OPTIONS_VERSION ? 0 : 1;
  failures += notifier.version == TC_NOTIFIER_VERSION ? 0 : 1;
  failures += storage.version == TC_STORAGE_METHODS_VERSION && !storage.begin ? 0 : 1;
  failures += std::strcmp(tc_status_name(TC_ENOTFOUND), "not_found") == 0 ? 0 : 1;
  return failures;
}
