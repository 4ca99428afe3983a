// SPDX-License-Identifier: Apache-2.0
#include "core/config/serviceconfig.h"
#include "core/defects/jsonldefectclient.h"
#include "core/defects/jsonlstore.h"
#include "tests/support/testutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace tbds;
using namespace tbds::defects;

namespace {

// Child-process modes: the test binary re-runs itself to act as a second writer or as a
// writer that gets killed (QProcess + SIGKILL). Selected by environment, see main().
constexpr char kChildModeVar[] = "TBDS_JSONL_CHILD";
constexpr char kChildRootVar[] = "TBDS_JSONL_ROOT";
constexpr char kChildCountVar[] = "TBDS_JSONL_COUNT";
constexpr char kChildProgressVar[] = "TBDS_JSONL_PROGRESS";

config::ServiceConfig makeConfig(const QString &defectsPath)
{
    config::ServiceConfig config;
    config.clientKind = config::ClientKind::Jsonl;
    config::JsonlClientConfig jsonl;
    jsonl.defectsPath = defectsPath;
    config.jsonl = jsonl;
    return config;
}

template<typename T> Outcome<T> await(QFuture<Outcome<T>> future)
{
    future.waitForFinished();
    return future.result();
}

template<typename T> QString describe(const Outcome<T> &outcome)
{
    if (const HttpError *error = std::get_if<HttpError>(&outcome))
        return QStringLiteral("HTTP %1: %2 %3")
            .arg(QString::number(error->status), error->message, QString::fromUtf8(error->body()));
    return QStringLiteral("ok");
}

Defect defectFromJson(const QByteArray &json)
{
    Validated<Defect> v = validate<Defect>(QJsonDocument::fromJson(json).object());
    if (!v.ok())
        qFatal("bad test defect %s", json.constData());
    return std::move(v).value();
}

DefectRequest request(const QByteArray &defectJson)
{
    return DefectRequest { defectFromJson(defectJson), SyncContext {} };
}

const QByteArray kNewDefect = R"({"title": "Ölfilter 🚗", "description": null, "reporter": "Ann", "status": "open",)"
                              R"("classification": "minor", "priority": "low", "userDefinedFields": null,)"
                              R"("lastEdited": "2026-01-07T07:45:00.441Z", "references": null,)"
                              R"("principal": {"username": "ann", "password": "secret"}})";

void copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir())
            QDir().mkpath(target);
        else
            QFile::copy(path, target);
    }
}

QList<QByteArray> fileLines(const QString &path)
{
    QByteArray bytes = test::readFile(path);
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    return bytes.isEmpty() ? QList<QByteArray>() : bytes.split('\n');
}

/** Every line is a valid defect; returns their ids (empty list + failure flag otherwise). */
bool allLinesValid(const QString &path, QStringList *ids)
{
    for (const QByteArray &line : fileLines(path)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError)
            return false;
        Validated<DefectWithID> v = validate<DefectWithID>(doc.object());
        if (!v.ok())
            return false;
        if (ids)
            ids->append(v.value().id);
    }
    return true;
}

// ---- child processes -----------------------------------------------------------------------

int childCreate()
{
    JsonlDefectClient client(makeConfig(qEnvironmentVariable(kChildRootVar)));
    const int count = qEnvironmentVariableIntValue(kChildCountVar);
    QList<QFuture<Outcome<ProtocolledString>>> futures;
    for (int i = 0; i < count; ++i)
        futures.append(client.create(QStringLiteral("proj"), request(kNewDefect)));
    int failures = 0;
    for (auto &f : futures)
        failures += isError(await(f)) ? 1 : 0;
    return failures == 0 ? 0 : 1;
}

int childRewriteLoop()
{
    JsonlDefectClient client(makeConfig(qEnvironmentVariable(kChildRootVar)));
    const QString progress = qEnvironmentVariable(kChildProgressVar);
    for (int round = 1;; ++round) {
        const QByteArray title = "Round " + QByteArray::number(round);
        QByteArray json = kNewDefect;
        json.replace("Ölfilter 🚗", title);
        const Outcome<Protocol> outcome
            = await(client.update(QStringLiteral("proj"), QStringLiteral("BUG-1"), request(json)));
        if (isError(outcome))
            return 2;
        QFile marker(progress);
        if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
            marker.write(QByteArray::number(round));
    }
}

} // namespace

class TestJsonlDefectClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_root;

    QString store() const { return m_root + QStringLiteral("/car_configurator/defects.jsonl"); }
    std::unique_ptr<JsonlDefectClient> client(const std::function<void(config::ServiceConfig &)> &tweak = {}) const
    {
        config::ServiceConfig config = makeConfig(m_root);
        if (tweak)
            tweak(config);
        return std::make_unique<JsonlDefectClient>(config);
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_root = m_tmp->filePath(QStringLiteral("defects"));
        copyTree(test::dataPath(QStringLiteral("jsonl/defects")), m_root);
        QVERIFY(QFile::exists(store()));
    }

    void cleanup() { m_tmp.reset(); }

    // ---- store building blocks ----

    void scanIds_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("last") << QByteArray(R"({"title": "x", "id": "BUG-3"})") << QStringList { "BUG-3" };
        QTest::newRow("first") << QByteArray(R"({"id":"BUG-4","title":"x"})") << QStringList { "BUG-4" };
        QTest::newRow("nested ignored") << QByteArray(R"({"principal": {"id": "BUG-9"}, "id": "BUG-2"})")
                                        << QStringList { "BUG-2" };
        QTest::newRow("in string ignored")
            << QByteArray(R"({"title": "\"id\": \"BUG-99\"", "x": "id"})") << QStringList {};
        QTest::newRow("value named id") << QByteArray(R"({"title": "id", "id": "BUG-5"})") << QStringList { "BUG-5" };
        QTest::newRow("glued records") << QByteArray(R"({"id": "BUG-15"}{"id": "BUG-22"})")
                                       << QStringList { "BUG-15", "BUG-22" };
        QTest::newRow("escaped value") << QByteArray(R"({"id": "BUG-\u0037"})") << QStringList { "BUG-7" };
        QTest::newRow("escaped key") << QByteArray(R"({"i\u0064": "BUG-8"})") << QStringList { "BUG-8" };
        QTest::newRow("number id") << QByteArray(R"({"id": 12})") << QStringList {};
        QTest::newRow("truncated") << QByteArray(R"({"title": "abc)") << QStringList {};
        QTest::newRow("in array") << QByteArray(R"(["id", "BUG-3"])") << QStringList {};
    }

    void scanIds()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, ids);
        QStringList found;
        jsonl::scanIds(line, [&found](const QString &id) { found.append(id); });
        QCOMPARE(found, ids);
    }

    void bugNumber()
    {
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-007")), std::optional<qint64>(7));
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-12")), std::optional<qint64>(12));
        QCOMPARE(jsonl::bugNumber(QStringLiteral("42")), std::optional<qint64>(42));
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG- 3 ")), std::optional<qint64>(3));
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-1_000")), std::optional<qint64>(1000));
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-1__0")), std::nullopt);
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-_1")), std::nullopt);
        QCOMPARE(jsonl::bugNumber(QStringLiteral("JIRA-1")), std::nullopt);
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-")), std::nullopt);
        QCOMPARE(jsonl::bugNumber(QStringLiteral("BUG-99999999999999999999")), std::nullopt);
    }

    void lineReader()
    {
        // Tiny chunks exercise lines that straddle chunk borders.
        QByteArray data = "a\r\nbb\n\nccc";
        for (int i = 0; i < 200; ++i)
            data += "\nline" + QByteArray::number(i);
        QFile file(m_tmp->filePath(QStringLiteral("lines.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        jsonl::LineReader reader(file, 3);
        QList<QByteArray> lines;
        QByteArrayView line;
        while (reader.next(line))
            lines.append(line.toByteArray());
        QCOMPARE(lines.size(), 204);
        QCOMPARE(lines.at(0), QByteArray("a\r"));
        QCOMPARE(lines.at(2), QByteArray());
        QCOMPARE(lines.at(3), QByteArray("ccc"));
        QCOMPARE(lines.last(), QByteArray("line199"));
        QCOMPARE(reader.lineNumber(), 204);
        QVERIFY(!reader.hasError());
    }

    // ---- simple routes ----

    void settings()
    {
        auto c = client([](config::ServiceConfig &cfg) {
            cfg.jsonl->name = QStringLiteral("Files");
            cfg.jsonl->readonly = true;
        });
        const Outcome<Settings> s = await(c->settings());
        QVERIFY(!isError(s));
        QCOMPARE(std::get<Settings>(s).name, QStringLiteral("Files"));
        QCOMPARE(std::get<Settings>(s).description,
                 QStringLiteral("JSONL client for managing defect records stored in a File."));
        QVERIFY(std::get<Settings>(s).readonly);
        QVERIFY(c->supportsChangesTimestamps());
    }

    void checkLogin()
    {
        auto c = client();
        QCOMPARE(std::get<bool>(await(c->checkLogin(std::nullopt))), true);
        QCOMPARE(std::get<bool>(await(c->checkLogin(QString()))), true);
        QCOMPARE(std::get<bool>(await(c->checkLogin(QStringLiteral("car_configurator")))), true);
        QCOMPARE(std::get<bool>(await(c->checkLogin(QStringLiteral("UserDefinedAttributes.json")))), true); // any entry
        QCOMPARE(std::get<bool>(await(c->checkLogin(QStringLiteral("nope")))), false);
        const Outcome<bool> bad = await(c->checkLogin(QStringLiteral("..")));
        QVERIFY(isError(bad));
        QCOMPARE(std::get<HttpError>(bad).status, 400);
        QCOMPARE(std::get<HttpError>(bad).message, QStringLiteral("Invalid project name: .."));

        auto missing = std::make_unique<JsonlDefectClient>(makeConfig(m_tmp->filePath(QStringLiteral("gone"))));
        QCOMPARE(std::get<bool>(await(missing->checkLogin(std::nullopt))), false);
        QCOMPARE(std::get<bool>(await(missing->checkLogin(QStringLiteral("car_configurator")))), false);
    }

    void projects()
    {
        QDir(m_root).mkdir(QStringLiteral(".hidden"));
        QDir(m_tmp->path()).mkdir(QStringLiteral("outside"));
        QVERIFY(QFile::link(m_tmp->filePath(QStringLiteral("outside")), m_root + QStringLiteral("/escape")));
        QVERIFY(QFile::link(m_root + QStringLiteral("/car_configurator"), m_root + QStringLiteral("/alias")));
        // Our lock and state files are files, never projects.
        auto c = client();
        QVERIFY(!isError(await(c->create(QStringLiteral("car_configurator"), request(kNewDefect)))));
        const Outcome<QStringList> p = await(c->projects());
        QVERIFY(!isError(p));
        QCOMPARE(std::get<QStringList>(p), (QStringList { ".hidden", "alias", "car_configurator", "empty_project" }));

        auto missing = std::make_unique<JsonlDefectClient>(makeConfig(m_tmp->filePath(QStringLiteral("gone"))));
        QCOMPARE(std::get<QStringList>(await(missing->projects())), QStringList());
    }

    void controlFields()
    {
        auto c = client([](config::ServiceConfig &cfg) {
            cfg.jsonl->controlFields
                = { { QStringLiteral("status"), { "open", "closed" } }, { QStringLiteral("priority"), { "low" } } };
            config::JsonlProjectConfig p;
            p.controlFields = QMap<QString, QStringList> { { QStringLiteral("classification"), { "major" } } };
            cfg.jsonl->projects.insert(QStringLiteral("car_configurator"), p);
        });
        const ControlFields global = std::get<ControlFields>(await(c->controlFields(std::nullopt)));
        QCOMPARE(global.size(), 2);
        QCOMPARE(global.at(0).first, QStringLiteral("priority"));
        QCOMPARE(global.at(1).second, (QStringList { "open", "closed" }));
        const ControlFields project
            = std::get<ControlFields>(await(c->controlFields(QStringLiteral("car_configurator"))));
        QCOMPARE(project.size(), 1);
        QCOMPARE(project.at(0).first, QStringLiteral("classification"));
        // Unknown and even invalid names just get the global fields (§2.15).
        QCOMPARE(std::get<ControlFields>(await(c->controlFields(QStringLiteral("unknown")))), global);
        QCOMPARE(std::get<ControlFields>(await(c->controlFields(QStringLiteral("..")))), global);
    }

    // ---- UserDefinedAttributes.json ----

    void udfs()
    {
        auto c = client();
        const Outcome<QList<UserDefinedAttribute>> global = await(c->userDefinedAttributes(std::nullopt));
        QVERIFY2(!isError(global), qPrintable(describe(global)));
        // Byte-exact with the reference's answer for the same file (contract §6.10).
        QCOMPARE(
            toJson(std::get<QList<UserDefinedAttribute>>(global)),
            QByteArray(
                R"([{"name":"Sprint","valueType":"STRING","mustField":false,"lastEdited":null,"stringValue":"Production","booleanValue":null},{"name":"Rank","valueType":"STRING","mustField":false,"lastEdited":null,"stringValue":null,"booleanValue":false},{"name":"dropdown","valueType":"STRING","mustField":false,"lastEdited":"2026-01-27T10:30:00Z","stringValue":null,"booleanValue":null}])"));
        const auto project = std::get<QList<UserDefinedAttribute>>(
            await(c->userDefinedAttributes(QStringLiteral("car_configurator"))));
        QCOMPARE(project.size(), 1);
        QCOMPARE(project.at(0).mustField, std::optional<bool>(true));
        QCOMPARE(std::get<QList<UserDefinedAttribute>>(await(c->userDefinedAttributes(QStringLiteral("empty_project"))))
                     .size(),
                 0);
        QCOMPARE(
            std::get<QList<UserDefinedAttribute>>(await(c->userDefinedAttributes(QStringLiteral("unknown")))).size(),
            0);
        const auto bad = await(c->userDefinedAttributes(QStringLiteral("../defects")));
        QCOMPARE(std::get<HttpError>(bad).status, 400);
        QCOMPARE(std::get<HttpError>(bad).message, QStringLiteral("Invalid project name: ../defects"));
    }

    void udfsUtf8()
    {
        // UTF-8 with a BOM (Windows editors write one); the reference used the platform encoding.
        test::writeFile(m_root, QStringLiteral("UserDefinedAttributes.json"),
                        "\xEF\xBB\xBF[{\"name\": \"Gr\xC3\xB6\xC3\x9F"
                        "e\", \"valueType\": \"STRING\", \"stringValue\": \"\xE2\x82\xAC\"}]");
        auto c = client();
        const auto udfs = await(c->userDefinedAttributes(std::nullopt));
        QVERIFY2(!isError(udfs), qPrintable(describe(udfs)));
        QCOMPARE(std::get<QList<UserDefinedAttribute>>(udfs).at(0).name, QStringLiteral("Größe"));
        QCOMPARE(std::get<QList<UserDefinedAttribute>>(udfs).at(0).stringValue,
                 std::optional<QString>(QStringLiteral("€")));
    }

    void udfsErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("[{") << 500 << QString();
        QTest::newRow("not a list") << QByteArray(R"({"name": "x"})") << 500 << QString();
        QTest::newRow("not objects") << QByteArray(R"(["x"])") << 500 << QString();
        QTest::newRow("no valueType") << QByteArray(R"([{"name": "x"}])") << 500 << QString();
        QTest::newRow("no name") << QByteArray(R"([{"valueType": "STRING"}])") << 500 << QString();
        QTest::newRow("lower-case type") << QByteArray(R"([{"name": "x", "valueType": "string"}])") << 400
                                         << QStringLiteral("valueType");
        QTest::newRow("naive lastEdited")
            << QByteArray(R"([{"name": "x", "valueType": "STRING", "lastEdited": "2026-01-01T10:00:00"}])") << 400
            << QStringLiteral("lastEdited");
    }

    void udfsErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, status);
        QFETCH(QString, field);
        test::writeFile(m_root, QStringLiteral("car_configurator/UserDefinedAttributes.json"), content);
        auto c = client();
        const auto outcome = await(c->userDefinedAttributes(QStringLiteral("car_configurator")));
        QVERIFY(isError(outcome));
        const HttpError &error = std::get<HttpError>(outcome);
        QCOMPARE(error.status, status);
        if (status == 500) {
            QCOMPARE(error.message,
                     QStringLiteral("The application encountered an unexpected error and could not continue."));
        } else {
            QCOMPARE(error.message, QStringLiteral("Validation error"));
            QCOMPARE(error.errors.size(), 1);
            QCOMPARE(error.errors.at(0).field, std::optional<QString>(field));
        }
    }

    // ---- reads ----

    void defects()
    {
        auto c = client();
        const Outcome<ProtocolledDefectSet> outcome = await(c->defects(QStringLiteral("car_configurator"), {}));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const ProtocolledDefectSet &set = std::get<ProtocolledDefectSet>(outcome);
        QStringList ids;
        for (const DefectWithID &d : set.value) {
            ids.append(d.id);
            QCOMPARE(d.principal.password, QString()); // stored passwords are never echoed
        }
        QCOMPARE(ids, (QStringList { "BUG-18", "BUG-19", "BUG-20", "BUG-21", "BUG-15" }));
        QCOMPARE(set.value.at(0).description,
                 std::optional<QString>(QStringLiteral("Der 3D-Konfigurator lädt die Texturen für die "
                                                       "Innenausstattung (Leder 'Nappa') nicht.")));
        QCOMPARE(set.value.at(0).principal.username, QStringLiteral("Elena_QA"));
        QCOMPARE(set.value.at(0).lastEdited.toString(), QStringLiteral("2026-03-01T10:15:30.123000+01:00"));
        QCOMPARE(set.protocol.successes.size(), 5);
        QCOMPARE(set.protocol.successes.at(2).first, QStringLiteral("BUG-20"));
        QCOMPARE(set.protocol.successes.at(2).second.at(0).message,
                 std::optional<QString>(QStringLiteral("Retrieved 3 defects for project: car_configurator")));
        QCOMPARE(set.protocol.successes.at(2).second.at(0).code, std::optional(ProtocolCode::ImportSuccess));
        QVERIFY(set.protocol.generalWarnings.isEmpty());
        QVERIFY(set.protocol.generalErrors.isEmpty());
    }

    void defectsMalformedAndDuplicates()
    {
        QByteArray bytes = test::readFile(store());
        const QList<QByteArray> lines = bytes.split('\n');
        QByteArray edited = lines.at(0) + "\n{not json\n\n" + lines.at(0) + "\r\n" + lines.at(1);
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"), edited);
        auto c = client();
        const auto outcome = await(c->defects(QStringLiteral("car_configurator"), {}));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const ProtocolledDefectSet &set = std::get<ProtocolledDefectSet>(outcome);
        QCOMPARE(set.value.size(), 3);
        QCOMPARE(set.protocol.generalWarnings.size(), 2);
        QCOMPARE(set.protocol.generalWarnings.at(0).code, std::optional(ProtocolCode::ImportWarning));
        QCOMPARE(
            set.protocol.generalWarnings.at(0).message,
            std::optional<QString>(QStringLiteral("Malformed defect entry in JSONL file 'defects.jsonl' at line 2.")));
        QCOMPARE(
            set.protocol.generalWarnings.at(1).message,
            std::optional<QString>(QStringLiteral("Malformed defect entry in JSONL file 'defects.jsonl' at line 3.")));
        // The duplicate id gets two entries under one key, with the running count.
        QCOMPARE(set.protocol.successes.at(0).first, QStringLiteral("BUG-18"));
        QCOMPARE(set.protocol.successes.at(0).second.size(), 2);
        QCOMPARE(set.protocol.successes.at(0).second.at(1).message,
                 std::optional<QString>(QStringLiteral("Retrieved 2 defects for project: car_configurator")));
    }

    void defectsInvalidLineIs400()
    {
        test::writeFile(
            m_root, QStringLiteral("car_configurator/defects.jsonl"),
            R"({"title": "x", "classification": "a", "priority": "b", "lastEdited": "2026-01-01T00:00:00Z", "principal": {"username": "u", "password": ""}, "id": "BUG-1"})"
            "\n");
        auto c = client();
        const auto outcome = await(c->defects(QStringLiteral("car_configurator"), {}));
        QVERIFY(isError(outcome));
        const HttpError &error = std::get<HttpError>(outcome);
        QCOMPARE(error.status, 400);
        QCOMPARE(error.errors.size(), 1);
        QCOMPARE(error.errors.at(0).field, std::optional<QString>(QStringLiteral("status")));
        QCOMPARE(error.errors.at(0).message, QStringLiteral("Missing required field 'status'"));
    }

    void unknownProjectMatrix()
    {
        auto c = client();
        for (const QString &project : { QStringLiteral("unknown"), QStringLiteral("empty_project") }) {
            const auto read = std::get<ProtocolledDefectSet>(await(c->defects(project, {})));
            QVERIFY(read.value.isEmpty());
            QCOMPARE(read.protocol.generalErrors.size(), 1);
            QCOMPARE(read.protocol.generalErrors.at(0).code, std::optional(ProtocolCode::ProjectNotFound));
            QCOMPARE(read.protocol.generalErrors.at(0).message,
                     std::optional<QString>(QStringLiteral("No defect files found for project %1.").arg(project)));
            const auto batch = std::get<ProtocolledDefectSet>(
                await(c->batch(project, BatchDefectRequest { { QStringLiteral("BUG-1") }, {} })));
            QVERIFY(batch.value.isEmpty());
            QCOMPARE(batch.protocol.generalErrors.at(0).code, std::optional(ProtocolCode::ProjectNotFound));
            QVERIFY(batch.protocol.warnings.isEmpty());

            const QString notFound = QStringLiteral("No defect files found for project %1.").arg(project);
            const auto created = await(c->create(project, request(kNewDefect)));
            QCOMPARE(std::get<HttpError>(created).status, 404);
            QCOMPARE(std::get<HttpError>(created).message, notFound);
            const auto updated = await(c->update(project, QStringLiteral("BUG-1"), request(kNewDefect)));
            QCOMPARE(std::get<HttpError>(updated).status, 404);
            QCOMPARE(std::get<HttpError>(updated).message, notFound);
            const auto removed = await(c->remove(project, QStringLiteral("BUG-1"), request(kNewDefect)));
            QCOMPARE(std::get<HttpError>(removed).status, 404);
            const auto extended = await(c->extended(project, QStringLiteral("BUG-1"), {}));
            QCOMPARE(std::get<HttpError>(extended).status, 404);
            QCOMPARE(std::get<HttpError>(extended).message, notFound);
        }
        QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/unknown")));
    }

    void firstStoreIsAlphabetical()
    {
        test::writeFile(m_root, QStringLiteral("car_configurator/zz.jsonl"), "");
        test::writeFile(m_root, QStringLiteral("car_configurator/Upper.JSONL"), ""); // case-sensitive glob
        test::writeFile(m_root, QStringLiteral("car_configurator/aa.jsonl"),
                        test::readFile(store()).split('\n').at(1) + '\n');
        auto c = client();
        const auto set = std::get<ProtocolledDefectSet>(await(c->defects(QStringLiteral("car_configurator"), {})));
        QCOMPARE(set.value.size(), 1);
        QCOMPARE(set.value.at(0).id, QStringLiteral("BUG-19"));
        const auto created
            = std::get<ProtocolledString>(await(c->create(QStringLiteral("car_configurator"), request(kNewDefect))));
        QCOMPARE(created.protocol.successes.at(0).second.at(0).message,
                 std::optional<QString>(QStringLiteral("Defect 'BUG-20' created successfully in project "
                                                       "car_configurator and appended to 'aa.jsonl'.")));
    }

    void batch()
    {
        auto c = client();
        const BatchDefectRequest req { { "BUG-21", "", "BUG-99", "BUG-18", "BUG-21", "BUG-100" }, {} };
        const auto outcome = await(c->batch(QStringLiteral("car_configurator"), req));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const auto &set = std::get<ProtocolledDefectSet>(outcome);
        QCOMPARE(set.value.size(), 2);
        QCOMPARE(set.value.at(0).id, QStringLiteral("BUG-18")); // file order
        QCOMPARE(set.value.at(1).id, QStringLiteral("BUG-21"));
        QCOMPARE(set.value.at(1).principal.password, QString());
        QCOMPARE(Protocol::entriesFor(set.protocol.successes, QStringLiteral("BUG-21")).at(0).message,
                 std::optional<QString>(QStringLiteral("Defect 'BUG-21' loaded successfully from 'defects.jsonl'.")));
        QCOMPARE(set.protocol.warnings.size(), 2);
        QCOMPARE(set.protocol.warnings.at(0).first, QStringLiteral("BUG-100")); // sorted as strings
        QCOMPARE(set.protocol.warnings.at(1).first, QStringLiteral("BUG-99"));
        QCOMPARE(set.protocol.warnings.at(1).second.at(0).code, std::optional(ProtocolCode::DefectNotFound));
        QCOMPARE(set.protocol.warnings.at(1).second.at(0).message,
                 std::optional<QString>(
                     QStringLiteral("Requested defect id 'BUG-99' not found in project car_configurator.")));
    }

    void extended()
    {
        auto c = client([](config::ServiceConfig &cfg) {
            cfg.jsonl->attributes = { "title",       "status",     "Sprint",    "id",
                                      "lastEdited",  "references", "principal", "userDefinedFields",
                                      "description", "nothing",    "Empty" };
        });
        // A null UDF value renders as Python's None.
        QByteArray bytes = test::readFile(store());
        bytes.replace(
            R"({"name": "Sprint", "value": "3", "mustField": false})",
            R"({"name": "Sprint", "value": "3", "mustField": false}, {"name": "Empty", "value": null, "mustField": null})");
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"), bytes);
        const auto outcome = await(c->extended(QStringLiteral("car_configurator"), QStringLiteral("BUG-19"), {}));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const DefectWithAttributes &d = std::get<DefectWithAttributes>(outcome);
        QCOMPARE(d.id, QStringLiteral("BUG-19"));
        QCOMPARE(d.principal.password, QString());
        const StringPairs expected = {
            { "title", "Incompatible Trim Logic" },
            { "status", "resolved" },
            { "Sprint", "3" },
            { "id", "root='BUG-19'" },
            { "lastEdited", "2026-03-12 14:20:10.500000+01:00" },
            { "references", "['PR-452']" },
            { "principal", "username='Markus_Dev' password=''" },
            { "userDefinedFields",
              "[UserDefinedFieldProperties(name='Sprint', value='3', mustField=False), "
              "UserDefinedFieldProperties(name='Empty', value=None, mustField=None)]" },
            { "description", "Die Ausstattungslinie „Sport“ erlaubt inkompatible Felgen." },
            { "Empty", "None" },
        };
        QCOMPARE(d.attributes, expected);

        const auto missing = await(c->extended(QStringLiteral("car_configurator"), QStringLiteral("BUG-1"), {}));
        QCOMPARE(std::get<HttpError>(missing).status, 404);
        QCOMPARE(std::get<HttpError>(missing).message,
                 QStringLiteral("Defect with id BUG-1 not found in project car_configurator."));
    }

    void extendedProjectAttributesAndMalformed()
    {
        auto c = client([](config::ServiceConfig &cfg) {
            config::JsonlProjectConfig p;
            p.attributes = QStringList { "priority" };
            cfg.jsonl->projects.insert(QStringLiteral("car_configurator"), p);
        });
        const auto ok = std::get<DefectWithAttributes>(
            await(c->extended(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), {})));
        QCOMPARE(ok.attributes, (StringPairs { { "priority", "high" } }));
        // A malformed line before the match is a 400; one after it does not matter.
        const QList<QByteArray> lines = test::readFile(store()).split('\n');
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"),
                        lines.at(0) + "\n{broken\n" + lines.at(1) + "\n");
        QVERIFY(!isError(await(c->extended(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), {}))));
        const auto bad = await(c->extended(QStringLiteral("car_configurator"), QStringLiteral("BUG-19"), {}));
        QCOMPARE(std::get<HttpError>(bad).status, 400);
        QCOMPARE(std::get<HttpError>(bad).message, QStringLiteral("Malformed defect entry in JSONL file."));
    }

    // ---- create ----

    void create()
    {
        auto c = client();
        const auto outcome = await(c->create(QStringLiteral("car_configurator"), request(kNewDefect)));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const auto &created = std::get<ProtocolledString>(outcome);
        QCOMPARE(created.value, QStringLiteral("BUG-22"));
        QCOMPARE(created.protocol.successes.size(), 1);
        QCOMPARE(created.protocol.successes.at(0).first, QStringLiteral("car_configurator"));
        QCOMPARE(created.protocol.successes.at(0).second.at(0).code, std::optional(ProtocolCode::InsertSuccess));
        QCOMPARE(created.protocol.successes.at(0).second.at(0).message,
                 std::optional<QString>(QStringLiteral("Defect 'BUG-22' created successfully in project "
                                                       "car_configurator and appended to 'defects.jsonl'.")));
        // The file had no final newline: both the old last record and the new one survive.
        const QList<QByteArray> lines = fileLines(store());
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines.at(4).endsWith(R"("id": "BUG-15"})"));
        // Python json.dumps style, \u escapes (surrogate pair for the emoji), nulls normalised,
        // no password.
        QCOMPARE(
            lines.at(5),
            QByteArray(
                R"({"title": "\u00d6lfilter \ud83d\ude97", "description": null, "reporter": "Ann", "status": "open", "classification": "minor", "priority": "low", "userDefinedFields": [], "lastEdited": "2026-01-07T07:45:00.441000Z", "references": [], "principal": {"username": "ann", "password": ""}, "id": "BUG-22"})"));
        QVERIFY(test::readFile(store()).endsWith('\n'));
        QVERIFY(!test::readFile(store()).contains("secret"));

        const auto set = std::get<ProtocolledDefectSet>(await(c->defects(QStringLiteral("car_configurator"), {})));
        QCOMPARE(set.value.size(), 6);
        QCOMPARE(set.value.last().title, std::optional<QString>(QStringLiteral("Ölfilter 🚗")));
        QCOMPARE(set.value.last().principal.password, QString());
        QVERIFY(set.protocol.generalWarnings.isEmpty());
    }

    void createIdRules()
    {
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"),
                        "{\"id\": \"BUG-007\"}\nnot json at all\n{\"id\": \"JIRA-50\"}\n{\"id\": \"3\"}\n");
        auto c = client();
        QCOMPARE(std::get<ProtocolledString>(await(c->create(QStringLiteral("car_configurator"), request(kNewDefect))))
                     .value,
                 QStringLiteral("BUG-8"));
        test::writeFile(m_root, QStringLiteral("empty_project/defects.jsonl"), "");
        QCOMPARE(
            std::get<ProtocolledString>(await(c->create(QStringLiteral("empty_project"), request(kNewDefect)))).value,
            QStringLiteral("BUG-1"));
    }

    void idsNotReusedAfterDelete()
    {
        auto c = client();
        const QString p = QStringLiteral("car_configurator");
        QCOMPARE(std::get<ProtocolledString>(await(c->create(p, request(kNewDefect)))).value, QStringLiteral("BUG-22"));
        QVERIFY(!std::get<Protocol>(await(c->remove(p, QStringLiteral("BUG-22"), request(kNewDefect)))).hasErrors());
        QCOMPARE(std::get<ProtocolledString>(await(c->create(p, request(kNewDefect)))).value, QStringLiteral("BUG-23"));
        // Also when the highest id came from elsewhere (the reference service, an editor).
        QVERIFY(!std::get<Protocol>(await(c->remove(p, QStringLiteral("BUG-23"), request(kNewDefect)))).hasErrors());
        QVERIFY(!std::get<Protocol>(await(c->remove(p, QStringLiteral("BUG-21"), request(kNewDefect)))).hasErrors());
        QCOMPARE(std::get<ProtocolledString>(await(c->create(p, request(kNewDefect)))).value, QStringLiteral("BUG-24"));
    }

    void readOnly()
    {
        const QString expected = QStringLiteral("Cannot modify defects when the JSONL client is in read-only mode.");
        const QByteArray before = test::readFile(store());
        auto global = client([](config::ServiceConfig &cfg) { cfg.jsonl->readonly = true; });
        auto perProject = client([](config::ServiceConfig &cfg) {
            config::JsonlProjectConfig p;
            p.readonly = true;
            cfg.jsonl->projects.insert(QStringLiteral("car_configurator"), p);
        });
        for (JsonlDefectClient *c : { global.get(), perProject.get() }) {
            const auto created = await(c->create(QStringLiteral("car_configurator"), request(kNewDefect)));
            QCOMPARE(std::get<HttpError>(created).status, 400);
            QCOMPARE(std::get<HttpError>(created).message, expected);
            const auto updated
                = await(c->update(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), request(kNewDefect)));
            QCOMPARE(std::get<HttpError>(updated).message, expected);
            const auto removed
                = await(c->remove(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), request(kNewDefect)));
            QCOMPARE(std::get<HttpError>(removed).message, expected);
            QVERIFY(!isError(await(c->defects(QStringLiteral("car_configurator"), {}))));
        }
        // Read-only is checked before the project exists (§2.15).
        QCOMPARE(std::get<HttpError>(await(global->create(QStringLiteral("unknown"), request(kNewDefect)))).message,
                 expected);
        // The override only affects its project.
        test::writeFile(m_root, QStringLiteral("empty_project/d.jsonl"), "");
        QVERIFY(!isError(await(perProject->create(QStringLiteral("empty_project"), request(kNewDefect)))));
        QCOMPARE(test::readFile(store()), before);
    }

    // ---- update / delete ----

    void update()
    {
        auto c = client();
        const QByteArray replacement
            = R"({"title": "New title", "description": null, "status": "closed", "classification": "minor",)"
              R"("priority": "low", "userDefinedFields": null, "lastEdited": "2026-04-01T12:00:00+02:00",)"
              R"("references": null, "principal": {"username": "upd", "password": "pw"}})";
        const auto outcome
            = await(c->update(QStringLiteral("car_configurator"), QStringLiteral("BUG-20"), request(replacement)));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const Protocol &protocol = std::get<Protocol>(outcome);
        QCOMPARE(protocol.successes.at(0).first, QStringLiteral("car_configurator"));
        QCOMPARE(protocol.successes.at(0).second.at(0).code, std::optional(ProtocolCode::PublishSuccess));
        QCOMPARE(protocol.successes.at(0).second.at(0).message,
                 std::optional<QString>(
                     QStringLiteral("Defect 'BUG-20' updated successfully in project car_configurator.")));
        const QList<QByteArray> lines = fileLines(store());
        QCOMPARE(lines.size(), 5);
        QCOMPARE(
            lines.at(2),
            QByteArray(
                R"({"title": "New title", "description": null, "reporter": null, "status": "closed", "classification": "minor", "priority": "low", "userDefinedFields": null, "lastEdited": "2026-04-01T12:00:00+02:00", "references": null, "principal": {"username": "upd", "password": ""}, "id": "BUG-20"})"));
        // Untouched records are re-serialised like the reference does, which clears old passwords.
        const QByteArray firstStart
            = "{\"title\": \"Missing 3D Preview\", \"description\": \"Der 3D-Konfigurator l\\u00e4dt";
        QVERIFY(lines.at(0).startsWith(firstStart));
        const QByteArray bytes = test::readFile(store());
        QVERIFY(!bytes.contains("SecurePass123"));
        QVERIFY(!bytes.contains("DevPassword"));
        QVERIFY(bytes.endsWith('\n'));
        QStringList ids;
        QVERIFY(allLinesValid(store(), &ids));
        QCOMPARE(ids, (QStringList { "BUG-18", "BUG-19", "BUG-20", "BUG-21", "BUG-15" }));
    }

    void updateAndDeleteNotFound()
    {
        auto c = client();
        const QByteArray before = test::readFile(store());
        const Protocol updated = std::get<Protocol>(
            await(c->update(QStringLiteral("car_configurator"), QStringLiteral("BUG-1"), request(kNewDefect))));
        QCOMPARE(updated.generalErrors.size(), 1);
        QCOMPARE(updated.generalErrors.at(0).code, std::optional(ProtocolCode::DefectNotFound));
        QCOMPARE(
            updated.generalErrors.at(0).message,
            std::optional<QString>(QStringLiteral("Defect with id 'BUG-1' not found in project car_configurator.")));
        const Protocol removed = std::get<Protocol>(
            await(c->remove(QStringLiteral("car_configurator"), QStringLiteral("BUG-1"), request(kNewDefect))));
        QCOMPARE(removed.generalErrors.at(0).code, std::optional(ProtocolCode::NoDefectFound));
        QCOMPARE(removed.generalErrors.at(0).message,
                 std::optional<QString>(QStringLiteral("Defect with id BUG-1 not found in project car_configurator")));
        QCOMPARE(test::readFile(store()), before); // untouched, passwords and all

        const Protocol emptyUpdate
            = std::get<Protocol>(await(c->update(QStringLiteral("car_configurator"), QString(), request(kNewDefect))));
        QCOMPARE(emptyUpdate.warnings.at(0).first, QString());
        QCOMPARE(emptyUpdate.warnings.at(0).second.at(0).message,
                 std::optional<QString>(QStringLiteral("Defect is not synchronized yet and cannot be updated.")));
        const Protocol emptyDelete
            = std::get<Protocol>(await(c->remove(QStringLiteral("car_configurator"), QString(), request(kNewDefect))));
        QCOMPARE(emptyDelete.generalErrors.at(0).message,
                 std::optional<QString>(QStringLiteral("Defect is not synchronized yet and cannot be deleted.")));
    }

    void rewriteKeepsMalformedLines()
    {
        const QList<QByteArray> lines = fileLines(store());
        const QByteArray garbage1 = "{\"title\": \"half a rec";
        const QByteArray garbage2 = "   ";
        const QByteArray glued = lines.at(3) + lines.at(4); // what the reference's append produced
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"),
                        lines.at(0) + '\n' + garbage1 + '\n' + lines.at(1) + '\n' + garbage2 + '\n' + lines.at(2) + '\n'
                            + glued + '\n');
        auto c = client();
        const auto outcome
            = await(c->remove(QStringLiteral("car_configurator"), QStringLiteral("BUG-19"), request(kNewDefect)));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        const Protocol &protocol = std::get<Protocol>(outcome);
        QCOMPARE(protocol.successes.at(0).second.at(0).message,
                 std::optional<QString>(
                     QStringLiteral("Defect 'BUG-19' deleted successfully from project car_configurator.")));
        QCOMPARE(protocol.generalWarnings.size(), 3);
        QCOMPARE(protocol.generalWarnings.at(0).code, std::optional(ProtocolCode::ImportWarning));
        QCOMPARE(protocol.generalWarnings.at(0).message,
                 std::optional<QString>(QStringLiteral(
                     "Malformed defect entry in JSONL file 'defects.jsonl' at line 2; entry kept unchanged.")));
        QCOMPARE(protocol.generalWarnings.at(2).message,
                 std::optional<QString>(QStringLiteral(
                     "Malformed defect entry in JSONL file 'defects.jsonl' at line 6; entry kept unchanged.")));
        const QList<QByteArray> after = fileLines(store());
        QCOMPARE(after.size(), 5);
        QCOMPARE(after.at(1), garbage1);
        QCOMPARE(after.at(2), garbage2);
        QCOMPARE(after.at(4), glued);
        // An update keeps them as well, and the glued ids still count for new ids.
        QVERIFY(!isError(
            await(c->update(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), request(kNewDefect)))));
        QCOMPARE(fileLines(store()).at(1), garbage1);
        QCOMPARE(fileLines(store()).at(4), glued);
        QCOMPARE(std::get<ProtocolledString>(await(c->create(QStringLiteral("car_configurator"), request(kNewDefect))))
                     .value,
                 QStringLiteral("BUG-22"));
    }

    void rewriteRefusesInvalidDefect()
    {
        QByteArray bytes = test::readFile(store());
        bytes += "\n{\"status\": 5}\n";
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"), bytes);
        auto c = client();
        const auto outcome
            = await(c->update(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), request(kNewDefect)));
        QCOMPARE(std::get<HttpError>(outcome).status, 400);
        QCOMPARE(std::get<HttpError>(outcome).message, QStringLiteral("Validation error"));
        QCOMPARE(test::readFile(store()), bytes);
    }

    void deleteRemovesAllCopies()
    {
        const QList<QByteArray> lines = fileLines(store());
        test::writeFile(m_root, QStringLiteral("car_configurator/defects.jsonl"),
                        lines.at(0) + '\n' + lines.at(1) + '\n' + lines.at(0) + '\n');
        auto c = client();
        QVERIFY(!std::get<Protocol>(await(c->remove(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"),
                                                    request(kNewDefect))))
                     .hasErrors());
        QStringList ids;
        QVERIFY(allLinesValid(store(), &ids));
        QCOMPARE(ids, QStringList { "BUG-19" });
    }

    // ---- /correct ----

    void correct()
    {
        auto c = client([](config::ServiceConfig &cfg) {
            cfg.jsonl->controlFields = { { QStringLiteral("status"), { "open", "closed" } } };
            config::JsonlProjectConfig p;
            p.controlFields = QMap<QString, QStringList> { { QStringLiteral("Sprint"), { "4" } } };
            cfg.jsonl->projects.insert(QStringLiteral("udf_keys"), p);
        });
        const QByteArray body
            = R"({)"
              R"("local": {"create": [)"
              R"({"status": "open", "classification": "a", "priority": "b", "lastEdited": "2026-01-01T00:00:00Z", "principal": {"username": "u", "password": ""}, "id": "1"},)"
              R"({"status": "weird", "classification": "a", "priority": "b", "lastEdited": "2026-01-01T00:00:00Z", "principal": {"username": "u", "password": ""}, "id": "2"},)"
              R"({"status": "closed", "classification": "", "priority": "b", "lastEdited": "2026-01-01T00:00:00Z", "principal": {"username": "u", "password": ""}, "id": "3"}],)"
              R"("update": null, "delete": null},)"
              R"("remote": {"create": [)"
              R"({"status": "closed", "classification": "a", "priority": "b", "lastEdited": "2026-01-01T00:00:00Z", "principal": {"username": "u", "password": ""}, "localPk": "9"}],)"
              R"("delete": [{"status": "weird", "classification": "", "priority": "", "lastEdited": "2026-01-01T00:00:00Z", "principal": {"username": "u", "password": ""}, "id": "5", "localPk": "5"}]}})";
        Validated<Results> input = validate<Results>(QJsonDocument::fromJson(body).object());
        QVERIFY(input.ok());
        const Results out = std::get<Results>(await(c->correct(QStringLiteral("any"), input.value())));
        QCOMPARE(out.local->toCreate->size(), 1);
        QCOMPARE(out.local->toCreate->at(0).id, QStringLiteral("1"));
        QCOMPARE(out.local->toUpdate, std::optional(QList<KnownDefect>())); // null becomes []
        QCOMPARE(out.local->toDelete, std::nullopt); // delete untouched
        QCOMPARE(out.remote->toCreate->size(), 1);
        QCOMPARE(out.remote->toUpdate, std::optional(QList<KnownDefect>()));
        QCOMPARE(out.remote->toDelete->size(), 1);
        // A key that is no defect field rejects everything (reference quirk, kept).
        const Results udfKeyed = std::get<Results>(await(c->correct(QStringLiteral("udf_keys"), input.value())));
        QCOMPARE(udfKeyed.local->toCreate->size(), 0);
        // No control fields: only the mandatory fields count.
        auto plain = client();
        QCOMPARE(std::get<Results>(await(plain->correct(QStringLiteral("x"), input.value()))).local->toCreate->size(),
                 2);
        // Absent sides stay absent.
        QCOMPARE(std::get<Results>(await(plain->correct(QStringLiteral("x"), Results {}))), Results {});
    }

    // ---- safety ----

    void pathTraversal_data()
    {
        QTest::addColumn<QString>("project");
        QTest::newRow("dotdot") << QStringLiteral("..");
        QTest::newRow("dotdot slash") << QStringLiteral("../outside");
        QTest::newRow("nested") << QStringLiteral("car_configurator/..");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("backslash") << QStringLiteral("..\\outside");
        QTest::newRow("dot") << QStringLiteral(".");
        QTest::newRow("empty") << QString();
        QTest::newRow("nul") << QStringLiteral("car_configurator") + QChar(u'\0');
        QTest::newRow("absolute") << QStringLiteral("/tmp");
        QTest::newRow("symlink out") << QStringLiteral("escape");
        QTest::newRow("dangling out") << QStringLiteral("dangling");
    }

    void pathTraversal()
    {
        QFETCH(QString, project);
        // A complete project outside defects_path that must never be read nor written.
        const QString outside = m_tmp->filePath(QStringLiteral("outside"));
        QDir().mkpath(outside);
        QFile::copy(store(), outside + QStringLiteral("/defects.jsonl"));
        const QByteArray outsideBefore = test::readFile(outside + QStringLiteral("/defects.jsonl"));
        QVERIFY(QFile::link(outside, m_root + QStringLiteral("/escape")));
        QVERIFY(QFile::link(m_tmp->filePath(QStringLiteral("nowhere")), m_root + QStringLiteral("/dangling")));

        auto c = client();
        const QString message = QStringLiteral("Invalid project name: ") + project;
        auto check = [&](const HttpError &error) {
            QCOMPARE(error.status, 400);
            QCOMPARE(error.message, message);
        };
        if (!project.isEmpty()) // an empty query parameter means "no project" for check-login and udfs
            check(std::get<HttpError>(await(c->checkLogin(project))));
        check(std::get<HttpError>(await(c->defects(project, {}))));
        check(std::get<HttpError>(await(c->batch(project, BatchDefectRequest { { "BUG-1" }, {} }))));
        check(std::get<HttpError>(await(c->create(project, request(kNewDefect)))));
        check(std::get<HttpError>(await(c->update(project, QStringLiteral("BUG-18"), request(kNewDefect)))));
        check(std::get<HttpError>(await(c->remove(project, QStringLiteral("BUG-18"), request(kNewDefect)))));
        check(std::get<HttpError>(await(c->extended(project, QStringLiteral("BUG-18"), {}))));
        if (!project.isEmpty())
            check(std::get<HttpError>(await(c->userDefinedAttributes(project))));
        QCOMPARE(test::readFile(outside + QStringLiteral("/defects.jsonl")), outsideBefore);
        QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList { "defects.jsonl" });
        QVERIFY(!QFileInfo::exists(m_tmp->filePath(QStringLiteral("nowhere"))));
    }

    void storeSymlinkOutsideIgnored()
    {
        const QString outside = m_tmp->filePath(QStringLiteral("secret.jsonl"));
        QFile::copy(store(), outside);
        QFile::remove(store());
        QVERIFY(QFile::link(outside, store()));
        // The same for the UDF file: a link out of defects_path reads as "no definitions".
        const QString udfs = m_root + QStringLiteral("/car_configurator/UserDefinedAttributes.json");
        QFile::copy(udfs, m_tmp->filePath(QStringLiteral("udfs.json")));
        QFile::remove(udfs);
        QVERIFY(QFile::link(m_tmp->filePath(QStringLiteral("udfs.json")), udfs));
        auto c = client();
        const auto set = std::get<ProtocolledDefectSet>(await(c->defects(QStringLiteral("car_configurator"), {})));
        QCOMPARE(set.protocol.generalErrors.at(0).code, std::optional(ProtocolCode::ProjectNotFound));
        QCOMPARE(std::get<HttpError>(await(c->create(QStringLiteral("car_configurator"), request(kNewDefect)))).status,
                 404);
        QCOMPARE(
            std::get<QList<UserDefinedAttribute>>(await(c->userDefinedAttributes(QStringLiteral("car_configurator"))))
                .size(),
            0);
    }

    void symlinkedProjectInsideWorks()
    {
        QVERIFY(QFile::link(m_root + QStringLiteral("/car_configurator"), m_root + QStringLiteral("/alias")));
        auto c = client();
        QCOMPARE(std::get<ProtocolledString>(await(c->create(QStringLiteral("alias"), request(kNewDefect)))).value,
                 QStringLiteral("BUG-22"));
        QCOMPARE(fileLines(store()).size(), 6);
    }

    // ---- concurrency and crashes ----

    void parallelCreates()
    {
        auto a = client();
        auto b = client(); // a second client in the same process shares the per-project mutex
        QList<QFuture<Outcome<ProtocolledString>>> futures;
        for (int i = 0; i < 32; ++i)
            futures.append((i % 2 ? a : b)->create(QStringLiteral("car_configurator"), request(kNewDefect)));
        QSet<QString> ids;
        for (auto &f : futures) {
            const auto outcome = await(f);
            QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
            ids.insert(std::get<ProtocolledString>(outcome).value);
        }
        QCOMPARE(ids.size(), 32);
        QStringList fileIds;
        QVERIFY(allLinesValid(store(), &fileIds));
        QCOMPARE(fileIds.size(), 37);
        QCOMPARE(QSet<QString>(fileIds.begin(), fileIds.end()).size(), 37);
        for (int n = 22; n < 54; ++n)
            QVERIFY(ids.contains(QStringLiteral("BUG-%1").arg(n)));
    }

    void crossProcessCreates()
    {
        QDir(m_root).mkdir(QStringLiteral("proj"));
        test::writeFile(m_root, QStringLiteral("proj/defects.jsonl"), "");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QLatin1String(kChildModeVar), QStringLiteral("create"));
        env.insert(QLatin1String(kChildRootVar), m_root);
        env.insert(QLatin1String(kChildCountVar), QStringLiteral("24"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        auto c = client();
        QList<QFuture<Outcome<ProtocolledString>>> futures;
        for (int i = 0; i < 24; ++i)
            futures.append(c->create(QStringLiteral("proj"), request(kNewDefect)));
        for (auto &f : futures)
            QVERIFY(!isError(await(f)));
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitCode(), 0);
        QStringList ids;
        QVERIFY(allLinesValid(m_root + QStringLiteral("/proj/defects.jsonl"), &ids));
        QCOMPARE(ids.size(), 48);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 48);
    }

    void killedWriterLeavesValidFile()
    {
        // A big store, rewritten over and over by a child that we kill at random moments.
        const QList<QByteArray> lines = fileLines(store());
        QDir(m_root).mkdir(QStringLiteral("proj"));
        QByteArray big;
        const int count = 8000;
        for (int i = 1; i <= count; ++i) {
            QByteArray line = lines.at(i % lines.size());
            const qsizetype idAt = line.lastIndexOf("\"id\": ");
            line = line.left(idAt) + "\"id\": \"BUG-" + QByteArray::number(i) + "\"}";
            big += line + '\n';
        }
        const QString path = m_root + QStringLiteral("/proj/defects.jsonl");
        test::writeFile(m_root, QStringLiteral("proj/defects.jsonl"), big);
        const QString progress = m_tmp->filePath(QStringLiteral("progress"));

        for (int round = 0; round < 6; ++round) {
            QFile::remove(progress);
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QLatin1String(kChildModeVar), QStringLiteral("rewrite"));
            env.insert(QLatin1String(kChildRootVar), m_root);
            env.insert(QLatin1String(kChildProgressVar), progress);
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), {});
            QVERIFY(child.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(progress), 30000);
            // Kill at a random moment, or at once when the store is seen shrinking: a
            // non-atomic rewrite (truncate, then write) is caught in that window.
            const int deadline = QRandomGenerator::global()->bounded(5, 150);
            QElapsedTimer waited;
            waited.start();
            while (waited.elapsed() < deadline && QFileInfo(path).size() >= big.size() / 2) { }
            QCOMPARE(::kill(static_cast<pid_t>(child.processId()), SIGKILL), 0);
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            QStringList ids;
            QVERIFY2(allLinesValid(path, &ids), "store damaged by a killed writer");
            QCOMPARE(ids.size(), count);
            // Leftovers (if any) never look like a store.
            const QStringList stores = QDir(m_root + QStringLiteral("/proj"))
                                           .entryList({ QStringLiteral("*.jsonl") }, QDir::Files | QDir::Hidden);
            QCOMPARE(stores, QStringList { "defects.jsonl" });
        }
        // The dead child's lock is stale and gets taken over at once.
        auto c = client();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!isError(await(c->update(QStringLiteral("proj"), QStringLiteral("BUG-2"), request(kNewDefect)))));
        QVERIFY(timer.elapsed() < 15000);
        QVERIFY(allLinesValid(path, nullptr));
    }

    void staleLockIsTakenOver()
    {
        // A lock left by a process that no longer exists (the format QLockFile writes).
        test::writeFile(m_root, QStringLiteral("car_configurator/.tbds.lock"),
                        "2147483600\ntst_jsonldefectclient\n" + QSysInfo::machineHostName().toUtf8() + '\n');
        auto c = client();
        QElapsedTimer timer;
        timer.start();
        const auto outcome = await(c->create(QStringLiteral("car_configurator"), request(kNewDefect)));
        QVERIFY2(!isError(outcome), qPrintable(describe(outcome)));
        QVERIFY(timer.elapsed() < 10000);
        QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/car_configurator/.tbds.lock")));
    }

    void rewriteKeepsPermissions()
    {
        const QFileDevice::Permissions perms
            = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup;
        QVERIFY(QFile::setPermissions(store(), perms));
        auto c = client();
        QVERIFY(!isError(
            await(c->update(QStringLiteral("car_configurator"), QStringLiteral("BUG-18"), request(kNewDefect)))));
        QCOMPARE(QFile::permissions(store()) & QFileDevice::Permissions(0x7077), perms); // owner, group, other
    }

    void destructionWaitsForWork()
    {
        QList<QFuture<Outcome<ProtocolledString>>> futures;
        {
            auto c = client();
            for (int i = 0; i < 8; ++i)
                futures.append(c->create(QStringLiteral("car_configurator"), request(kNewDefect)));
        }
        for (auto &f : futures)
            QVERIFY(f.isFinished());
        QCOMPARE(fileLines(store()).size(), 13);
    }
};

// A hand-written QTEST_GUILESS_MAIN: the same binary also serves as the child process of the
// cross-process and crash tests, which QTEST_GUILESS_MAIN cannot express.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray mode = qgetenv(kChildModeVar);
    if (mode == "create")
        return childCreate();
    if (mode == "rewrite")
        return childRewriteLoop();
    TestJsonlDefectClient test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_jsonldefectclient.moc"
