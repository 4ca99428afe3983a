// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jsonldefectclient.h"

#include "core/common/logging.h"
#include "core/config/projectsettings.h"
#include "core/defects/jsonlstore.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QPromise>
#include <QSet>

#include <algorithm>
#include <exception>

namespace tbds::defects {

/** What every operation needs: a private copy of the configuration. */
struct jsonl::ClientState
{
    config::ServiceConfig config;

    [[nodiscard]] const config::JsonlClientConfig &jsonl() const { return *config.jsonl; }
    [[nodiscard]] const QString &defectsPath() const { return config.jsonl->defectsPath; }

    /**
     * The last project listing, reused while the folder's modification time is unchanged and
     * the listing is younger than a second: DMProxy asks for /projects often, and listing
     * (with symlink checks) dominated that request's cost.
     */
    struct ProjectCache
    {
        QMutex mutex;
        QDateTime folderModified;
        QElapsedTimer age;
        QStringList projects;
    };
    mutable ProjectCache projectCache;
};

namespace {

using Shared = jsonl::ClientState;

// ---- messages of the reference (contract §6), verbatim ----------------------------------

QString invalidProjectMessage(const QString &project)
{
    return QStringLiteral("Invalid project name: ") + project;
}

QString readOnlyMessage()
{
    return QStringLiteral("Cannot modify defects when the JSONL client is in read-only mode.");
}

QString noFilesMessage(const QString &project)
{
    return QStringLiteral("No defect files found for project %1.").arg(project);
}

QString readErrorMessage(const QString &project)
{
    return QStringLiteral("Unable to read defect file for project %1.").arg(project);
}

QString writeErrorMessage(const QString &project)
{
    return QStringLiteral("Unable to write defect file for project %1.").arg(project);
}

QString malformedMessage(const QString &fileName, qint64 line)
{
    return QStringLiteral("Malformed defect entry in JSONL file '%1' at line %2.").arg(fileName, QString::number(line));
}

// The reference said "; entry skipped." because it dropped the line on rewrite; we keep it.
QString malformedKeptMessage(const QString &fileName, qint64 line)
{
    return QStringLiteral("Malformed defect entry in JSONL file '%1' at line %2; entry kept unchanged.")
        .arg(fileName, QString::number(line));
}

HttpError httpError(int status, const QString &message)
{
    return HttpError { status, message, {} };
}

HttpError unexpectedError()
{
    return httpError(500, errortext::unexpected());
}

// ---- small helpers -------------------------------------------------------------------------

/**
 * Protocol::append looks keys up linearly, which is quadratic for 100 000 defects; this keeps
 * an index next to one keyed group and appends in the same order.
 */
class KeyedAppender
{
public:
    explicit KeyedAppender(KeyedProtocolEntries &group) : m_group(group)
    {
        for (qsizetype i = 0; i < m_group.size(); ++i)
            m_index.insert(m_group.at(i).first, i);
    }

    void add(const QString &key, ProtocolCode code, const QString &message)
    {
        const auto it = m_index.constFind(key);
        if (it == m_index.constEnd()) {
            m_index.insert(key, m_group.size());
            m_group.append({ key, QList<ProtocolEntry> { ProtocolEntry { code, message } } });
        } else {
            m_group[*it].second.append(ProtocolEntry { code, message });
        }
    }

private:
    KeyedProtocolEntries &m_group;
    QHash<QString, qsizetype> m_index;
};

/**
 * Shares the storage of short strings that repeat across defects (status, priority, reporter,
 * UDF names), which keeps a 100 000-defect answer within a few times the file size.
 */
class StringPool
{
public:
    void intern(QString &text)
    {
        if (text.isEmpty() || text.size() > 64)
            return;
        const auto it = m_strings.constFind(text);
        if (it != m_strings.constEnd())
            text = *it;
        else if (m_strings.size() < 4096)
            m_strings.insert(text);
    }

    void intern(std::optional<QString> &text)
    {
        if (text)
            intern(*text);
    }

private:
    QSet<QString> m_strings;
};

/** What the service hands out and stores: never the TestBench user's password. */
void dropPassword(Defect &defect)
{
    defect.principal.password = QString();
}

void compact(DefectWithID &defect, StringPool &pool)
{
    pool.intern(defect.reporter);
    pool.intern(defect.status);
    pool.intern(defect.classification);
    pool.intern(defect.priority);
    pool.intern(defect.principal.username);
    if (defect.userDefinedFields) {
        for (UserDefinedFieldProperties &udf : *defect.userDefinedFields) {
            pool.intern(udf.name);
            pool.intern(udf.value);
        }
    }
}

/** A JSONL line in Python `json.dumps` style (contract §6.2), without the password. */
QByteArray storedLine(DefectWithID defect)
{
    dropPassword(defect);
    JsonWriter writer(JsonStyle::Python);
    defect.writeJson(writer);
    QByteArray line = writer.take();
    line += '\n';
    return line;
}

/** One line of the store: not JSON, JSON that is no defect (with the errors), or a defect. */
struct ParsedLine
{
    enum class Kind { Malformed, Invalid, Valid } kind = Kind::Malformed;
    std::optional<DefectWithID> defect;
    ValidationErrors errors;
};

ParsedLine parseLine(QByteArrayView content)
{
    QJsonParseError error;
    // fromRawData: no copy of the line; the parser only reads it.
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(content.data(), content.size()), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return {};
    const QJsonValue json = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    Validated<DefectWithID> validated = validate<DefectWithID>(json);
    if (!validated.ok())
        return { ParsedLine::Kind::Invalid, std::nullopt, validated.errors() };
    return { ParsedLine::Kind::Valid, std::move(validated).value(), {} };
}

/** Locates a project or yields the 400 every project-based route answers for a bad name. */
std::variant<jsonl::ProjectLocation, HttpError> locate(const Shared &shared, const QString &project)
{
    if (auto location = jsonl::locateProject(shared.defectsPath(), project))
        return *location;
    qCInfo(lcDefects) << "Refused project name" << project;
    return HttpError::badRequest(invalidProjectMessage(project));
}

bool isReadOnly(const Shared &shared, const QString &project)
{
    return config::ProjectSettings(shared.config, project).readonly().value;
}

// ---- Python renderings for extended attributes (contract §6.3) ----------------------------

/** Python's `repr(str)`. */
QString pythonRepr(const QString &text)
{
    const bool hasSingle = text.contains(QLatin1Char('\''));
    const bool hasDouble = text.contains(QLatin1Char('"'));
    const char32_t quote = hasSingle && !hasDouble ? U'"' : U'\'';
    QString out;
    out.reserve(text.size() + 2);
    out += QChar(static_cast<char16_t>(quote));
    const QList<uint> codePoints = text.toUcs4();
    for (const uint cp : codePoints) {
        if (cp == quote || cp == U'\\') {
            out += QLatin1Char('\\');
            out += QChar(static_cast<char16_t>(cp));
        } else if (cp == U'\n') {
            out += QLatin1String("\\n");
        } else if (cp == U'\r') {
            out += QLatin1String("\\r");
        } else if (cp == U'\t') {
            out += QLatin1String("\\t");
        } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && !QChar::isPrint(char32_t(cp)))) {
            if (cp < 0x100)
                out += QStringLiteral("\\x%1").arg(cp, 2, 16, QLatin1Char('0'));
            else if (cp < 0x10000)
                out += QStringLiteral("\\u%1").arg(cp, 4, 16, QLatin1Char('0'));
            else
                out += QStringLiteral("\\U%1").arg(cp, 8, 16, QLatin1Char('0'));
        } else {
            const char32_t c = cp;
            out += QString::fromUcs4(&c, 1);
        }
    }
    out += QChar(static_cast<char16_t>(quote));
    return out;
}

QString pythonOptional(const std::optional<QString> &text)
{
    return text ? pythonRepr(*text) : QStringLiteral("None");
}

QString pythonBool(const std::optional<bool> &value)
{
    if (!value)
        return QStringLiteral("None");
    return *value ? QStringLiteral("True") : QStringLiteral("False");
}

/** `str(getattr(defect, name))` for a non-null field, or nullopt when there is none. */
std::optional<QString> renderField(const DefectWithID &defect, const QString &name)
{
    if (name == QLatin1String("title"))
        return defect.title;
    if (name == QLatin1String("description"))
        return defect.description;
    if (name == QLatin1String("reporter"))
        return defect.reporter;
    if (name == QLatin1String("status"))
        return defect.status;
    if (name == QLatin1String("classification"))
        return defect.classification;
    if (name == QLatin1String("priority"))
        return defect.priority;
    if (name == QLatin1String("id"))
        return QStringLiteral("root=") + pythonRepr(defect.id); // the reference's RootModel
    if (name == QLatin1String("lastEdited"))
        return defect.lastEdited.isValid() ? std::optional(defect.lastEdited.toPythonString()) : std::nullopt;
    if (name == QLatin1String("principal"))
        return QStringLiteral("username=%1 password=%2")
            .arg(pythonRepr(defect.principal.username), pythonRepr(defect.principal.password));
    if (name == QLatin1String("references")) {
        if (!defect.references)
            return std::nullopt;
        QStringList items;
        for (const QString &reference : *defect.references)
            items.append(pythonRepr(reference));
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    if (name == QLatin1String("userDefinedFields")) {
        if (!defect.userDefinedFields)
            return std::nullopt;
        QStringList items;
        for (const UserDefinedFieldProperties &udf : *defect.userDefinedFields)
            items.append(QStringLiteral("UserDefinedFieldProperties(name=%1, value=%2, mustField=%3)")
                             .arg(pythonRepr(udf.name), pythonOptional(udf.value), pythonBool(udf.mustField)));
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    return std::nullopt;
}

StringPairs extendedAttributes(const DefectWithID &defect, const QStringList &names)
{
    StringPairs attributes;
    for (const QString &name : names) {
        std::optional<QString> value = renderField(defect, name);
        if (!value && defect.userDefinedFields) {
            for (const UserDefinedFieldProperties &udf : *defect.userDefinedFields) {
                if (udf.name == name) {
                    value = udf.value.value_or(QStringLiteral("None")); // str(None)
                    break;
                }
            }
        }
        if (!value)
            continue;
        // A repeated name overwrites, like assigning a dict key twice.
        const auto existing = std::find_if(attributes.begin(), attributes.end(),
                                           [&name](const auto &pair) { return pair.first == name; });
        if (existing != attributes.end())
            existing->second = *value;
        else
            attributes.append({ name, *value });
    }
    return attributes;
}

// ---- /correct (contract §6.8) ----------------------------------------------------------------

/** The value `getattr(defect, key)` compares against allowed strings; nullopt never matches. */
template<typename T> std::optional<QString> controlValue(const T &defect, const QString &key)
{
    if (key == QLatin1String("status"))
        return defect.status;
    if (key == QLatin1String("classification"))
        return defect.classification;
    if (key == QLatin1String("priority"))
        return defect.priority;
    if (key == QLatin1String("title"))
        return defect.title;
    if (key == QLatin1String("description"))
        return defect.description;
    if (key == QLatin1String("reporter"))
        return defect.reporter;
    if constexpr (requires { defect.localPk; }) {
        if (key == QLatin1String("localPk"))
            return defect.localPk;
    }
    // Lists, the login, the datetime and the RootModel id never equal a string in Python.
    return std::nullopt;
}

template<typename T> bool passesCorrection(const T &defect, const QMap<QString, QStringList> &controlFields)
{
    if (defect.status.isEmpty() || defect.classification.isEmpty() || defect.priority.isEmpty()
        || !defect.lastEdited.isValid())
        return false;
    for (auto it = controlFields.cbegin(); it != controlFields.cend(); ++it) {
        const std::optional<QString> value = controlValue(defect, it.key());
        if (!value || !it.value().contains(*value))
            return false;
    }
    return true;
}

template<typename T>
void filterForCorrection(std::optional<QList<T>> &items, const QMap<QString, QStringList> &controlFields)
{
    QList<T> kept;
    if (items) {
        for (const T &item : *items) {
            if (passesCorrection(item, controlFields))
                kept.append(item);
            else
                qCInfo(lcDefects) << "correct: dropping defect that fails validation:" << item.status
                                  << item.classification << item.priority;
        }
    }
    items = std::move(kept); // null lists become []
}

// ---- operations --------------------------------------------------------------------------------

Outcome<bool> checkLoginOp(const Shared &shared, const std::optional<QString> &project)
{
    if (!project || project->isEmpty())
        return QFileInfo::exists(shared.defectsPath());
    const auto location = locate(shared, *project);
    if (const auto *error = std::get_if<HttpError>(&location))
        return *error;
    const auto &loc = std::get<jsonl::ProjectLocation>(location);
    return !loc.root.isEmpty() && QFileInfo::exists(loc.directory);
}

Outcome<QStringList> listProjects(const Shared &shared);

Outcome<QStringList> projectsOp(const Shared &shared)
{
    Shared::ProjectCache &cache = shared.projectCache;
    const QDateTime modified = QFileInfo(shared.defectsPath()).lastModified();
    QMutexLocker lock(&cache.mutex);
    if (modified.isValid() && modified == cache.folderModified && cache.age.isValid() && cache.age.elapsed() < 1000)
        return cache.projects;
    Outcome<QStringList> listed = listProjects(shared);
    if (const auto *projects = std::get_if<QStringList>(&listed)) {
        cache.folderModified = modified;
        cache.projects = *projects;
        cache.age.start();
    }
    return listed;
}

Outcome<QStringList> listProjects(const Shared &shared)
{
    const QString root = QFileInfo(shared.defectsPath()).canonicalFilePath();
    if (root.isEmpty())
        return QStringList();
    QStringList names;
    const QFileInfoList entries
        = QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (entry.isSymLink()) {
            const QString real = entry.canonicalFilePath();
            if (real.isEmpty() || real == root || !jsonl::isInside(root, real))
                continue; // would only answer 400 later
        }
        names.append(entry.fileName());
    }
    return names;
}

Outcome<QList<UserDefinedAttribute>> udfsOp(const Shared &shared, const std::optional<QString> &project)
{
    QString root;
    QString path;
    if (project && !project->isEmpty()) {
        const auto location = locate(shared, *project);
        if (const auto *error = std::get_if<HttpError>(&location))
            return *error;
        const auto &loc = std::get<jsonl::ProjectLocation>(location);
        root = loc.root;
        path = QDir(loc.directory).filePath(jsonl::udfFileName());
    } else {
        root = QFileInfo(shared.defectsPath()).canonicalFilePath();
        path = QDir(root).filePath(jsonl::udfFileName());
    }
    if (root.isEmpty())
        return QList<UserDefinedAttribute>();
    const std::optional<QString> file = jsonl::containedFile(root, path);
    if (!file || !QFileInfo(*file).isFile())
        return QList<UserDefinedAttribute>();

    Result<QByteArray> bytes = jsonl::readUtf8File(*file);
    if (!bytes) {
        qCWarning(lcDefects) << bytes.error().toString();
        return unexpectedError();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        qCWarning(lcDefects) << *file << "is not valid JSON:" << parseError.errorString();
        return unexpectedError();
    }
    // The reference checks the structure first and answers a generic 500 (its messages only
    // reach the log), then validates the values (400).
    if (!doc.isArray()) {
        qCWarning(lcDefects) << "UserDefinedAttributes.json must contain a list of definitions." << *file;
        return unexpectedError();
    }
    const QJsonArray items = doc.array();
    for (const QJsonValue &item : items) {
        if (!item.isObject()) {
            qCWarning(lcDefects) << "UserDefinedAttributes.json must contain a list of dictionaries." << *file;
            return unexpectedError();
        }
        const QJsonObject object = item.toObject();
        if (!object.contains(QLatin1String("name")) || !object.contains(QLatin1String("valueType"))) {
            qCWarning(lcDefects) << "UserDefinedAttributes.json must contain a list of dictionaries with "
                                    "'name' and 'valueType' keys."
                                 << *file;
            return unexpectedError();
        }
    }
    static const QStringList kKeys
        = { QStringLiteral("name"),       QStringLiteral("valueType"),   QStringLiteral("mustField"),
            QStringLiteral("lastEdited"), QStringLiteral("stringValue"), QStringLiteral("booleanValue") };
    QList<UserDefinedAttribute> result;
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        QJsonObject picked;
        for (const QString &key : kKeys) {
            if (object.contains(key))
                picked.insert(key, object.value(key));
        }
        Validated<UserDefinedAttribute> validated = validate<UserDefinedAttribute>(picked);
        if (!validated.ok())
            return HttpError::validation(validated.errors());
        result.append(std::move(validated).value());
    }
    return result;
}

/** Shared body of `defects` and `batch`: streams the store, filtering by `wanted` if given. */
Outcome<ProtocolledDefectSet> readOp(const Shared &shared, const QString &project,
                                     const std::optional<QSet<QString>> &wanted)
{
    const auto location = locate(shared, project);
    if (const auto *error = std::get_if<HttpError>(&location))
        return *error;
    ProtocolledDefectSet result;
    const std::optional<jsonl::StoreFile> store = jsonl::findStore(std::get<jsonl::ProjectLocation>(location));
    if (!store) {
        result.protocol.addGeneralError(ProtocolCode::ProjectNotFound, noFilesMessage(project));
        return result;
    }
    QFile file(store->path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcDefects) << "Cannot read" << store->path << file.errorString();
        result.protocol.addGeneralError(ProtocolCode::ReadAccessError, readErrorMessage(project));
        return result;
    }
    jsonl::LineReader reader(file);
    KeyedAppender successes(result.protocol.successes);
    StringPool pool;
    QSet<QString> found;
    qint64 count = 0;
    QByteArrayView line;
    while (reader.next(line)) {
        ParsedLine parsed = parseLine(jsonl::lineContent(line, reader.lineNumber()));
        if (parsed.kind == ParsedLine::Kind::Malformed) {
            result.protocol.addGeneralWarning(ProtocolCode::ImportWarning,
                                              malformedMessage(store->name, reader.lineNumber()));
            continue;
        }
        if (parsed.kind == ParsedLine::Kind::Invalid) {
            // The reference fails the whole request with the line's validation errors (§6.2).
            qCWarning(lcDefects) << "Invalid defect in" << store->path << "at line" << reader.lineNumber();
            return HttpError::validation(parsed.errors);
        }
        DefectWithID &defect = *parsed.defect;
        if (wanted) {
            if (!wanted->contains(defect.id))
                continue;
            found.insert(defect.id);
            successes.add(defect.id, ProtocolCode::ImportSuccess,
                          QStringLiteral("Defect '%1' loaded successfully from '%2'.").arg(defect.id, store->name));
        } else {
            ++count;
            successes.add(defect.id, ProtocolCode::ImportSuccess,
                          QStringLiteral("Retrieved %1 defects for project: %2").arg(QString::number(count), project));
        }
        dropPassword(defect);
        compact(defect, pool);
        result.value.append(std::move(defect));
    }
    if (reader.hasError()) {
        qCWarning(lcDefects) << "Reading" << store->path << "failed:" << file.errorString();
        ProtocolledDefectSet failed;
        failed.protocol.addGeneralError(ProtocolCode::ReadAccessError, readErrorMessage(project));
        return failed;
    }
    if (wanted) {
        QStringList missing;
        for (const QString &id : *wanted) {
            if (!found.contains(id))
                missing.append(id);
        }
        std::sort(missing.begin(), missing.end());
        for (const QString &id : std::as_const(missing))
            result.protocol.addWarning(
                id, ProtocolCode::DefectNotFound,
                QStringLiteral("Requested defect id '%1' not found in project %2.").arg(id, project));
    }
    return result;
}

Outcome<DefectWithAttributes> extendedOp(const Shared &shared, const QString &project, const QString &defectId)
{
    const auto location = locate(shared, project);
    if (const auto *error = std::get_if<HttpError>(&location))
        return *error;
    const std::optional<jsonl::StoreFile> store = jsonl::findStore(std::get<jsonl::ProjectLocation>(location));
    if (!store)
        return httpError(404, noFilesMessage(project));
    QFile file(store->path);
    if (!file.open(QIODevice::ReadOnly))
        return httpError(500, readErrorMessage(project));
    jsonl::LineReader reader(file);
    QByteArrayView line;
    while (reader.next(line)) {
        ParsedLine parsed = parseLine(jsonl::lineContent(line, reader.lineNumber()));
        if (parsed.kind == ParsedLine::Kind::Malformed)
            return HttpError::badRequest(QStringLiteral("Malformed defect entry in JSONL file."));
        if (parsed.kind == ParsedLine::Kind::Invalid)
            return HttpError::validation(parsed.errors);
        if (parsed.defect->id != defectId)
            continue;
        DefectWithAttributes result;
        static_cast<DefectWithID &>(result) = std::move(*parsed.defect);
        dropPassword(result);
        result.attributes
            = extendedAttributes(result, config::ProjectSettings(shared.config, project).attributes().value);
        return result;
    }
    if (reader.hasError())
        return httpError(500, readErrorMessage(project));
    return httpError(404, QStringLiteral("Defect with id %1 not found in project %2.").arg(defectId, project));
}

Outcome<ProtocolledString> createOp(const Shared &shared, const QString &project, const DefectRequest &request)
{
    if (isReadOnly(shared, project))
        return HttpError::badRequest(readOnlyMessage());
    const auto location = locate(shared, project);
    if (const auto *error = std::get_if<HttpError>(&location))
        return *error;
    const auto &loc = std::get<jsonl::ProjectLocation>(location);
    const std::optional<jsonl::StoreFile> store = jsonl::findStore(loc);
    if (!store)
        return httpError(404, noFilesMessage(project));

    jsonl::ProjectLock lock(loc.directory);
    if (Result<void> locked = lock.acquire(); !locked) {
        qCWarning(lcDefects) << "create:" << locked.error().toString();
        return httpError(500, writeErrorMessage(project));
    }
    // Highest number in the file, found with a light scan (no full parse), raised by the
    // high-water mark so that the ids of deleted defects are never handed out again.
    qint64 highest = jsonl::readHighWaterMark(loc.directory);
    {
        QFile file(store->path);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcDefects) << "create: cannot read" << store->path << file.errorString();
            return httpError(500, writeErrorMessage(project));
        }
        jsonl::LineReader reader(file);
        QByteArrayView line;
        while (reader.next(line)) {
            jsonl::scanIds(line, [&highest](const QString &id) {
                if (const std::optional<qint64> number = jsonl::bugNumber(id))
                    highest = std::max(highest, *number);
                else
                    qCDebug(lcDefects) << "create: ignoring non-numeric id" << id;
            });
        }
        if (reader.hasError()) {
            qCWarning(lcDefects) << "create: reading" << store->path << "failed:" << file.errorString();
            return httpError(500, writeErrorMessage(project));
        }
    }
    const QString newId = QStringLiteral("BUG-") + QString::number(highest + 1);

    DefectWithID record;
    static_cast<Defect &>(record) = request.defect;
    if (!record.userDefinedFields)
        record.userDefinedFields = QList<UserDefinedFieldProperties>();
    if (!record.references)
        record.references = QStringList();
    record.id = newId;
    if (Result<void> appended = jsonl::appendLine(store->path, storedLine(record)); !appended) {
        qCWarning(lcDefects) << "create:" << store->path << appended.error().toString();
        return httpError(500, writeErrorMessage(project));
    }
    if (Result<void> mark = jsonl::raiseHighWaterMark(loc.directory, highest + 1); !mark)
        qCWarning(lcDefects) << "create: cannot record the last id:" << mark.error().toString();

    ProtocolledString result;
    result.value = newId;
    result.protocol.addSuccess(project, ProtocolCode::InsertSuccess,
                               QStringLiteral("Defect '%1' created successfully in project %2 and appended to '%3'.")
                                   .arg(newId, project, store->name));
    return result;
}

enum class Rewrite { Update, Delete };

/** Update and delete: rewrite the store under the lock, atomically, keeping unparsable lines. */
Outcome<Protocol> rewriteOp(const Shared &shared, Rewrite mode, const QString &project, const QString &defectId,
                            const DefectRequest &request)
{
    if (isReadOnly(shared, project))
        return HttpError::badRequest(readOnlyMessage());
    Protocol protocol;
    if (defectId.isEmpty()) { // unreachable over HTTP, kept for parity with the reference
        if (mode == Rewrite::Update)
            protocol.addWarning(QString(), ProtocolCode::DefectNotFound,
                                QStringLiteral("Defect is not synchronized yet and cannot be updated."));
        else
            protocol.addGeneralError(ProtocolCode::NoDefectFound,
                                     QStringLiteral("Defect is not synchronized yet and cannot be deleted."));
        return protocol;
    }
    const auto location = locate(shared, project);
    if (const auto *error = std::get_if<HttpError>(&location))
        return *error;
    const auto &loc = std::get<jsonl::ProjectLocation>(location);
    const std::optional<jsonl::StoreFile> store = jsonl::findStore(loc);
    if (!store)
        return httpError(404, noFilesMessage(project));

    jsonl::ProjectLock lock(loc.directory);
    if (Result<void> locked = lock.acquire(); !locked) {
        qCWarning(lcDefects) << "rewrite:" << locked.error().toString();
        return httpError(500, writeErrorMessage(project));
    }
    QFile file(store->path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcDefects) << "rewrite: cannot read" << store->path << file.errorString();
        return httpError(500, QStringLiteral("Unable to read defect file."));
    }
    QByteArray out;
    out.reserve(file.size() + 4096);
    bool found = false;
    qint64 highest = 0;
    const auto noteId = [&highest](const QString &id) {
        if (const std::optional<qint64> number = jsonl::bugNumber(id))
            highest = std::max(highest, *number);
    };
    std::optional<QByteArray> replacement;
    if (mode == Rewrite::Update) {
        DefectWithID updated;
        static_cast<Defect &>(updated) = request.defect; // full replacement; nulls stay null
        updated.id = defectId;
        replacement = storedLine(updated);
    }
    jsonl::LineReader reader(file);
    QByteArrayView line;
    while (reader.next(line)) {
        const QByteArrayView content = jsonl::lineContent(line, reader.lineNumber());
        ParsedLine parsed = parseLine(content);
        if (parsed.kind == ParsedLine::Kind::Malformed) {
            // Never lose what we do not understand: the line goes back byte for byte.
            out += line;
            out += '\n';
            jsonl::scanIds(content, noteId);
            protocol.addGeneralWarning(ProtocolCode::ImportWarning,
                                       malformedKeptMessage(store->name, reader.lineNumber()));
            continue;
        }
        if (parsed.kind == ParsedLine::Kind::Invalid) {
            qCWarning(lcDefects) << "Invalid defect in" << store->path << "at line" << reader.lineNumber();
            return HttpError::validation(parsed.errors); // nothing written
        }
        const DefectWithID &defect = *parsed.defect;
        noteId(defect.id);
        if (defect.id == defectId) {
            found = true;
            if (replacement)
                out += *replacement;
            continue;
        }
        // Re-serialised like the reference does, which also clears old stored passwords.
        out += storedLine(defect);
    }
    if (reader.hasError()) {
        qCWarning(lcDefects) << "rewrite: reading" << store->path << "failed:" << file.errorString();
        return httpError(500, QStringLiteral("Unable to read defect file."));
    }
    file.close();
    if (!found) {
        if (mode == Rewrite::Update)
            protocol.addGeneralError(
                ProtocolCode::DefectNotFound,
                QStringLiteral("Defect with id '%1' not found in project %2.").arg(defectId, project));
        else
            protocol.addGeneralError(
                ProtocolCode::NoDefectFound,
                QStringLiteral("Defect with id %1 not found in project %2").arg(defectId, project));
        return protocol;
    }
    if (mode == Rewrite::Delete) {
        // Remember the highest id before it can disappear from the file.
        if (Result<void> mark = jsonl::raiseHighWaterMark(loc.directory, highest); !mark) {
            qCWarning(lcDefects) << "delete: cannot record the last id:" << mark.error().toString();
            return httpError(500, writeErrorMessage(project));
        }
    }
    if (Result<void> written = jsonl::replaceFile(store->path, out); !written) {
        qCWarning(lcDefects) << "rewrite:" << written.error().toString();
        return httpError(500, writeErrorMessage(project));
    }
    if (mode == Rewrite::Update)
        protocol.addSuccess(project, ProtocolCode::PublishSuccess,
                            QStringLiteral("Defect '%1' updated successfully in project %2.").arg(defectId, project));
    else
        protocol.addSuccess(project, ProtocolCode::PublishSuccess,
                            QStringLiteral("Defect '%1' deleted successfully from project %2.").arg(defectId, project));
    return protocol;
}

template<typename T> QFuture<Outcome<T>> ready(Outcome<T> outcome)
{
    QPromise<Outcome<T>> promise;
    QFuture<Outcome<T>> future = promise.future();
    promise.start();
    promise.addResult(std::move(outcome));
    promise.finish();
    return future;
}

} // namespace

JsonlDefectClient::JsonlDefectClient(const config::ServiceConfig &config)
{
    auto shared = std::make_shared<Shared>();
    shared->config = config;
    if (!shared->config.jsonl) {
        // A programming error (the engine picks the client from the config); stay usable.
        qCWarning(lcDefects) << "JsonlDefectClient created without a JSONL client configuration";
        shared->config.jsonl = config::JsonlClientConfig {};
    }
    m_shared = std::move(shared);
    // A few threads: enough for parallel requests, few enough not to thrash one disk.
    m_pool.setMaxThreadCount(4);
    m_pool.setObjectName(QStringLiteral("tbds-jsonl"));
}

JsonlDefectClient::~JsonlDefectClient()
{
    m_pool.waitForDone();
}

template<typename T, typename Work> QFuture<Outcome<T>> JsonlDefectClient::run(Work work)
{
    // QPromise is move-only and QThreadPool wants a copyable callable: share it.
    auto promise = std::make_shared<QPromise<Outcome<T>>>();
    QFuture<Outcome<T>> future = promise->future();
    promise->start();
    m_pool.start([promise, work = std::move(work)]() {
        Outcome<T> outcome = unexpectedError();
        try {
            outcome = work();
        } catch (const std::exception &e) {
            qCCritical(lcDefects) << "JSONL operation failed:" << e.what();
        } catch (...) {
            qCCritical(lcDefects) << "JSONL operation failed with an unknown exception";
        }
        promise->addResult(std::move(outcome));
        promise->finish();
    });
    return future;
}

QFuture<Outcome<Settings>> JsonlDefectClient::settings()
{
    const config::JsonlClientConfig &jsonl = m_shared->jsonl();
    return ready<Settings>(Settings { jsonl.name, jsonl.description, jsonl.readonly });
}

// check-login and projects only list a folder: a thread hop would cost more than the work
// (it halved GET /projects throughput in the benchmark), so they answer right away.
QFuture<Outcome<bool>> JsonlDefectClient::checkLogin(const std::optional<QString> &project)
{
    return ready<bool>(checkLoginOp(*m_shared, project));
}

QFuture<Outcome<QStringList>> JsonlDefectClient::projects()
{
    return ready<QStringList>(projectsOp(*m_shared));
}

QFuture<Outcome<ControlFields>> JsonlDefectClient::controlFields(const std::optional<QString> &project)
{
    // No path check here, as in the reference: the name is only an override key (§2.15).
    const QMap<QString, QStringList> fields
        = config::ProjectSettings(m_shared->config, project.value_or(QString())).jsonlControlFields().value;
    ControlFields result;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        result.append({ it.key(), it.value() });
    return ready<ControlFields>(std::move(result));
}

QFuture<Outcome<QList<UserDefinedAttribute>>>
JsonlDefectClient::userDefinedAttributes(const std::optional<QString> &project)
{
    return run<QList<UserDefinedAttribute>>([shared = m_shared, project] { return udfsOp(*shared, project); });
}

QFuture<Outcome<ProtocolledDefectSet>> JsonlDefectClient::defects(const QString &project, const SyncContext &)
{
    return run<ProtocolledDefectSet>([shared = m_shared, project] { return readOp(*shared, project, std::nullopt); });
}

QFuture<Outcome<ProtocolledDefectSet>> JsonlDefectClient::batch(const QString &project,
                                                                const BatchDefectRequest &request)
{
    QSet<QString> wanted;
    for (const QString &id : request.defectIds) {
        if (!id.isEmpty())
            wanted.insert(id);
    }
    return run<ProtocolledDefectSet>([shared = m_shared, project, wanted] { return readOp(*shared, project, wanted); });
}

QFuture<Outcome<ProtocolledString>> JsonlDefectClient::create(const QString &project, const DefectRequest &request)
{
    return run<ProtocolledString>(
        [shared = m_shared, project, request] { return createOp(*shared, project, request); });
}

QFuture<Outcome<Protocol>> JsonlDefectClient::update(const QString &project, const QString &defectId,
                                                     const DefectRequest &request)
{
    return run<Protocol>([shared = m_shared, project, defectId, request] {
        return rewriteOp(*shared, Rewrite::Update, project, defectId, request);
    });
}

QFuture<Outcome<Protocol>> JsonlDefectClient::remove(const QString &project, const QString &defectId,
                                                     const DefectRequest &request)
{
    return run<Protocol>([shared = m_shared, project, defectId, request] {
        return rewriteOp(*shared, Rewrite::Delete, project, defectId, request);
    });
}

QFuture<Outcome<DefectWithAttributes>> JsonlDefectClient::extended(const QString &project, const QString &defectId,
                                                                   const SyncContext &)
{
    return run<DefectWithAttributes>(
        [shared = m_shared, project, defectId] { return extendedOp(*shared, project, defectId); });
}

QFuture<Outcome<Results>> JsonlDefectClient::correct(const QString &project, const Results &results)
{
    // No project check (§2.15): the name only selects a control_fields override.
    const QMap<QString, QStringList> fields
        = config::ProjectSettings(m_shared->config, project).jsonlControlFields().value;
    Results corrected = results;
    if (corrected.local) {
        filterForCorrection(corrected.local->toCreate, fields);
        filterForCorrection(corrected.local->toUpdate, fields);
    }
    if (corrected.remote) {
        filterForCorrection(corrected.remote->toCreate, fields);
        filterForCorrection(corrected.remote->toUpdate, fields);
    }
    return ready<Results>(std::move(corrected));
}

bool JsonlDefectClient::supportsChangesTimestamps() const
{
    return m_shared->jsonl().supportsChangesTimestamps;
}

} // namespace tbds::defects
