// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>

namespace tbds::ui {

/** The admin application's main window. Pages arrive with the GUI issue. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Shows which configuration file the window works on. */
    void setConfigPath(const QString &path);

private:
    QString m_configPath;
};

} // namespace tbds::ui
