#include "ui/dataset/split_counter.h"
#include "ui/jobs/job_tracker.h"

#include "core/config/split_coverage.h"
#include "core/util/error.h"

#include <QPointer>

namespace shardscope::ui {

namespace {
std::string groupKey(const DatasetConfig::Source &s)
{
    std::string key = s.provider + "://" + s.bucket + "|" + std::to_string(int(s.group.kind)) + "|" + s.group.prefix +
                      "|" + s.group.braceTemplate;
    for (const auto &n : s.group.names)
        key += "|" + n;
    return key;
}
} // namespace

SplitCounter::SplitCounter(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<shardscope::SplitReport>();
}

SplitCounter::~SplitCounter()
{
    JobTracker::instance().cancelSlot(this, QStringLiteral("count"));
}

void SplitCounter::forgetListings()
{
    std::lock_guard lock(m_cache->mutex);
    m_cache->listings.clear();
}

void SplitCounter::count(const DatasetConfig &config)
{
    m_running = true;
    Q_EMIT started();

    // Everything the job needs, copied: the GUI may edit on while it runs.
    std::vector<StoreOptions> options;
    for (const auto &s : config.sources)
        options.push_back(m_lookup ? m_lookup(QString::fromStdString(s.provider)) : StoreOptions{});
    auto cache = m_cache;
    auto work = [self = this, config, options, cache](JobContext &job) {
        // The cached listings are shared, not copied, for each count.
        std::vector<std::shared_ptr<const std::vector<ObjectInfo>>> listings(config.sources.size());
        std::vector<const std::vector<ObjectInfo> *> objects(config.sources.size());
        std::uint64_t listed = 0;
        for (std::size_t i = 0; i < config.sources.size(); ++i) {
            const auto &src = config.sources[i];
            const std::string key = groupKey(src);
            std::shared_ptr<const std::vector<ObjectInfo>> listing;
            {
                std::lock_guard lock(cache->mutex);
                if (auto it = cache->listings.find(key); it != cache->listings.end())
                    listing = it->second;
            }
            if (!listing) {
                StoreLocation loc = openStore(parseStoreUrl(sourceUrl(src)), options[i]);
                job.throwIfCancelled();
                listing = std::make_shared<const std::vector<ObjectInfo>>(
                    resolveGroup(*loc.store, loc.bucket, src.group));
                std::lock_guard lock(cache->mutex);
                cache->listings[key] = listing;
            }
            listed += listing->size();
            job.setProgress(std::int64_t(i + 1), std::int64_t(config.sources.size()));
            job.post([self, listed] { Q_EMIT self->listing(listed); });
            listings[i] = listing;
            objects[i] = listing.get();
            job.throwIfCancelled();
        }
        return analyzeConfigSplits(config, objects);
    };
    JobTracker::instance().start(
        this, tr("Counting the splits of %1…").arg(QString::fromStdString(config.name)), std::move(work),
        [this](const SplitReport &report) {
            m_running = false;
            Q_EMIT counted(report);
        },
        [this](const Error &error) {
            m_running = false;
            Q_EMIT failed(error.kind() == ErrorKind::Cancelled ? tr("stopped")
                                                               : QString::fromStdString(error.what()));
        },
        JobOptions{QStringLiteral("count")});
}

} // namespace shardscope::ui
