// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using tbds::defects::JsonStyle;
using tbds::defects::JsonWriter;

class TstJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void escapesLikePythonEnsureAscii_data();
    void escapesLikePythonEnsureAscii();
    void keepsKeyOrderCompact();
    void pythonStyleSeparators();
    void emptyContainers();
    void numbersLikePythonRepr_data();
    void numbersLikePythonRepr();
    void genericJsonValue();
};

void TstJsonWriter::escapesLikePythonEnsureAscii_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");

    // Expected bytes were produced with Python's json.dumps (ensure_ascii=True).
    QTest::newRow("plain ascii kept") << QStringLiteral("abc XYZ/~") << QByteArray(R"("abc XYZ/~")");
    QTest::newRow("umlaut gets lower-case \\u00e4") << QStringLiteral("l\u00e4dt") << QByteArray(R"("l\u00e4dt")");
    QTest::newRow("emoji gets surrogate pair")
        << QString::fromUtf8("\xF0\x9F\x98\x80") << QByteArray(R"("\ud83d\ude00")");
    QTest::newRow("quote and backslash escaped") << QStringLiteral("a\"b\\c") << QByteArray(R"("a\"b\\c")");
    QTest::newRow("named control escapes") << QStringLiteral("\n\r\t\b\f") << QByteArray(R"("\n\r\t\b\f")");
    QTest::newRow("other controls get \\u00XX") << QString(QChar(1)) + QChar(0x1f) << QByteArray(R"("\u0001\u001f")");
    QTest::newRow("NUL gets \\u0000") << QString(QChar(0)) << QByteArray(R"("\u0000")");
    QTest::newRow("DEL gets \\u007f") << QString(QChar(0x7f)) << QByteArray(R"("\u007f")");
    QTest::newRow("BMP CJK") << QStringLiteral("\u4e2d") << QByteArray(R"("\u4e2d")");
    QTest::newRow("lone surrogate passed through") << QString(QChar(0xd800)) << QByteArray(R"("\ud800")");
}

void TstJsonWriter::escapesLikePythonEnsureAscii()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    QCOMPARE(JsonWriter::quoted(text), json);
}

void TstJsonWriter::keepsKeyOrderCompact()
{
    JsonWriter w;
    w.beginObject();
    w.key(u"z").integer(1);
    w.key(u"a").beginArray().string(QStringLiteral("x")).null().boolean(false).endArray();
    w.key(u"m").beginObject().key(u"k").boolean(true).endObject();
    w.endObject();
    QCOMPARE(w.take(), QByteArray(R"({"z":1,"a":["x",null,false],"m":{"k":true}})"));
}

void TstJsonWriter::pythonStyleSeparators()
{
    JsonWriter w(JsonStyle::Python);
    w.beginObject();
    w.key(u"a").beginArray().integer(1).null().endArray();
    w.key(u"b").string(QStringLiteral("c"));
    w.endObject();
    QCOMPARE(w.take(), QByteArray(R"({"a": [1, null], "b": "c"})"));
}

void TstJsonWriter::emptyContainers()
{
    JsonWriter w(JsonStyle::Python);
    w.beginArray().beginObject().endObject().beginArray().endArray().endArray();
    QCOMPARE(w.take(), QByteArray("[{}, []]"));
}

void TstJsonWriter::numbersLikePythonRepr_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("0.1") << 0.1 << QByteArray("0.1");
    QTest::newRow("integral float keeps .0") << 123456789.0 << QByteArray("123456789.0");
    QTest::newRow("1e16 exponent") << 1e16 << QByteArray("1e+16");
    QTest::newRow("1e-05 exponent") << 1e-5 << QByteArray("1e-05");
    QTest::newRow("1.5e+300") << 1.5e300 << QByteArray("1.5e+300");
}

void TstJsonWriter::numbersLikePythonRepr()
{
    QFETCH(double, value);
    QFETCH(QByteArray, json);
    JsonWriter w;
    w.number(value);
    QCOMPARE(w.take(), json);
}

void TstJsonWriter::genericJsonValue()
{
    const QJsonObject object { { QStringLiteral("b"), QJsonArray { 1, 2.5, QStringLiteral("\u00fc") } },
                               { QStringLiteral("a"), QJsonValue::Null } };
    JsonWriter w;
    w.json(object);
    // QJsonObject iterates in sorted key order; integers stay integers.
    QCOMPARE(w.take(), QByteArray(R"({"a":null,"b":[1,2.5,"\u00fc"]})"));
}

QTEST_APPLESS_MAIN(TstJsonWriter)
#include "tst_jsonwriter.moc"
