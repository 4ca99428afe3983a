// SPDX-License-Identifier: Apache-2.0
#include "core/service/servicelog.h"

#include <QTest>

using tbds::service::ServiceLog;

class TestServiceLog : public QObject
{
    Q_OBJECT

private slots:
    void pythonFormats_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("expected");
        QTest::newRow("console default") << QStringLiteral("%(asctime)s %(levelname)8s: %(message)s")
                                         << QStringLiteral("2026-01-02 03:04:05,006     INFO: hello");
        QTest::newRow("file default") << QStringLiteral("%(asctime)s - %(levelname)8s - %(name)s - %(message)s")
                                      << QStringLiteral("2026-01-02 03:04:05,006 -     INFO - tbds.service.engine - hello");
        QTest::newRow("issue format") << QStringLiteral("%(asctime)s %(levelname)s %(name)s %(message)s")
                                      << QStringLiteral("2026-01-02 03:04:05,006 INFO tbds.service.engine hello");
        QTest::newRow("left aligned") << QStringLiteral("[%(levelname)-8s]") << QStringLiteral("[INFO    ]");
        QTest::newRow("precision") << QStringLiteral("%(levelname).1s %(message)s") << QStringLiteral("I hello");
        QTest::newRow("percent") << QStringLiteral("100%% %(message)s") << QStringLiteral("100% hello");
        QTest::newRow("levelno") << QStringLiteral("%(levelno)d") << QStringLiteral("20");
        QTest::newRow("unknown stays") << QStringLiteral("%(process)d %(message)s") << QStringLiteral("%(process)d hello");
    }
    void pythonFormats()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, expected);
        QCOMPARE(ServiceLog::format(pattern, QStringLiteral("2026-01-02 03:04:05,006"), QStringLiteral("INFO"),
                                    QStringLiteral("tbds.service.engine"), QStringLiteral("hello")),
                 expected);
    }

    void levels()
    {
        QCOMPARE(ServiceLog::levelName(QtCriticalMsg), QStringLiteral("ERROR"));
        QCOMPARE(ServiceLog::levelName(QtWarningMsg), QStringLiteral("WARNING"));
        QCOMPARE(ServiceLog::levelValue(QStringLiteral("DEBUG")), 10);
        QCOMPARE(ServiceLog::levelValue(QStringLiteral("CRITICAL")), 50);
    }
};

QTEST_APPLESS_MAIN(TestServiceLog)
#include "tst_servicelog.moc"
