#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QProcess;
class QWidget;

namespace shardscope::ui {

// The user's own Python pipeline as a benchmark method: the training-input
// script the Export dialog writes for a config, run unmodified in a Python the
// user chooses, in a subprocess (the GUI never waits for it), reporting its
// progress as JSON lines that become the same time series as the native
// methods.
//   Sdk:    `export --format python` (aistore.pytorch + PyTorch's DataLoader)
//   Native: `export --format python-native` (shardscope's Python module)
enum class PythonPipeline
{
    Sdk,
    Native
};

// "Python: aistore.pytorch", "Python: shardscope" (translated).
QString pythonPipelineName(PythonPipeline pipeline);
// What the pipeline's Python must import ("aistore, torch" / "shardscope").
QString pythonPipelineModules(PythonPipeline pipeline);

// The Python the user chose in Settings (empty: find one), remembered under
// "bench/python".
QString configuredPython();
void setConfiguredPython(const QString &path);
// Settings → "Python for Benchmarks…": asks for that interpreter (empty:
// find one); its text follows the language of `parent`.
QAction *createPythonSettingAction(QWidget *parent);

// Finds a Python for a pipeline without blocking: the configured one if it
// can import the pipeline's modules, else the first python3 (then python) on
// PATH that can. Ends in exactly one of found(path) or notFound(message), the
// message saying what was tried and what to do.
class PythonFinder : public QObject
{
    Q_OBJECT
public:
    explicit PythonFinder(QObject *parent = nullptr);
    ~PythonFinder() override;
    void start(PythonPipeline pipeline, const QString &configured);

Q_SIGNALS:
    void found(const QString &python);
    void notFound(const QString &message);

private:
    void tryNext();

    PythonPipeline m_pipeline = PythonPipeline::Sdk;
    QStringList m_candidates;
    QStringList m_tried;
    QProcess *m_probe = nullptr;
};

} // namespace shardscope::ui
