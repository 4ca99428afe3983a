// SPDX-License-Identifier: Apache-2.0
#include "uitestutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace tbds::test {

bool copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + source.relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(file, target))
            return false;
        QFile::setPermissions(target, QFile::permissions(target) | QFile::WriteOwner);
    }
    return true;
}

QString copyJsonlSample(const QString &dir)
{
    if (!copyTree(QStringLiteral(TBDS_SOURCE_DIR "/resources/samples/jsonl"), dir))
        return {};
    return dir + QStringLiteral("/config.toml");
}

} // namespace tbds::test
