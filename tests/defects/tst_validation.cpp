// SPDX-License-Identifier: Apache-2.0
#include "core/defects/defect.h"
#include "core/defects/protocol.h"
#include "core/defects/requests.h"
#include "core/defects/syncactions.h"
#include "core/defects/userdefinedattribute.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tbds::defects;

namespace {

QJsonValue parse(const QByteArray &text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.array().at(0);
}

// "field | message" per error ("<root>" for field null): readable when a comparison fails.
template<typename T> QStringList errorsOf(const QByteArray &json, const QStringList &basePath = {})
{
    const Validated<T> result = validate<T>(parse(json), basePath);
    if (result.ok())
        return { QStringLiteral("<valid>") };
    QStringList out;
    for (const ValidationError &e : result.errors())
        out << e.field.value_or(QStringLiteral("<root>")) + QStringLiteral(" | ") + e.message;
    return out;
}

QString row(const QString &field, const QString &message)
{
    return field + QStringLiteral(" | ") + message;
}

QString missing(const QString &field)
{
    return row(field, QStringLiteral("Missing required field '%1'").arg(field));
}

QString invalid(const QString &field, const QString &message)
{
    return row(field, QStringLiteral("Invalid value for '%1': %2").arg(field, message));
}

const QByteArray kDefect = QByteArrayLiteral(
    R"({"status":"open","classification":"","priority":"","lastEdited":"2026-01-07T07:45:00Z","principal":{"username":"u","password":"p"}})");

// kDefect with one member replaced (or removed, when value is empty).
QByteArray defectWith(const char *key, const QByteArray &value)
{
    QJsonObject object = parse(kDefect).toObject();
    if (value.isEmpty())
        object.remove(QLatin1StringView(key));
    else
        object.insert(QLatin1StringView(key), parse(value));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray requestWith(const QByteArray &defect)
{
    return R"({"defect":)" + defect + R"(,"syncContext":{}})";
}

const QString kValidString = QStringLiteral("Input should be a valid string");

} // namespace

class TstValidation : public QObject
{
    Q_OBJECT

private slots:
    void validRequestHasNoErrors();
    void emptyObjectGetsMissingWrappers();
    void missingDefectFieldsInModelOrder();
    void contractExampleErrors();
    void wrongTypes_data();
    void wrongTypes();
    void nonObjectRootGetsRootError_data();
    void nonObjectRootGetsRootError();
    void nestedNonObjectsNameTheirModel();
    void badEnumsGetPydanticChoices();
    void protocolCodeChoicesListAll();
    void listIndicesAppearInPaths();
    void mapKeysAppearInPaths();
    void basePathIsRelativeToTheObject();
    void unknownKeysNeverError();
};

void TstValidation::validRequestHasNoErrors()
{
    QCOMPARE(errorsOf<DefectRequest>(requestWith(kDefect)), QStringList { QStringLiteral("<valid>") });
}

void TstValidation::emptyObjectGetsMissingWrappers()
{
    QCOMPARE(errorsOf<DefectRequest>("{}"),
             (QStringList { missing(QStringLiteral("defect")), missing(QStringLiteral("syncContext")) }));
    QCOMPARE(errorsOf<BatchDefectRequest>("{}"),
             (QStringList { missing(QStringLiteral("defectIds")), missing(QStringLiteral("syncContext")) }));
    QCOMPARE(errorsOf<SyncRequest>("{}"),
             (QStringList { missing(QStringLiteral("syncType")), missing(QStringLiteral("syncContext")) }));
}

void TstValidation::missingDefectFieldsInModelOrder()
{
    QCOMPARE(errorsOf<DefectRequest>(R"({"defect":{},"syncContext":{}})"),
             (QStringList { missing(QStringLiteral("defect.status")), missing(QStringLiteral("defect.classification")),
                            missing(QStringLiteral("defect.priority")), missing(QStringLiteral("defect.lastEdited")),
                            missing(QStringLiteral("defect.principal")) }));
    QCOMPARE(
        errorsOf<KnownDefect>(R"({"principal":{}})"),
        (QStringList { missing(QStringLiteral("status")), missing(QStringLiteral("classification")),
                       missing(QStringLiteral("priority")), missing(QStringLiteral("lastEdited")),
                       missing(QStringLiteral("principal.username")), missing(QStringLiteral("principal.password")),
                       missing(QStringLiteral("id")), missing(QStringLiteral("localPk")) }));
}

void TstValidation::contractExampleErrors()
{
    // The three errors of the contract §1.4 example. pydantic reports them in validation order
    // (everything inside `defect` before `syncContext`); the contract lists them loosely.
    const QByteArray defect = defectWith("status", {}).replace("2026-01-07T07:45:00Z", "2026-01-07T07:45:00");
    QCOMPARE(
        errorsOf<DefectRequest>(R"({"defect":)" + defect + '}'),
        (QStringList { missing(QStringLiteral("defect.status")),
                       invalid(QStringLiteral("defect.lastEdited"), QStringLiteral("Input should have timezone info")),
                       missing(QStringLiteral("syncContext")) }));
}

void TstValidation::wrongTypes_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QStringList>("errors");

    const auto add = [](const char *name, const QByteArray &request, const QStringList &errors) {
        QTest::newRow(name) << request << errors;
    };
    // Quirk fixed: the reference answers 500 for these (contract §1.4, §10.1-2).
    add("null status gets valid string", requestWith(defectWith("status", "null")),
        { invalid(QStringLiteral("defect.status"), kValidString) });
    add("numeric status gets valid string", requestWith(defectWith("status", "5")),
        { invalid(QStringLiteral("defect.status"), kValidString) });
    add("boolean classification gets valid string", requestWith(defectWith("classification", "true")),
        { invalid(QStringLiteral("defect.classification"), kValidString) });
    add("null priority gets valid string", requestWith(defectWith("priority", "null")),
        { invalid(QStringLiteral("defect.priority"), kValidString) });
    add("numeric title gets valid string", requestWith(defectWith("title", "1")),
        { invalid(QStringLiteral("defect.title"), kValidString) });
    add("object reporter gets valid string", requestWith(defectWith("reporter", "{}")),
        { invalid(QStringLiteral("defect.reporter"), kValidString) });
    add("numeric description gets valid string (no coercion)", requestWith(defectWith("description", "1.5")),
        { invalid(QStringLiteral("defect.description"), kValidString) });
    add("null title is fine", requestWith(defectWith("title", "null")), { QStringLiteral("<valid>") });
    add("null lastEdited gets valid datetime", requestWith(defectWith("lastEdited", "null")),
        { invalid(QStringLiteral("defect.lastEdited"), QStringLiteral("Input should be a valid datetime")) });
    add("date-only lastEdited gets timezone info", requestWith(defectWith("lastEdited", R"("2026-01-07")")),
        { invalid(QStringLiteral("defect.lastEdited"), QStringLiteral("Input should have timezone info")) });
    add("short garbage lastEdited gets too short", requestWith(defectWith("lastEdited", R"("yesterday")")),
        { invalid(QStringLiteral("defect.lastEdited"),
                  QStringLiteral("Input should be a valid datetime or date, input is too short")) });
    add("long garbage lastEdited gets invalid year", requestWith(defectWith("lastEdited", R"("the day before")")),
        { invalid(QStringLiteral("defect.lastEdited"),
                  QStringLiteral("Input should be a valid datetime or date, invalid character in year")) });
    add("unix lastEdited is aware and fine", requestWith(defectWith("lastEdited", "1767771900")),
        { QStringLiteral("<valid>") });
    add("string references get valid list", requestWith(defectWith("references", R"("x")")),
        { invalid(QStringLiteral("defect.references"), QStringLiteral("Input should be a valid list")) });
    add("object userDefinedFields get valid list", requestWith(defectWith("userDefinedFields", "{}")),
        { invalid(QStringLiteral("defect.userDefinedFields"), QStringLiteral("Input should be a valid list")) });
    add("numeric principal username gets valid string",
        requestWith(defectWith("principal", R"({"username":1,"password":"p"})")),
        { invalid(QStringLiteral("defect.principal.username"), kValidString) });
    add("null syncType gets valid string", R"({"syncType":null,"syncContext":{}})",
        { invalid(QStringLiteral("syncType"), kValidString) });
    add("unparsable boolean string", R"({"syncContext":{"importNewDefects":"maybe"},"defectIds":[]})",
        { invalid(QStringLiteral("syncContext.importNewDefects"),
                  QStringLiteral("Input should be a valid boolean, unable to interpret input")) });
    add("boolean number 2 is unparsable", R"({"syncContext":{"importNewDefects":2},"defectIds":[]})",
        { invalid(QStringLiteral("syncContext.importNewDefects"),
                  QStringLiteral("Input should be a valid boolean, unable to interpret input")) });
    add("boolean from list gets valid boolean", R"({"syncContext":{"importNewDefects":[]},"defectIds":[]})",
        { invalid(QStringLiteral("syncContext.importNewDefects"), QStringLiteral("Input should be a valid boolean")) });
    add("naive lastSync is allowed", R"({"syncContext":{"lastSync":"2026-02-03T13:05:17"},"defectIds":[]})",
        { QStringLiteral("<valid>") });
    add("bad lastSync", R"({"syncContext":{"lastSync":"2026-02-03T13:05:17+1"},"defectIds":[]})",
        { invalid(
            QStringLiteral("syncContext.lastSync"),
            QStringLiteral(
                "Input should be a valid datetime or date, unexpected extra characters at the end of the input")) });
}

void TstValidation::wrongTypes()
{
    QFETCH(QByteArray, request);
    QFETCH(QStringList, errors);
    if (request.contains("syncType"))
        QCOMPARE(errorsOf<SyncRequest>(request), errors);
    else if (request.contains("defectIds"))
        QCOMPARE(errorsOf<BatchDefectRequest>(request), errors);
    else
        QCOMPARE(errorsOf<DefectRequest>(request), errors);
}

void TstValidation::nonObjectRootGetsRootError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("non-empty array") << QByteArray("[1]");
    QTest::newRow("string") << QByteArray(R"("x")");
    QTest::newRow("number") << QByteArray("5");
    QTest::newRow("false") << QByteArray("false");
    QTest::newRow("null") << QByteArray("null");
}

void TstValidation::nonObjectRootGetsRootError()
{
    QFETCH(QByteArray, json);
    QCOMPARE(errorsOf<DefectRequest>(json),
             QStringList { row(QStringLiteral("<root>"),
                               QStringLiteral("Input should be a valid dictionary or instance of DefectRequest")) });
    QCOMPARE(errorsOf<SyncContext>(json),
             QStringList { row(QStringLiteral("<root>"),
                               QStringLiteral("Input should be a valid dictionary or instance of SyncContext")) });
    QCOMPARE(errorsOf<Results>(json),
             QStringList { row(QStringLiteral("<root>"),
                               QStringLiteral("Input should be a valid dictionary or instance of Results")) });
    // The 400 body writes the root field as JSON null.
    const auto result = validate<BatchDefectRequest>(parse(json));
    QVERIFY(!result.ok());
    QVERIFY(!result.errors().first().field.has_value());
}

void TstValidation::nestedNonObjectsNameTheirModel()
{
    const QString prefix = QStringLiteral("Input should be a valid dictionary or instance of ");
    QCOMPARE(errorsOf<DefectRequest>(R"({"defect":"x","syncContext":null})"),
             (QStringList { invalid(QStringLiteral("defect"), prefix + QStringLiteral("Defect")),
                            invalid(QStringLiteral("syncContext"), prefix + QStringLiteral("SyncContext")) }));
    QCOMPARE(errorsOf<DefectRequest>(requestWith(defectWith("principal", "[]"))),
             QStringList { invalid(QStringLiteral("defect.principal"), prefix + QStringLiteral("Login")) });
    QCOMPARE(errorsOf<DefectRequest>(requestWith(defectWith("userDefinedFields", R"([{"name":"a"},"b"])"))),
             QStringList { invalid(QStringLiteral("defect.userDefinedFields.1"),
                                   prefix + QStringLiteral("UserDefinedFieldProperties")) });
    QCOMPARE(
        errorsOf<Results>(R"({"local":[],"remote":{"create":[1]}})"),
        (QStringList { invalid(QStringLiteral("local"), prefix + QStringLiteral("LocalSyncActions")),
                       invalid(QStringLiteral("remote.create.0"), prefix + QStringLiteral("DefectWithLocalPk")) }));
}

void TstValidation::badEnumsGetPydanticChoices()
{
    const QString syncOption = QStringLiteral("Input should be 'ITB', 'DMS' or 'TIMESTAMP'");
    QCOMPARE(errorsOf<SyncContext>(R"({"statusSyncOption":"itb","prioritySyncOption":5,"classSyncOption":"DMS"})"),
             (QStringList { invalid(QStringLiteral("statusSyncOption"), syncOption),
                            invalid(QStringLiteral("prioritySyncOption"), syncOption) }));
    QCOMPARE(errorsOf<SyncContext>(R"({"syncOption":"FORCE"})"),
             QStringList {
                 invalid(QStringLiteral("syncOption"),
                         QStringLiteral("Input should be 'USE_SYNC_MASTER', 'FORCE_PUBLISH' or 'FORCE_UPDATE'")) });
    QCOMPARE(
        errorsOf<UserDefinedAttribute>(R"({"name":"a","valueType":"string"})"),
        QStringList { invalid(QStringLiteral("valueType"), QStringLiteral("Input should be 'STRING' or 'BOOLEAN'")) });
    QCOMPARE(errorsOf<UserDefinedAttribute>(R"({"name":"a","valueType":"STRING","lastEdited":"2026-01-07T00:00:00"})"),
             QStringList { invalid(QStringLiteral("lastEdited"), QStringLiteral("Input should have timezone info")) });
}

void TstValidation::protocolCodeChoicesListAll()
{
    const QStringList errors = errorsOf<ProtocolEntry>(R"({"code":"OK","message":"m"})");
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral(
                 "code | Invalid value for 'code': Input should be 'READ_ACCESS_ERROR', 'INSERT_ACCESS_ERROR', ")),
             qPrintable(errors.first()));
    QVERIFY(errors.first().endsWith(QStringLiteral("'INSERT_WARNING' or 'IMPORT_WARNING'")));
}

void TstValidation::listIndicesAppearInPaths()
{
    QCOMPARE(errorsOf<BatchDefectRequest>(R"({"defectIds":[1,"a",null],"syncContext":{}})"),
             (QStringList { invalid(QStringLiteral("defectIds.0"), kValidString),
                            invalid(QStringLiteral("defectIds.2"), kValidString) }));
    QCOMPARE(errorsOf<BatchDefectRequest>(R"({"defectIds":"BUG-1","syncContext":{}})"),
             QStringList { invalid(QStringLiteral("defectIds"), QStringLiteral("Input should be a valid list")) });

    QJsonObject created = parse(kDefect).toObject();
    const QByteArray withoutId = QJsonDocument(created).toJson(QJsonDocument::Compact);
    QCOMPARE(errorsOf<Results>(R"({"local":{"create":[)" + withoutId + R"(]}})"),
             QStringList { missing(QStringLiteral("local.create.0.id")) });
    QCOMPARE(errorsOf<DefectRequest>(requestWith(defectWith("references", R"(["a",2])"))),
             QStringList { invalid(QStringLiteral("defect.references.1"), kValidString) });
    QCOMPARE(errorsOf<DefectRequest>(requestWith(defectWith("userDefinedFields", R"([{"name":"a"},{"value":"v"}])"))),
             QStringList { missing(QStringLiteral("defect.userDefinedFields.1.name")) });
}

void TstValidation::mapKeysAppearInPaths()
{
    QCOMPARE(errorsOf<SyncContext>(R"({"udaSyncOptions":{"Sprint":"x"}})"),
             QStringList { invalid(QStringLiteral("udaSyncOptions.Sprint"),
                                   QStringLiteral("Input should be 'ITB', 'DMS' or 'TIMESTAMP'")) });
    QCOMPARE(errorsOf<SyncContext>(R"({"udaSyncOptions":[]})"),
             QStringList {
                 invalid(QStringLiteral("udaSyncOptions"), QStringLiteral("Input should be a valid dictionary")) });
    const QByteArray withAttributes = defectWith("attributes", R"({"title":1})").chopped(1) + R"(,"id":"B"})";
    QCOMPARE(errorsOf<DefectWithAttributes>(withAttributes),
             QStringList { invalid(QStringLiteral("attributes.title"), kValidString) });
}

void TstValidation::basePathIsRelativeToTheObject()
{
    // A JSONL line is validated on its own: fields are relative to the defect object.
    QCOMPARE(errorsOf<DefectWithID>(defectWith("status", {})),
             (QStringList { missing(QStringLiteral("status")), missing(QStringLiteral("id")) }));
    QCOMPARE(errorsOf<DefectWithID>(defectWith("status", {}), { QStringLiteral("line") }),
             (QStringList { missing(QStringLiteral("line.status")), missing(QStringLiteral("line.id")) }));
}

void TstValidation::unknownKeysNeverError()
{
    QCOMPARE(errorsOf<DefectRequest>(R"({"x":1,"syncContext":{"y":[]},"defect":)" + defectWith("zzz", R"({"status":5})")
                                     + '}'),
             QStringList { QStringLiteral("<valid>") });
}

QTEST_APPLESS_MAIN(TstValidation)
#include "tst_validation.moc"
