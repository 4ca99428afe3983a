// SPDX-License-Identifier: Apache-2.0
#include "ui/firstpaintprobe.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace tbds::ui {

FirstPaintProbe::FirstPaintProbe(QWidget *window, const QElapsedTimer &sinceMain, QObject *parent)
    : QObject(parent), m_window(window), m_sinceMain(sinceMain)
{
    // Paint events go to the child widgets, so watch them all and keep those of this window.
    QCoreApplication::instance()->installEventFilter(this);
}

FirstPaintProbe::~FirstPaintProbe() = default;

void FirstPaintProbe::installIfRequested(QWidget *window, const QElapsedTimer &sinceMain)
{
    if (qEnvironmentVariableIntValue("TBDS_BENCH_FIRST_PAINT") == 1)
        new FirstPaintProbe(window, sinceMain, window);
}

bool FirstPaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType() && m_window
        && static_cast<QWidget *>(watched)->window() == m_window) {
        m_seen = true;
        // Report once this paint (and the rest of the frame) is done.
        QTimer::singleShot(0, this, &FirstPaintProbe::report);
    }
    return QObject::eventFilter(watched, event);
}

void FirstPaintProbe::report()
{
    const double sinceMain = double(m_sinceMain.nsecsElapsed()) / 1e6;
    const qint64 t0 = qEnvironmentVariable("TBDS_BENCH_T0_NS").toLongLong();
    if (t0 > 0) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const double sinceExec = double(now) - double(t0) / 1e6;
        std::printf("first-paint ms_since_launch=%.1f ms_since_main=%.1f\n", sinceExec, sinceMain);
    } else {
        std::printf("first-paint ms_since_main=%.1f\n", sinceMain);
    }
    std::fflush(stdout);
    QCoreApplication::quit();
}

} // namespace tbds::ui
