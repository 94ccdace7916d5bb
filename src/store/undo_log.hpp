// What undoes a memory transaction's writes: steps run newest first on
// rollback. A step's captures live inline in the log, so recording one
// allocates nothing; std::function allocates above 16 bytes, which almost
// every step of the store needs. Larger captures go to the heap.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace ticketcore::detail {

class undo_log {
 public:
  template <class F>
  void add(F f) {
    if constexpr (fits_inline<F>) steps_.emplace_back(std::move(f));
    else steps_.emplace_back([p = std::make_unique<F>(std::move(f))] { (*p)(); });
  }

  // Runs every step, newest first, and forgets them.
  void undo() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
    steps_.clear();
  }

  void clear() { steps_.clear(); }

 private:
  static constexpr std::size_t capacity = 48;

  template <class F>
  static constexpr bool fits_inline = sizeof(F) <= capacity && alignof(F) <= alignof(std::max_align_t) &&
                                      std::is_nothrow_move_constructible_v<F>;

  class step {
   public:
    template <class F>
      requires(!std::is_same_v<std::decay_t<F>, step>)
    explicit step(F f) : ops_(&ops_of<F>) {
      ::new (static_cast<void*>(buffer_)) F(std::move(f));
    }
    step(step&& other) noexcept : ops_(other.ops_) { ops_->move(other.buffer_, buffer_); }
    step& operator=(step&&) = delete;
    ~step() { ops_->destroy(buffer_); }

    void operator()() { ops_->run(buffer_); }

   private:
    struct operations {
      void (*run)(void*);
      void (*move)(void* from, void* to) noexcept;
      void (*destroy)(void*) noexcept;
    };
    template <class F>
    static constexpr operations ops_of{
        [](void* f) { (*static_cast<F*>(f))(); },
        [](void* from, void* to) noexcept { ::new (to) F(std::move(*static_cast<F*>(from))); },
        [](void* f) noexcept { static_cast<F*>(f)->~F(); }};

    alignas(std::max_align_t) std::byte buffer_[capacity];
    const operations* ops_;
  };

  std::vector<step> steps_;
};

}  // namespace ticketcore::detail
