// SPDX-License-Identifier: Apache-2.0
#include "core/config/atomicfile.h"
#include "tests/support/testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using tbds::config::backupPathFor;
using tbds::config::writeFileAtomically;

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kGroupOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private slots:
    void writesNewFileWithoutBackup();
    void keepsExactlyOneBackup();
    void noBackupWhenNotWanted();
    void preservesPermissions();
    void missingFolder();
    void failedBackupLeavesOriginalUntouched();
    void readOnlyFolder();
};

void TestAtomicFile::writesNewFileWithoutBackup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("config.toml"));
    const auto result = writeFileAtomically(path, "a = 1\n");
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(tbds::test::readFile(path), QByteArray("a = 1\n"));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("config.toml")});
}

void TestAtomicFile::keepsExactlyOneBackup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("config.toml"));
    QVERIFY(writeFileAtomically(path, "v = 1\n").ok());
    QVERIFY(writeFileAtomically(path, "v = 2\n").ok());
    QCOMPARE(tbds::test::readFile(backupPathFor(path)), QByteArray("v = 1\n"));
    QVERIFY(writeFileAtomically(path, "v = 3\n").ok());

    QCOMPARE(tbds::test::readFile(path), QByteArray("v = 3\n"));
    QCOMPARE(tbds::test::readFile(backupPathFor(path)), QByteArray("v = 2\n"));
    QCOMPARE(backupPathFor(path), path + QStringLiteral(".bak"));
    // No temporary files or older backups are left behind.
    QCOMPARE(entries(dir.path()),
             (QStringList{QStringLiteral("config.toml"), QStringLiteral("config.toml.bak")}));
}

void TestAtomicFile::noBackupWhenNotWanted()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("config.toml"));
    QVERIFY(writeFileAtomically(path, "v = 1\n", false).ok());
    QVERIFY(writeFileAtomically(path, "v = 2\n", false).ok());
    QCOMPARE(tbds::test::readFile(path), QByteArray("v = 2\n"));
    QVERIFY(!QFileInfo::exists(backupPathFor(path)));
}

void TestAtomicFile::preservesPermissions()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = tbds::test::writeFile(dir.path(), QStringLiteral("config.toml"), "secret = 1\n");
    QVERIFY(QFile::setPermissions(path, kOwnerOnly));

    QVERIFY(writeFileAtomically(path, "secret = 2\n").ok());
    QCOMPARE(tbds::test::readFile(path), QByteArray("secret = 2\n"));
    // The saved file and the backup (which holds the old secret) stay owner-only.
    QCOMPARE(QFile::permissions(path) & (kOwnerOnly | kGroupOther), kOwnerOnly);
    QCOMPARE(QFile::permissions(backupPathFor(path)) & (kOwnerOnly | kGroupOther), kOwnerOnly);

    const QFileDevice::Permissions shared = kOwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QVERIFY(QFile::setPermissions(path, shared));
    QVERIFY(writeFileAtomically(path, "secret = 3\n").ok());
    QCOMPARE(QFile::permissions(path) & (kOwnerOnly | kGroupOther), shared);
}

void TestAtomicFile::missingFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/config.toml"));
    const auto result = writeFileAtomically(path, "a = 1\n");
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QStringLiteral("does not exist")),
             qPrintable(result.error().toString()));
    QVERIFY2(result.error().message.contains(QDir::toNativeSeparators(dir.filePath(QStringLiteral("missing")))),
             qPrintable(result.error().toString()));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
}

void TestAtomicFile::failedBackupLeavesOriginalUntouched()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = tbds::test::writeFile(dir.path(), QStringLiteral("config.toml"), "old = 1\n");
    // A folder where the backup should go makes the backup fail, even for root.
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("config.toml.bak")));

    const auto result = writeFileAtomically(path, "new = 1\n");
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QStringLiteral("backup")), qPrintable(result.error().toString()));
    QVERIFY(!result.error().cause.isEmpty());
    QCOMPARE(tbds::test::readFile(path), QByteArray("old = 1\n"));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("config.toml")});

    // Without a backup the same save goes through.
    QVERIFY(writeFileAtomically(path, "new = 1\n", false).ok());
    QCOMPARE(tbds::test::readFile(path), QByteArray("new = 1\n"));
}

void TestAtomicFile::readOnlyFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = tbds::test::writeFile(folder, QStringLiteral("config.toml"), "old = 1\n");
    QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    });

    QFile probe(QDir(folder).filePath(QStringLiteral("probe")));
    if (probe.open(QIODevice::WriteOnly)) {
        probe.remove();
        QSKIP("running with privileges that ignore folder permissions (root)");
    }

    const auto result = writeFileAtomically(path, "new = 1\n", false);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QStringLiteral("not writable")), qPrintable(result.error().toString()));
    QVERIFY(!result.error().cause.isEmpty());
    QCOMPARE(tbds::test::readFile(path), QByteArray("old = 1\n"));
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
