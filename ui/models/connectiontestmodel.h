// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/configloader.h"
#include "core/jira/jiracall.h"
#include "core/jira/jiraerror.h"
#include "ui/models/statuscolors.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

#include <memory>

class QHostInfo;

namespace tbds::jira {
class JiraClient;
}

namespace tbds::ui {

/**
 * The connection test as a list of steps, each with a status, what was found and — on failure —
 * a plain-language cause and fix. It runs the steps itself (asynchronously: a host lookup, then
 * `serverInfo`, then `myself`) because the order matters: a failed DNS lookup makes the later
 * steps pointless, and saying "skipped" is clearer than three errors with the same cause.
 */
class ConnectionTestModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTestModel)

public:
    enum Column { StepColumn, StatusColumn, ResultColumn, ColumnCount };
    enum class Step { Configuration, NameResolution, Connection, Server, Authentication };
    enum class Status { Pending, Running, Passed, Failed, Skipped, Cancelled };
    enum Role { StatusRole = Qt::UserRole + 1, HintRole, ErrorKindRole };

    explicit ConnectionTestModel(QObject *parent = nullptr);
    ~ConnectionTestModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /**
     * The palette of the view that shows the steps (its Base is the background the status colours
     * must read on); emits dataChanged for Qt::ForegroundRole. Until then: the application's.
     */
    void setPalette(const QPalette &palette);
    /** Runs all steps against the config's Jira; finished() follows (also when it fails early). */
    void start(const config::LoadResult &validation);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

    [[nodiscard]] Status status(Step step) const;
    [[nodiscard]] QString result(Step step) const;
    [[nodiscard]] QString hint(Step step) const;
    /** The steps as plain text (for a support ticket); no secrets. */
    [[nodiscard]] QString report() const;

    /** What probably went wrong and how to fix it, for one failure of the Jira client. */
    [[nodiscard]] static QString hintFor(const jira::JiraError &error, jira::Flavour flavour,
                                         config::JiraAuthType authType);
    [[nodiscard]] static QString statusText(Status status);
    [[nodiscard]] static QString stepName(Step step);

Q_SIGNALS:
    void runningChanged(bool running);
    /** `ok`: every step passed. */
    void finished(bool ok);

private:
    struct Row
    {
        Step step;
        Status status = Status::Pending;
        QString result;
        QString hint;
        int errorKind = -1;
    };

    void set(Step step, Status status, const QString &result, const QString &hint = {}, int errorKind = -1);
    void fail(Step step, const jira::JiraError &error);
    void skipRest(Step after);
    void lookupDone(const QHostInfo &info);
    void connectToServer();
    void authenticate();
    void finish(bool ok);

    QList<Row> m_rows;
    std::unique_ptr<jira::JiraClient> m_client;
    QPointer<jira::JiraCall> m_call;
    config::JiraAuthType m_authType = config::JiraAuthType::Basic;
    int m_lookupId = -1;
    QString m_proxy; ///< "host:port" of the proxy the requests go through; empty without one
    bool m_running = false;
    StatusColors m_colors;
};

} // namespace tbds::ui
