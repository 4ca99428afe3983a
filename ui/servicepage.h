// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace tbds::ui {

class ConfigDocument;
class EngineController;
class RequestLogModel;

/**
 * Runs the service in-process: start/stop, the bound URL, a live request log with counters, a
 * self-test of `/check-login` through the running engine, and the DMProxy setting to paste.
 */
class ServicePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServicePage)

public:
    ServicePage(ConfigDocument *document, EngineController *engine, RequestLogModel *requestLog,
                QWidget *parent = nullptr);
    ~ServicePage() override;

    void startEngine();
    void stopEngine();
    /** GET /check-login on the running engine with the Basic credentials typed on the page. */
    void runSelfTest();

Q_SIGNALS:
    /** A line for the application log. */
    void message(const QString &text);

private:
    void updateState();
    void updateCounters();
    void copySnippet();

    ConfigDocument *m_document;
    EngineController *m_engine;
    RequestLogModel *m_requestLog;
    QSortFilterProxyModel *m_proxy;
    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_selfTest;

    QLabel *m_state = nullptr;
    QLabel *m_url = nullptr;
    QLabel *m_counters = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QCheckBox *m_anyPort = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_selfTestButton = nullptr;
    QLabel *m_selfTestResult = nullptr;
    QLineEdit *m_snippet = nullptr;
    QPushButton *m_copySnippet = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_view = nullptr;
    QString m_lastError;
};

} // namespace tbds::ui
