// SPDX-License-Identifier: Apache-2.0
#include "core/defects/defect.h"
#include "core/defects/protocol.h"
#include "core/defects/requests.h"
#include "core/defects/settings.h"
#include "core/defects/syncactions.h"
#include "core/defects/synccontext.h"
#include "core/defects/userdefinedattribute.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tbds::defects;

namespace {

// Contract §3.12, verbatim (the JSONL example defect BUG-18, compact as on the wire).
const QByteArray kContractExample = QByteArrayLiteral(
    R"({"title":"Missing 3D Preview","description":"Der 3D-Konfigurator l\u00e4dt die Texturen f\u00fcr die Innenausstattung (Leder 'Nappa') nicht.","reporter":"Elena","status":"open","classification":"major","priority":"high","userDefinedFields":[{"name":"Sprint","value":"4","mustField":false}],"lastEdited":"2026-03-01T10:15:30.123000+01:00","references":[],"principal":{"username":"Elena_QA","password":"SecurePass123"},"id":"BUG-18"})");

// The same object as Python's json.dumps writes it into a JSONL file (contract §6.2).
const QByteArray kContractExamplePython = QByteArrayLiteral(
    R"({"title": "Missing 3D Preview", "description": "Der 3D-Konfigurator l\u00e4dt die Texturen f\u00fcr die Innenausstattung (Leder 'Nappa') nicht.", "reporter": "Elena", "status": "open", "classification": "major", "priority": "high", "userDefinedFields": [{"name": "Sprint", "value": "4", "mustField": false}], "lastEdited": "2026-03-01T10:15:30.123000+01:00", "references": [], "principal": {"username": "Elena_QA", "password": "SecurePass123"}, "id": "BUG-18"})");

const QByteArray kMinimalDefectFields = QByteArrayLiteral(
    R"("status":"open","classification":"","priority":"","lastEdited":"2026-01-07T07:45:00.000Z","principal":{"username":"u","password":"p"})");

// What the minimal fields come out as, in contract §3.11 order with every key present.
const QByteArray kMinimalDefectOut = QByteArrayLiteral(
    R"("title":null,"description":null,"reporter":null,"status":"open","classification":"","priority":"","userDefinedFields":[],"lastEdited":"2026-01-07T07:45:00Z","references":[],"principal":{"username":"u","password":"p"})");

const QByteArray kEmptyProtocol
    = QByteArrayLiteral(R"({"successes":{},"warnings":{},"errors":{},"generalWarnings":[],"generalErrors":[]})");

QJsonValue parse(const QByteArray &text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.array().at(0);
}

template<typename T> T parseModel(const QByteArray &text)
{
    Validated<T> result = validate<T>(parse(text));
    if (!result.ok()) {
        for (const ValidationError &e : result.errors())
            qWarning() << e.field.value_or(QStringLiteral("<root>")) << e.message;
        qFatal("test model did not validate");
    }
    return std::move(result).value();
}

template<typename T> QByteArray roundTrip(const QByteArray &text, JsonStyle style = JsonStyle::Compact)
{
    return toJson(parseModel<T>(text), style);
}

QString repeat(const QString &unit, int count)
{
    QString s;
    for (int i = 0; i < count; ++i)
        s += unit;
    return s;
}

} // namespace

class TstModels : public QObject
{
    Q_OBJECT

private slots:
    void contractExampleRoundTripsByteExact();
    void contractExampleInJsonlStyle();
    void contractExampleKeepsPrincipalPassword();
    void minimalDefectGetsDefaultsAndNulls();
    void explicitNullListsStayNull();
    void udfMustFieldDefaultsToFalseButKeepsNull();
    void derivedDefectsAppendTheirKeysInOrder();
    void defectWithAttributesKeepsInsertionOrder();
    void unknownKeysAreIgnored();
    void str255Truncation_data();
    void str255Truncation();
    void str255AppliesToAllFiveFieldsButNotDescription();
    void str255AppliedOnWriteToo();
    void userDefinedAttributeRoundTrip();
    void emptyProtocolHasAllFiveKeys();
    void protocolHelpersGroupByKeyInInsertionOrder();
    void protocolRoundTripAndMerge();
    void protocolledResults();
    void syncContextRoundTrip();
    void emptySyncContextIsAllNull();
    void resultsRoundTrip();
    void requestWrappersRoundTrip();
    void settingsOutputOrderAndTruncation();
    void laxBooleansAccepted_data();
    void laxBooleansAccepted();
};

void TstModels::contractExampleRoundTripsByteExact()
{
    QCOMPARE(roundTrip<DefectWithID>(kContractExample), kContractExample);
}

void TstModels::contractExampleInJsonlStyle()
{
    QCOMPARE(roundTrip<DefectWithID>(kContractExample, JsonStyle::Python), kContractExamplePython);
}

void TstModels::contractExampleKeepsPrincipalPassword()
{
    const auto defect = parseModel<DefectWithID>(kContractExample);
    QCOMPARE(defect.principal.password, QStringLiteral("SecurePass123"));
    QCOMPARE(defect.lastEdited.offsetSeconds(), 3600);
    QCOMPARE(defect.description.value_or(QString()),
             QStringLiteral("Der 3D-Konfigurator l\u00e4dt die Texturen f\u00fcr die "
                            "Innenausstattung (Leder 'Nappa') nicht."));
    QVERIFY(toJson(defect).contains(R"("password":"SecurePass123")"));
}

void TstModels::minimalDefectGetsDefaultsAndNulls()
{
    QCOMPARE(roundTrip<Defect>('{' + kMinimalDefectFields + '}'), '{' + kMinimalDefectOut + '}');
}

void TstModels::explicitNullListsStayNull()
{
    const QByteArray in = '{' + kMinimalDefectFields + R"(,"userDefinedFields":null,"references":null})";
    const Defect defect = parseModel<Defect>(in);
    QVERIFY(!defect.userDefinedFields.has_value());
    QVERIFY(!defect.references.has_value());
    QVERIFY(toJson(defect).contains(R"("userDefinedFields":null,)"));
    QVERIFY(toJson(defect).contains(R"("references":null,)"));
}

void TstModels::udfMustFieldDefaultsToFalseButKeepsNull()
{
    QCOMPARE(roundTrip<UserDefinedFieldProperties>(R"({"name":"Sprint"})"),
             QByteArray(R"({"name":"Sprint","value":null,"mustField":false})"));
    QCOMPARE(roundTrip<UserDefinedFieldProperties>(R"({"name":"Sprint","value":"4","mustField":null})"),
             QByteArray(R"({"name":"Sprint","value":"4","mustField":null})"));
    QCOMPARE(roundTrip<UserDefinedFieldProperties>(R"({"mustField":"yes","name":"n"})"),
             QByteArray(R"({"name":"n","value":null,"mustField":true})"));
}

void TstModels::derivedDefectsAppendTheirKeysInOrder()
{
    QCOMPARE(roundTrip<KnownDefect>(R"({"localPk":"7","id":"BUG-1",)" + kMinimalDefectFields + '}'),
             '{' + kMinimalDefectOut + R"(,"id":"BUG-1","localPk":"7"})");
    QCOMPARE(roundTrip<DefectWithLocalPk>(R"({"localPk":"7",)" + kMinimalDefectFields + '}'),
             '{' + kMinimalDefectOut + R"(,"localPk":"7"})");
    QCOMPARE(roundTrip<DefectWithID>(R"({"id":"",)" + kMinimalDefectFields + '}'),
             '{' + kMinimalDefectOut + R"(,"id":""})");
}

void TstModels::defectWithAttributesKeepsInsertionOrder()
{
    DefectWithAttributes defect;
    static_cast<DefectWithID &>(defect) = parseModel<DefectWithID>(kContractExample);
    defect.attributes = { { QStringLiteral("title"), QStringLiteral("Missing 3D Preview") },
                          { QStringLiteral("status"), QStringLiteral("open") } };
    const QByteArray expected
        = kContractExample.chopped(1) + R"(,"attributes":{"title":"Missing 3D Preview","status":"open"}})";
    QCOMPARE(toJson(defect), expected);
    QCOMPARE(parseModel<DefectWithAttributes>(expected).attributes.size(), 2);
}

void TstModels::unknownKeysAreIgnored()
{
    const QByteArray in
        = R"({"extra":1,"nested":{"status":5},"status":"open","classification":"","priority":"","lastEdited":"2026-01-07T07:45:00.000Z","principal":{"username":"u","password":"p","x":[1]}})";
    QCOMPARE(roundTrip<Defect>(in), '{' + kMinimalDefectOut + '}');
    QCOMPARE(roundTrip<SyncContext>(R"({"whatever":true})"), roundTrip<SyncContext>(QByteArrayLiteral("{}")));
}

void TstModels::str255Truncation_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const QString a254 = repeat(QStringLiteral("a"), 254);
    const QString a255 = repeat(QStringLiteral("a"), 255);
    const QString a256 = repeat(QStringLiteral("a"), 256);
    QTest::newRow("254 kept") << a254 << a254;
    QTest::newRow("255 kept") << a255 << a255;
    QTest::newRow("256 becomes 252 + ...") << a256 << repeat(QStringLiteral("a"), 252) + QStringLiteral("...");
    QTest::newRow("empty kept") << QString() << QString();

    // An emoji is one Python character but two UTF-16 units.
    const QString emoji = QString::fromUtf8("\xF0\x9F\x90\x9E");
    QTest::newRow("255 emoji kept (510 UTF-16 units)") << repeat(emoji, 255) << repeat(emoji, 255);
    QTest::newRow("256 emoji become 252 emoji + ...")
        << repeat(emoji, 256) << repeat(emoji, 252) + QStringLiteral("...");
    QTest::newRow("cut right after an emoji at position 252") << repeat(QStringLiteral("a"), 251) + emoji
            + repeat(QStringLiteral("b"), 10) << repeat(QStringLiteral("a"), 251) + emoji + QStringLiteral("...");
    QTest::newRow("emoji at 253 dropped whole") << repeat(QStringLiteral("a"), 252) + emoji
            + repeat(QStringLiteral("b"), 10) << repeat(QStringLiteral("a"), 252) + QStringLiteral("...");
}

void TstModels::str255Truncation()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(truncateStr255(input), expected);

    // And through the model: the JSON reader applies it to `status`.
    const QByteArray in = R"({"status":)" + JsonWriter::quoted(input)
        + R"(,"classification":"","priority":"","lastEdited":0,"principal":{"username":"u","password":"p"}})";
    QCOMPARE(parseModel<Defect>(in).status, expected);
}

void TstModels::str255AppliesToAllFiveFieldsButNotDescription()
{
    const QString longText = repeat(QStringLiteral("x"), 300);
    const QString cut = repeat(QStringLiteral("x"), 252) + QStringLiteral("...");
    JsonWriter w;
    w.beginObject();
    for (const char16_t *key : { u"title", u"description", u"reporter", u"status", u"classification", u"priority" })
        w.key(key).string(longText);
    w.key(u"lastEdited").string(QStringLiteral("2026-01-07T07:45:00Z"));
    w.key(u"principal")
        .beginObject()
        .key(u"username")
        .string(longText)
        .key(u"password")
        .string(QStringLiteral("p"))
        .endObject();
    w.key(u"references").beginArray().string(longText).endArray();
    w.endObject();
    const Defect d = parseModel<Defect>(w.take());
    QCOMPARE(d.title.value_or(QString()), cut);
    QCOMPARE(d.reporter.value_or(QString()), cut);
    QCOMPARE(d.status, cut);
    QCOMPARE(d.classification, cut);
    QCOMPARE(d.priority, cut);
    QCOMPARE(d.description.value_or(QString()), longText);
    QCOMPARE(d.principal.username, longText);
    QCOMPARE(d.references.value_or(QStringList()).value(0), longText);
}

void TstModels::str255AppliedOnWriteToo()
{
    Defect d = parseModel<Defect>('{' + kMinimalDefectFields + '}');
    d.priority = repeat(QStringLiteral("p"), 256);
    QVERIFY(toJson(d).contains(R"("priority":")" + repeat(QStringLiteral("p"), 252).toLatin1() + R"(...")"));
}

void TstModels::userDefinedAttributeRoundTrip()
{
    const QByteArray full
        = R"({"name":"Sprint","valueType":"BOOLEAN","mustField":true,"lastEdited":"2026-01-07T07:45:00.441000Z","stringValue":"x","booleanValue":false})";
    QCOMPARE(roundTrip<UserDefinedAttribute>(full), full);
    QCOMPARE(
        roundTrip<UserDefinedAttribute>(R"({"valueType":"STRING","name":"A"})"),
        QByteArray(
            R"({"name":"A","valueType":"STRING","mustField":null,"lastEdited":null,"stringValue":null,"booleanValue":null})"));
    const QList<UserDefinedAttribute> list { parseModel<UserDefinedAttribute>(full) };
    QCOMPARE(toJson(list), '[' + full + ']');
}

void TstModels::emptyProtocolHasAllFiveKeys()
{
    QCOMPARE(toJson(Protocol {}), kEmptyProtocol);
    QCOMPARE(roundTrip<Protocol>(QByteArrayLiteral("{}")), kEmptyProtocol);
    QVERIFY(Protocol {}.isEmpty());
}

void TstModels::protocolHelpersGroupByKeyInInsertionOrder()
{
    Protocol p;
    p.addSuccess(QStringLiteral("BUG-2"), ProtocolCode::ImportSuccess,
                 QStringLiteral("Retrieved 1 defects for project: P"));
    p.addSuccess(QStringLiteral("BUG-1"), ProtocolCode::ImportSuccess,
                 QStringLiteral("Retrieved 2 defects for project: P"));
    p.addSuccess(QStringLiteral("BUG-2"), ProtocolCode::ImportSuccess, QStringLiteral("again"));
    p.addWarning(QStringLiteral("BUG-9"), ProtocolCode::DefectNotFound,
                 QStringLiteral("Requested defect id 'BUG-9' not found in project P."));
    p.addError(QStringLiteral("BUG-3"), ProtocolCode::InsertError, QStringLiteral("e"));
    p.addGeneralWarning(ProtocolCode::ImportWarning,
                        QStringLiteral("Malformed defect entry in JSONL file 'd.jsonl' at line 3."));
    p.addGeneralError(ProtocolCode::ProjectNotFound, QStringLiteral("No defect files found for project P."));
    QCOMPARE(
        toJson(p),
        QByteArray(
            R"({"successes":{"BUG-2":[{"code":"IMPORT_SUCCESS","message":"Retrieved 1 defects for project: P"},{"code":"IMPORT_SUCCESS","message":"again"}],"BUG-1":[{"code":"IMPORT_SUCCESS","message":"Retrieved 2 defects for project: P"}]},)"
            R"("warnings":{"BUG-9":[{"code":"DEFECT_NOT_FOUND","message":"Requested defect id 'BUG-9' not found in project P."}]},)"
            R"("errors":{"BUG-3":[{"code":"INSERT_ERROR","message":"e"}]},)"
            R"("generalWarnings":[{"code":"IMPORT_WARNING","message":"Malformed defect entry in JSONL file 'd.jsonl' at line 3."}],)"
            R"("generalErrors":[{"code":"PROJECT_NOT_FOUND","message":"No defect files found for project P."}]})"));
    QVERIFY(p.hasErrors());
    QCOMPARE(Protocol::entriesFor(p.successes, QStringLiteral("BUG-2")).size(), 2);
    QVERIFY(Protocol::entriesFor(p.successes, QStringLiteral("nope")).isEmpty());
}

void TstModels::protocolRoundTripAndMerge()
{
    const QByteArray in
        = R"({"successes":{"A":[{"code":"INSERT_SUCCESS","message":"ok"}]},"warnings":{},"errors":{},"generalWarnings":[],"generalErrors":[{"code":null,"message":null}]})";
    QCOMPARE(roundTrip<Protocol>(in), in);

    Protocol a;
    a.addSuccess(QStringLiteral("A"), ProtocolCode::InsertSuccess, QStringLiteral("1"));
    Protocol b;
    b.addSuccess(QStringLiteral("B"), ProtocolCode::InsertSuccess, QStringLiteral("2"));
    b.addSuccess(QStringLiteral("A"), ProtocolCode::InsertSuccess, QStringLiteral("3"));
    b.addGeneralError(ProtocolCode::ReadAccessError, QStringLiteral("4"));
    a.merge(b);
    QCOMPARE(a.successes.size(), 2);
    QCOMPARE(a.successes.at(0).first, QStringLiteral("A"));
    QCOMPARE(a.successes.at(0).second.size(), 2);
    QCOMPARE(a.generalErrors.size(), 1);

    for (int i = 0; i <= static_cast<int>(ProtocolCode::ImportWarning); ++i) {
        const auto code = static_cast<ProtocolCode>(i);
        QCOMPARE(protocolCodeFromName(protocolCodeName(code)), std::optional<ProtocolCode>(code));
    }
    QCOMPARE(protocolCodeName(ProtocolCode::NoFreeLicense), QStringLiteral("NO_FREE_LICENSE"));
    QVERIFY(!protocolCodeFromName(QStringLiteral("OK")).has_value());
}

void TstModels::protocolledResults()
{
    ProtocolledString created;
    QCOMPARE(toJson(created), R"({"value":"","protocol":)" + kEmptyProtocol + '}');
    created.value = QStringLiteral("BUG-19");
    QCOMPARE(roundTrip<ProtocolledString>(toJson(created)), toJson(created));

    ProtocolledDefectSet set;
    QCOMPARE(toJson(set), R"({"value":[],"protocol":)" + kEmptyProtocol + '}');
    set.value.append(parseModel<DefectWithID>(kContractExample));
    QCOMPARE(toJson(set), R"({"value":[)" + kContractExample + R"(],"protocol":)" + kEmptyProtocol + '}');
    QCOMPARE(roundTrip<ProtocolledDefectSet>(toJson(set)), toJson(set));
}

void TstModels::syncContextRoundTrip()
{
    const QByteArray full
        = R"({"iTBProject":"P","lastSync":"2026-02-03T13:05:17","statusAttribute":"s","statusSyncOption":"ITB","priorityAttribute":"p","prioritySyncOption":"DMS","classAttribute":"c","classSyncOption":"TIMESTAMP","serverTime":"2026-02-03T13:05:17.000001+02:00","udaSyncOptions":{"A":"DMS","B":"ITB"},"syncOption":"FORCE_UPDATE","importNewDefects":true})";
    QCOMPARE(roundTrip<SyncContext>(full), full);
    const SyncContext sc = parseModel<SyncContext>(full);
    QVERIFY(sc.lastSync && !sc.lastSync->isAware());
    QCOMPARE(sc.syncOption, std::optional<SyncMode>(SyncMode::ForceUpdate));
}

void TstModels::emptySyncContextIsAllNull()
{
    QCOMPARE(
        roundTrip<SyncContext>(QByteArrayLiteral("{}")),
        QByteArray(
            R"({"iTBProject":null,"lastSync":null,"statusAttribute":null,"statusSyncOption":null,"priorityAttribute":null,"prioritySyncOption":null,"classAttribute":null,"classSyncOption":null,"serverTime":null,"udaSyncOptions":null,"syncOption":null,"importNewDefects":null})"));
}

void TstModels::resultsRoundTrip()
{
    QCOMPARE(roundTrip<Results>(QByteArrayLiteral("{}")), QByteArray(R"({"local":null,"remote":null})"));
    QCOMPARE(roundTrip<Results>(R"({"local":{}})"),
             QByteArray(R"({"local":{"delete":null,"update":null,"create":null},"remote":null})"));

    const QByteArray known = '{' + kMinimalDefectOut + R"(,"id":"BUG-1","localPk":"7"})";
    const QByteArray withId = '{' + kMinimalDefectOut + R"(,"id":"BUG-2"})";
    const QByteArray withPk = '{' + kMinimalDefectOut + R"(,"localPk":"8"})";
    const QByteArray full = R"({"local":{"delete":[)" + known + R"(],"update":[],"create":[)" + withId
        + R"(]},"remote":{"delete":null,"update":[)" + known + R"(],"create":[)" + withPk + "]}}";
    QCOMPARE(roundTrip<Results>(full), full);
    const Results r = parseModel<Results>(full);
    QCOMPARE(r.remote->toCreate->at(0).localPk, QStringLiteral("8"));
    QCOMPARE(r.local->toCreate->at(0).id, QStringLiteral("BUG-2"));
}

void TstModels::requestWrappersRoundTrip()
{
    const QByteArray emptyContext = roundTrip<SyncContext>(QByteArrayLiteral("{}"));
    QCOMPARE(roundTrip<DefectRequest>(R"({"syncContext":{},"defect":{)" + kMinimalDefectFields + "}}"),
             R"({"defect":{)" + kMinimalDefectOut + R"(},"syncContext":)" + emptyContext + '}');
    QCOMPARE(roundTrip<BatchDefectRequest>(R"({"defectIds":["BUG-1",""],"syncContext":{}})"),
             R"({"defectIds":["BUG-1",""],"syncContext":)" + emptyContext + '}');
    QCOMPARE(roundTrip<SyncRequest>(R"({"syncType":"scheduled","syncContext":{}})"),
             R"({"syncType":"scheduled","syncContext":)" + emptyContext + '}');
}

void TstModels::settingsOutputOrderAndTruncation()
{
    Settings s { QStringLiteral("JSONL"), QStringLiteral("JSONL client for managing defect records stored in a File."),
                 true };
    QCOMPARE(
        toJson(s),
        QByteArray(
            R"({"name":"JSONL","description":"JSONL client for managing defect records stored in a File.","readonly":true})"));
    s.name = repeat(QStringLiteral("n"), 256);
    QVERIFY(toJson(s).startsWith(R"({"name":")" + repeat(QStringLiteral("n"), 252).toLatin1() + R"(...",)"));
    QCOMPARE(roundTrip<Settings>(R"({"readonly":"off","description":"d","name":"J"})"),
             QByteArray(R"({"name":"J","description":"d","readonly":false})"));
}

void TstModels::laxBooleansAccepted_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("expected");
    const std::pair<const char *, bool> rows[] = {
        { "true", true },    { "false", false },    { "1", true },           { "0", false },       { "1.0", true },
        { "0.0", false },    { R"("true")", true }, { R"("FALSE")", false }, { R"("yes")", true }, { R"("No")", false },
        { R"("on")", true }, { R"("OFF")", false }, { R"("1")", true },      { R"("0")", false },  { R"("t")", true },
        { R"("F")", false }, { R"("Y")", true },    { R"("n")", false },
    };
    for (const auto &[json, expected] : rows)
        QTest::newRow(json) << QByteArray(json) << expected;
}

void TstModels::laxBooleansAccepted()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, expected);
    const auto udf = parseModel<UserDefinedFieldProperties>(R"({"name":"n","mustField":)" + json + '}');
    QCOMPARE(udf.mustField, std::optional<bool>(expected));
}

QTEST_APPLESS_MAIN(TstModels)
#include "tst_models.moc"
