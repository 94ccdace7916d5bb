// Forwarding storage: derive from it to decorate a backend (logging, fault
// injection in tests) and override only what you need [leveldb EnvWrapper].
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/storage.hpp>

#include <memory>
#include <utility>

namespace ticketcore {

// Forwards every call to the wrapped transaction.
class TICKETCORE_API transaction_wrapper : public transaction {
 public:
  explicit transaction_wrapper(std::unique_ptr<transaction> target) : target_(std::move(target)) {}

  void commit() override { target_->commit(); }
  void rollback() override { target_->rollback(); }
  std::vector<damaged_record> take_damaged() override { return target_->take_damaged(); }
  std::vector<std::string> integrity_problems() override { return target_->integrity_problems(); }
  std::int64_t next_number(sequence s) override { return target_->next_number(s); }
  std::optional<ticket> get_ticket(const uuid& id) override { return target_->get_ticket(id); }
  std::optional<ticket> get_ticket_by_number(std::int64_t n) override { return target_->get_ticket_by_number(n); }
  void insert_ticket(const ticket& t) override { target_->insert_ticket(t); }
  void update_ticket(const ticket& t) override { target_->update_ticket(t); }
  std::vector<ticket> find_tickets(const ticket_filter& f) override { return target_->find_tickets(f); }
  bool type_in_use(const std::string& type) override { return target_->type_in_use(type); }
  std::int64_t next_counter(const std::string& name) override { return target_->next_counter(name); }
  std::vector<ticket> due_tickets(time_point now, std::size_t limit) override {
    return target_->due_tickets(now, limit);
  }
  std::vector<ticket> query_tickets(const ticket_query& q, const std::optional<ticket_position>& after,
                                    std::size_t limit) override {
    return target_->query_tickets(q, after, limit);
  }
  std::size_t count_tickets(const ticket_query& q) override { return target_->count_tickets(q); }
  void put_view(const saved_view& v) override { target_->put_view(v); }
  void remove_view(const std::string& id) override { target_->remove_view(id); }
  std::vector<saved_view> list_views() override { return target_->list_views(); }
  void scan_history(const history_scan& s, const std::function<bool(const history_entry&)>& visit) override {
    target_->scan_history(s, visit);
  }
  std::optional<report_checkpoint> latest_checkpoint(const std::string& key, time_point at) override {
    return target_->latest_checkpoint(key, at);
  }
  std::uint64_t history_mark() override { return target_->history_mark(); }
  bool put_checkpoint(const report_checkpoint& c, std::uint64_t mark) override {
    return target_->put_checkpoint(c, mark);
  }
  std::optional<conversation> get_conversation(const uuid& id) override { return target_->get_conversation(id); }
  std::optional<conversation> get_conversation_by_number(std::int64_t n) override {
    return target_->get_conversation_by_number(n);
  }
  void insert_conversation(const conversation& c) override { target_->insert_conversation(c); }
  void update_conversation(const conversation& c) override { target_->update_conversation(c); }
  std::vector<conversation> find_conversations(const conversation_filter& f) override {
    return target_->find_conversations(f);
  }
  void insert_link(const link& l) override { target_->insert_link(l); }
  void remove_link(const uuid& id) override { target_->remove_link(id); }
  std::optional<link> get_link(const uuid& id) override { return target_->get_link(id); }
  std::vector<link> links_of(const uuid& end, std::optional<link_kind> kind) override {
    return target_->links_of(end, kind);
  }
  std::size_t count_links(const uuid& end, link_kind kind, endpoint_kind other) override {
    return target_->count_links(end, kind, other);
  }
  void append_part(part p) override { target_->append_part(std::move(p)); }
  std::vector<part> parts_of(const uuid& owner) override { return target_->parts_of(owner); }
  void append_history(history_entry h) override { target_->append_history(std::move(h)); }
  std::vector<history_entry> history_of(const uuid& s) override { return target_->history_of(s); }
  std::vector<history_entry> field_history(const uuid& s, const std::string& field) override {
    return target_->field_history(s, field);
  }
  void enqueue(notification n) override { target_->enqueue(std::move(n)); }
  std::optional<notification> get_notification(const uuid& id) override { return target_->get_notification(id); }
  void update_notification(const notification& n) override { target_->update_notification(n); }
  std::vector<notification> due_notifications(time_point now, std::size_t limit) override {
    return target_->due_notifications(now, limit);
  }
  std::vector<notification> list_notifications(const outbox_filter& f) override {
    return target_->list_notifications(f);
  }

 protected:
  transaction& target() { return *target_; }

 private:
  std::unique_ptr<transaction> target_;
};

// Forwards begin(); override wrap() to decorate each transaction.
class TICKETCORE_API storage_wrapper : public storage {
 public:
  explicit storage_wrapper(std::shared_ptr<storage> target) : target_(std::move(target)) {}

  std::unique_ptr<transaction> begin(access mode) override { return wrap(target_->begin(mode), mode); }

 protected:
  virtual std::unique_ptr<transaction> wrap(std::unique_ptr<transaction> t, access) { return t; }
  storage& target() { return *target_; }

 private:
  std::shared_ptr<storage> target_;
};

}  // namespace ticketcore
