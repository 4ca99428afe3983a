// SPDX-License-Identifier: Apache-2.0
#include "ui/trayicon.h"

#include "ui/enginecontroller.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace tbds::ui {

TrayIcon::TrayIcon(QWidget *window, EngineController *engine, QObject *parent)
    : QObject(parent), m_window(window), m_engine(engine)
{
    setObjectName(QStringLiteral("trayIcon"));
    // The menu has no parent widget (a tray menu is a top level); this object deletes it.
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_show = m_menu->addAction(tr("&Show TestBench Defect Service Admin"));
    m_show->setObjectName(QStringLiteral("trayShowAction"));
    m_stop = m_menu->addAction(tr("S&top the service"));
    m_stop->setObjectName(QStringLiteral("trayStopAction"));
    connect(m_show, &QAction::triggered, this, &TrayIcon::showWindow);
    connect(m_stop, &QAction::triggered, this, [this] { m_engine->stop(); });
    connect(m_engine, &EngineController::stateChanged, this, &TrayIcon::update);
    connect(m_engine, &EngineController::started, this, &TrayIcon::update);
    connect(m_engine, &EngineController::stopped, this, &TrayIcon::update);
    update();
}

TrayIcon::~TrayIcon()
{
    delete m_icon;
    delete m_menu;
}

bool TrayIcon::trayAvailable() const
{
    return m_override || QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::update()
{
    const bool running = m_engine->state() == EngineController::State::Running;
    m_active = running && trayAvailable();
    m_stop->setEnabled(running);
    if (!m_active) {
        if (m_icon)
            m_icon->hide();
        return;
    }
    if (!m_icon) {
        // Created lazily: a tray icon that is never shown should not register with the tray.
        m_icon = new QSystemTrayIcon;
        m_icon->setIcon(m_window && !m_window->windowIcon().isNull() ? m_window->windowIcon()
                                                                     : QApplication::windowIcon());
        m_icon->setContextMenu(m_menu);
        connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                showWindow();
        });
    }
    m_icon->setToolTip(tr("TestBench Defect Service running at %1").arg(m_engine->url().toString()));
    m_icon->show();
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace tbds::ui
