// TICKETCORE_API marks what the C++ library exports: the classes and
// functions declared in these headers. The library is compiled with hidden
// visibility, so nothing else (the implementation's own classes and
// functions) is part of its ABI or can be linked against by accident.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define TICKETCORE_API __attribute__((visibility("default")))
#else
#define TICKETCORE_API
#endif
