// SPDX-License-Identifier: Apache-2.0
#include "core/defects/datetime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using tbds::defects::DateTime;

Q_DECLARE_METATYPE(tbds::defects::DateTime)

namespace {

// Test inputs are written as JSON text so that strings, numbers and null go through the same
// table; the body is wrapped in an array because QJsonDocument wants a container.
QJsonValue jsonValue(const QByteArray &text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test input %s", text.constData());
    return doc.array().at(0);
}

} // namespace

class TstDateTime : public QObject
{
    Q_OBJECT

private slots:
    void parsesAcceptedForms_data();
    void parsesAcceptedForms();
    void rejectsWithPydanticMessage_data();
    void rejectsWithPydanticMessage();
    void keepsOriginalOffsetAndInstant();
    void printsFromParts_data();
    void printsFromParts();
    void pythonStringRendering();
    void fromPartsRejectsOutOfRange();
    void qdatetimeViewKeepsOffset();
    void fromUnixMicrosecondsRoundTrips();
};

void TstDateTime::parsesAcceptedForms_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("printed");
    QTest::addColumn<bool>("aware");

    const auto row = [](const char *name, const char *json, const char *printed, bool aware) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(printed) << aware;
    };
    // Contract §3.1 examples.
    row("zero fraction dropped, Z kept", R"("2026-01-07T07:45:00.000Z")", "2026-01-07T07:45:00Z", true);
    row("millis padded to micros", R"("2026-01-07T07:45:00.441Z")", "2026-01-07T07:45:00.441000Z", true);
    row("offset kept, not converted", R"("2026-03-01T10:15:30.123+01:00")", "2026-03-01T10:15:30.123000+01:00", true);
    // Separators and letter case.
    row("space separator", R"("2026-03-01 10:15:30+01:00")", "2026-03-01T10:15:30+01:00", true);
    row("lower-case t and z", R"("2026-03-01t10:15:30z")", "2026-03-01T10:15:30Z", true);
    row("underscore separator (speedate)", R"("2026-03-01_10:15:30Z")", "2026-03-01T10:15:30Z", true);
    // Time precision.
    row("minutes only with Z", R"("2026-01-07T07:45Z")", "2026-01-07T07:45:00Z", true);
    row("minutes only with offset", R"("2026-01-07T07:45+05:30")", "2026-01-07T07:45:00+05:30", true);
    row("seven digits truncated, not rounded", R"("2026-01-07T07:45:00.1234569Z")", "2026-01-07T07:45:00.123456Z",
        true);
    row("ten digits truncated", R"("2026-01-07T07:45:00.9999999999Z")", "2026-01-07T07:45:00.999999Z", true);
    row("one digit fraction", R"("2026-01-07T07:45:00.5-03:30")", "2026-01-07T07:45:00.500000-03:30", true);
    row("comma fraction", R"("2026-01-07T07:45:00,25Z")", "2026-01-07T07:45:00.250000Z", true);
    // Offsets.
    row("offset without colon", R"("2026-01-07T07:45:00-0800")", "2026-01-07T07:45:00-08:00", true);
    row("+00:00 printed as Z", R"("2026-01-07T07:45:00+00:00")", "2026-01-07T07:45:00Z", true);
    row("-00:00 printed as Z", R"("2026-01-07T07:45:00-00:00")", "2026-01-07T07:45:00Z", true);
    row("+23:59 is the largest offset", R"("2026-01-07T07:45:00+23:59")", "2026-01-07T07:45:00+23:59", true);
    row("unicode minus sign",
        "\"2026-01-07T07:45:00\xe2\x88\x92"
        "01:00\"",
        "2026-01-07T07:45:00-01:00", true);
    // Naive values (allowed for SyncContext; the caller rejects them for lastEdited).
    row("naive datetime printed without offset", R"("2026-02-03T13:05:17")", "2026-02-03T13:05:17", false);
    row("date only is naive midnight", R"("2026-01-07")", "2026-01-07T00:00:00", false);
    row("leap day", R"("2024-02-29T00:00:00Z")", "2024-02-29T00:00:00Z", true);
    // Unix times: UTC and aware.
    row("unix seconds number", "1767771900", "2026-01-07T07:45:00Z", true);
    row("unix seconds string", R"("1767771900")", "2026-01-07T07:45:00Z", true);
    row("unix milliseconds number", "1767771900441", "2026-01-07T07:45:00.441000Z", true);
    row("unix milliseconds string", R"("1767771900441")", "2026-01-07T07:45:00.441000Z", true);
    row("unix seconds with fraction", "1767771900.5", "2026-01-07T07:45:00.500000Z", true);
    row("unix seconds string with fraction", R"("1767771900.25")", "2026-01-07T07:45:00.250000Z", true);
    row("2e10 is still seconds", "20000000000", "2603-10-11T11:33:20Z", true);
    row("above 2e10 is milliseconds", "20000000001", "1970-08-20T11:33:20.001000Z", true);
    row("negative unix seconds", "-1", "1969-12-31T23:59:59Z", true);
    row("zero", "0", "1970-01-01T00:00:00Z", true);
}

void TstDateTime::parsesAcceptedForms()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, printed);
    QFETCH(bool, aware);

    const auto result = DateTime::parse(jsonValue(json));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().toString(), printed);
    QCOMPARE(result.value().isAware(), aware);
}

void TstDateTime::rejectsWithPydanticMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const QString prefix = QStringLiteral("Input should be a valid datetime or date, ");
    const auto row = [&](const char *name, const char *json, const QString &message) {
        QTest::newRow(name) << QByteArray(json) << message;
    };
    const QString extra = prefix + QStringLiteral("unexpected extra characters at the end of the input");
    row("hours-only offset +01 gets extra characters", R"("2026-01-07T07:45:00+01")", extra);
    row("space before offset gets extra characters", R"("2026-01-07T07:45:00 +01:00")", extra);
    row("hour 25 gets extra characters (date fallback)", R"("2026-01-07T25:00:00Z")", extra);
    row("second 60 gets extra characters (date fallback)", R"("2026-01-07T07:45:60Z")", extra);
    row("offset 24:00 gets extra characters (date fallback)", R"("2026-01-07T07:45:00+24:00")", extra);
    row("trailing garbage after Z", R"("2026-01-07T07:45:00Zx")", extra);
    row("hours-only time", R"("2026-01-07T07Z")", extra);
    row("short text gets too short", R"("foo")", prefix + QStringLiteral("input is too short"));
    row("empty string gets too short", R"("")", prefix + QStringLiteral("input is too short"));
    row("words get invalid year", R"("not a date")", prefix + QStringLiteral("invalid character in year"));
    row("slashes get invalid date separator", R"("2026/01/07")",
        prefix + QStringLiteral("invalid date separator, expected `-`"));
    row("month 13 gets month range", R"("2026-13-01T00:00:00Z")",
        prefix + QStringLiteral("month value is outside expected range of 1-12"));
    row("February 30 gets day range", R"("2026-02-30")",
        prefix + QStringLiteral("day value is outside expected range"));
    row("February 29 of a common year gets day range", R"("2025-02-29T00:00:00Z")",
        prefix + QStringLiteral("day value is outside expected range"));
    row("unix number above year 9999 gets too large", "1e20",
        prefix + QStringLiteral("dates after 9999 are not supported as unix timestamps"));
    row("unix string above year 9999 gets too large", R"("99999999999999999")",
        prefix + QStringLiteral("dates after 9999 are not supported as unix timestamps"));
    row("unix seconds before 1600 get too small", "-20000000000",
        prefix + QStringLiteral("dates before 1600 are not supported as unix timestamps"));
    row("null gets valid datetime", "null", QStringLiteral("Input should be a valid datetime"));
    row("boolean gets valid datetime", "true", QStringLiteral("Input should be a valid datetime"));
    row("array gets valid datetime", "[]", QStringLiteral("Input should be a valid datetime"));
    row("object gets valid datetime", "{}", QStringLiteral("Input should be a valid datetime"));
    row("year 0 gets year out of range", R"("0000-01-01T00:00:00Z")",
        QStringLiteral("Input should be a valid datetime, year 0 is out of range"));
}

void TstDateTime::rejectsWithPydanticMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    const auto result = DateTime::parse(jsonValue(json));
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? result.value().toString() : QString()));
    QCOMPARE(result.error().message, message);
}

void TstDateTime::keepsOriginalOffsetAndInstant()
{
    const auto plusOne = DateTime::parse(QStringLiteral("2026-03-01T10:15:30.123456+01:00"));
    const auto utc = DateTime::parse(QStringLiteral("2026-03-01T09:15:30.123456Z"));
    QVERIFY(plusOne.ok() && utc.ok());
    QCOMPARE(plusOne.value().offsetSeconds(), 3600);
    QCOMPARE(plusOne.value().hour(), 10);
    QCOMPARE(plusOne.value().microsecond(), 123456);
    QVERIFY(plusOne.value().isSameInstant(utc.value()));
    QVERIFY(plusOne.value() != utc.value()); // representation differs: offset is kept
    QCOMPARE(utc.value().toUnixMicroseconds(),
             QDateTime(QDate(2026, 3, 1), QTime(9, 15, 30), QTimeZone::utc()).toMSecsSinceEpoch() * 1000 + 123456);
}

void TstDateTime::printsFromParts_data()
{
    QTest::addColumn<DateTime>("value");
    QTest::addColumn<QString>("printed");

    QTest::newRow("naive with micros") << DateTime::fromParts(QDate(2026, 2, 3), 13, 5, 17, 42, std::nullopt)
                                       << QStringLiteral("2026-02-03T13:05:17.000042");
    QTest::newRow("negative half-hour offset")
        << DateTime::fromParts(QDate(2026, 2, 3), 0, 0, 0, 0, -(9 * 3600 + 30 * 60))
        << QStringLiteral("2026-02-03T00:00:00-09:30");
    QTest::newRow("year below 1000 zero padded")
        << DateTime::fromParts(QDate(999, 1, 2), 3, 4, 5, 0, 0) << QStringLiteral("0999-01-02T03:04:05Z");
    QTest::newRow("invalid prints empty") << DateTime() << QString();
}

void TstDateTime::printsFromParts()
{
    QFETCH(DateTime, value);
    QFETCH(QString, printed);
    QCOMPARE(value.toString(), printed);
}

void TstDateTime::pythonStringRendering()
{
    const auto dt = DateTime::parse(QStringLiteral("2026-01-07T07:45:00.441Z"));
    QVERIFY(dt.ok());
    QCOMPARE(dt.value().toPythonString(), QStringLiteral("2026-01-07 07:45:00.441000+00:00"));
    const auto naive = DateTime::parse(QStringLiteral("2026-01-07T07:45:00"));
    QVERIFY(naive.ok());
    QCOMPARE(naive.value().toPythonString(), QStringLiteral("2026-01-07 07:45:00"));
}

void TstDateTime::fromPartsRejectsOutOfRange()
{
    QVERIFY(!DateTime::fromParts(QDate(2026, 1, 1), 24, 0, 0, 0, 0).isValid());
    QVERIFY(!DateTime::fromParts(QDate(2026, 1, 1), 0, 0, 0, 1000000, 0).isValid());
    QVERIFY(!DateTime::fromParts(QDate(2026, 1, 1), 0, 0, 0, 0, 24 * 3600).isValid());
    QVERIFY(!DateTime::fromParts(QDate(), 0, 0, 0, 0, 0).isValid());
    QVERIFY(DateTime::fromParts(QDate(2026, 1, 1), 23, 59, 59, 999999, -(24 * 3600 - 60)).isValid());
}

void TstDateTime::qdatetimeViewKeepsOffset()
{
    const auto dt = DateTime::parse(QStringLiteral("2026-03-01T10:15:30.123987+01:00"));
    QVERIFY(dt.ok());
    const QDateTime q = dt.value().toQDateTime();
    QCOMPARE(q.offsetFromUtc(), 3600);
    QCOMPARE(q.time(), QTime(10, 15, 30, 123));
    const DateTime back = DateTime::fromQDateTime(q);
    QCOMPARE(back.toString(), QStringLiteral("2026-03-01T10:15:30.123000+01:00"));
}

void TstDateTime::fromUnixMicrosecondsRoundTrips()
{
    const DateTime dt = DateTime::fromUnixMicroseconds(-1, 3600);
    QCOMPARE(dt.toString(), QStringLiteral("1970-01-01T00:59:59.999999+01:00"));
    QCOMPARE(dt.toUnixMicroseconds(), qint64(-1));
    QVERIFY(DateTime::currentUtc().isAware());
}

QTEST_APPLESS_MAIN(TstDateTime)
#include "tst_datetime.moc"
