// SPDX-License-Identifier: Apache-2.0
#include "ui/models/controlfieldsmodel.h"

#include <QBrush>
#include <QJsonArray>
#include <QSettings>
#include <QUrl>

namespace tbds::ui {

namespace {

// createmeta field objects: `fieldId` (new endpoints) or `key` (old DC endpoint).
QString fieldIdOf(const QJsonObject &field)
{
    const QString id = field.value(QLatin1String("fieldId")).toString();
    return id.isEmpty() ? field.value(QLatin1String("key")).toString() : id;
}

QString fieldNameOf(const QJsonObject &field)
{
    return field.value(QLatin1String("name")).toString();
}

QStringList allowedNames(const QJsonObject &field)
{
    QStringList names;
    for (const QJsonValue &value : field.value(QLatin1String("allowedValues")).toArray()) {
        const QJsonObject object = value.toObject();
        QString name = object.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            name = object.value(QLatin1String("value")).toString();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

// Whether there is a list the service checks TestBench's values against.
bool checkable(const ControlFieldsModel::Entry &entry)
{
    return (entry.state == ControlFieldsModel::State::Known || entry.state == ControlFieldsModel::State::Configured)
        && !entry.values.isEmpty();
}

// The slips a near-miss hint forgives, applied in this order (Unicode form first, so that a
// no-break space is a space by the time spaces are simplified).
enum Slip { CaseSlip = 1, SpaceSlip = 2, FormSlip = 4 };

QString forgiving(QString text, int slips)
{
    if (slips & FormSlip)
        text = text.normalized(QString::NormalizationForm_KC);
    if (slips & SpaceSlip)
        text = text.simplified();
    if (slips & CaseSlip)
        text = text.toCaseFolded();
    return text;
}

QString quoted(const QString &value)
{
    return QStringLiteral("\u201c%1\u201d").arg(value);
}

} // namespace

ControlFieldsModel::ControlFieldsModel(QObject *parent) : QAbstractTableModel(parent) {}

ControlFieldsModel::~ControlFieldsModel() = default;

int ControlFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ControlFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ControlFieldsModel::stateText(State state)
{
    switch (state) {
    case State::Known:
        return tr("known to Jira");
    case State::Unknown:
        return tr("unknown to Jira");
    case State::NoValues:
        return tr("no fixed values");
    case State::Configured:
        return tr("configured");
    }
    return {};
}

QVariant ControlFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // A verdict with rejected values is drawn through the Unknown state's brush below, so both
    // marks look alike whatever that brush becomes; the text says it too.
    static const Entry rejectedLook { {}, {}, {}, State::Unknown };
    const Entry &entry = role == Qt::ForegroundRole && index.column() == CheckColumn && rejectedCount(index.row()) > 0
        ? rejectedLook
        : m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FieldColumn:
            return entry.field;
        case SourceColumn:
            return entry.source;
        case CountColumn:
            return entry.state == State::Unknown ? QString() : QString::number(entry.values.size());
        case ValuesColumn:
            // Said in words too: the colour alone would not tell everybody.
            return entry.state == State::NoValues ? stateText(State::NoValues)
                                                  : entry.values.join(QStringLiteral(", "));
        case TestBenchColumn: {
            QStringList marked;
            for (const ValueCheck &check : checks(index.row())) {
                const QString mark = check.verdict == Verdict::Accepted ? QStringLiteral("\u2714 ")
                    : check.verdict == Verdict::Rejected                ? QStringLiteral("\u2718 ")
                                                                        : QString();
                // Quotes only where they show something: spaces around the value.
                marked << mark + (check.value.trimmed() == check.value ? check.value : quoted(check.value));
            }
            return marked.join(QStringLiteral(", "));
        }
        case CheckColumn:
            return m_testBench.at(index.row()).isEmpty() ? tr("\u2014") : summary(index.row());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TestBenchColumn || index.column() == CheckColumn)
            return m_testBench.at(index.row()).isEmpty()
                ? tr("Select the row and enter the values TestBench sends for %1, one per line.").arg(entry.field)
                : summary(index.row()) + QLatin1Char('\n') + checkText(index.row());
        if (entry.state == State::Unknown)
            return tr("Jira has no field \"%1\" in this project (neither a field id nor a field name on the create "
                      "screen). TestBench gets no values for it: fix the name in control_fields.")
                .arg(entry.field);
        if (entry.state == State::NoValues)
            return tr("Jira knows the field but has no list of allowed values for it; TestBench accepts free text.");
        return entry.values.join(QLatin1Char('\n'));
    case Qt::ForegroundRole:
        if (entry.state == State::Unknown)
            return QBrush(m_colors.color(StatusColors::Status::Error));
        if (entry.state == State::NoValues)
            return QBrush(m_colors.color(StatusColors::Status::Warning));
        return {};
    case Qt::FontRole:
        return {};
    case StateRole:
        return int(entry.state);
    case ValuesRole:
        return entry.values;
    case TestBenchValuesRole:
        return m_testBench.at(index.row());
    case RejectedCountRole:
        return rejectedCount(index.row());
    }
    return {};
}

QVariant ControlFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Control field");
    case SourceColumn:
        return tr("Values from");
    case CountColumn:
        return tr("Count");
    case ValuesColumn:
        return tr("Allowed values");
    case TestBenchColumn:
        return tr("TestBench values");
    case CheckColumn:
        return tr("Would Jira accept them?");
    }
    return {};
}

void ControlFieldsModel::setPalette(const QPalette &palette)
{
    m_colors = StatusColors(palette);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::ForegroundRole });
}

void ControlFieldsModel::setEntries(const QList<Entry> &entries)
{
    beginResetModel();
    m_entries = entries;
    m_testBench.clear();
    const QSettings settings;
    for (const Entry &entry : std::as_const(m_entries))
        m_testBench.append(m_server.isEmpty()
                               ? QStringList()
                               : parseValues(settings.value(settingsKey(m_server, m_project, entry.field))
                                                 .toStringList()
                                                 .join(QLatin1Char('\n'))));
    endResetModel();
}

void ControlFieldsModel::setScope(const QString &server, const QString &project)
{
    m_server = server;
    m_project = project;
}

QString ControlFieldsModel::settingsKey(const QString &server, const QString &project, const QString &field)
{
    // Each part percent-encoded, so URLs and names cannot add or merge key levels; an empty part
    // (a JSONL config's global control fields) becomes "*", which no encoded name can be.
    const auto part = [](const QString &text) {
        return text.isEmpty() ? QStringLiteral("*") : QString::fromLatin1(QUrl::toPercentEncoding(text));
    };
    // "https://jira/" and "https://jira" are one server.
    QString url = server.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return QStringLiteral("controlFields/testBenchValues/%1/%2/%3").arg(part(url), part(project), part(field));
}

QStringList ControlFieldsModel::parseValues(const QString &text)
{
    QStringList values;
    for (QString line : text.split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty() || values.contains(line))
            continue;
        values << line;
    }
    return values;
}

void ControlFieldsModel::setTestBenchValues(int row, const QStringList &values)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const QStringList cleaned = parseValues(values.join(QLatin1Char('\n')));
    if (m_testBench.at(row) == cleaned)
        return;
    m_testBench[row] = cleaned;
    if (!m_server.isEmpty()) {
        QSettings settings;
        const QString key = settingsKey(m_server, m_project, m_entries.at(row).field);
        if (cleaned.isEmpty())
            settings.remove(key);
        else
            settings.setValue(key, cleaned);
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QStringList ControlFieldsModel::testBenchValues(int row) const
{
    return row >= 0 && row < m_testBench.size() ? m_testBench.at(row) : QStringList();
}

ControlFieldsModel::ValueCheck ControlFieldsModel::check(const QString &value, const QStringList &allowed)
{
    ValueCheck result { value, Verdict::Accepted, {}, {} };
    if (allowed.contains(value, Qt::CaseSensitive))
        return result;
    result.verdict = Verdict::Rejected;
    // The fewest slips first: "in progress" is a case slip of "In Progress", not also a spacing one.
    for (int count = 1; count <= 3 && result.suggestion.isEmpty(); ++count) {
        for (int slips = 1; slips <= 7 && result.suggestion.isEmpty(); ++slips) {
            if (int(qPopulationCount(quint32(slips))) != count)
                continue;
            const QString mine = forgiving(value, slips);
            for (const QString &candidate : allowed) {
                if (forgiving(candidate, slips) != mine)
                    continue;
                result.suggestion = candidate;
                QStringList parts;
                if (slips & CaseSlip)
                    parts << tr("letter case");
                if (slips & SpaceSlip)
                    parts << tr("spaces");
                if (slips & FormSlip)
                    parts << tr("Unicode form");
                result.difference = parts.size() == 1 ? parts.first()
                    : parts.size() == 2               ? tr("%1 and %2").arg(parts.at(0), parts.at(1))
                                                      : tr("%1, %2 and %3").arg(parts.at(0), parts.at(1), parts.at(2));
                break;
            }
        }
    }
    return result;
}

QList<ControlFieldsModel::ValueCheck> ControlFieldsModel::checks(int row) const
{
    QList<ValueCheck> result;
    if (row < 0 || row >= m_entries.size())
        return result;
    const Entry &entry = m_entries.at(row);
    const bool checked = checkable(entry);
    for (const QString &value : m_testBench.at(row))
        result << (checked ? check(value, entry.values) : ValueCheck { value, Verdict::Unchecked, {}, {} });
    return result;
}

int ControlFieldsModel::rejectedCount(int row) const
{
    int rejected = 0;
    for (const ValueCheck &check : checks(row))
        rejected += check.verdict == Verdict::Rejected ? 1 : 0;
    return rejected;
}

QString ControlFieldsModel::summary(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return {};
    const Entry &entry = m_entries.at(row);
    const int total = int(m_testBench.at(row).size());
    if (total == 0)
        return tr("no TestBench values entered");
    if (entry.state == State::Unknown)
        return tr("not checked: Jira does not know the field");
    if (!checkable(entry))
        return tr("not checked: no fixed list of allowed values");
    const int rejected = rejectedCount(row);
    if (rejected == 0)
        return tr("\u2714 all %n value(s) accepted", nullptr, total);
    return tr("\u2718 %1 of %n value(s) would be rejected", nullptr, total).arg(rejected);
}

QString ControlFieldsModel::checkText(int row) const
{
    QStringList lines;
    for (const ValueCheck &check : checks(row)) {
        switch (check.verdict) {
        case Verdict::Accepted:
            lines << tr("\u2714 %1: allowed").arg(quoted(check.value));
            break;
        case Verdict::Rejected:
            lines
                << (check.suggestion.isEmpty()
                        ? tr("\u2718 %1: would be rejected, it is none of the allowed values").arg(quoted(check.value))
                        : tr("\u2718 %1: would be rejected. Did you mean %2? (differs only in %3)")
                              .arg(quoted(check.value), quoted(check.suggestion), check.difference));
            break;
        case Verdict::Unchecked:
            lines << tr("\u2013 %1: not checked").arg(quoted(check.value));
            break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString ControlFieldsModel::report(const QString &server, const QString &project) const
{
    QStringList lines;
    lines << tr("Control fields of %1 on %2").arg(project, server);
    int rejected = 0;
    for (int row = 0; row < m_entries.size(); ++row) {
        const Entry &entry = m_entries.at(row);
        lines << QString();
        lines << QStringLiteral("%1 (%2): %3").arg(entry.field, entry.source, stateText(entry.state));
        if (entry.state != State::Unknown)
            lines << QStringLiteral("  ")
                    + tr("Allowed values (%1): %2")
                          .arg(entry.values.size())
                          .arg(entry.values.join(QStringLiteral(", ")));
        lines << QStringLiteral("  ") + tr("TestBench values: %1").arg(summary(row));
        const QString details = checkText(row);
        if (!details.isEmpty())
            lines << QStringLiteral("    ") + details.split(QLatin1Char('\n')).join(QStringLiteral("\n    "));
        rejected += rejectedCount(row);
    }
    lines << QString();
    lines << (rejected == 0 ? tr("No TestBench value would be rejected.")
                            : tr("%n TestBench value(s) would be rejected: /correct drops defects that carry them.",
                                 nullptr, rejected));
    return lines.join(QLatin1Char('\n'));
}

int ControlFieldsModel::rowOf(const QString &field) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).field == field)
            return i;
    return -1;
}

QList<ControlFieldsModel::Entry> ControlFieldsModel::resolve(const QStringList &configured, const JiraMeta &meta)
{
    QList<Entry> entries;
    for (const QString &field : configured) {
        const QString lower = field.toLower();
        if (lower == QLatin1String("status")) {
            entries.append({field, tr("project workflow statuses"), meta.statuses, State::Known});
            continue;
        }
        if (lower == QLatin1String("priority")) {
            entries.append({field, tr("Jira priorities"), meta.priorities, State::Known});
            continue;
        }
        if (lower == QLatin1String("classification")) {
            entries.append({field, tr("project issue types"), meta.issueTypes, State::Known});
            continue;
        }
        // Ids first (exact), then display names (case-insensitive), over all issue types: the
        // service uses the union of the create screens.
        const QJsonObject *match = nullptr;
        for (const QJsonObject &candidate : meta.fields)
            if (fieldIdOf(candidate) == field) {
                match = &candidate;
                break;
            }
        if (!match)
            for (const QJsonObject &candidate : meta.fields)
                if (fieldNameOf(candidate).compare(field, Qt::CaseInsensitive) == 0) {
                    match = &candidate;
                    break;
                }
        if (!match) {
            entries.append({ field, stateText(State::Unknown), {}, State::Unknown });
            continue;
        }
        QStringList values;
        const QString id = fieldIdOf(*match);
        for (const QJsonObject &candidate : meta.fields)
            if (fieldIdOf(candidate) == id)
                for (const QString &value : allowedNames(candidate))
                    if (!values.contains(value))
                        values << value;
        const QString source = tr("create metadata of %1 (%2)").arg(fieldNameOf(*match), id);
        entries.append({field, source, values, values.isEmpty() ? State::NoValues : State::Known});
    }
    return entries;
}

QList<ControlFieldsModel::Entry> ControlFieldsModel::fromJsonl(const QMap<QString, QStringList> &configured)
{
    QList<Entry> entries;
    for (auto it = configured.begin(); it != configured.end(); ++it)
        entries.append({it.key(), tr("config.toml"), it.value(), State::Configured});
    return entries;
}

} // namespace tbds::ui
