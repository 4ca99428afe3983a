// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QLockFile>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QMutex;

/**
 * File-level building blocks of the JSONL defect store (contract §6), kept apart from the
 * DefectClient so that each can be tested on its own and the client stays about semantics.
 * Everything here is synchronous and meant to run on a worker thread.
 */
namespace tbds::defects::jsonl {

/** Name of the defect definitions file inside defects_path or a project folder. */
inline QString udfFileName()
{
    return QStringLiteral("UserDefinedAttributes.json");
}
/** Cross-process lock of one project (a file, so /projects never lists it). */
inline QString lockFileName()
{
    return QStringLiteral(".tbds.lock");
}
/** Highest `BUG-<n>` number ever issued or seen in the project; why: ids are never reused. */
inline QString highWaterFileName()
{
    return QStringLiteral(".tbds-last-id");
}

/**
 * Reads a device line by line in large chunks. Lines are returned without their `\n`; a
 * final line without a newline is returned too. The view stays valid until the next call.
 * QIODevice::readLine would copy every line and stops at embedded NULs; chunked scanning
 * with memchr keeps `defects` on a 100 000-line file close to the speed of a raw read.
 */
class LineReader
{
public:
    explicit LineReader(QIODevice &device, qsizetype chunkSize = 1 << 20);

    /** False at the end of the data or on a read error (then hasError()). */
    [[nodiscard]] bool next(QByteArrayView &line);
    /** 1-based number of the line last returned. */
    [[nodiscard]] qint64 lineNumber() const { return m_lineNumber; }
    [[nodiscard]] bool hasError() const { return m_error; }

private:
    [[nodiscard]] bool fill();

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_chunkSize;
    qint64 m_lineNumber = 0;
    bool m_eof = false;
    bool m_error = false;
};

/** The line without a trailing `\r` (files written on Windows) and, on line 1, without a UTF-8 BOM. */
[[nodiscard]] QByteArrayView lineContent(QByteArrayView line, qint64 lineNumber);

/**
 * Calls `onId` with the value of every string `"id"` key at the top level of each JSON object
 * in `line` (a glued line holding two records reports both). A cheap structural scan instead of
 * a full parse: create only needs the ids, and must stay fast on large files. Values of other
 * types and unterminated strings are ignored.
 */
void scanIds(QByteArrayView line, const std::function<void(const QString &)> &onId);

/** Python's `int(text)`: surrounding whitespace, sign, digits with single `_` separators. */
[[nodiscard]] std::optional<qint64> parsePythonInt(QStringView text);

/** The number of a defect id as the reference counts it: `BUG-007` → 7, `42` → 42, else none. */
[[nodiscard]] std::optional<qint64> bugNumber(const QString &id);

/** Why a project name was refused, or the project's folder. */
struct ProjectLocation
{
    /** Canonical defects_path (empty when it does not exist). */
    QString root;
    /** `root/<project>`, canonical when it exists; may not exist. */
    QString directory;
};

/**
 * Checks a project name and says where the project lives. Refused (nullopt): empty, `.`, `..`,
 * path separators, NUL, and names whose entry is a symlink that resolves outside defects_path.
 * A missing defects_path yields a location with an empty root (nothing exists there).
 */
[[nodiscard]] std::optional<ProjectLocation> locateProject(const QString &defectsPath, const QString &project);

/** True when `path` (already canonical) is `root` itself or below it. */
[[nodiscard]] bool isInside(const QString &root, const QString &path);

/** The defect file of a project. */
struct StoreFile
{
    /** Real (canonical) path: what is read, locked and replaced. */
    QString path;
    /** File name as listed in the project folder; messages quote it (`'defects.jsonl'`). */
    QString name;
};

/**
 * The project's defect store: the alphabetically first regular `*.jsonl` file in the folder
 * (case-sensitive, hidden ones included) whose real path stays inside `root`. The reference
 * used the first one the file system happened to list.
 */
[[nodiscard]] std::optional<StoreFile> findStore(const ProjectLocation &location);

/**
 * A file below the project folder or defects_path, refusing anything that resolves outside
 * `root`. Missing files yield their plain path; escaping ones yield nullopt.
 */
[[nodiscard]] std::optional<QString> containedFile(const QString &root, const QString &path);

/**
 * Exclusive access to one project for a read-modify-write, from this process and others.
 * QLockFile alone is not enough inside one process (it is not meant to be shared between
 * threads), so an in-process mutex per project folder is taken first.
 */
class ProjectLock
{
public:
    explicit ProjectLock(const QString &projectDirectory);
    ~ProjectLock();
    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;

    /** Takes both locks within `timeout`; the error names the lock file. */
    [[nodiscard]] Result<void> acquire(std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    std::shared_ptr<QMutex> m_mutex;
    QLockFile m_lockFile;
    bool m_mutexLocked = false;
};

/** The persisted high-water mark of the project; 0 when absent or unreadable. */
[[nodiscard]] qint64 readHighWaterMark(const QString &projectDirectory);
/** Raises the mark to `value` (never lowers it). Call only while holding the ProjectLock. */
[[nodiscard]] Result<void> raiseHighWaterMark(const QString &projectDirectory, qint64 value);

/**
 * Appends `line` (which ends with `\n`) to `path`, first adding a `\n` when the file does not
 * end with one, so two records never merge into one line (contract §10.2-14). On a failed or
 * short write the file is cut back to its previous size. Call only while holding the lock.
 */
[[nodiscard]] Result<void> appendLine(const QString &path, const QByteArray &line);

/** Replaces `path` atomically (QSaveFile: temporary file, fsync, rename). */
[[nodiscard]] Result<void> replaceFile(const QString &path, const QByteArray &content);

/** Reads a whole file as UTF-8 bytes without a leading BOM. */
[[nodiscard]] Result<QByteArray> readUtf8File(const QString &path);

} // namespace tbds::defects::jsonl
