// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/statuscolors.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace tbds::ui {

/**
 * The defect service's Jira permissions per project as a grid (projects × permissions) of
 * granted / missing / not required. A permission that only writes is not required when the
 * project is readonly, since the service then never writes (jira-client docs); showing it as
 * "missing" there would send admins chasing grants nobody needs.
 *
 * The model is filled by the page from `mypermissions` answers; it also words what to ask the
 * Jira administrator for and the plain-text export for a support ticket.
 */
class PermissionsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionsModel)

public:
    enum class Cell { Unknown, Granted, Missing, NotRequired };
    enum Role { CellRole = Qt::UserRole + 1, ProjectKeyRole };
    enum Column { ProjectColumn, ModeColumn, FirstPermissionColumn };

    /** One row of the seed's permission table; `keys` are alternatives (any one suffices). */
    struct Permission
    {
        QString name;
        QStringList keys;
        bool write = false;
        QString purpose;
    };

    explicit PermissionsModel(QObject *parent = nullptr);
    ~PermissionsModel() override;

    /** The permissions the service needs, in the seed's order. */
    [[nodiscard]] static QList<Permission> permissions();
    /** Every Jira permission key to ask `mypermissions` for. */
    [[nodiscard]] static QStringList permissionKeys();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /**
     * The palette of the view that shows the grid (its Base is the background the cell colours
     * must read on); emits dataChanged for Qt::ForegroundRole. Until then: the application's.
     */
    void setPalette(const QPalette &palette);
    /** Starts over with these projects ("Name (KEY)" or KEY), all cells unknown. */
    void setProjects(const QStringList &projects, const QList<bool> &readonly);
    /** A `mypermissions` answer for one project (JiraClient::permissionMap()). */
    void setPermissions(const QString &project, const QHash<QString, bool> &granted);
    /** The check for a project failed; the message replaces its mode text. */
    void setError(const QString &project, const QString &message);
    void clear();

    [[nodiscard]] Cell cell(int row, int permission) const;
    [[nodiscard]] int rowOf(const QString &project) const;
    /** Missing required permissions (names) of one row. */
    [[nodiscard]] QStringList missing(int row) const;
    /** What to ask the Jira administrator for, one paragraph per project; empty when nothing is missing. */
    [[nodiscard]] QString adminRequest(const QString &account) const;
    /** The grid and the request as plain text for a support ticket. */
    [[nodiscard]] QString report(const QString &server, const QString &account) const;
    [[nodiscard]] static QString cellText(Cell cell);

private:
    struct Row
    {
        QString project;
        bool readonly = false;
        bool loaded = false;
        QString error;
        QHash<QString, bool> granted;
    };

    [[nodiscard]] Cell cellOf(const Row &row, const Permission &permission) const;

    QList<Row> m_rows;
    QList<Permission> m_permissions;
    StatusColors m_colors;
};

} // namespace tbds::ui
