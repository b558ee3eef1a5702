#pragma once

#include "core/health/advice.h"
#include "core/health/lint.h"

#include <string>

namespace shardscope {

constexpr int kLintSchemaVersion = 1;

// The audit as JSON (schema "shardscope-lint", version kLintSchemaVersion;
// documented in README.md, "Dataset health"). Names from data are in
// escapeName()'s reversible form, so the document is always valid UTF-8.
std::string lintReportJson(const LintReport &report, const Advice &advice);

// The audit for a person: totals, findings with examples, the extension mix,
// size histograms, advice and the recipes.
std::string lintReportText(const LintReport &report, const Advice &advice);

// Histogram bins that hold something, as (lowest size, highest size, count).
struct SizeBin
{
    std::uint64_t min = 0, max = 0, count = 0;
};
std::vector<SizeBin> nonEmptyBins(const std::vector<std::uint64_t> &bins);

} // namespace shardscope
