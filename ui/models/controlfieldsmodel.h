// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/statuscolors.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace tbds::ui {

/**
 * A project's effective control fields with the values TestBench may offer for each: for Jira
 * what Jira allows (status from the project's workflows, priority from the global priorities,
 * classification from the project's issue types, other fields from the create metadata's
 * allowedValues); for JSONL the configured lists. A configured field Jira does not know is a row
 * of its own, marked, because the service silently returns nothing for it.
 */
class ControlFieldsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlFieldsModel)

public:
    enum Column { FieldColumn, SourceColumn, CountColumn, ValuesColumn, ColumnCount };
    enum class State { Known, Unknown, NoValues, Configured };
    enum Role { StateRole = Qt::UserRole + 1, ValuesRole };

    struct Entry
    {
        QString field;  ///< as configured
        QString source; ///< where the values come from, for the admin
        QStringList values;
        State state = State::Known;
    };

    /** What Jira says about one project. */
    struct JiraMeta
    {
        QStringList statuses;
        QStringList priorities;
        QStringList issueTypes;
        /** createmeta field objects (fieldId, name, allowedValues) of all issue types. */
        QList<QJsonObject> fields;
    };

    explicit ControlFieldsModel(QObject *parent = nullptr);
    ~ControlFieldsModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /**
     * The palette of the view that shows the model (its Base is the background the state colours
     * must read on); emits dataChanged for Qt::ForegroundRole. Until then: the application's.
     */
    void setPalette(const QPalette &palette);
    void setEntries(const QList<Entry> &entries);
    [[nodiscard]] const QList<Entry> &entries() const { return m_entries; }
    [[nodiscard]] int rowOf(const QString &field) const;

    /** Matches configured names against Jira: the three built-ins, then field ids, then names. */
    [[nodiscard]] static QList<Entry> resolve(const QStringList &configured, const JiraMeta &meta);
    /** JSONL: the configured lists as they are. */
    [[nodiscard]] static QList<Entry> fromJsonl(const QMap<QString, QStringList> &configured);
    [[nodiscard]] static QString stateText(State state);

private:
    QList<Entry> m_entries;
    StatusColors m_colors;
};

} // namespace tbds::ui
