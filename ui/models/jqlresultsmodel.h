// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiraerror.h"
#include "core/jira/jqlsearch.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace tbds::ui {

/**
 * The issues of a JQL preview, shown as what TestBench will receive: id, title, status,
 * priority, classification, reporter, lastEdited and the user-defined fields. Pages arrive from
 * a jira::JqlSearch with auto-fetch off, so the view pulls the next page through
 * canFetchMore()/fetchMore() only when the user scrolls near the end (or asks for all), which
 * keeps the event loop free and the memory bounded by what was looked at.
 *
 * A preview can hold 10 000+ issues, and a parsed QJsonObject costs several times its JSON text,
 * so each row keeps only what the columns show and sort by, plus the issue as compressed compact
 * JSON; the raw and mapped JSON are rebuilt from it when a row is looked at.
 */
class JqlResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JqlResultsModel)

public:
    enum Column {
        IdColumn,
        TitleColumn,
        StatusColumn,
        PriorityColumn,
        ClassificationColumn,
        ReporterColumn,
        LastEditedColumn,
        FirstUdfColumn
    };
    enum Role {
        RawJsonRole = Qt::UserRole + 1, ///< the issue as Jira sent it, indented JSON text
        DefectJsonRole, ///< the mapped defect as JSON text
        SortRole, ///< natural order for keys, instants for dates
        IssueKeyRole,
    };
    /** A user-defined field column: Jira field id and the name TestBench shows. */
    struct UdfField
    {
        QString id;
        QString name;
    };

    explicit JqlResultsModel(QObject *parent = nullptr);
    ~JqlResultsModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /** Removes all rows and sets the UDF columns (fields beyond the standard defect fields). */
    void reset(const QList<UdfField> &udfFields = {});
    [[nodiscard]] const QList<UdfField> &udfFields() const { return m_udfs; }
    /**
     * Streams `search` into the model (rows are kept from earlier calls to appendIssues only if
     * reset() was not called). The model does not own the search; it forgets it when it ends.
     */
    void setSearch(jira::JqlSearch *search);
    [[nodiscard]] jira::JqlSearch *search() const { return m_search; }
    void cancel();
    [[nodiscard]] bool isRunning() const;
    /** Adds issues (objects with `key` and `fields`), as a page of a search does. */
    void appendIssues(const QList<QJsonObject> &issues);

    /** The issue of one row as Jira sent it (parsed again on every call). */
    [[nodiscard]] QJsonObject issue(int row) const;
    /** The issue of one row as compact JSON text (QJsonDocument::Compact). */
    [[nodiscard]] QByteArray rawJson(int row) const;
    /** The mapped defect of one row, as the JSON the service would send (key order kept). */
    [[nodiscard]] QByteArray defectJson(int row) const;
    /** The shown columns as CSV (RFC 4180, CRLF line ends, UTF-8). */
    [[nodiscard]] QByteArray toCsv() const;
    /** Jira's total when it reports one (Data Center), else -1. */
    [[nodiscard]] int total() const { return m_total; }

    /** A Jira field value as text: names of objects, arrays joined by ", ". */
    [[nodiscard]] static QString renderValue(const QJsonValue &value);
    /** Compact JSON text re-indented without reordering keys (QJsonDocument would sort them). */
    [[nodiscard]] static QByteArray indentJson(const QByteArray &compact);

Q_SIGNALS:
    void countChanged(int count);
    void runningChanged(bool running);
    void finished();
    void failed(const tbds::jira::JiraError &error);

private:
    /** One issue, compact: the shown values, and the whole issue for the on-demand JSON. */
    struct Row
    {
        QString key;
        QString title;
        QString status;
        QString priority;
        QString classification;
        QString reporter;
        QString lastEdited;
        qint64 lastEditedSort = 0; ///< microseconds since the epoch, 0 when Jira's value is no instant
        QStringList udfs;
        QByteArray issue; ///< qCompress()ed compact JSON
    };

    [[nodiscard]] Row makeRow(const QJsonObject &issue);
    [[nodiscard]] QString intern(const QString &value);
    [[nodiscard]] QString text(int row, int column) const;

    QList<Row> m_rows;
    /** Status, priority, type, reporter and UDF texts repeat across rows: share one copy each. */
    QSet<QString> m_strings;
    QList<UdfField> m_udfs;
    QPointer<jira::JqlSearch> m_search;
    int m_total = -1;
};

} // namespace tbds::ui
