// ExplorerPanel's transfers between the store and the local disk: saving an
// object or a shard member, uploading files dropped on the object table. Each
// runs as a job with progress and Stop (ui/jobs/job_tracker.h).

#include "ui/explorer/explorer_panel.h"

#include "ui/jobs/job_tracker.h"
#include "ui/models/connection_tree_model.h"
#include "ui/models/shard_sample_model.h"

#include "core/storage/store_url.h"
#include "core/storage/transfer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <QDropEvent>
#include <QFileInfo>
#include <QLineEdit>
#include <QMimeData>
#include <QTableView>
#include <QUrl>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shardscope::ui {

void ExplorerPanel::saveObject(const QString &object, const QString &path)
{
    if (m_connectionRow < 0 || m_bucketUrl.isEmpty())
        return;
    const QString bucketUrl = m_bucketUrl;
    const StoreOptions options = m_connections->connection(m_connectionRow).options;
    auto report = [this, path](const QString &error) {
        m_saveJob = 0;
        Q_EMIT message(error.isEmpty() ? tr("Saved %1").arg(path) : tr("Not saved: %1").arg(error));
        Q_EMIT saved(path, error);
    };
    m_saveJob = JobTracker::instance().start(
        this, tr("Saving %1 to %2…").arg(object, path),
        [bucketUrl, object, path, options](JobContext &job) {
            StoreLocation loc = openStore(parseStoreUrl(bucketUrl.toStdString()), options, true);
            GetRequest request;
            request.cancel = job.cancelFlag();
            downloadObject(*loc.store, loc.bucket, object.toStdString(), request, path.toStdString(),
                           [&job](std::uint64_t done, std::uint64_t total) {
                               job.setProgress(std::int64_t(done), std::int64_t(total));
                           });
        },
        [report] { report(QString()); },
        [report](const Error &error) {
            report(error.kind() == ErrorKind::Cancelled ? tr("stopped")
                                                        : QString::fromStdString(error.what()));
        });
}

void ExplorerPanel::saveMember(const QModelIndex &member, const QString &path)
{
    const QByteArray bytes = m_samples->memberBytes(member);
    if (!member.isValid() || !member.parent().isValid())
        return;
    auto report = [this, path](const QString &error) {
        Q_EMIT message(error.isEmpty() ? tr("Saved %1").arg(path) : tr("Not saved: %1").arg(error));
        Q_EMIT saved(path, error);
    };
    JobTracker::instance().start(
        this, tr("Saving %1…").arg(path),
        [bytes, path](JobContext &) {
            writeFileAtomically(path.toStdString(),
                                std::string_view(bytes.constData(), std::size_t(bytes.size())));
        },
        [report] { report(QString()); },
        [report](const Error &error) { report(QString::fromStdString(error.what())); },
        JobOptions{QString(), false});
}

bool ExplorerPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() &&
        (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove)) {
        auto *drag = static_cast<QDropEvent *>(event);
        const bool files =
            drag->mimeData()->hasUrls() && !m_bucketUrl.isEmpty() &&
            std::all_of(drag->mimeData()->urls().cbegin(), drag->mimeData()->urls().cend(),
                        [](const QUrl &u) { return u.isLocalFile() && QFileInfo(u.toLocalFile()).isFile(); });
        if (files)
            drag->acceptProposedAction();
        else
            drag->ignore();
        return true;
    }
    if (watched == m_table->viewport() && event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        QStringList paths;
        for (const QUrl &u : drop->mimeData()->urls())
            if (u.isLocalFile())
                paths << u.toLocalFile();
        drop->acceptProposedAction();
        uploadFiles(paths);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ExplorerPanel::uploadFiles(const QStringList &paths)
{
    if (m_connectionRow < 0 || m_bucketUrl.isEmpty() || paths.isEmpty())
        return;
    QString dir = m_prefix->text();
    dir = dir.left(dir.lastIndexOf(QLatin1Char('/')) + 1); // the directory the listing shows
    const QString bucketUrl = m_bucketUrl;
    const StoreOptions options = m_connections->connection(m_connectionRow).options;
    std::vector<std::pair<std::string, std::string>> files; // (local path, object name)
    for (const QString &p : paths)
        files.emplace_back(p.toStdString(), (dir + QFileInfo(p).fileName()).toStdString());
    auto report = [this](const QStringList &objects, const QString &error) {
        Q_EMIT message(error.isEmpty() ? tr("Uploaded %n file(s)", nullptr, int(objects.size()))
                                       : tr("Upload not complete: %1").arg(error));
        Q_EMIT uploaded(objects, error);
        applyPrefix(); // the listing shows what arrived
    };
    auto done = std::make_shared<QStringList>(); // what arrived, also when a later file fails
    JobTracker::instance().start(
        this,
        tr("Uploading %n file(s) to %1…", nullptr, int(files.size())).arg(bucketUrl + QLatin1Char('/') + dir),
        [bucketUrl, options, files, done](JobContext &job) {
            StoreLocation loc = openStore(parseStoreUrl(bucketUrl.toStdString()), options, true);
            std::uint64_t total = 0, before = 0;
            for (const auto &f : files)
                total += std::uint64_t(QFileInfo(QString::fromStdString(f.first)).size());
            for (const auto &[path, object] : files) {
                job.throwIfCancelled();
                uploadFile(
                    *loc.store, loc.bucket, object, path,
                    [&](std::uint64_t sent, std::uint64_t) {
                        job.setProgress(std::int64_t(before + sent), std::int64_t(total));
                    },
                    job.cancelFlag());
                before += std::uint64_t(QFileInfo(QString::fromStdString(path)).size());
                job.post([done, object] { *done << QString::fromStdString(object); });
            }
        },
        [report, done] { report(*done, QString()); },
        [report, done](const Error &error) {
            report(*done, error.kind() == ErrorKind::Cancelled ? tr("stopped")
                                                               : QString::fromStdString(error.what()));
        });
}

} // namespace shardscope::ui
