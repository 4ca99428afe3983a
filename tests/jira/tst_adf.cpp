// SPDX-License-Identifier: Apache-2.0
#include "core/jira/adf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using tbds::jira::Adf;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

/** Every text node in the tree, to check the schema's "text must be non-empty" rule. */
void collectTextNodes(const QJsonValue &node, QStringList &out)
{
    const QJsonObject o = node.toObject();
    if (o.value(QLatin1String("type")).toString() == QLatin1String("text"))
        out.append(o.value(QLatin1String("text")).toString());
    for (const QJsonValue &child : o.value(QLatin1String("content")).toArray())
        collectTextNodes(child, out);
}

} // namespace

class TstAdf : public QObject
{
    Q_OBJECT

private slots:
    void minimalParagraph();
    void roundTripText_data();
    void roundTripText();
    void lineBreaksBecomeHardBreaks();
    void listsAreRecognised();
    void neverEmitsEmptyTextNodes();
    void flattensRichDocument();
    void orderedListStartsAtOrder();
    void stringsPassThrough();
};

void TstAdf::minimalParagraph()
{
    const QJsonObject doc = Adf::fromPlainText(QStringLiteral("Order entry fails"));
    QCOMPARE(doc, json("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                       "[{\"type\":\"text\",\"text\":\"Order entry fails\"}]}]}"));
    QVERIFY(Adf::isDocument(doc));
}

void TstAdf::roundTripText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("one line") << QStringLiteral("Hello");
    QTest::newRow("line breaks") << QStringLiteral("Step 1\nStep 2\nStep 3");
    QTest::newRow("paragraphs") << QStringLiteral("First paragraph.\n\nSecond paragraph\nwith a break.");
    QTest::newRow("bullets") << QStringLiteral("Steps:\n\n- open\n- click\n- crash");
    QTest::newRow("ordered") << QStringLiteral("1. open\n2. click\n\nExpected: no crash");
    QTest::newRow("unicode") << QStringLiteral("Umlaute äöü – ✓ 漢字");
    QTest::newRow("dash inside paragraph") << QStringLiteral("Result:\n- not a list when mixed\nplain line");
    QTest::newRow("indentation kept") << QStringLiteral("code:\n    indented line");
    QTest::newRow("empty") << QString();
}

void TstAdf::roundTripText()
{
    QFETCH(QString, text);
    QCOMPARE(Adf::toPlainText(Adf::fromPlainText(text)), text);
}

void TstAdf::lineBreaksBecomeHardBreaks()
{
    const QJsonObject doc = Adf::fromPlainText(QStringLiteral("a\r\nb"));
    const QJsonArray inlines =
        doc.value(QLatin1String("content")).toArray().first().toObject().value(QLatin1String("content")).toArray();
    QCOMPARE(inlines.size(), 3);
    QCOMPARE(inlines.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("hardBreak"));
    QCOMPARE(Adf::toPlainText(doc), QStringLiteral("a\nb"));
}

void TstAdf::listsAreRecognised()
{
    const QJsonObject doc = Adf::fromPlainText(QStringLiteral("- a\n* b\n\n1. x\n2. y"));
    const QJsonArray blocks = doc.value(QLatin1String("content")).toArray();
    QCOMPARE(blocks.size(), 2);
    QCOMPARE(blocks.at(0).toObject().value(QLatin1String("type")).toString(), QStringLiteral("bulletList"));
    QCOMPARE(blocks.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("orderedList"));
    QCOMPARE(blocks.at(0).toObject().value(QLatin1String("content")).toArray().size(), 2);
    // "* " normalises to "- " on the way back.
    QCOMPARE(Adf::toPlainText(doc), QStringLiteral("- a\n- b\n\n1. x\n2. y"));
}

void TstAdf::neverEmitsEmptyTextNodes()
{
    for (const QString &text : {QString(), QStringLiteral("\n\n"), QStringLiteral("a\n \nb"), QStringLiteral("x\n")}) {
        QStringList texts;
        collectTextNodes(Adf::fromPlainText(text), texts);
        for (const QString &t : texts)
            QVERIFY2(!t.isEmpty(), qPrintable(text));
    }
    // An empty description is one empty paragraph, which the schema allows.
    const QJsonArray emptyDoc{QJsonObject{{QStringLiteral("type"), QStringLiteral("paragraph")}}};
    QCOMPARE(Adf::fromPlainText(QString()).value(QLatin1String("content")).toArray(), emptyDoc);
}

void TstAdf::flattensRichDocument()
{
    // Shapes as Jira Cloud returns them (contract §7): marks, mention, emoji, inline card, hard
    // break, nested list, heading, rule, code block, table, media.
    const QJsonObject doc = json(
        "{\"type\":\"doc\",\"version\":1,\"content\":["
        "{\"type\":\"heading\",\"attrs\":{\"level\":2},\"content\":[{\"type\":\"text\",\"text\":\"Summary\"}]},"
        "{\"type\":\"paragraph\",\"content\":["
        "{\"type\":\"text\",\"text\":\"Hi \"},"
        "{\"type\":\"mention\",\"attrs\":{\"id\":\"5b10a\",\"text\":\"@Jane Doe\"}},"
        "{\"type\":\"text\",\"text\":\" see \",\"marks\":[{\"type\":\"strong\"}]},"
        "{\"type\":\"inlineCard\",\"attrs\":{\"url\":\"https://x.example/1\"}},"
        "{\"type\":\"hardBreak\"},"
        "{\"type\":\"emoji\",\"attrs\":{\"shortName\":\":smile:\",\"text\":\"😄\"}},"
        "{\"type\":\"mention\",\"attrs\":{\"id\":\"abc\",\"text\":\"Bob\"}}]},"
        "{\"type\":\"bulletList\",\"content\":["
        "{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"one\"}]},"
        "{\"type\":\"bulletList\",\"content\":[{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\","
        "\"content\":[{\"type\":\"text\",\"text\":\"nested\"}]}]}]}]},"
        "{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"two\"}]}]}]},"
        "{\"type\":\"rule\"},"
        "{\"type\":\"codeBlock\",\"content\":[{\"type\":\"text\",\"text\":\"x = 1\"}]},"
        "{\"type\":\"table\",\"content\":[{\"type\":\"tableRow\",\"content\":["
        "{\"type\":\"tableHeader\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"k\"}]}]},"
        "{\"type\":\"tableCell\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"v\"}]}]}]}]},"
        "{\"type\":\"mediaSingle\",\"content\":[{\"type\":\"media\",\"attrs\":{\"id\":\"m1\",\"type\":\"file\"}}]},"
        "{\"type\":\"paragraph\",\"content\":[{\"type\":\"date\",\"attrs\":{\"timestamp\":\"1700000000000\"}},"
        "{\"type\":\"text\",\"text\":\" \"},{\"type\":\"status\",\"attrs\":{\"text\":\"DONE\",\"color\":\"green\"}},"
        "{\"type\":\"unknownInline\",\"content\":[{\"type\":\"text\",\"text\":\" inner\"}]}]}"
        "]}");
    const QString expected = QStringLiteral("Summary\n\n"
                                            "Hi @Jane Doe see https://x.example/1\n😄@Bob\n\n"
                                            "- one\n  - nested\n- two\n\n"
                                            "---\n\n"
                                            "x = 1\n\n"
                                            "k\tv\n\n"
                                            "[attachment]\n\n"
                                            "2023-11-14 DONE inner");
    QCOMPARE(Adf::toPlainText(doc), expected);
}

void TstAdf::orderedListStartsAtOrder()
{
    const QJsonObject doc = Adf::fromPlainText(QStringLiteral("3. c\n4. d"));
    QCOMPARE(doc.value(QLatin1String("content")).toArray().first().toObject().value(QLatin1String("attrs")).toObject()
                 .value(QLatin1String("order")).toInt(),
             3);
    QCOMPARE(Adf::toPlainText(doc), QStringLiteral("3. c\n4. d"));
}

void TstAdf::stringsPassThrough()
{
    // v2 and Data Center deliver wiki-markup strings; they are already text.
    QCOMPARE(Adf::toPlainText(QJsonValue(QStringLiteral("*bold* text"))), QStringLiteral("*bold* text"));
    QCOMPARE(Adf::toPlainText(QJsonValue()), QString());
    QVERIFY(!Adf::isDocument(QJsonValue(QStringLiteral("doc"))));
}

QTEST_GUILESS_MAIN(TstAdf)
#include "tst_adf.moc"
