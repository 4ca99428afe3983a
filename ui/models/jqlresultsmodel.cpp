// SPDX-License-Identifier: Apache-2.0
#include "ui/models/jqlresultsmodel.h"

#include "core/defects/datetime.h"
#include "core/defects/defect.h"
#include "core/defects/jsonwriter.h"
#include "core/jira/jqlsearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace tbds::ui {

namespace {

QJsonObject fieldsOf(const QJsonObject &issue)
{
    return issue.value(QLatin1String("fields")).toObject();
}

QString nameOf(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    for (const char *key : {"name", "displayName", "value", "key"}) {
        const QJsonValue v = object.value(QLatin1String(key));
        if (v.isString())
            return v.toString();
    }
    return {};
}

defects::DateTime updatedOf(const QJsonObject &fields)
{
    const auto parsed = defects::DateTime::parse(fields.value(QLatin1String("updated")));
    return parsed ? *parsed : defects::DateTime();
}

// zlib's fastest level: it gets nearly all of the size win on issue JSON (about 3.5x on the
// simulator's issues) at a fraction of the time of the default level; a page is compressed on
// the GUI thread as it arrives.
constexpr int CompressionLevel = 1;

// Repeated values beyond this many distinct texts are kept as they come, so a column of unique
// texts (a free-text UDF) cannot grow the pool without bound.
constexpr qsizetype MaxInternedStrings = 4096;

// Builders leave spare capacity (qCompress keeps its worst-case buffer); rows live long.
template<typename T> T squeezed(T value)
{
    value.squeeze();
    return value;
}

} // namespace

JqlResultsModel::JqlResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

JqlResultsModel::~JqlResultsModel() = default;

int JqlResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JqlResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstUdfColumn + int(m_udfs.size());
}

QString JqlResultsModel::renderValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Object:
        return nameOf(value);
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &item : value.toArray())
            parts << renderValue(item);
        return parts.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QString JqlResultsModel::intern(const QString &value)
{
    if (value.isEmpty())
        return {};
    const auto it = m_strings.constFind(value);
    if (it != m_strings.constEnd())
        return *it;
    if (m_strings.size() < MaxInternedStrings)
        m_strings.insert(squeezed(value));
    return value;
}

JqlResultsModel::Row JqlResultsModel::makeRow(const QJsonObject &issue)
{
    const QJsonObject fields = fieldsOf(issue);
    Row row;
    row.key = squeezed(issue.value(QLatin1String("key")).toString());
    row.title = squeezed(fields.value(QLatin1String("summary")).toString());
    row.status = intern(nameOf(fields.value(QLatin1String("status"))));
    row.priority = intern(nameOf(fields.value(QLatin1String("priority"))));
    row.classification = intern(nameOf(fields.value(QLatin1String("issuetype"))));
    const QJsonObject reporter = fields.value(QLatin1String("reporter")).toObject();
    const QString name = reporter.value(QLatin1String("displayName")).toString();
    row.reporter = intern(name.isEmpty() ? reporter.value(QLatin1String("name")).toString() : name);
    const defects::DateTime updated = updatedOf(fields);
    row.lastEdited
        = squeezed(updated.isValid() ? updated.toString() : fields.value(QLatin1String("updated")).toString());
    row.lastEditedSort = updated.isValid() ? updated.toUnixMicroseconds() : 0;
    row.udfs.reserve(m_udfs.size());
    for (const UdfField &udf : std::as_const(m_udfs))
        row.udfs.append(intern(renderValue(fields.value(udf.id))));
    row.issue = squeezed(qCompress(QJsonDocument(issue).toJson(QJsonDocument::Compact), CompressionLevel));
    return row;
}

QByteArray JqlResultsModel::rawJson(int row) const
{
    return qUncompress(m_rows.at(row).issue);
}

QJsonObject JqlResultsModel::issue(int row) const
{
    return QJsonDocument::fromJson(rawJson(row)).object();
}

QString JqlResultsModel::text(int row, int column) const
{
    const Row &r = m_rows.at(row);
    switch (column) {
    case IdColumn:
        return r.key;
    case TitleColumn:
        return r.title;
    case StatusColumn:
        return r.status;
    case PriorityColumn:
        return r.priority;
    case ClassificationColumn:
        return r.classification;
    case ReporterColumn:
        return r.reporter;
    case LastEditedColumn:
        return r.lastEdited;
    default:
        break;
    }
    const int udf = column - FirstUdfColumn;
    return udf >= 0 && udf < r.udfs.size() ? r.udfs.at(udf) : QString();
}

QVariant JqlResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return text(index.row(), index.column());
    case RawJsonRole:
        return QString::fromUtf8(QJsonDocument(issue(index.row())).toJson(QJsonDocument::Indented));
    case DefectJsonRole:
        return QString::fromUtf8(indentJson(defectJson(index.row())));
    case IssueKeyRole:
        return text(index.row(), IdColumn);
    case SortRole:
        if (index.column() == IdColumn) {
            // "BULK-9" before "BULK-10": pad the number.
            const QString key = text(index.row(), IdColumn);
            const int dash = key.lastIndexOf(QLatin1Char('-'));
            return key.left(dash + 1) + key.mid(dash + 1).rightJustified(12, QLatin1Char('0'));
        }
        if (index.column() == LastEditedColumn)
            return QVariant(m_rows.at(index.row()).lastEditedSort);
        return text(index.row(), index.column());
    }
    return {};
}

QVariant JqlResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn:
            return tr("id: the Jira issue key");
        case TitleColumn:
            return tr("title: from the summary");
        case StatusColumn:
            return tr("status: the workflow status");
        case PriorityColumn:
            return tr("priority");
        case ClassificationColumn:
            return tr("classification: from the issue type");
        case ReporterColumn:
            return tr("reporter: the reporter's display name");
        case LastEditedColumn:
            return tr("lastEdited: from updated");
        default:
            return tr("User-defined field from Jira field %1").arg(m_udfs.at(section - FirstUdfColumn).id);
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    // The wire names: this is what TestBench receives.
    switch (section) {
    case IdColumn:
        return QStringLiteral("id");
    case TitleColumn:
        return QStringLiteral("title");
    case StatusColumn:
        return QStringLiteral("status");
    case PriorityColumn:
        return QStringLiteral("priority");
    case ClassificationColumn:
        return QStringLiteral("classification");
    case ReporterColumn:
        return QStringLiteral("reporter");
    case LastEditedColumn:
        return QStringLiteral("lastEdited");
    default:
        return m_udfs.at(section - FirstUdfColumn).name;
    }
}

bool JqlResultsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_search && m_search->canFetchMore();
}

void JqlResultsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_search->fetchMore();
}

void JqlResultsModel::reset(const QList<UdfField> &udfFields)
{
    cancel();
    beginResetModel();
    m_rows.clear();
    m_strings.clear();
    m_udfs = udfFields;
    m_total = -1;
    endResetModel();
    Q_EMIT countChanged(0);
}

void JqlResultsModel::setSearch(jira::JqlSearch *search)
{
    if (m_search)
        m_search->disconnect(this);
    m_search = search;
    if (!search)
        return;
    connect(search, &jira::JqlSearch::pageReady, this, [this](const QList<QJsonObject> &issues, int) {
        if (m_search)
            m_total = m_search->total();
        appendIssues(issues);
    });
    connect(search, &jira::JqlSearch::finished, this, [this] {
        m_search = nullptr;
        Q_EMIT runningChanged(false);
        Q_EMIT finished();
    });
    connect(search, &jira::JqlSearch::failed, this, [this](const jira::JiraError &error) {
        m_search = nullptr;
        Q_EMIT runningChanged(false);
        Q_EMIT failed(error);
    });
    Q_EMIT runningChanged(true);
}

bool JqlResultsModel::isRunning() const
{
    return m_search && !m_search->isFinished();
}

void JqlResultsModel::cancel()
{
    if (m_search && !m_search->isFinished())
        m_search->cancel(); // leads to failed(Cancelled), which forgets the search
}

void JqlResultsModel::appendIssues(const QList<QJsonObject> &issues)
{
    if (issues.isEmpty())
        return;
    QList<Row> rows;
    rows.reserve(issues.size());
    for (const QJsonObject &issue : issues)
        rows.append(makeRow(issue));
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.append(std::move(rows));
    endInsertRows();
    Q_EMIT countChanged(int(m_rows.size()));
}

QByteArray JqlResultsModel::defectJson(int row) const
{
    const QJsonObject fields = fieldsOf(issue(row));
    defects::DefectWithID defect;
    defect.id = text(row, IdColumn);
    defect.title = text(row, TitleColumn);
    const QJsonValue description = fields.value(QLatin1String("description"));
    if (description.isString())
        defect.description = description.toString();
    else
        defect.description = std::nullopt; // ADF (Cloud) or none: the service converts ADF to text
    defect.reporter = text(row, ReporterColumn);
    defect.status = text(row, StatusColumn);
    defect.priority = text(row, PriorityColumn);
    defect.classification = text(row, ClassificationColumn);
    defect.lastEdited = updatedOf(fields);
    QList<defects::UserDefinedFieldProperties> udfs;
    for (int i = 0; i < m_udfs.size(); ++i) {
        defects::UserDefinedFieldProperties udf;
        udf.name = m_udfs.at(i).name;
        const QJsonValue value = fields.value(m_udfs.at(i).id);
        if (!value.isNull() && !value.isUndefined())
            udf.value = renderValue(value);
        udfs.append(udf);
    }
    defect.userDefinedFields = udfs;
    return defects::toJson(defect);
}

QByteArray JqlResultsModel::indentJson(const QByteArray &compact)
{
    QByteArray out;
    int depth = 0;
    bool inString = false;
    auto newline = [&out, &depth] {
        out += '\n';
        out += QByteArray(depth * 2, ' ');
    };
    for (int i = 0; i < compact.size(); ++i) {
        const char c = compact.at(i);
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < compact.size())
                out += compact.at(++i);
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[':
            out += c;
            // Keep empty containers on one line.
            if (i + 1 < compact.size() && (compact.at(i + 1) == '}' || compact.at(i + 1) == ']')) {
                out += compact.at(++i);
                break;
            }
            ++depth;
            newline();
            break;
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray JqlResultsModel::toCsv() const
{
    auto field = [](const QString &value) {
        QString v = value;
        if (v.contains(QLatin1Char('"')) || v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('\n'))
            || v.contains(QLatin1Char('\r'))) {
            v.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            v = QLatin1Char('"') + v + QLatin1Char('"');
        }
        return v;
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < columnCount(); ++c)
        header << field(headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    lines << header.join(QLatin1Char(','));
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c)
            cells << field(text(r, c));
        lines << cells.join(QLatin1Char(','));
    }
    return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

} // namespace tbds::ui
