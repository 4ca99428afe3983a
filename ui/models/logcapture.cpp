// SPDX-License-Identifier: Apache-2.0
#include "ui/models/logcapture.h"

#include "ui/models/logmodel.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

namespace tbds::ui {

namespace {
// The message handler is a plain function, so its target lives in globals guarded by a mutex.
QMutex s_mutex;
QPointer<LogModel> s_model;
QtMessageHandler s_previous = nullptr;
} // namespace

LogCapture::LogCapture(LogModel *model)
{
    QMutexLocker lock(&s_mutex);
    s_model = model;
    QtMessageHandler previous = qInstallMessageHandler(&LogCapture::handler);
    if (previous != &LogCapture::handler)
        s_previous = previous;
}

LogCapture::~LogCapture()
{
    QMutexLocker lock(&s_mutex);
    qInstallMessageHandler(s_previous);
    s_previous = nullptr;
    s_model = nullptr;
}

void LogCapture::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QtMessageHandler previous = nullptr;
    {
        QMutexLocker lock(&s_mutex);
        previous = s_previous;
        if (LogModel *model = s_model.data()) {
            const LogModel::Level level = LogModel::levelFor(type);
            const QString category = QString::fromUtf8(context.category ? context.category : "");
            // Queued even on the GUI thread: a handler must not re-enter a model mid-update
            // (a view may log while it is being told about new rows).
            QMetaObject::invokeMethod(
                model, [model, level, category, message] { model->append(level, category, message); },
                Qt::QueuedConnection);
        }
    }
    // qInstallMessageHandler() returns Qt's default handler when none was set, so there is
    // always one to pass on to.
    if (previous)
        previous(type, context, message);
}

} // namespace tbds::ui
