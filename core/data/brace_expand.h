#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shardscope {

// Bash-style brace templates as WebDataset and AIStore use them for shard names:
//   "shard-{0000..0999}.tar"      numeric range, inclusive, zero-padded to the
//                                 width of the bounds when either bound starts with 0
//   "shard-{0..100..10}.tar"      with a step (positive; ranges may count down)
//   "{train,val}/part-{0..3}.tar" comma lists; several groups form the product,
//                                 the leftmost group varying slowest
// Throws Error(InvalidArgument) naming the template and the position of the problem.
//
// Expansions are capped by count and by bytes: a short template can name
// billions of objects, and a long literal times a modest range makes
// gigabytes of names.
constexpr std::uint64_t kMaxBraceNames = 10'000'000;
constexpr std::uint64_t kMaxBraceExpansionBytes = std::uint64_t(256) << 20; // 256 MiB of names

class BraceTemplate
{
public:
    explicit BraceTemplate(std::string_view text);

    std::uint64_t count() const; // without expanding
    // The bytes of all names together (an upper bound, without expanding;
    // UINT64_MAX when that overflows).
    std::uint64_t expandedBytes() const;
    // Throws when count() > limit or expandedBytes() > maxBytes, naming the template and the cap.
    void checkExpansion(std::uint64_t limit = kMaxBraceNames, std::uint64_t maxBytes = kMaxBraceExpansionBytes) const;
    // checkExpansion, then every name in order.
    std::vector<std::string> expand(std::uint64_t limit = kMaxBraceNames,
                                    std::uint64_t maxBytes = kMaxBraceExpansionBytes) const;
    std::string at(std::uint64_t index) const;                              // the index-th name
    const std::string &text() const { return m_text; }

private:
    struct Group
    {
        std::string literal;              // text before this group
        std::vector<std::string> choices; // for lists
        bool numeric = false;
        std::int64_t from = 0, to = 0, step = 1;
        int width = 0;
        std::uint64_t size() const;
        std::string value(std::uint64_t i) const;
        std::uint64_t valueBytes() const; // the bytes of all values together (an upper bound)
    };
    std::string m_text;
    std::vector<Group> m_groups;
    std::string m_tail;
};

} // namespace shardscope
