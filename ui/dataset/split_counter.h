#pragma once

#include "core/config/dataset_config.h"
#include "core/data/sources.h"
#include "core/storage/store_factory.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace shardscope::ui {

// Store options for a provider of a config source ("ais", "s3", "local"):
// the GUI's connection for that scheme.
using StoreOptionsLookup = std::function<StoreOptions(const QString &provider)>;

// Counts what the splits of a config select (objects, bytes, overlaps,
// objects in no split) off the GUI thread. Each source is listed once and
// kept, so editing prefixes only re-runs the analysis; a newer request
// supersedes an older one (its result is dropped) and stops its listing.
class SplitCounter : public QObject
{
    Q_OBJECT
public:
    explicit SplitCounter(QObject *parent = nullptr);
    ~SplitCounter() override;

    void setStoreOptions(StoreOptionsLookup lookup) { m_lookup = std::move(lookup); }
    void count(const DatasetConfig &config);
    void forgetListings(); // the next count lists again (Refresh)
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started();
    // Listing progress: objects listed so far in this request.
    void listing(quint64 objects);
    void counted(const shardscope::SplitReport &report);
    void failed(const QString &error);

private:
    struct Cache
    {
        std::mutex mutex;
        std::map<std::string, std::shared_ptr<const std::vector<ObjectInfo>>> listings;
    };
    StoreOptionsLookup m_lookup;
    std::shared_ptr<Cache> m_cache = std::make_shared<Cache>();
    bool m_running = false;
};

} // namespace shardscope::ui

Q_DECLARE_METATYPE(shardscope::SplitReport)
