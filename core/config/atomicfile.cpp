// SPDX-License-Identifier: Apache-2.0
#include "core/config/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <optional>

namespace tbds::config {

namespace {

// Gives lupdate a translation context for these free functions.
struct AtomicFileText
{
    Q_DECLARE_TR_FUNCTIONS(tbds::config::AtomicFile)
};

// Explains a failure in terms an administrator can act on; QSaveFile's own text
// ("Permission denied") becomes the cause.
Error saveError(const QString &path, const QString &cause)
{
    const QFileInfo info(path);
    const QString folder = QDir::toNativeSeparators(info.absolutePath());
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!QFileInfo(info.absolutePath()).isDir())
        return Error{AtomicFileText::tr("Cannot save %1: the folder %2 does not exist").arg(shown, folder), cause};
    if (!QFileInfo(info.absolutePath()).isWritable())
        return Error{AtomicFileText::tr("Cannot save %1: the folder %2 is not writable").arg(shown, folder), cause};
    if (info.isDir())
        return Error{AtomicFileText::tr("Cannot save %1: it is a folder").arg(shown), cause};
    return Error{AtomicFileText::tr("Cannot save %1").arg(shown), cause};
}

Result<void> writeWithSaveFile(const QString &path, const QByteArray &bytes,
                               std::optional<QFileDevice::Permissions> permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return saveError(path, file.errorString());
    // Applied to the temporary file, so the content is never readable with looser rights.
    if (permissions)
        file.setPermissions(*permissions);
    if (file.write(bytes) != bytes.size()) {
        const QString cause = file.errorString();
        file.cancelWriting();
        return saveError(path, cause);
    }
    if (!file.commit())
        return saveError(path, file.errorString());
    return {};
}

} // namespace

QString backupPathFor(const QString &path)
{
    return path + QStringLiteral(".bak");
}

Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes, bool keepBackup)
{
    const QFileInfo info(path);
    if (!QFileInfo(info.absolutePath()).isDir())
        return saveError(path, {});
    if (info.isDir())
        return saveError(path, {});

    std::optional<QFileDevice::Permissions> permissions;
    if (info.exists()) {
        permissions = QFile::permissions(path);
        if (keepBackup) {
            QFile original(path);
            if (!original.open(QIODevice::ReadOnly)) {
                return Error{AtomicFileText::tr("Cannot save %1: its current content could not be read for the backup")
                                 .arg(QDir::toNativeSeparators(info.absoluteFilePath())),
                             original.errorString()};
            }
            const QByteArray previous = original.readAll();
            original.close();
            const QString backup = backupPathFor(path);
            const auto backedUp = writeWithSaveFile(backup, previous, permissions);
            if (!backedUp) {
                return Error{AtomicFileText::tr("Cannot save %1: the backup %2 could not be written")
                                 .arg(QDir::toNativeSeparators(info.absoluteFilePath()),
                                      QDir::toNativeSeparators(QFileInfo(backup).absoluteFilePath())),
                             backedUp.error().toString()};
            }
        }
    }
    return writeWithSaveFile(path, bytes, permissions);
}

} // namespace tbds::config
