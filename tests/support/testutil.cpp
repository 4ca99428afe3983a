// SPDX-License-Identifier: Apache-2.0
#include "tests/support/testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tbds::test {

QString dataPath(const QString &relative)
{
    return QDir(QStringLiteral(TBDS_TEST_DATA_DIR)).absoluteFilePath(relative);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("cannot read test file %s", qPrintable(path));
        return {};
    }
    return f.readAll();
}

QString writeFile(const QString &dir, const QString &name, const QByteArray &content)
{
    const QString path = QDir(dir).absoluteFilePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        qWarning("cannot write test file %s", qPrintable(path));
    return path;
}

} // namespace tbds::test
