// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QListWidget;

namespace tbds::ui {

/** Shown while no configuration is open: open a file, a recent one, or the demo setup. */
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget *parent = nullptr);
    ~WelcomePage() override;

    void setRecentFiles(const QStringList &files);

Q_SIGNALS:
    void openRequested();
    /** "Create a new configuration": the wizard with the reference wizard's questions. */
    void createRequested();
    void demoRequested();
    void recentRequested(const QString &path);

private:
    QListWidget *m_recent;
    QWidget *m_recentLabel;
};

} // namespace tbds::ui
