// SPDX-License-Identifier: Apache-2.0
#include "ui/models/requestlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using tbds::service::RequestLogEntry;
using tbds::ui::RequestLogModel;

class tst_RequestLogModel : public QObject
{
    Q_OBJECT

private:
    static RequestLogEntry entry(const QString &path, int status, const QString &user = {})
    {
        RequestLogEntry e;
        e.time = QDateTime::currentDateTimeUtc();
        e.peer = QStringLiteral("127.0.0.1");
        e.method = QStringLiteral("GET");
        e.path = path;
        e.status = status;
        e.durationMs = 1.5;
        e.user = user;
        return e;
    }

private Q_SLOTS:
    void appendsRowsAndCounts()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counters(&model, &RequestLogModel::countersChanged);
        model.append(entry(QStringLiteral("/check-login"), 200, QStringLiteral("admin")));
        model.append(entry(QStringLiteral("/projects"), 401));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(RequestLogModel::ColumnCount));
        QCOMPARE(model.requestCount(), 2);
        QCOMPARE(model.errorCount(), 1);
        QCOMPARE(counters.count(), 2);
        QCOMPARE(model.index(0, RequestLogModel::PathColumn).data().toString(), QStringLiteral("/check-login"));
        QCOMPARE(model.index(0, RequestLogModel::UserColumn).data().toString(), QStringLiteral("admin"));
        QCOMPARE(model.index(1, RequestLogModel::StatusColumn).data(RequestLogModel::RawValueRole).toInt(), 401);
        QVERIFY(model.index(1, 0).data(RequestLogModel::IsErrorRole).toBool());
        QVERIFY(!model.index(0, 0).data(RequestLogModel::IsErrorRole).toBool());
        QVERIFY(model.headerData(RequestLogModel::DurationColumn, Qt::Horizontal).toString().size() > 0);
    }

    void dropsOldestBeyondTheBoundButKeepsCounting()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxEntries(3);
        for (int i = 0; i < 5; ++i)
            model.append(entry(QStringLiteral("/p%1").arg(i), 200));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.requestCount(), 5);
        QCOMPARE(model.index(0, RequestLogModel::PathColumn).data().toString(), QStringLiteral("/p2"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.requestCount(), 0);
    }

    void filtersAndSortsThroughAProxy()
    {
        RequestLogModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setSortRole(RequestLogModel::RawValueRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(entry(QStringLiteral("/projects"), 200));
        model.append(entry(QStringLiteral("/check-login"), 401));
        model.append(entry(QStringLiteral("/settings"), 500));
        proxy.setFilterFixedString(QStringLiteral("CHECK"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString({});
        proxy.sort(RequestLogModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, RequestLogModel::StatusColumn).data().toInt(), 500);
    }
};

QTEST_GUILESS_MAIN(tst_RequestLogModel)
#include "tst_requestlogmodel.moc"
