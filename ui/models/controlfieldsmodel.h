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
 *
 * Next to them, the values TestBench sends for each field (typed in by the admin, kept in
 * QSettings per Jira server, project and field): the service's `/correct` drops every defect whose
 * value is not exactly, case-sensitively one of the allowed ones, so each such value is marked,
 * with a hint when it is only a letter-case, spacing or Unicode-form slip of an allowed value.
 */
class ControlFieldsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlFieldsModel)

public:
    enum Column { FieldColumn, SourceColumn, CountColumn, ValuesColumn, TestBenchColumn, CheckColumn, ColumnCount };
    enum class State { Known, Unknown, NoValues, Configured };
    enum Role {
        StateRole = Qt::UserRole + 1,
        ValuesRole,
        TestBenchValuesRole, ///< QStringList, what TestBench sends
        RejectedCountRole, ///< int, how many of them would be rejected
    };

    struct Entry
    {
        QString field;  ///< as configured
        QString source; ///< where the values come from, for the admin
        QStringList values;
        State state = State::Known;
    };

    /** What the service would do with one value TestBench sends. */
    enum class Verdict {
        Accepted, ///< exactly one of the allowed values
        Rejected, ///< not one of them: /correct drops the defect
        Unchecked, ///< no list to check against (field unknown to Jira, or free text)
    };
    struct ValueCheck
    {
        QString value;
        Verdict verdict = Verdict::Unchecked;
        QString suggestion; ///< for a rejected value: the allowed value it nearly is
        QString difference; ///< how it differs from the suggestion, for the admin
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
    /** Sets the rows; their TestBench values are read from the settings of the current scope. */
    void setEntries(const QList<Entry> &entries);
    [[nodiscard]] const QList<Entry> &entries() const { return m_entries; }
    [[nodiscard]] int rowOf(const QString &field) const;

    /**
     * Where TestBench values are kept: per Jira server URL (or "jsonl") and project. An empty
     * server keeps them in memory only.
     */
    void setScope(const QString &server, const QString &project);
    /**
     * Sets what TestBench sends for a row's field and keeps it in the settings. Empty and
     * whitespace-only entries are dropped and duplicates kept once; everything else stays exactly
     * as given, since stray spaces are one reason Jira rejects a value.
     */
    void setTestBenchValues(int row, const QStringList &values);
    /** What TestBench sends for a row's field, cleaned up as above. */
    [[nodiscard]] QStringList testBenchValues(int row) const;
    /** One value per line (CR LF or LF), as the editor holds them, cleaned up as above. */
    [[nodiscard]] static QStringList parseValues(const QString &text);
    [[nodiscard]] QList<ValueCheck> checks(int row) const;
    [[nodiscard]] int rejectedCount(int row) const;
    /** "2 of 7 values would be rejected", "all 5 values accepted", "not checked: …". */
    [[nodiscard]] QString summary(int row) const;
    /** One line per TestBench value with its verdict and hint. */
    [[nodiscard]] QString checkText(int row) const;
    /** Every row with allowed values and TestBench verdicts, as plain text for a ticket. */
    [[nodiscard]] QString report(const QString &server, const QString &project) const;
    /** `value` against `allowed`, compared exactly (case-sensitive), as the service does. */
    [[nodiscard]] static ValueCheck check(const QString &value, const QStringList &allowed);
    /** The QSettings key of a field's TestBench values. */
    [[nodiscard]] static QString settingsKey(const QString &server, const QString &project, const QString &field);

    /** Matches configured names against Jira: the three built-ins, then field ids, then names. */
    [[nodiscard]] static QList<Entry> resolve(const QStringList &configured, const JiraMeta &meta);
    /** JSONL: the configured lists as they are. */
    [[nodiscard]] static QList<Entry> fromJsonl(const QMap<QString, QStringList> &configured);
    [[nodiscard]] static QString stateText(State state);

private:
    QList<Entry> m_entries;
    StatusColors m_colors;
    QList<QStringList> m_testBench; ///< per row of m_entries
    QString m_server;
    QString m_project;
};

} // namespace tbds::ui
