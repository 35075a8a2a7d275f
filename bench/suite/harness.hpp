// The side-by-side suite of issue 4: for each message, tagwire, libprotobuf, protozero and memcpy on
// the same bytes, in one binary and one run. Each message file (person.cpp, ...) declares the
// structs and a `suite` class that describes the message to every library; register_suite<S>()
// below turns it into the benchmarks "<message>/<decode|encode>/<library>/<variant>".
//
// Before timing, every benchmark runs its own operation once (twice for the reused variants)
// and checks the result: decoded values equal the source struct, encoded bytes equal
// libprotobuf's. A failure skips the benchmark with an error that starts with "MISMATCH" (bench.sh
// then fails). Timing loops only run the operation.
#pragma once

#include <benchmark/benchmark.h>
#include <google/protobuf/arena.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <protozero/basic_pbf_writer.hpp>
#include <protozero/buffer_fixed.hpp>
#include <protozero/buffer_string.hpp>
#include <protozero/pbf_reader.hpp>
#include <protozero/pbf_writer.hpp>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <type_traits>
#include <utility>
#include <vector>

namespace bench {

// ---------------------------------------------------------------------------------------------
// Comparing any decoded form (owning, views, fixed capacity) with the plain source struct.

template <class T>
inline constexpr bool is_packed_view = false;
template <class T, class... E>
inline constexpr bool is_packed_view<tagwire::packed_view<T, E...>> = true;

template <class T>
concept pointer_like = requires(const T& t) {
  t.get();
  *t;
  static_cast<bool>(t);
};

// Member by member; a message compares through the `same(decoded, plain)` overload that its file
// declares beside the structs (found by ADL).
template <class A, class B>
bool eq(const A& a, const B& b) {
  if constexpr (std::is_arithmetic_v<A> || std::is_enum_v<A>) {
    return a == b;
  } else if constexpr (std::is_convertible_v<const A&, std::string_view> &&
                       std::is_convertible_v<const B&, std::string_view>) {
    return std::string_view(a) == std::string_view(b);
  } else if constexpr (std::ranges::range<const A> && std::ranges::range<const B>) {
    auto ia = std::ranges::begin(a);
    auto ib = std::ranges::begin(b);
    for (; ia != std::ranges::end(a) && ib != std::ranges::end(b); ++ia, ++ib) {
      if (!eq(*ia, *ib)) return false;
    }
    return ia == std::ranges::end(a) && ib == std::ranges::end(b);
  } else if constexpr (pointer_like<A> && pointer_like<B>) {
    if (!a || !b) return !a && !b;
    return eq(*a, *b);
  } else {
    return same(a, b);
  }
}

// ---------------------------------------------------------------------------------------------
// Reusing a message: what a user who keeps one object across decodes writes. clear() keeps the
// capacity of strings and vectors (like protobuf's Clear()); sub-messages are cleared member by
// member; views and scalars are reset. Generic through tagwire::for_each_field.

template <class M>
void clear_message(M& m);

template <class V>
void reset(V& v) {
  if constexpr (tagwire::message<V>) {
    clear_message(v);
  } else if constexpr (requires { v.clear(); }) {
    v.clear();
  } else {
    v = V{};
  }
}

template <class M>
void clear_message(M& m) {
  tagwire::for_each_field(m, [](auto f) { reset(f.value); });
}

// ---------------------------------------------------------------------------------------------
// protozero helpers for the hand-written readers and writers, so that one reader per message
// fills the owning, view and fixed-capacity structs alike.

inline std::string_view as_chars(protozero::data_view v) { return {v.data(), v.size()}; }
inline std::span<const std::byte> as_bytes(protozero::data_view v) {
  return std::as_bytes(std::span<const char>(v.data(), v.size()));
}

// A string or bytes value into a member of any kind.
template <class V>
void pz_assign(V& out, protozero::data_view v) {
  if constexpr (std::is_same_v<V, std::string_view>) {
    out = as_chars(v);
  } else if constexpr (std::is_same_v<V, std::span<const std::byte>>) {
    out = as_bytes(v);
  } else if constexpr (requires { out.assign(std::string_view{}); }) {
    out.assign(as_chars(v));  // std::string, tagwire::fixed_string
  } else {
    out.resize(v.size());  // byte containers
    if (v.size() != 0) std::memcpy(std::data(out), v.data(), v.size());
  }
}

// A packed record into a container (appending) or a packed_view. `get` reads the record as a
// protozero range, e.g. [](auto& r) { return r.get_packed_uint32(); }.
template <class C, class Get>
void pz_packed(protozero::pbf_reader& r, C& out, Get get) {
  if constexpr (is_packed_view<C>) {
    out = C(as_bytes(r.get_view()));
  } else {
    auto range = get(r);
    if constexpr (requires { out.insert(out.end(), range.begin(), range.end()); }) {
      out.insert(out.end(), range.begin(), range.end());
    } else {
      for (auto v : range) out.push_back(v);
    }
  }
}

// Proto3 implicit presence: empty strings and bytes are not written.
template <class W, class S>
void pz_string(W& w, protozero::pbf_tag_type tag, const S& s) {
  const std::string_view v(s);
  if (!v.empty()) w.add_string(tag, v.data(), v.size());
}
template <class W, class B>
void pz_bytes(W& w, protozero::pbf_tag_type tag, const B& b) {
  if (std::size(b) != 0) w.add_bytes(tag, reinterpret_cast<const char*>(std::data(b)), std::size(b));
}

// ---------------------------------------------------------------------------------------------
// The data of one message: the source struct, the bytes decoders read, the bytes encoders must
// write.

template <class S>
struct dataset {
  typename S::plain src{};
  std::vector<std::byte> input;  // what every decoder reads
  std::string expected;          // what every encoder must write: libprotobuf's bytes for src
  std::string error;             // when set, every benchmark of the message is skipped with it
};

inline std::vector<std::byte> to_bytes(std::string_view s) {
  const auto b = std::as_bytes(std::span(s.data(), s.size()));
  return {b.begin(), b.end()};
}

// S::make fills the source struct, and the input bytes when they come from elsewhere (a data
// file); otherwise the input is libprotobuf's encoding of the source.
template <class S>
const dataset<S>& data() {
  static const dataset<S> d = [] {
    dataset<S> d;
    d.error = S::make(d.src, d.input);
    if (!d.error.empty()) return d;
    typename S::pb m;
    S::fill(d.src, m);
    if (!eq(S::to_plain(m), d.src)) {
      d.error = std::string("MISMATCH: ") + S::name + ": fill/to_plain do not round-trip the source";
      return d;
    }
    d.expected = m.SerializeAsString();
    if (d.input.empty()) d.input = to_bytes(d.expected);
    return d;
  }();
  return d;
}

inline std::string compare_bytes(std::span<const std::byte> got, const std::string& want) {
  const auto w = std::as_bytes(std::span(want.data(), want.size()));
  if (got.size() == w.size() && std::equal(got.begin(), got.end(), w.begin())) return {};
  std::size_t i = 0;
  while (i < got.size() && i < w.size() && got[i] == w[i]) ++i;
  return "MISMATCH: encoded " + std::to_string(got.size()) + " bytes, libprotobuf " + std::to_string(w.size()) +
         ", first difference at offset " + std::to_string(i);
}
inline std::string compare_bytes(std::string_view got, const std::string& want) {
  return compare_bytes(std::as_bytes(std::span(got.data(), got.size())), want);
}

inline std::string failed(const char* who, const tagwire::error& e) {
  return std::string("MISMATCH: ") + who + " failed: " + std::string(tagwire::to_string(e.code)) + " at offset " +
         std::to_string(e.offset) + ", field " + std::to_string(e.field);
}
inline std::string values(bool ok) { return ok ? std::string() : "MISMATCH: decoded values differ from the source"; }

// The verdict of a benchmark's check is computed once (benchmark calls the function several times).
using verdict = std::shared_ptr<std::optional<std::string>>;

// Checks (once), then times `op`. `bytes`: the message size, for MB/s.
template <class S, class Check, class Op>
void timed(benchmark::State& state, const verdict& v, std::size_t bytes, Check&& check, Op&& op) {
  if (!v->has_value()) {
    const auto& d = data<S>();
    *v = d.error.empty() ? check() : d.error;
  }
  if (!(*v)->empty()) {
    state.SkipWithError((*v)->c_str());
    return;
  }
  for (auto _ : state) op();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
  state.counters["wire_bytes"] = benchmark::Counter(static_cast<double>(bytes));
}

template <class S, class Body>
void add(const char* op, const char* library, const char* variant, Body body) {
  const std::string name = std::string(S::name) + "/" + op + "/" + library + "/" + variant;
  benchmark::RegisterBenchmark(name.c_str(), [body, v = std::make_shared<std::optional<std::string>>()](
                                                 benchmark::State& state) { body(state, v); });
}

// ---------------------------------------------------------------------------------------------
// Decoding.

// tagwire into a struct type M (owning, views or fixed capacity): a fresh object per decode
// (tagwire::decode<M>), or one reused object (clear_message, then tagwire::decode_into).
// `opts`: the fresh variant's options (check_utf8 off for the variant that shows what the UTF-8
// check costs: protozero does not check).
template <class S, class M>
void tagwire_decode(const char* fresh_name, const char* reused_name, tagwire::decode_options opts = {}) {
  if (fresh_name != nullptr) {
    add<S>("decode", "tagwire", fresh_name, [opts](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      timed<S>(
          state, v, d.input.size(),
          [&] {
            auto r = tagwire::decode<M>(d.input, opts);
            return r ? values(eq(*r, d.src)) : failed("tagwire::decode", r.error());
          },
          [&] {
            auto r = tagwire::decode<M>(d.input, opts);
            benchmark::DoNotOptimize(r);
          });
    });
  }
  if (reused_name != nullptr) {
    add<S>("decode", "tagwire", reused_name, [](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      auto m = std::make_unique<M>();  // fixed-capacity structs can be large: not on the stack
      timed<S>(
          state, v, d.input.size(),
          [&] {
            for (int i = 0; i < 2; ++i) {  // twice: the second decode must not see the first
              clear_message(*m);
              if (auto r = tagwire::decode_into(d.input, *m); !r) return failed("tagwire::decode_into", r.error());
            }
            return values(eq(*m, d.src));
          },
          [&] {
            clear_message(*m);
            auto r = tagwire::decode_into(d.input, *m);
            benchmark::DoNotOptimize(r);
            benchmark::ClobberMemory();
          });
    });
  }
}

// protozero's hand-written reader into the same struct types, fresh or reused like tagwire.
template <class S, class M>
void protozero_decode(const char* fresh_name, const char* reused_name) {
  if (fresh_name != nullptr) {
    add<S>("decode", "protozero", fresh_name, [](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      const auto* p = reinterpret_cast<const char*>(d.input.data());
      timed<S>(
          state, v, d.input.size(),
          [&] {
            auto m = std::make_unique<M>();
            S::pz_read(protozero::pbf_reader(p, d.input.size()), *m);
            return values(eq(*m, d.src));
          },
          [&] {
            M m{};
            S::pz_read(protozero::pbf_reader(p, d.input.size()), m);
            benchmark::DoNotOptimize(m);
          });
    });
  }
  if (reused_name != nullptr) {
    add<S>("decode", "protozero", reused_name, [](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      const auto* p = reinterpret_cast<const char*>(d.input.data());
      auto m = std::make_unique<M>();
      timed<S>(
          state, v, d.input.size(),
          [&] {
            for (int i = 0; i < 2; ++i) {
              clear_message(*m);
              S::pz_read(protozero::pbf_reader(p, d.input.size()), *m);
            }
            return values(eq(*m, d.src));
          },
          [&] {
            clear_message(*m);
            S::pz_read(protozero::pbf_reader(p, d.input.size()), *m);
            benchmark::DoNotOptimize(m.get());
            benchmark::ClobberMemory();
          });
    });
  }
}

template <class S>
void libprotobuf_decode() {
  using pb = typename S::pb;
  add<S>("decode", "libprotobuf", "fresh", [](benchmark::State& state, const verdict& v) {
    const auto& d = data<S>();
    const int n = static_cast<int>(d.input.size());
    timed<S>(
        state, v, d.input.size(),
        [&] {
          pb m;
          if (!m.ParseFromArray(d.input.data(), n)) return std::string("MISMATCH: ParseFromArray failed");
          return values(eq(S::to_plain(m), d.src));
        },
        [&] {
          pb m;
          bool ok = m.ParseFromArray(d.input.data(), n);
          benchmark::DoNotOptimize(ok);
        });
  });
  // An arena per decode, default options: the usual request-scoped arena.
  add<S>("decode", "libprotobuf", "arena", [](benchmark::State& state, const verdict& v) {
    const auto& d = data<S>();
    const int n = static_cast<int>(d.input.size());
    timed<S>(
        state, v, d.input.size(),
        [&] {
          google::protobuf::Arena arena;
          pb* m = google::protobuf::Arena::CreateMessage<pb>(&arena);
          if (!m->ParseFromArray(d.input.data(), n)) return std::string("MISMATCH: ParseFromArray failed");
          return values(eq(S::to_plain(*m), d.src));
        },
        [&] {
          google::protobuf::Arena arena;
          pb* m = google::protobuf::Arena::CreateMessage<pb>(&arena);
          bool ok = m->ParseFromArray(d.input.data(), n);
          benchmark::DoNotOptimize(ok);
        });
  });
  // ParseFromArray clears the message first and reuses its strings and sub-messages.
  add<S>("decode", "libprotobuf", "reused", [](benchmark::State& state, const verdict& v) {
    const auto& d = data<S>();
    const int n = static_cast<int>(d.input.size());
    pb m;
    timed<S>(
        state, v, d.input.size(),
        [&] {
          for (int i = 0; i < 2; ++i) {
            if (!m.ParseFromArray(d.input.data(), n)) return std::string("MISMATCH: ParseFromArray failed");
          }
          return values(eq(S::to_plain(m), d.src));
        },
        [&] {
          bool ok = m.ParseFromArray(d.input.data(), n);
          benchmark::DoNotOptimize(ok);
        });
  });
}

// The floor: copying the message's bytes.
template <class S>
void memcpy_bench(const char* op) {
  add<S>(op, "memcpy", "copy", [op](benchmark::State& state, const verdict& v) {
    const auto& d = data<S>();
    const std::string_view op_name(op);
    const std::size_t n = op_name == "decode" ? d.input.size() : d.expected.size();
    const void* src = op_name == "decode" ? static_cast<const void*>(d.input.data()) : d.expected.data();
    std::vector<std::byte> dst(n + 1);
    void* out = dst.data();
    benchmark::DoNotOptimize(src);
    benchmark::DoNotOptimize(out);
    timed<S>(
        state, v, n,
        [&] {
          std::memcpy(out, src, n);
          return std::memcmp(out, src, n) == 0 ? std::string() : std::string("MISMATCH: memcpy");
        },
        [&] {
          std::memcpy(out, src, n);
          benchmark::ClobberMemory();
        });
  });
}

// ---------------------------------------------------------------------------------------------
// Encoding. Every encoder writes the source struct (or, for libprotobuf "built", a message filled
// from it once) and must produce libprotobuf's bytes.

// The two std::string outputs of `library`'s encoder from struct type M: one string reused
// (emptied before each message) and a new string per message (allocates); nullptr names skip one.
// `checked(m, out)` appends m's encoding to out and says what failed ("" for nothing);
// `append(m, out)` does the same in the timed loop.
template <class S, class M, class Checked, class Append>
void string_encodes(const char* library, const char* reused_name, const char* fresh_name, const M* (*src)(),
                    Checked checked, Append append) {
  if (reused_name != nullptr) {
    add<S>("encode", library, reused_name, [src, checked, append](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      const M* m = src();
      std::string out;
      timed<S>(
          state, v, d.expected.size(),
          [&] {
            if (m == nullptr) return std::string("MISMATCH: no source struct");
            for (int i = 0; i < 2; ++i) {
              out.clear();
              if (std::string e = checked(*m, out); !e.empty()) return e;
            }
            return compare_bytes(out, d.expected);
          },
          [&] {
            out.clear();
            append(*m, out);
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
          });
    });
  }
  if (fresh_name != nullptr) {
    add<S>("encode", library, fresh_name, [src, checked, append](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      const M* m = src();
      timed<S>(
          state, v, d.expected.size(),
          [&] {
            if (m == nullptr) return std::string("MISMATCH: no source struct");
            std::string out;
            if (std::string e = checked(*m, out); !e.empty()) return e;
            return compare_bytes(out, d.expected);
          },
          [&] {
            std::string out;
            append(*m, out);
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
          });
    });
  }
}

// tagwire from struct type M: `src` is the value to encode, decoded once from the input.
template <class S, class M>
void tagwire_encode(const char* span_name, const char* reused_name, const char* fresh_name, const M* (*src)()) {
  // tagwire::encode(msg, span) into a buffer that is large enough (the README's first example).
  if (span_name != nullptr) {
    add<S>("encode", "tagwire", span_name, [src](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      const M* m = src();
      std::vector<std::byte> buf(d.expected.size() + 64);
      timed<S>(
          state, v, d.expected.size(),
          [&] {
            if (m == nullptr) return std::string("MISMATCH: no source struct");
            auto r = tagwire::encode(*m, buf);
            return r ? compare_bytes(*r, d.expected) : failed("tagwire::encode", r.error());
          },
          [&] {
            auto r = tagwire::encode(*m, buf);
            benchmark::DoNotOptimize(r);
            benchmark::ClobberMemory();
          });
    });
  }
  // tagwire::encode_to into std::string: one reused and one fresh per message.
  string_encodes<S, M>(
      "tagwire", reused_name, fresh_name, src,
      [](const M& m, std::string& out) {
        auto r = tagwire::encode_to(m, out);
        return r ? std::string() : failed("tagwire::encode_to", r.error());
      },
      [](const M& m, std::string& out) {
        auto r = tagwire::encode_to(m, out);
        benchmark::DoNotOptimize(r);
      });
}

// protozero's hand-written writer from struct type M, into the same three kinds of output.
template <class S, class M>
void protozero_encode(const char* span_name, const char* reused_name, const char* fresh_name, const M* (*src)()) {
  using fixed_writer = protozero::basic_pbf_writer<protozero::fixed_size_buffer_adaptor>;
  if (span_name != nullptr) {
    add<S>("encode", "protozero", span_name, [src](benchmark::State& state, const verdict& v) {
      const auto& d = data<S>();
      const M* m = src();
      // protozero reserves 5 bytes for each open sub-message's length and closes the gap later.
      std::vector<char> buf(2 * d.expected.size() + 1024);
      auto once = [&] {
        protozero::fixed_size_buffer_adaptor adaptor(buf.data(), buf.size());
        fixed_writer w(adaptor);
        S::pz_write(w, *m);
        return adaptor.size();
      };
      timed<S>(
          state, v, d.expected.size(),
          [&] {
            if (m == nullptr) return std::string("MISMATCH: no source struct");
            return compare_bytes(std::string_view(buf.data(), once()), d.expected);
          },
          [&] {
            auto n = once();
            benchmark::DoNotOptimize(n);
            benchmark::ClobberMemory();
          });
    });
  }
  const auto write = [](const M& m, std::string& out) {
    protozero::pbf_writer w(out);
    S::pz_write(w, m);
  };
  string_encodes<S, M>(
      "protozero", reused_name, fresh_name, src,
      [write](const M& m, std::string& out) {
        write(m, out);
        return std::string();
      },
      write);
}

template <class S>
void libprotobuf_encode() {
  using pb = typename S::pb;
  // SerializeToArray from a message built once (it sizes the message, then writes).
  add<S>("encode", "libprotobuf", "built", [](benchmark::State& state, const verdict& v) {
    const auto& d = data<S>();
    pb m;
    S::fill(d.src, m);
    std::vector<std::byte> buf(d.expected.size() + 64);
    const int cap = static_cast<int>(buf.size());
    timed<S>(
        state, v, d.expected.size(),
        [&] {
          if (!m.SerializeToArray(buf.data(), cap)) return std::string("MISMATCH: SerializeToArray failed");
          return compare_bytes(std::span(buf).first(m.ByteSizeLong()), d.expected);
        },
        [&] {
          bool ok = m.SerializeToArray(buf.data(), cap);
          benchmark::DoNotOptimize(ok);
          benchmark::ClobberMemory();
        });
  });
  // What a program whose data lives in plain structs does: fill a reused message (Clear keeps its
  // capacity), then serialize.
  add<S>("encode", "libprotobuf", "fill_serialize", [](benchmark::State& state, const verdict& v) {
    const auto& d = data<S>();
    pb m;
    std::vector<std::byte> buf(d.expected.size() + 64);
    const int cap = static_cast<int>(buf.size());
    timed<S>(
        state, v, d.expected.size(),
        [&] {
          for (int i = 0; i < 2; ++i) {
            m.Clear();
            S::fill(d.src, m);
            if (!m.SerializeToArray(buf.data(), cap)) return std::string("MISMATCH: SerializeToArray failed");
          }
          return compare_bytes(std::span(buf).first(m.ByteSizeLong()), d.expected);
        },
        [&] {
          m.Clear();
          S::fill(d.src, m);
          bool ok = m.SerializeToArray(buf.data(), cap);
          benchmark::DoNotOptimize(ok);
          benchmark::ClobberMemory();
        });
  });
}

// The source struct of the given type for the encoders: the plain one, or (views, fixed
// capacity) decoded from the input once; nullptr when that fails (the check reports it).
template <class S, class M>
const M* source() {
  if constexpr (std::is_same_v<M, typename S::plain>) {
    return &data<S>().src;
  } else {
    static const std::unique_ptr<M> m = [] {
      auto p = std::make_unique<M>();
      if (!data<S>().error.empty() || !tagwire::decode_into(data<S>().input, *p) || !eq(*p, data<S>().src)) {
        p.reset();
      }
      return p;
    }();
    return m.get();
  }
}

// ---------------------------------------------------------------------------------------------

// Registers every benchmark of one message. S provides: name, has_strings, plain, pb, optionally
// view, fixed and tagwire_view (views with repeated_view members: tagwire's `views`, while `view`,
// with std::vector members, is protozero's and tagwire's `views_vector`); make(plain&, input&), fill(const plain&,
// pb&), to_plain(const pb&), pz_read(pbf_reader, M&) for each struct type and pz_write(writer&, const M&).
template <class S>
void register_suite() {
  using plain = typename S::plain;
  constexpr bool has_view = requires { typename S::view; };
  constexpr bool has_fixed = requires { typename S::fixed; };

  tagwire_decode<S, plain>("owning_fresh", "owning_reused");
  if constexpr (S::has_strings) {
    tagwire_decode<S, plain>("owning_fresh_noutf8", nullptr, tagwire::decode_options{.check_utf8 = false});
  }
  if constexpr (requires { typename S::tagwire_view; }) {
    tagwire_decode<S, typename S::tagwire_view>("views", nullptr);
    tagwire_decode<S, typename S::view>("views_vector", nullptr);
  } else if constexpr (has_view) {
    tagwire_decode<S, typename S::view>("views", nullptr);
  }
  if constexpr (has_fixed) tagwire_decode<S, typename S::fixed>("fixed_fresh", "fixed_reused");
  libprotobuf_decode<S>();
  protozero_decode<S, plain>("owning_fresh", "owning_reused");
  if constexpr (has_view) protozero_decode<S, typename S::view>("views", nullptr);
  if constexpr (has_fixed) protozero_decode<S, typename S::fixed>("fixed_fresh", "fixed_reused");
  memcpy_bench<S>("decode");

  tagwire_encode<S, plain>("span", "string_reused", "string_fresh", &source<S, plain>);
  if constexpr (has_fixed)
    tagwire_encode<S, typename S::fixed>("fixed_span", nullptr, nullptr, &source<S, typename S::fixed>);
  libprotobuf_encode<S>();
  protozero_encode<S, plain>("span", "string_reused", "string_fresh", &source<S, plain>);
  if constexpr (has_fixed) {
    protozero_encode<S, typename S::fixed>("fixed_span", nullptr, nullptr, &source<S, typename S::fixed>);
  }
  memcpy_bench<S>("encode");
}

}  // namespace bench
