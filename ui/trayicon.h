// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace tbds::ui {

class EngineController;

/**
 * A tray icon while the in-process engine runs, so a desktop user who minimised the window still
 * sees that the service is up and can stop it. Only when the platform has a tray
 * (QSystemTrayIcon::isSystemTrayAvailable(); GNOME needs an AppIndicator extension): without one
 * nothing is shown and the window is never hidden, so the user cannot lose the application.
 */
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(QWidget *window, EngineController *engine, QObject *parent = nullptr);
    ~TrayIcon() override;

    /** True while the icon should be on screen: the engine runs and a tray exists. */
    [[nodiscard]] bool isActive() const { return m_active; }
    [[nodiscard]] QAction *showAction() const { return m_show; }
    [[nodiscard]] QAction *stopAction() const { return m_stop; }
    [[nodiscard]] QMenu *menu() const { return m_menu; }

    /** Tests: pretend a tray exists (offscreen has none). */
    void setTrayAvailableOverride(bool available) { m_override = available; update(); }

private:
    void update();
    void showWindow();
    [[nodiscard]] bool trayAvailable() const;

    QPointer<QWidget> m_window;
    EngineController *m_engine;
    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_show = nullptr;
    QAction *m_stop = nullptr;
    bool m_active = false;
    bool m_override = false;
};

} // namespace tbds::ui
