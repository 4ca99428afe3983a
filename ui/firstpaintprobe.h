// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QWidget;

namespace tbds::ui {

/**
 * Benchmark aid (tests/bench/bench_gui.sh): prints how long it took until the main window was
 * first painted, then quits the application. Enabled in tbds-admin by TBDS_BENCH_FIRST_PAINT=1;
 * TBDS_BENCH_T0_NS (the launcher's CLOCK_REALTIME in ns) makes it count from before exec(), so
 * dynamic loading and QApplication set-up are included.
 */
class FirstPaintProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstPaintProbe)

public:
    /** `sinceMain` was started at the top of main(). */
    FirstPaintProbe(QWidget *window, const QElapsedTimer &sinceMain, QObject *parent = nullptr);
    ~FirstPaintProbe() override;

    /** Installs a probe when TBDS_BENCH_FIRST_PAINT is set; the probe is a child of `window`. */
    static void installIfRequested(QWidget *window, const QElapsedTimer &sinceMain);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void report();

    QPointer<QWidget> m_window;
    QElapsedTimer m_sinceMain;
    bool m_seen = false;
};

} // namespace tbds::ui
