#include "ui/bench/python_finder.h"

#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QInputDialog>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>

namespace shardscope::ui {

namespace {

const char kSettingsKey[] = "bench/python";

QStringList pathCandidates()
{
    QStringList out;
    for (const QString &name : {QStringLiteral("python3"), QStringLiteral("python")}) {
        const QString path = QStandardPaths::findExecutable(name);
        if (!path.isEmpty() && !out.contains(path))
            out << path;
    }
    return out;
}

} // namespace

QString pythonPipelineName(PythonPipeline pipeline)
{
    return pipeline == PythonPipeline::Sdk
               ? QCoreApplication::translate("PythonMethod", "Python: aistore.pytorch")
               : QCoreApplication::translate("PythonMethod", "Python: shardscope");
}

QString pythonPipelineModules(PythonPipeline pipeline)
{
    return pipeline == PythonPipeline::Sdk ? QStringLiteral("aistore, torch") : QStringLiteral("shardscope");
}

QString configuredPython()
{
    return QSettings().value(QLatin1String(kSettingsKey)).toString();
}

void setConfiguredPython(const QString &path)
{
    QSettings().setValue(QLatin1String(kSettingsKey), path);
}

namespace {
// Keeps the action's text in the parent's language.
class PythonSettingText : public QObject
{
public:
    PythonSettingText(QAction *action, QWidget *parent) : QObject(action), m_action(action)
    {
        parent->installEventFilter(this);
        retitle();
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retitle();
        return false;
    }

private:
    void retitle()
    {
        m_action->setText(QCoreApplication::translate("PythonMethod", "&Python for Benchmarks…"));
        m_action->setStatusTip(QCoreApplication::translate(
            "PythonMethod",
            "The Python that runs the methods \"Python: aistore.pytorch\" and \"Python: shardscope\""));
    }
    QAction *m_action;
};
} // namespace

QAction *createPythonSettingAction(QWidget *parent)
{
    auto *action = new QAction(parent);
    action->setObjectName(QStringLiteral("actionPythonForBenchmarks"));
    new PythonSettingText(action, parent);
    QObject::connect(action, &QAction::triggered, parent, [parent] {
        bool ok = false;
        const QString path = QInputDialog::getText(
            parent, QCoreApplication::translate("PythonMethod", "Python for Benchmarks"),
            QCoreApplication::translate(
                "PythonMethod", "The Python interpreter for the Python benchmark methods (empty: the first "
                                "python3 on PATH that can import what the method needs):"),
            QLineEdit::Normal, configuredPython(), &ok);
        if (ok)
            setConfiguredPython(path.trimmed());
    });
    return action;
}

PythonFinder::PythonFinder(QObject *parent) : QObject(parent) {}

PythonFinder::~PythonFinder()
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->kill();
        m_probe->waitForFinished(1000);
    }
}

void PythonFinder::start(PythonPipeline pipeline, const QString &configured)
{
    m_pipeline = pipeline;
    m_tried.clear();
    m_candidates = configured.isEmpty() ? pathCandidates() : QStringList{configured};
    tryNext();
}

void PythonFinder::tryNext()
{
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    if (m_candidates.isEmpty()) {
        const QString modules = pythonPipelineModules(m_pipeline);
        Q_EMIT notFound(
            m_tried.isEmpty()
                ? tr("No python3 on PATH. Install Python with %1, or choose an interpreter in Settings.")
                      .arg(modules)
                : tr("No Python that can import %1: tried %2. Install them (pip install %1), or choose an "
                     "interpreter in Settings.")
                      .arg(modules, m_tried.join(QStringLiteral(", "))));
        return;
    }
    const QString python = m_candidates.takeFirst();
    m_tried << python;
    m_probe = new QProcess(this);
    m_probe->setProcessChannelMode(QProcess::MergedChannels);
    const QString import = m_pipeline == PythonPipeline::Sdk ? QStringLiteral("import aistore, torch")
                                                             : QStringLiteral("import shardscope");
    connect(m_probe, &QProcess::finished, this, [this, python](int code, QProcess::ExitStatus status) {
        if (status == QProcess::NormalExit && code == 0)
            Q_EMIT found(python);
        else
            tryNext();
    });
    connect(m_probe, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            tryNext();
    });
    m_probe->start(python, {QStringLiteral("-c"), import});
}

} // namespace shardscope::ui
