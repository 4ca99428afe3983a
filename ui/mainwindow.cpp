// SPDX-License-Identifier: Apache-2.0
#include "ui/mainwindow.h"

#include <QLabel>
#include <QStatusBar>

namespace tbds::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TestBench Defect Service Admin"));
    auto *label = new QLabel(tr("No configuration open."), this);
    label->setObjectName(QStringLiteral("configLabel"));
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(900, 600);
}

MainWindow::~MainWindow() = default;

void MainWindow::setConfigPath(const QString &path)
{
    m_configPath = path;
    if (auto *label = qobject_cast<QLabel *>(centralWidget()))
        label->setText(path.isEmpty() ? tr("No configuration open.") : tr("Configuration: %1").arg(path));
    setWindowFilePath(path);
    statusBar()->showMessage(path);
}

} // namespace tbds::ui
