// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/adf.h"

#include <QJsonArray>
#include <QSet>
#include <QStringList>

namespace tbds::fakejira {

namespace {

QString type(const QJsonObject &node)
{
    return node.value(QLatin1String("type")).toString();
}

QString attr(const QJsonObject &node, const char *name)
{
    return node.value(QLatin1String("attrs")).toObject().value(QLatin1String(name)).toVariant().toString();
}

void flatten(const QJsonObject &node, QString &out, int depth);

void flattenChildren(const QJsonObject &node, QString &out, int depth)
{
    const QJsonArray children = node.value(QLatin1String("content")).toArray();
    for (const QJsonValue &child : children)
        flatten(child.toObject(), out, depth);
}

void flattenList(const QJsonObject &list, QString &out, int depth, bool ordered)
{
    const QJsonArray items = list.value(QLatin1String("content")).toArray();
    int n = list.value(QLatin1String("attrs")).toObject().value(QLatin1String("order")).toInt(1);
    for (const QJsonValue &item : items) {
        out += QString(depth * 2, QLatin1Char(' '));
        out += ordered ? QString::number(n++) + QStringLiteral(". ") : QStringLiteral("- ");
        QString inner;
        flattenChildren(item.toObject(), inner, depth + 1);
        while (inner.endsWith(QLatin1Char('\n')))
            inner.chop(1);
        out += inner + QLatin1Char('\n');
    }
}

void flatten(const QJsonObject &node, QString &out, int depth)
{
    const QString t = type(node);
    if (t == QLatin1String("text")) {
        out += node.value(QLatin1String("text")).toString();
    } else if (t == QLatin1String("hardBreak")) {
        out += QLatin1Char('\n');
    } else if (t == QLatin1String("mention") || t == QLatin1String("status")) {
        out += attr(node, "text");
    } else if (t == QLatin1String("emoji")) {
        const QString text = attr(node, "text");
        out += text.isEmpty() ? attr(node, "shortName") : text;
    } else if (t == QLatin1String("inlineCard") || t == QLatin1String("blockCard")) {
        out += attr(node, "url");
    } else if (t == QLatin1String("date")) {
        out += attr(node, "timestamp");
    } else if (t == QLatin1String("rule")) {
        out += QStringLiteral("---\n");
    } else if (t == QLatin1String("bulletList") || t == QLatin1String("orderedList")) {
        flattenList(node, out, depth, t == QLatin1String("orderedList"));
    } else if (t == QLatin1String("media") || t == QLatin1String("mediaSingle") || t == QLatin1String("mediaGroup")) {
        // attachments are listed separately; nothing to read here
    } else if (t == QLatin1String("tableRow")) {
        const QJsonArray cells = node.value(QLatin1String("content")).toArray();
        QStringList texts;
        for (const QJsonValue &cell : cells) {
            QString c;
            flattenChildren(cell.toObject(), c, depth);
            texts.append(c.trimmed());
        }
        out += texts.join(QLatin1Char('\t')) + QLatin1Char('\n');
    } else {
        static const QSet<QString> blocks = { QStringLiteral("paragraph"), QStringLiteral("heading"),
                                              QStringLiteral("blockquote"), QStringLiteral("codeBlock"),
                                              QStringLiteral("listItem"), QStringLiteral("panel") };
        flattenChildren(node, out, depth);
        if (blocks.contains(t))
            out += QLatin1Char('\n');
    }
}

QString validateNode(const QJsonValue &value, const QString &path)
{
    static const QSet<QString> known = {
        QStringLiteral("paragraph"), QStringLiteral("text"), QStringLiteral("hardBreak"), QStringLiteral("heading"),
        QStringLiteral("bulletList"), QStringLiteral("orderedList"), QStringLiteral("listItem"),
        QStringLiteral("blockquote"), QStringLiteral("codeBlock"), QStringLiteral("rule"), QStringLiteral("panel"),
        QStringLiteral("mention"), QStringLiteral("emoji"), QStringLiteral("inlineCard"), QStringLiteral("blockCard"),
        QStringLiteral("status"), QStringLiteral("date"), QStringLiteral("table"), QStringLiteral("tableRow"),
        QStringLiteral("tableCell"), QStringLiteral("tableHeader"), QStringLiteral("media"),
        QStringLiteral("mediaSingle"), QStringLiteral("mediaGroup"),
    };
    if (!value.isObject())
        return QStringLiteral("%1 is not a node object").arg(path);
    const QJsonObject node = value.toObject();
    const QString t = type(node);
    if (!known.contains(t))
        return QStringLiteral("%1 has an unknown node type '%2'").arg(path, t);
    if (t == QLatin1String("text")) {
        const QJsonValue text = node.value(QLatin1String("text"));
        if (!text.isString() || text.toString().isEmpty())
            return QStringLiteral("%1: text nodes need a non-empty 'text'").arg(path);
    }
    if (node.contains(QLatin1String("content"))) {
        if (!node.value(QLatin1String("content")).isArray())
            return QStringLiteral("%1: 'content' must be an array").arg(path);
        const QJsonArray children = node.value(QLatin1String("content")).toArray();
        for (qsizetype i = 0; i < children.size(); ++i) {
            const QString problem = validateNode(children.at(i), path + QStringLiteral(".content[%1]").arg(i));
            if (!problem.isEmpty())
                return problem;
        }
    }
    return {};
}

} // namespace

QJsonObject Adf::fromText(const QString &text)
{
    QJsonArray paragraphs;
    const QStringList blocks = text.split(QStringLiteral("\n\n"));
    for (const QString &block : blocks) {
        QJsonArray inline_;
        const QStringList lines = block.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                inline_.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("hardBreak") } });
            // ADF forbids empty text nodes, so empty lines contribute only their break.
            if (!lines.at(i).isEmpty())
                inline_.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                                             { QStringLiteral("text"), lines.at(i) } });
        }
        QJsonObject paragraph { { QStringLiteral("type"), QStringLiteral("paragraph") } };
        if (!inline_.isEmpty())
            paragraph[QStringLiteral("content")] = inline_;
        paragraphs.append(paragraph);
    }
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("doc") },
                         { QStringLiteral("version"), 1 },
                         { QStringLiteral("content"), paragraphs } };
}

QString Adf::toText(const QJsonObject &doc)
{
    QString out;
    flattenChildren(doc, out, 0);
    while (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

QString Adf::validate(const QJsonValue &value)
{
    if (!value.isObject())
        return QStringLiteral("Operation value must be an Atlassian Document (see the Atlassian Document Format)");
    const QJsonObject doc = value.toObject();
    if (type(doc) != QLatin1String("doc"))
        return QStringLiteral("The root node must have type 'doc'");
    if (doc.value(QLatin1String("version")).toInt() != 1)
        return QStringLiteral("The document must have version 1");
    if (!doc.value(QLatin1String("content")).isArray())
        return QStringLiteral("The document needs a 'content' array");
    const QJsonArray children = doc.value(QLatin1String("content")).toArray();
    for (qsizetype i = 0; i < children.size(); ++i) {
        const QString problem = validateNode(children.at(i), QStringLiteral("content[%1]").arg(i));
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

} // namespace tbds::fakejira
