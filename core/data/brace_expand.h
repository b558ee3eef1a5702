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
class BraceTemplate
{
public:
    explicit BraceTemplate(std::string_view text);

    std::uint64_t count() const; // without expanding
    std::vector<std::string> expand(std::uint64_t limit = 10'000'000) const; // throws when count() > limit
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
    };
    std::string m_text;
    std::vector<Group> m_groups;
    std::string m_tail;
};

} // namespace shardscope
