// Everything a C++ host needs.
#pragma once

#include <ticketcore/actor.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/damaged.hpp>
#include <ticketcore/desk.hpp>
#include <ticketcore/error.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/ids.hpp>
#include <ticketcore/json.hpp>
#include <ticketcore/memory_store.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/operations.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/report.hpp>
#include <ticketcore/sqlite_store.hpp>
#include <ticketcore/storage.hpp>
#include <ticketcore/storage_wrapper.hpp>
#include <ticketcore/version.hpp>
#include <ticketcore/views.hpp>
