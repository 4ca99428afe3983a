// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/requestlogentry.h"

#include <QAbstractTableModel>
#include <QList>

namespace tbds::ui {

/**
 * The engine's request log as a table: one row per answered request, newest last.
 * Bounded (oldest rows drop out) so a busy DMProxy cannot grow the GUI's memory without end;
 * the counters keep counting past the bound.
 */
class RequestLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogModel)

public:
    enum Column { TimeColumn, PeerColumn, MethodColumn, PathColumn, StatusColumn, DurationColumn, UserColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        /** Unformatted value (QDateTime, int, double) for sorting and filtering. */
        RawValueRole = Qt::UserRole + 1,
        /** True for responses with status >= 400. */
        IsErrorRole,
    };

    explicit RequestLogModel(QObject *parent = nullptr);
    ~RequestLogModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Rows kept at most; older rows are dropped first. */
    void setMaxEntries(int maxEntries);
    [[nodiscard]] int maxEntries() const { return m_maxEntries; }

    [[nodiscard]] const service::RequestLogEntry &entry(int row) const { return m_entries.at(row); }
    /** Requests seen since the last clear(), including dropped rows. */
    [[nodiscard]] qint64 requestCount() const { return m_requests; }
    /** Of those, the ones answered with status >= 400. */
    [[nodiscard]] qint64 errorCount() const { return m_errors; }

public Q_SLOTS:
    void append(const tbds::service::RequestLogEntry &entry);
    void clear();

Q_SIGNALS:
    void countersChanged();

private:
    void trim();

    QList<service::RequestLogEntry> m_entries;
    int m_maxEntries = 10000;
    qint64 m_requests = 0;
    qint64 m_errors = 0;
};

} // namespace tbds::ui
