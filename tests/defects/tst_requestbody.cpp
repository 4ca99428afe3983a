// SPDX-License-Identifier: Apache-2.0
#include "core/defects/httperror.h"
#include "core/defects/requestbody.h"
#include "core/defects/requests.h"
#include "core/defects/syncactions.h"
#include "core/defects/synccontext.h"

#include <QTest>

using namespace tbds::defects;

namespace {

const QByteArray kInvalidJsonBody
    = QByteArrayLiteral(R"({"description":"Bad Request","status":400,"message":"Failed when parsing body as json"})");
const QByteArray kMissingBody = QByteArrayLiteral(
    R"({"description":"Bad Request","status":400,"message":"Missing request body. Request body must be valid JSON."})");

QByteArray rootErrorBody(const char *model)
{
    return QByteArrayLiteral(
               R"({"description":"Bad Request","status":400,"message":"Validation error","errors":[{"field":null,"message":"Input should be a valid dictionary or instance of )")
        + model + R"("}]})";
}

const QByteArray kValidDefectRequest = QByteArrayLiteral(
    R"({"defect":{"status":"open","classification":"","priority":"","lastEdited":"2026-01-07T07:45:00Z","principal":{"username":"u","password":"p"}},"syncContext":{}})");

} // namespace

class TstRequestBody : public QObject
{
    Q_OBJECT

private slots:
    void reasonPhrases_data();
    void reasonPhrases();
    void genericErrorBodyFieldOrder();
    void validationBodyMatchesContractExample();
    void invalidJsonGets400_data();
    void invalidJsonGets400();
    void invalidUtf8Gets400NotACrash_data();
    void invalidUtf8Gets400NotACrash();
    void validUtf8AndBomAccepted();
    void topLevelScalarsParse();
    void emptyBodyOnOptionalRouteBecomesEmptyObject();
    void falsyBodiesOnOptionalRouteBecomeEmptyObject_data();
    void falsyBodiesOnOptionalRouteBecomeEmptyObject();
    void truthyNonObjectOnOptionalRouteGetsRootError_data();
    void truthyNonObjectOnOptionalRouteGetsRootError();
    void emptyOrNullBodyOnRequiredRouteGetsMissingBody_data();
    void emptyOrNullBodyOnRequiredRouteGetsMissingBody();
    void otherFalsyBodiesOnRequiredRouteAreValidated();
    void validRequiredBodyParses();
};

void TstRequestBody::reasonPhrases_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("phrase");
    const std::pair<int, const char *> rows[] = {
        { 400, "Bad Request" },
        { 401, "Unauthorized" },
        { 403, "Forbidden" },
        { 404, "Not Found" },
        { 405, "Method Not Allowed" },
        { 408, "Request Timeout" },
        { 413, "Payload Too Large" },
        { 414, "URI Too Long" },
        { 429, "Too Many Requests" },
        { 431, "Request Header Fields Too Large" },
        { 500, "Internal Server Error" },
        { 503, "Service Unavailable" },
    };
    for (const auto &[status, phrase] : rows)
        QTest::newRow(phrase) << status << QString::fromLatin1(phrase);
}

void TstRequestBody::reasonPhrases()
{
    QFETCH(int, status);
    QFETCH(QString, phrase);
    QCOMPARE(reasonPhrase(status), phrase);
}

void TstRequestBody::genericErrorBodyFieldOrder()
{
    QCOMPARE(
        errorBody(404, QStringLiteral("Defect with id BUG-9 not found in project P.")),
        QByteArray(
            R"({"description":"Not Found","status":404,"message":"Defect with id BUG-9 not found in project P."})"));
    QCOMPARE(
        errorBody(500, errortext::unexpected()),
        QByteArray(
            R"({"description":"Internal Server Error","status":500,"message":"The application encountered an unexpected error and could not continue."})"));
    QCOMPARE(
        errorBody(404, QStringLiteral("Project 'M\u00fcller (M)' not found or access denied")),
        QByteArray(
            R"({"description":"Not Found","status":404,"message":"Project 'M\u00fcller (M)' not found or access denied"})"));
    const HttpError tooBig { 413, QStringLiteral("too big"), {} };
    QCOMPARE(tooBig.body(), QByteArray(R"({"description":"Payload Too Large","status":413,"message":"too big"})"));
}

void TstRequestBody::validationBodyMatchesContractExample()
{
    const ValidationErrors errors {
        { QStringLiteral("defect.status"), QStringLiteral("Missing required field 'defect.status'") },
        { QStringLiteral("syncContext"), QStringLiteral("Missing required field 'syncContext'") },
        { QStringLiteral("defect.lastEdited"),
          QStringLiteral("Invalid value for 'defect.lastEdited': Input should have timezone info") },
    };
    const QByteArray expected = QByteArrayLiteral(
        R"({"description":"Bad Request","status":400,"message":"Validation error",)"
        R"("errors":[{"field":"defect.status","message":"Missing required field 'defect.status'"},)"
        R"({"field":"syncContext","message":"Missing required field 'syncContext'"},)"
        R"({"field":"defect.lastEdited","message":"Invalid value for 'defect.lastEdited': Input should have timezone info"}]})");
    QCOMPARE(validationErrorBody(errors), expected);
    QCOMPARE(HttpError::validation(errors).body(), expected);
}

void TstRequestBody::invalidJsonGets400_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("open brace") << QByteArray("{");
    QTest::newRow("trailing garbage") << QByteArray("{} x");
    QTest::newRow("two values") << QByteArray("1,2");
    QTest::newRow("two objects") << QByteArray("{}{}");
    QTest::newRow("whitespace only") << QByteArray("  \n");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("bare word") << QByteArray("hello");
    QTest::newRow("closing bracket only") << QByteArray("]");
    QTest::newRow("bracket escape attempt") << QByteArray("1],[2");
}

void TstRequestBody::invalidJsonGets400()
{
    QFETCH(QByteArray, body);
    const auto result = parseJsonBody(body);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QCOMPARE(result.error().body(), kInvalidJsonBody);
    // Same answer whichever route family reads it.
    QCOMPARE(readRequestBody<SyncContext>(body, BodyPolicy::Optional).error().body(), kInvalidJsonBody);
    QCOMPARE(readRequestBody<DefectRequest>(body, BodyPolicy::Required).error().body(), kInvalidJsonBody);
}

void TstRequestBody::invalidUtf8Gets400NotACrash_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("offset");
    QTest::newRow("0xff in string") << QByteArray("{\"a\":\"\xff\"}") << 6;
    QTest::newRow("overlong slash") << QByteArray("\"\xc0\xaf\"") << 1;
    QTest::newRow("encoded surrogate") << QByteArray("\"\xed\xa0\x80\"") << 1;
    QTest::newRow("truncated sequence at end") << QByteArray("\"\xe2\x82") << 1;
    QTest::newRow("above U+10FFFF") << QByteArray("\"\xf4\x90\x80\x80\"") << 1;
    QTest::newRow("lone continuation byte") << QByteArray("\x80") << 0;
    QTest::newRow("latin-1 umlaut") << QByteArray("{\"title\":\"M\xfcller\"}") << 11;
}

void TstRequestBody::invalidUtf8Gets400NotACrash()
{
    QFETCH(QByteArray, body);
    QFETCH(int, offset);
    const auto result = parseJsonBody(body);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QCOMPARE(
        result.error().message,
        QStringLiteral("Failed when parsing body as json: the body is not valid UTF-8 (byte offset %1)").arg(offset));
    QVERIFY(result.error().errors.isEmpty());
    QVERIFY(result.error().body().startsWith(
        R"({"description":"Bad Request","status":400,"message":"Failed when parsing body as json: )"));
}

void TstRequestBody::validUtf8AndBomAccepted()
{
    const auto umlaut = parseJsonBody(QByteArray("\"M\xc3\xbcller \xf0\x9f\x90\x9e\""));
    QVERIFY(umlaut.ok());
    QCOMPARE(umlaut.value().toString(), QString::fromUtf8("M\xc3\xbcller \xf0\x9f\x90\x9e"));
    const auto bom = parseJsonBody(QByteArray("\xef\xbb\xbf{\"a\":1}"));
    QVERIFY(bom.ok());
    QVERIFY(bom.value().isObject());
}

void TstRequestBody::topLevelScalarsParse()
{
    QCOMPARE(parseJsonBody("5").value().toInt(), 5);
    QCOMPARE(parseJsonBody(R"("x")").value().toString(), QStringLiteral("x"));
    QVERIFY(parseJsonBody("null").value().isNull());
    QVERIFY(parseJsonBody("").value().isNull());
    QCOMPARE(parseJsonBody(" true ").value().toBool(), true);
}

void TstRequestBody::emptyBodyOnOptionalRouteBecomesEmptyObject()
{
    const auto context = readRequestBody<SyncContext>(QByteArray(), BodyPolicy::Optional);
    QVERIFY(context.ok());
    QCOMPARE(context.value(), SyncContext {});
    const auto results = readRequestBody<Results>(QByteArray(), BodyPolicy::Optional);
    QVERIFY(results.ok());
    QVERIFY(!results.value().local && !results.value().remote);
}

void TstRequestBody::falsyBodiesOnOptionalRouteBecomeEmptyObject_data()
{
    QTest::addColumn<QByteArray>("body");
    for (const char *body : { "null", "{}", "[]", "0", "0.0", "false", "\"\"" })
        QTest::newRow(body) << QByteArray(body);
}

void TstRequestBody::falsyBodiesOnOptionalRouteBecomeEmptyObject()
{
    QFETCH(QByteArray, body);
    const auto context = readRequestBody<SyncContext>(body, BodyPolicy::Optional);
    QVERIFY(context.ok());
    QCOMPARE(context.value(), SyncContext {});
}

void TstRequestBody::truthyNonObjectOnOptionalRouteGetsRootError_data()
{
    QTest::addColumn<QByteArray>("body");
    for (const char *body : { "\"x\"", "[1]", "1", "true", "[{}]" })
        QTest::newRow(body) << QByteArray(body);
}

void TstRequestBody::truthyNonObjectOnOptionalRouteGetsRootError()
{
    QFETCH(QByteArray, body);
    const auto context = readRequestBody<SyncContext>(body, BodyPolicy::Optional);
    QVERIFY(!context.ok());
    QCOMPARE(context.error().status, 400);
    QCOMPARE(context.error().body(), rootErrorBody("SyncContext"));
    QCOMPARE(readRequestBody<Results>(body, BodyPolicy::Optional).error().body(), rootErrorBody("Results"));
}

void TstRequestBody::emptyOrNullBodyOnRequiredRouteGetsMissingBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("null with whitespace") << QByteArray(" null\n");
}

void TstRequestBody::emptyOrNullBodyOnRequiredRouteGetsMissingBody()
{
    QFETCH(QByteArray, body);
    for (const auto &error : { readRequestBody<DefectRequest>(body, BodyPolicy::Required).error(),
                               readRequestBody<BatchDefectRequest>(body, BodyPolicy::Required).error(),
                               readRequestBody<SyncRequest>(body, BodyPolicy::Required).error() }) {
        QCOMPARE(error.status, 400);
        QCOMPARE(error.body(), kMissingBody);
    }
}

void TstRequestBody::otherFalsyBodiesOnRequiredRouteAreValidated()
{
    const auto empty = readRequestBody<DefectRequest>("{}", BodyPolicy::Required);
    QVERIFY(!empty.ok());
    QCOMPARE(
        empty.error().body(),
        QByteArray(
            R"({"description":"Bad Request","status":400,"message":"Validation error","errors":[{"field":"defect","message":"Missing required field 'defect'"},{"field":"syncContext","message":"Missing required field 'syncContext'"}]})"));
    QCOMPARE(readRequestBody<DefectRequest>("[]", BodyPolicy::Required).error().body(), rootErrorBody("DefectRequest"));
    QCOMPARE(readRequestBody<BatchDefectRequest>("false", BodyPolicy::Required).error().body(),
             rootErrorBody("BatchDefectRequest"));
    QCOMPARE(readRequestBody<SyncRequest>("\"\"", BodyPolicy::Required).error().body(), rootErrorBody("SyncRequest"));
}

void TstRequestBody::validRequiredBodyParses()
{
    const auto request = readRequestBody<DefectRequest>(kValidDefectRequest, BodyPolicy::Required);
    QVERIFY(request.ok());
    QCOMPARE(request.value().defect.status, QStringLiteral("open"));
    QCOMPARE(request.value().defect.lastEdited.toString(), QStringLiteral("2026-01-07T07:45:00Z"));
}

QTEST_APPLESS_MAIN(TstRequestBody)
#include "tst_requestbody.moc"
