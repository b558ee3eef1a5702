#include "ui/dataset/split_counter.h"
#include "ui/background.h"

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
    if (m_cancel)
        m_cancel->store(true);
}

void SplitCounter::forgetListings()
{
    std::lock_guard lock(m_cache->mutex);
    m_cache->listings.clear();
}

void SplitCounter::count(const DatasetConfig &config)
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    m_running = true;
    Q_EMIT started();

    // Everything the job needs, copied: the GUI may edit on while it runs.
    std::vector<StoreOptions> options;
    for (const auto &s : config.sources)
        options.push_back(m_lookup ? m_lookup(QString::fromStdString(s.provider)) : StoreOptions{});
    QPointer<SplitCounter> self(this);
    auto cancel = m_cancel;
    auto cache = m_cache;
    auto deliver = [self, generation](auto &&fn) {
        postToGui(self, [generation, fn = std::forward<decltype(fn)>(fn)](SplitCounter *c) {
            if (generation == c->m_generation)
                fn(c);
        });
    };
    runInBackground([config, options, cancel, cache, deliver] {
        try {
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
                    if (cancel->load())
                        return;
                    listing = std::make_shared<const std::vector<ObjectInfo>>(
                        resolveGroup(*loc.store, loc.bucket, src.group));
                    std::lock_guard lock(cache->mutex);
                    cache->listings[key] = listing;
                }
                listed += listing->size();
                deliver([listed](SplitCounter *c) { Q_EMIT c->listing(listed); });
                listings[i] = listing;
                objects[i] = listing.get();
                if (cancel->load())
                    return;
            }
            SplitReport report = analyzeConfigSplits(config, objects);
            deliver([report](SplitCounter *c) {
                c->m_running = false;
                Q_EMIT c->counted(report);
            });
        } catch (...) {
            const QString message = taskErrorText("counting the splits of " + config.name);
            deliver([message](SplitCounter *c) {
                c->m_running = false;
                Q_EMIT c->failed(message);
            });
        }
    });
}

} // namespace shardscope::ui
