// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jsonlstore.h"

#include "core/common/logging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QSaveFile>

#include <cstring>
#include <limits>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace tbds::defects::jsonl {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

qsizetype skipSpace(QByteArrayView text, qsizetype i)
{
    while (i < text.size() && isJsonSpace(text[i]))
        ++i;
    return i;
}

// Index just after the closing quote of the string that starts at `open`, or -1 when the
// string is not terminated. `escaped` tells whether the raw bytes need JSON decoding.
qsizetype stringEnd(QByteArrayView text, qsizetype open, bool &escaped)
{
    escaped = false;
    const char *data = text.data();
    qsizetype i = open + 1;
    while (i < text.size()) {
        // memchr finds the next quote fast; backslashes before it decide whether it ends the string.
        const void *hit = std::memchr(data + i, '"', static_cast<size_t>(text.size() - i));
        if (!hit)
            return -1;
        const qsizetype quote = static_cast<const char *>(hit) - data;
        qsizetype backslashes = 0;
        for (qsizetype b = quote - 1; b > open && data[b] == '\\'; --b)
            ++backslashes;
        if (!escaped && std::memchr(data + i, '\\', static_cast<size_t>(quote - i)))
            escaped = true;
        if (backslashes % 2 == 0)
            return quote + 1;
        escaped = true;
        i = quote + 1;
    }
    return -1;
}

// Decodes a raw JSON string literal (quotes included); nullopt when it is not valid JSON.
std::optional<QString> decodeString(QByteArrayView literal, bool escaped)
{
    if (!escaped)
        return QString::fromUtf8(literal.sliced(1, literal.size() - 2));
    QByteArray wrapped;
    wrapped.reserve(literal.size() + 2);
    wrapped += '[';
    wrapped += literal;
    wrapped += ']';
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    const QJsonValue value = doc.array().at(0);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

std::shared_ptr<QMutex> mutexFor(const QString &directory)
{
    // Entries are never removed: there are few projects, and a mutex that outlives every
    // user is cheaper than the race of deleting one another thread is about to take.
    static QMutex registryMutex;
    static QHash<QString, std::shared_ptr<QMutex>> registry;
    QMutexLocker locker(&registryMutex);
    std::shared_ptr<QMutex> &mutex = registry[directory];
    if (!mutex)
        mutex = std::make_shared<QMutex>();
    return mutex;
}

} // namespace

LineReader::LineReader(QIODevice &device, qsizetype chunkSize) : m_device(device), m_chunkSize(chunkSize)
{ }

bool LineReader::fill()
{
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + m_chunkSize);
    const qint64 got = m_device.read(m_buffer.data() + old, m_chunkSize);
    if (got < 0) {
        m_buffer.resize(old);
        m_error = true;
        m_eof = true;
        return false;
    }
    m_buffer.resize(old + got);
    if (got == 0)
        m_eof = true;
    return got > 0;
}

bool LineReader::next(QByteArrayView &line)
{
    qsizetype searchFrom = m_pos;
    for (;;) {
        const char *data = m_buffer.constData();
        const qsizetype available = m_buffer.size() - searchFrom;
        if (available > 0) {
            if (const void *hit = std::memchr(data + searchFrom, '\n', static_cast<size_t>(available))) {
                const qsizetype end = static_cast<const char *>(hit) - data;
                line = QByteArrayView(data + m_pos, end - m_pos);
                m_pos = end + 1;
                ++m_lineNumber;
                return true;
            }
        }
        if (m_error)
            return false;
        if (m_eof) {
            if (m_buffer.size() > m_pos) { // last line without a final newline
                line = QByteArrayView(m_buffer.constData() + m_pos, m_buffer.size() - m_pos);
                m_pos = m_buffer.size();
                ++m_lineNumber;
                return true;
            }
            return false;
        }
        // Only the new bytes need searching; fill() moves the partial line to the front.
        const qsizetype partial = m_buffer.size() - m_pos;
        if (!fill() && m_error)
            return false;
        searchFrom = partial;
    }
}

QByteArrayView lineContent(QByteArrayView line, qint64 lineNumber)
{
    if (lineNumber == 1 && line.startsWith(QByteArrayView(kBom, 3)))
        line = line.sliced(3);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

void scanIds(QByteArrayView line, const std::function<void(const QString &)> &onId)
{
    int depth = 0;
    bool expectKey = false; // the next string at depth 1 is an object key
    qsizetype i = 0;
    while (i < line.size()) {
        const char c = line[i];
        switch (c) {
        case '{':
            ++depth;
            expectKey = depth == 1;
            ++i;
            break;
        case '[':
            ++depth;
            expectKey = false;
            ++i;
            break;
        case '}':
        case ']':
            if (depth > 0)
                --depth;
            expectKey = false;
            ++i;
            break;
        case ',':
            expectKey = depth == 1;
            ++i;
            break;
        case '"': {
            bool escaped = false;
            const qsizetype end = stringEnd(line, i, escaped);
            if (end < 0)
                return; // unterminated: the rest is garbage
            if (expectKey && depth == 1) {
                const qsizetype colon = skipSpace(line, end);
                const QByteArrayView rawKey = line.sliced(i, end - i);
                const bool isIdKey
                    = escaped ? decodeString(rawKey, true) == QStringLiteral("id") : rawKey == QByteArrayView("\"id\"");
                if (colon < line.size() && line[colon] == ':' && isIdKey) {
                    const qsizetype value = skipSpace(line, colon + 1);
                    if (value < line.size() && line[value] == '"') {
                        bool valueEscaped = false;
                        const qsizetype valueEnd = stringEnd(line, value, valueEscaped);
                        if (valueEnd < 0)
                            return;
                        if (auto id = decodeString(line.sliced(value, valueEnd - value), valueEscaped))
                            onId(*id);
                        i = valueEnd;
                        expectKey = false;
                        break;
                    }
                }
            }
            expectKey = false;
            i = end;
            break;
        }
        default:
            ++i;
            break;
        }
    }
}

std::optional<qint64> parsePythonInt(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (text.front() == u'+' || text.front() == u'-') {
        negative = text.front() == u'-';
        text = text.sliced(1);
    }
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    bool lastWasDigit = false;
    for (const QChar c : text) {
        if (c == u'_') {
            if (!lastWasDigit) // leading or doubled underscore
                return std::nullopt;
            lastWasDigit = false;
            continue;
        }
        const int digit = c.digitValue();
        if (digit < 0)
            return std::nullopt;
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt; // Python would go on; such ids are not worth a bignum
        value = value * 10 + digit;
        lastWasDigit = true;
    }
    if (!lastWasDigit) // trailing underscore
        return std::nullopt;
    return negative ? -value : value;
}

std::optional<qint64> bugNumber(const QString &id)
{
    QStringView number(id);
    if (number.startsWith(u"BUG-"))
        number = number.sliced(4);
    return parsePythonInt(number);
}

bool isInside(const QString &root, const QString &path)
{
    if (root.isEmpty() || path.isEmpty())
        return false;
    if (path == root)
        return true;
    const QString prefix = root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/');
    return path.startsWith(prefix);
}

std::optional<ProjectLocation> locateProject(const QString &defectsPath, const QString &project)
{
    if (project.isEmpty() || project == QLatin1String(".") || project == QLatin1String("..")
        || project.contains(QLatin1Char('/')) || project.contains(QLatin1Char('\\')) || project.contains(QChar(u'\0')))
        return std::nullopt;
#ifdef Q_OS_WIN
    // `C:x` would name a drive-relative path on Windows.
    if (project.contains(QLatin1Char(':')))
        return std::nullopt;
#endif
    const QString root = QFileInfo(defectsPath).canonicalFilePath();
    if (root.isEmpty())
        return ProjectLocation { {}, QDir(defectsPath).filePath(project) };
    const QString candidate = root + QLatin1Char('/') + project;
    const QFileInfo info(candidate);
    if (info.isSymLink()) {
        // A symlinked project is fine as long as it stays below defects_path; a dangling
        // link is judged by where it points.
        QString target = info.canonicalFilePath();
        if (target.isEmpty())
            target = QDir::cleanPath(info.symLinkTarget());
        if (target == root || !isInside(root, target))
            return std::nullopt;
        return ProjectLocation { root, target };
    }
    return ProjectLocation { root, candidate };
}

std::optional<StoreFile> findStore(const ProjectLocation &location)
{
    if (location.root.isEmpty() || !QFileInfo(location.directory).isDir())
        return std::nullopt;
    const QDir dir(location.directory);
    const QFileInfoList entries = dir.entryInfoList({ QStringLiteral("*.jsonl") },
                                                    QDir::Files | QDir::Hidden | QDir::CaseSensitive, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const QString real = entry.canonicalFilePath();
        if (real.isEmpty())
            continue;
        if (!isInside(location.root, real)) {
            qCWarning(lcDefects) << "Ignoring defect file that resolves outside defects_path:"
                                 << entry.absoluteFilePath();
            continue;
        }
        return StoreFile { real, entry.fileName() };
    }
    return std::nullopt;
}

std::optional<QString> containedFile(const QString &root, const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return path;
    const QString real = info.canonicalFilePath();
    if (real.isEmpty() || !isInside(root, real)) {
        qCWarning(lcDefects) << "Ignoring file that resolves outside defects_path:" << path;
        return std::nullopt;
    }
    return real;
}

ProjectLock::ProjectLock(const QString &projectDirectory)
    : m_mutex(mutexFor(projectDirectory)), m_lockFile(QDir(projectDirectory).filePath(lockFileName()))
{
    // A holder that died is detected at once by its PID; the time only matters for a holder
    // on another host or a hung one. Rewrites take seconds, so a minute is safe.
    m_lockFile.setStaleLockTime(60 * 1000);
}

ProjectLock::~ProjectLock()
{
    if (m_lockFile.isLocked())
        m_lockFile.unlock();
    if (m_mutexLocked)
        m_mutex->unlock();
}

Result<void> ProjectLock::acquire(std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    if (!m_mutex->tryLock(static_cast<int>(timeout.count())))
        return Error { QStringLiteral("Timed out waiting for another request on the same project"), {} };
    m_mutexLocked = true;
    const qint64 remaining = std::max<qint64>(0, deadline.remainingTime());
    if (m_lockFile.tryLock(static_cast<int>(remaining)))
        return {};
    const QString path = QDir::toNativeSeparators(QFileInfo(m_lockFile.fileName()).absoluteFilePath());
    switch (m_lockFile.error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host;
        QString app;
        m_lockFile.getLockInfo(&pid, &host, &app);
        return Error { QStringLiteral("The project is locked by another process"),
                       QStringLiteral("%1 (pid %2 on %3)").arg(path).arg(pid).arg(host) };
    }
    case QLockFile::PermissionError:
        return Error { QStringLiteral("No permission to create the lock file"), path };
    default:
        return Error { QStringLiteral("Cannot create the lock file"), path };
    }
}

qint64 readHighWaterMark(const QString &projectDirectory)
{
    const QString path = QDir(projectDirectory).filePath(highWaterFileName());
    if (QFileInfo(path).isSymLink())
        return 0; // never follow links out of the project
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = file.read(64);
    return parsePythonInt(QString::fromLatin1(text)).value_or(0);
}

Result<void> raiseHighWaterMark(const QString &projectDirectory, qint64 value)
{
    if (value <= readHighWaterMark(projectDirectory))
        return {};
    const QString path = QDir(projectDirectory).filePath(highWaterFileName());
    // QSaveFile writes through symlinks; a planted link must not make us write elsewhere.
    if (QFileInfo(path).isSymLink())
        QFile::remove(path);
    return replaceFile(path, QByteArray::number(value) + '\n');
}

Result<void> appendLine(const QString &path, const QByteArray &line)
{
    QFile file(path);
    // Unbuffered: the record goes out in one write(2) with O_APPEND, so a concurrent reader
    // sees all of it or nothing (readers do not take the lock).
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered))
        return Error { QStringLiteral("Cannot open the defect file for writing"), file.errorString() };
    const qint64 size = file.size();
    bool needsNewline = false;
    if (size > 0) {
        char last = '\n';
        if (!file.seek(size - 1) || !file.getChar(&last))
            return Error { QStringLiteral("Cannot read the end of the defect file"), file.errorString() };
        needsNewline = last != '\n';
    }
    const QByteArray data = needsNewline ? '\n' + line : line;
    const qint64 written = file.write(data);
    bool ok = written == data.size();
#ifdef Q_OS_UNIX
    ok = ok && ::fsync(file.handle()) == 0;
#endif
    if (!ok) {
        const QString reason = file.errorString();
        if (!file.resize(size)) // do not leave half a record behind
            qCWarning(lcDefects) << "Could not cut back" << path << "after a failed append";
        return Error { QStringLiteral("Cannot append to the defect file"), reason };
    }
    return {};
}

Result<void> replaceFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("Cannot create a temporary file next to %1").arg(path), file.errorString() };
    if (file.write(content) != content.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error { QStringLiteral("Cannot write %1").arg(path), reason };
    }
    if (!file.commit())
        return Error { QStringLiteral("Cannot replace %1").arg(path), file.errorString() };
    return {};
}

Result<QByteArray> readUtf8File(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot read %1").arg(path), file.errorString() };
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error { QStringLiteral("Cannot read %1").arg(path), file.errorString() };
    if (bytes.startsWith(kBom))
        bytes.remove(0, 3);
    return bytes;
}

} // namespace tbds::defects::jsonl
