// Fuzz target `views`: string_view, span, packed_view and repeated_view members, which point into
// the input.
// Checked against the same message with owning members.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "scalars_target.hpp"

namespace tagwire_fuzz {

struct view_inner {
  std::string_view name;
  tagwire::packed_view<std::uint32_t, tagwire::fixed> ids;
};
TAGWIRE_MESSAGE(view_inner, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, ids));

struct viewed {
  std::string_view name;
  std::span<const std::byte> blob;
  std::vector<std::string_view> tags;
  tagwire::packed_view<std::int32_t> values;
  tagwire::packed_view<std::int64_t, tagwire::sint> deltas;
  tagwire::packed_view<float> floats;
  tagwire::packed_view<double> doubles;
  tagwire::packed_view<bool> flags;
  tagwire::packed_view<color> colors;
  tagwire::packed_view<std::uint64_t, tagwire::fixed> stamps;
  tagwire::packed_view<std::int32_t, tagwire::sfixed> sfixeds;
  std::string_view raw;
  std::vector<std::span<const std::byte>> blobs;
  std::optional<std::string_view> maybe;
  view_inner inner;
  std::vector<view_inner> inners;
  tagwire::repeated_view<view_inner> lazy_inners;
};
TAGWIRE_MESSAGE(viewed, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, blob), TAGWIRE_FIELD(3, tags),
                TAGWIRE_FIELD(4, values), TAGWIRE_FIELD(5, deltas), TAGWIRE_FIELD(6, floats), TAGWIRE_FIELD(7, doubles),
                TAGWIRE_FIELD(8, flags), TAGWIRE_FIELD(9, colors), TAGWIRE_FIELD(10, stamps),
                TAGWIRE_FIELD(11, sfixeds), TAGWIRE_FIELD(12, raw, tagwire::bytes), TAGWIRE_FIELD(13, blobs),
                TAGWIRE_FIELD(14, maybe), TAGWIRE_FIELD(15, inner), TAGWIRE_FIELD(16, inners),
                TAGWIRE_FIELD(17, lazy_inners));

// The same fields, owning.
struct owning_inner {
  std::string name;
  std::vector<std::uint32_t> ids;
};
TAGWIRE_MESSAGE(owning_inner, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, ids, tagwire::fixed));

struct owning {
  std::string name;
  std::vector<std::byte> blob;
  std::vector<std::string> tags;
  std::vector<std::int32_t> values;
  std::vector<std::int64_t> deltas;
  std::vector<float> floats;
  std::vector<double> doubles;
  std::vector<bool> flags;
  std::vector<color> colors;
  std::vector<std::uint64_t> stamps;
  std::vector<std::int32_t> sfixeds;
  std::string raw;
  std::vector<std::vector<std::byte>> blobs;
  std::optional<std::string> maybe;
  owning_inner inner;
  std::vector<owning_inner> inners;
  std::vector<owning_inner> lazy_inners;
};
TAGWIRE_MESSAGE(owning, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, blob), TAGWIRE_FIELD(3, tags),
                TAGWIRE_FIELD(4, values), TAGWIRE_FIELD(5, deltas, tagwire::sint), TAGWIRE_FIELD(6, floats),
                TAGWIRE_FIELD(7, doubles), TAGWIRE_FIELD(8, flags), TAGWIRE_FIELD(9, colors),
                TAGWIRE_FIELD(10, stamps, tagwire::fixed), TAGWIRE_FIELD(11, sfixeds, tagwire::sfixed),
                TAGWIRE_FIELD(12, raw, tagwire::bytes), TAGWIRE_FIELD(13, blobs), TAGWIRE_FIELD(14, maybe),
                TAGWIRE_FIELD(15, inner), TAGWIRE_FIELD(16, inners), TAGWIRE_FIELD(17, lazy_inners));

// A non-empty view lies inside [lo, hi).
template <class V>
bool inside(const V& v, const std::byte* lo, const std::byte* hi) {
  if (v.empty()) return true;
  const auto* p = reinterpret_cast<const std::byte*>(v.data());
  return lo <= p && v.size() <= static_cast<std::size_t>(hi - p);
}
template <class T, class... E>
bool inside(const tagwire::packed_view<T, E...>& v, const std::byte* lo, const std::byte* hi) {
  return inside(v.bytes(), lo, hi);
}
inline bool inside(const view_inner& m, const std::byte* lo, const std::byte* hi) {
  return inside(m.name, lo, hi) && inside(m.ids, lo, hi);
}
inline bool inside(const viewed& m, const std::byte* lo, const std::byte* hi) {
  bool ok = inside(m.name, lo, hi) && inside(m.blob, lo, hi) && inside(m.values, lo, hi) && inside(m.deltas, lo, hi) &&
            inside(m.floats, lo, hi) && inside(m.doubles, lo, hi) && inside(m.flags, lo, hi) &&
            inside(m.colors, lo, hi) && inside(m.stamps, lo, hi) && inside(m.sfixeds, lo, hi) &&
            inside(m.raw, lo, hi) && inside(m.inner, lo, hi) && (!m.maybe || inside(*m.maybe, lo, hi));
  for (const auto& t : m.tags) ok = ok && inside(t, lo, hi);
  for (const auto& b : m.blobs) ok = ok && inside(b, lo, hi);
  for (const auto& i : m.inners) ok = ok && inside(i, lo, hi);
  for (auto it = m.lazy_inners.begin(); it != m.lazy_inners.end(); ++it)
    ok = ok && inside(it.bytes(), lo, hi) && inside(*it, lo, hi);
  return ok;
}

// A packed view iterates to the values a container decodes, as many as size() says.
template <class V, class C>
bool same_values(const V& view, const C& values) {
  std::size_t n = 0;
  auto j = values.begin();
  for (auto i = view.begin(); i != view.end(); ++i, ++j, ++n) {
    if (j == values.end()) return false;
    using E = typename C::value_type;
    if (!same<E>(*i, *j)) return false;
  }
  return j == values.end() && n == view.size() && view.empty() == (n == 0);
}
inline bool same_values(const viewed& v, const owning& o) {
  bool ok = same_values(v.values, o.values) && same_values(v.deltas, o.deltas) && same_values(v.floats, o.floats) &&
            same_values(v.doubles, o.doubles) && same_values(v.flags, o.flags) && same_values(v.colors, o.colors) &&
            same_values(v.stamps, o.stamps) && same_values(v.sfixeds, o.sfixeds) &&
            same_values(v.inner.ids, o.inner.ids) && v.inners.size() == o.inners.size();
  for (std::size_t i = 0; ok && i < v.inners.size(); ++i) ok = same_values(v.inners[i].ids, o.inners[i].ids);
  // A repeated_view iterates to the elements a container decodes, as many as size() says.
  std::size_t n = 0;
  for (const view_inner e : v.lazy_inners) {
    ok = ok && n < o.lazy_inners.size() && same_values(e.ids, o.lazy_inners[n].ids);
    ++n;
  }
  return ok && n == o.lazy_inners.size() && n == v.lazy_inners.size();
}

// The string and bytes fields hold the same bytes.
inline bool same_text(std::string_view v, const std::string& o) { return v == o; }
inline bool same_text(std::span<const std::byte> v, const std::vector<std::byte>& o) { return equal_bytes(v, o); }
template <class V, class O>
bool same_text(const std::vector<V>& v, const std::vector<O>& o) {
  if (v.size() != o.size()) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!same_text(v[i], o[i])) return false;
  return true;
}
inline bool same_text(const viewed& v, const owning& o) {
  bool ok = same_text(v.name, o.name) && same_text(v.blob, o.blob) && same_text(v.tags, o.tags) &&
            same_text(v.raw, o.raw) && same_text(v.blobs, o.blobs) && v.maybe.has_value() == o.maybe.has_value() &&
            (!v.maybe || same_text(*v.maybe, *o.maybe)) && same_text(v.inner.name, o.inner.name) &&
            v.inners.size() == o.inners.size();
  for (std::size_t i = 0; ok && i < v.inners.size(); ++i) ok = same_text(v.inners[i].name, o.inners[i].name);
  std::size_t n = 0;
  for (const view_inner e : v.lazy_inners) {
    ok = ok && n < o.lazy_inners.size() && same_text(e.name, o.lazy_inners[n].name);
    ++n;
  }
  return ok;
}

inline verdict check_views(std::span<const std::byte> input, tagwire::decode_options opts) {
  std::optional<viewed> x;
  if (const verdict v = check_decode<viewed>(input, opts, &x)) return v;
  std::optional<owning> o;
  if (const verdict v = check_decode<owning>(input, opts, &o)) return v;
  if (!x) return nullptr;
  if (!o) return "the owning message rejects an input that the view message accepts";
  if (!inside(*x, input.data(), input.data() + input.size())) return "a view points outside the input";

  // What the views write reads back in the owning message as the same strings and bytes, and as
  // the values the packed views iterate to. (Not as the same bytes: a packed view is written as
  // it came, non-minimal varints and all, where a container is written canonically.)
  std::vector<std::byte> wire;
  if (!tagwire::encode_to(*x, wire)) return "encode_to failed";
  const auto owned = tagwire::decode<owning>(wire, opts);
  if (!owned) return "the owning message cannot decode what the view message wrote";
  if (!same_values(*x, *owned)) return "a packed_view iterates to other values than a container decodes";
  if (!same_text(*x, *owned)) return "the owning message reads other strings or bytes than the views show";
  return nullptr;
}

/// Decodes the input as the view message and as its owning twin, with both option sets.
inline verdict fuzz_views(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  if (const verdict v = check_views(input, strict_options)) return v;
  return check_views(input, loose_options);
}

}  // namespace tagwire_fuzz
