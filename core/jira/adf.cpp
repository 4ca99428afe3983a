// SPDX-License-Identifier: Apache-2.0
#include "core/jira/adf.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

namespace tbds::jira {

namespace {

QJsonObject node(const char *type)
{
    return QJsonObject{{QStringLiteral("type"), QLatin1String(type)}};
}

QJsonObject node(const char *type, const QJsonArray &content)
{
    QJsonObject n = node(type);
    n.insert(QStringLiteral("content"), content);
    return n;
}

/** Inline content of one paragraph: text nodes joined by hardBreaks, no empty text nodes. */
QJsonArray inlineContent(const QStringList &lines)
{
    QJsonArray content;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            content.append(node("hardBreak"));
        if (!lines.at(i).isEmpty()) {
            QJsonObject text = node("text");
            text.insert(QStringLiteral("text"), lines.at(i));
            content.append(text);
        }
    }
    return content;
}

QJsonObject paragraph(const QStringList &lines)
{
    const QJsonArray content = inlineContent(lines);
    return content.isEmpty() ? node("paragraph") : node("paragraph", content);
}

const QRegularExpression &bulletItem()
{
    static const QRegularExpression re(QStringLiteral("^[-*] (.*)$"));
    return re;
}

const QRegularExpression &orderedItem()
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,9})\\. (.*)$"));
    return re;
}

bool allMatch(const QStringList &lines, const QRegularExpression &re)
{
    for (const QString &line : lines) {
        if (!re.match(line).hasMatch())
            return false;
    }
    return true;
}

QJsonObject list(const QStringList &lines, bool ordered)
{
    const QRegularExpression &re = ordered ? orderedItem() : bulletItem();
    QJsonArray items;
    for (const QString &line : lines) {
        const QRegularExpressionMatch m = re.match(line);
        const QString text = m.captured(ordered ? 2 : 1);
        items.append(node("listItem", QJsonArray{paragraph({text})}));
    }
    QJsonObject l = node(ordered ? "orderedList" : "bulletList", items);
    if (ordered) {
        const int first = orderedItem().match(lines.first()).captured(1).toInt();
        if (first != 1)
            l.insert(QStringLiteral("attrs"), QJsonObject{{QStringLiteral("order"), first}});
    }
    return l;
}

class Flattener
{
public:
    QString blocks(const QJsonArray &content)
    {
        QStringList out;
        for (const QJsonValue &child : content) {
            const QString text = block(child.toObject());
            if (!text.isNull())
                out.append(text);
        }
        return out.join(QStringLiteral("\n\n"));
    }

private:
    static QString type(const QJsonObject &n) { return n.value(QLatin1String("type")).toString(); }
    static QJsonObject attrs(const QJsonObject &n) { return n.value(QLatin1String("attrs")).toObject(); }
    static QJsonArray content(const QJsonObject &n) { return n.value(QLatin1String("content")).toArray(); }

    /** A block node as text (may span lines); null for nodes that render to nothing. */
    QString block(const QJsonObject &n)
    {
        const QString t = type(n);
        if (t == QLatin1String("paragraph") || t == QLatin1String("heading"))
            return inlines(content(n));
        if (t == QLatin1String("bulletList") || t == QLatin1String("orderedList"))
            return listText(n, t == QLatin1String("orderedList"));
        if (t == QLatin1String("codeBlock"))
            return inlines(content(n));
        if (t == QLatin1String("rule"))
            return QStringLiteral("---");
        if (t == QLatin1String("blockquote") || t == QLatin1String("panel") || t == QLatin1String("expand")
            || t == QLatin1String("nestedExpand") || t == QLatin1String("layoutSection")
            || t == QLatin1String("layoutColumn"))
            return blocks(content(n));
        if (t == QLatin1String("table"))
            return table(n);
        if (t == QLatin1String("mediaSingle") || t == QLatin1String("mediaGroup") || t == QLatin1String("media"))
            return QStringLiteral("[attachment]");
        if (t == QLatin1String("blockCard") || t == QLatin1String("embedCard"))
            return attrs(n).value(QLatin1String("url")).toString();
        // Inline content at block level, or an unknown block: render what it contains.
        if (content(n).isEmpty())
            return inlineNode(n);
        return isInlineContent(content(n)) ? inlines(content(n)) : blocks(content(n));
    }

    static bool isInlineContent(const QJsonArray &content)
    {
        for (const QJsonValue &child : content) {
            const QString t = type(child.toObject());
            if (t == QLatin1String("text") || t == QLatin1String("hardBreak") || t == QLatin1String("mention")
                || t == QLatin1String("emoji") || t == QLatin1String("inlineCard"))
                return true;
        }
        return false;
    }

    QString listText(const QJsonObject &n, bool ordered)
    {
        int number = ordered ? attrs(n).value(QLatin1String("order")).toInt(1) : 0;
        QStringList lines;
        for (const QJsonValue &item : content(n)) {
            const QString prefix = ordered ? QString::number(number++) + QStringLiteral(". ") : QStringLiteral("- ");
            // Items hold paragraphs and nested lists; continuation lines are indented under the bullet.
            QStringList parts;
            for (const QJsonValue &child : content(item.toObject())) {
                const QString text = block(child.toObject());
                if (!text.isNull())
                    parts.append(text);
            }
            QStringList itemLines = parts.join(QLatin1Char('\n')).split(QLatin1Char('\n'));
            lines.append(prefix + itemLines.takeFirst());
            for (const QString &more : itemLines)
                lines.append(QStringLiteral("  ") + more);
        }
        return lines.join(QLatin1Char('\n'));
    }

    QString table(const QJsonObject &n)
    {
        QStringList rows;
        for (const QJsonValue &row : content(n)) {
            QStringList cells;
            for (const QJsonValue &cell : content(row.toObject()))
                cells.append(blocks(content(cell.toObject())).replace(QLatin1Char('\n'), QLatin1Char(' ')));
            rows.append(cells.join(QLatin1Char('\t')));
        }
        return rows.join(QLatin1Char('\n'));
    }

    QString inlines(const QJsonArray &content)
    {
        QString out;
        for (const QJsonValue &child : content)
            out += inlineNode(child.toObject());
        return out;
    }

    QString inlineNode(const QJsonObject &n)
    {
        const QString t = type(n);
        const QJsonObject a = attrs(n);
        if (t == QLatin1String("text"))
            return n.value(QLatin1String("text")).toString();
        if (t == QLatin1String("hardBreak"))
            return QStringLiteral("\n");
        if (t == QLatin1String("mention")) {
            QString text = a.value(QLatin1String("text")).toString();
            if (text.isEmpty())
                text = a.value(QLatin1String("id")).toString();
            return text.startsWith(QLatin1Char('@')) ? text : QStringLiteral("@") + text;
        }
        if (t == QLatin1String("emoji")) {
            const QString text = a.value(QLatin1String("text")).toString();
            return text.isEmpty() ? a.value(QLatin1String("shortName")).toString() : text;
        }
        if (t == QLatin1String("inlineCard"))
            return a.value(QLatin1String("url")).toString();
        if (t == QLatin1String("status"))
            return a.value(QLatin1String("text")).toString();
        if (t == QLatin1String("date")) {
            bool ok = false;
            const qint64 ms = a.value(QLatin1String("timestamp")).toVariant().toString().toLongLong(&ok);
            return ok ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate) : QString();
        }
        return inlines(content(n));
    }
};

} // namespace

QJsonObject Adf::fromPlainText(const QString &text)
{
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QJsonArray blocks;
    QStringList current;
    auto flush = [&] {
        if (current.isEmpty())
            return;
        if (allMatch(current, bulletItem()))
            blocks.append(list(current, false));
        else if (allMatch(current, orderedItem()))
            blocks.append(list(current, true));
        else
            blocks.append(paragraph(current));
        current.clear();
    };
    for (const QString &line : normalized.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty())
            flush();
        else
            current.append(line);
    }
    flush();
    if (blocks.isEmpty())
        blocks.append(node("paragraph")); // an empty doc's validity is unconfirmed; an empty paragraph is valid
    QJsonObject doc = node("doc", blocks);
    doc.insert(QStringLiteral("version"), 1);
    return doc;
}

QString Adf::toPlainText(const QJsonValue &document)
{
    if (document.isString())
        return document.toString(); // v2 / Data Center already deliver text
    const QJsonObject doc = document.toObject();
    QString text = Flattener().blocks(doc.value(QLatin1String("content")).toArray());
    while (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

bool Adf::isDocument(const QJsonValue &value)
{
    return value.isObject() && value.toObject().value(QLatin1String("type")).toString() == QLatin1String("doc");
}

} // namespace tbds::jira
