// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QtGlobal>

namespace tbds::ui {

class LogModel;

/**
 * Copies every Qt log message into a LogModel while it lives, and still passes it on to the
 * previous handler (the console keeps its output). Messages from other threads (the engine's)
 * are queued to the model's thread. At most one capture is active; a new one replaces the old.
 */
class LogCapture final
{
    Q_DISABLE_COPY_MOVE(LogCapture)

public:
    explicit LogCapture(LogModel *model);
    ~LogCapture();

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);
};

} // namespace tbds::ui
