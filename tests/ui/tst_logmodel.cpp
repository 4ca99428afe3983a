// SPDX-License-Identifier: Apache-2.0
#include "ui/models/logcapture.h"
#include "ui/models/logfilterproxymodel.h"
#include "ui/models/logmodel.h"

#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QTest>

using tbds::ui::LogFilterProxyModel;
using tbds::ui::LogModel;

Q_LOGGING_CATEGORY(lcTest, "tbds.test.log")

class tst_LogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filtersByLevelAndText()
    {
        LogModel model;
        LogFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(LogModel::Level::Debug, QStringLiteral("tbds.core.config"), QStringLiteral("loaded"));
        model.append(LogModel::Level::Warning, QStringLiteral("tbds.service.http"), QStringLiteral("slow client"));
        model.append(LogModel::Level::Critical, QString(), QStringLiteral("port in use"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setMinimumLevel(LogModel::Level::Warning);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setTextFilter(QStringLiteral("HTTP"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("slow client"));
        QVERIFY(model.lineForRow(1).contains(QStringLiteral("[tbds.service.http] slow client")));
    }

    void capturesQtMessagesAndPassesThemOn()
    {
        LogModel model;
        {
            tbds::ui::LogCapture capture(&model);
            qCWarning(lcTest) << "captured warning";
        }
        qCWarning(lcTest) << "not captured";
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, LogModel::CategoryColumn).data().toString(), QStringLiteral("tbds.test.log"));
        QCOMPARE(model.index(0, LogModel::LevelColumn).data(LogModel::LevelRole).toInt(), int(LogModel::Level::Warning));
    }

    void boundsTheRows()
    {
        LogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxEntries(2);
        for (int i = 0; i < 4; ++i)
            model.append(LogModel::Level::Info, {}, QString::number(i));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("2"));
    }
};

QTEST_GUILESS_MAIN(tst_LogModel)
#include "tst_logmodel.moc"
