// SPDX-License-Identifier: Apache-2.0
#include "ui/models/unifieddiff.h"

#include <QTest>

using tbds::ui::unifiedDiff;

class tst_UnifiedDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void equalTextsGiveNothing()
    {
        QVERIFY(unifiedDiff(QStringLiteral("a\nb\n"), QStringLiteral("a\nb\n"), QStringLiteral("a"), QStringLiteral("b")).isEmpty());
    }

    void oneChangedLineWithContext()
    {
        QStringList lines;
        for (int i = 1; i <= 10; ++i)
            lines << QStringLiteral("line %1").arg(i);
        const QString before = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        lines[4] = QStringLiteral("changed");
        const QString after = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        const QString diff = unifiedDiff(before, after, QStringLiteral("old"), QStringLiteral("new"));
        QCOMPARE(diff, QStringLiteral("--- old\n+++ new\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+changed\n"
                                      " line 6\n line 7\n line 8\n"));
    }

    void insertionAtTheEndAndSeparateHunks()
    {
        QStringList lines;
        for (int i = 1; i <= 20; ++i)
            lines << QStringLiteral("l%1").arg(i);
        const QString before = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        lines[0] = QStringLiteral("first");
        lines << QStringLiteral("added");
        const QString after = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
        const QString diff = unifiedDiff(before, after, QStringLiteral("a"), QStringLiteral("b"));
        QCOMPARE(diff.count(QStringLiteral("@@ -")), 2);
        QVERIFY(diff.contains(QStringLiteral("@@ -1,4 +1,4 @@\n-l1\n+first\n")));
        QVERIFY(diff.contains(QStringLiteral("@@ -18,3 +18,4 @@\n l18\n l19\n l20\n+added\n")));
    }
};

QTEST_GUILESS_MAIN(tst_UnifiedDiff)
#include "tst_unifieddiff.moc"
