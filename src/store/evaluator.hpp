// The library's own evaluator (docs/storage.md, "Capabilities and the
// evaluator"): where a backend announces it lacks an indexed capability
// (storage::capabilities), the library answers ticket queries and counts,
// and history by time for reports, by scanning what every backend has -
// tickets newest first, links by end, parts and history by owner. Only when
// the host opts in (desk_options::scan_without_index): a scan reads every
// ticket (and, for full text, its parts; for reports, every history entry)
// per call, so its cost grows with the desk, not with the page.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/storage.hpp>

#include <functional>
#include <memory>

namespace ticketcore::detail {

// The configuration in force, asked as each transaction begins: the keys a
// scan compares are derived under it, as the unit of work derives them.
using configuration_source = std::function<std::shared_ptr<const config>()>;

// `target` itself when it has every capability the evaluator can stand in
// for; otherwise `target` with the missing ones answered by scanning.
std::shared_ptr<storage> with_evaluator(std::shared_ptr<storage> target, configuration_source cfg);

}  // namespace ticketcore::detail
