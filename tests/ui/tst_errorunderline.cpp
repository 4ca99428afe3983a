// SPDX-License-Identifier: Apache-2.0
// The red wave under the token a Jira JQL parse error points at: where Jira's "(line 1,
// character 23)" lands in the query, that the line edit really draws it there (pixels), and the
// JQL preview page against the Jira simulator (Cloud jql/parse and Data Center search).
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/errorunderline.h"
#include "ui/jqlpreviewpage.h"
#include "ui/mainwindow.h"
#include "ui/models/jqlerrorlocation.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

#include <algorithm>

#include "guitestutil.h"

using tbds::fakejira::FakeJira;
using tbds::ui::ErrorUnderline;
using tbds::ui::JqlErrorLocation;
using tbds::ui::MainWindow;
namespace demo = tbds::fakejira::demo;

namespace {

/** The x (logical pixels, in the edit) where the text cursor stands at `position`. */
qreal xOf(QLineEdit *edit, int position)
{
    const int saved = edit->cursorPosition();
    edit->setCursorPosition(position);
    const qreal x = edit->inputMethodQuery(Qt::ImCursorRectangle).toRectF().center().x();
    edit->setCursorPosition(saved);
    return x;
}

/**
 * How many pixels of `edit` between x0 and x1 (logical) are reddish. Qt draws the wave thin and
 * antialiased, so its pixels are the underline colour blended with the background: red clearly
 * above green and blue, which neither the text nor the background of these palettes is.
 */
int reddishPixels(QLineEdit *edit, qreal x0, qreal x1)
{
    const QImage image = edit->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = std::max(0, int(x0 * dpr)); x < int(x1 * dpr) && x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.red() - std::max(pixel.green(), pixel.blue()) > 30)
                ++count;
        }
    }
    return count;
}

} // namespace

class tst_ErrorUnderline : public QObject
{
    Q_OBJECT

private:
    FakeJira m_cloud;
    FakeJira m_dc;
    QTemporaryDir m_dir;

    /** The underline is drawn under [start, start + length) and nowhere else in the edit. */
    static void verifyDrawn(QLineEdit *edit, ErrorUnderline *underline)
    {
        QVERIFY(underline->isMarked());
        const qreal from = xOf(edit, underline->start());
        const qreal to = xOf(edit, underline->start() + underline->length());
        QVERIFY(to > from);
        const int inside = reddishPixels(edit, from + 1, to - 1);
        const int before = reddishPixels(edit, 0, from - 2);
        const int after = reddishPixels(edit, to + 2, edit->width());
        // A wave: about every other column has a red pixel.
        QVERIFY2(inside >= int((to - from) / 3),
                 qPrintable(QStringLiteral("%1 red pixels under the token").arg(inside)));
        QCOMPARE(before, 0);
        QCOMPARE(after, 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_errorunderline"));
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        m_cloud.loadDemoData();
        QVERIFY(m_cloud.start().ok());
        m_dc.loadDemoData();
        QVERIFY(m_dc.start({ .flavor = tbds::fakejira::Flavor::DataCenter }).ok());
    }

    void location_data()
    {
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QString>("jql");
        QTest::addColumn<int>("start"); // -1: no location
        QTest::addColumn<int>("length");
        const QString operators
            = QStringLiteral(" The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', "
                             "'NOT IN', 'IS' and 'IS NOT'.");
        // Messages as Jira words them (jira-rest.md §4.6, Atlassian's functional tests).
        QTest::newRow("reserved word") << QStringList { QStringLiteral(
            "Error in the JQL Query: 'INT' is a reserved JQL word. You must surround it in quotation marks to use it "
            "in a query. (line 1, character 11)") }
                                       << QStringLiteral("project = INT") << 10 << 3;
        QTest::newRow("missing operator")
            << QStringList { QStringLiteral("Error in the JQL Query: Expecting operator but got 'query'.") + operators
                             + QStringLiteral(" (line 1, character 9)") }
            << QStringLiteral("invalid query") << 8 << 5;
        QTest::newRow("or/and") << QStringList { QStringLiteral(
            "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 16)") }
                                << QStringLiteral("project = DEMO status = Done") << 15 << 6;
        QTest::newRow("reserved character") << QStringList { QStringLiteral(
            "Error in the JQL Query: The character '.' is a reserved JQL character. You must enclose it in a string "
            "or use the escape '\\u002e' instead. (line 1, character 15)") }
                                            << QStringLiteral("fixVersion = 3.14") << 14 << 1;
        QTest::newRow("unfinished string") << QStringList { QStringLiteral(
            "Error in the JQL Query: The quoted string 'abc' has not been completed. (line 1, character 11)") }
                                           << QStringLiteral("summary ~ \"abc") << 10 << 4;
        QTest::newRow("second line") << QStringList { QStringLiteral(
            "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 2, character 3)") }
                                     << QStringLiteral("project = DEMO\n  status = Done") << 17 << 6;
        QTest::newRow("German account") << QStringList { QStringLiteral(
            "Fehler in der JQL-Abfrage: 'INT' ist ein reserviertes JQL-Wort. (Zeile 1, Zeichen 11)") }
                                        << QStringLiteral("project = INT") << 10 << 3;
        QTest::newRow("first with a position") << QStringList { QStringLiteral("Field 'universe' does not exist."),
                                                                QStringLiteral("Error in the JQL Query: Expecting "
                                                                               "either 'OR' or 'AND' but got 'x'. "
                                                                               "(line 1, character 16)") }
                                               << QStringLiteral("project = DEMO x") << 15 << 1;
        QTest::newRow("no position") << QStringList { QStringLiteral(
            "Error in the JQL Query: Expecting ')' before the end of the query.") }
                                     << QStringLiteral("project in (DEMO") << -1 << 0;
        QTest::newRow("unknown field") << QStringList { QStringLiteral(
            "Field 'universe' does not exist or you do not have permission to view it.") }
                                       << QStringLiteral("universe = 42") << -1 << 0;
        QTest::newRow("past the end") << QStringList { QStringLiteral(
            "Error in the JQL Query: x. (line 1, character 40)") }
                                      << QStringLiteral("project = DEMO") << 13 << 1;
        QTest::newRow("line past the end")
            << QStringList { QStringLiteral("Error in the JQL Query: x. (line 3, character 1)") }
            << QStringLiteral("project = DEMO") << -1 << 0;
    }

    void location()
    {
        QFETCH(QStringList, messages);
        QFETCH(QString, jql);
        QFETCH(int, start);
        QFETCH(int, length);
        const std::optional<JqlErrorLocation> location = JqlErrorLocation::find(messages, jql);
        if (start < 0) {
            QVERIFY(!location);
            return;
        }
        QVERIFY(location);
        QCOMPARE(location->start, start);
        QCOMPARE(location->length, length);
    }

    void underlineOnALineEdit()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *edit = new QLineEdit(QStringLiteral("project = DEMO status = Done"), &window);
        layout->addWidget(edit);
        window.resize(400, 60);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *underline = new ErrorUnderline(edit);
        QVERIFY(!underline->isMarked());
        // Red, readable on the edit's Base.
        QVERIFY(underline->color().hslHue() < 10 || underline->color().hslHue() > 350);

        underline->mark(15, 6);
        QCOMPARE(underline->start(), 15);
        QCOMPARE(underline->length(), 6);
        verifyDrawn(edit, underline);
        // Moving the cursor keeps it where it was.
        edit->setCursorPosition(0);
        verifyDrawn(edit, underline);
        QCOMPARE(edit->text(), QStringLiteral("project = DEMO status = Done")); // no text was committed
        QVERIFY(!edit->isUndoAvailable());

        underline->moveCursorToMark();
        QCOMPARE(edit->cursorPosition(), 15);

        // Editing removes it: the position would be stale.
        QSignalSpy cleared(underline, &ErrorUnderline::cleared);
        edit->insert(QStringLiteral(" "));
        QCOMPARE(cleared.size(), 1);
        QVERIFY(!underline->isMarked());
        QCOMPARE(reddishPixels(edit, 0, edit->width()), 0);

        // Clamped to the text.
        underline->mark(20, 100);
        QCOMPARE(underline->length(), int(edit->text().size()) - 20);
        underline->clear();
        QVERIFY(!underline->isMarked());
    }

    void jqlPreviewPage_data()
    {
        QTest::addColumn<bool>("cloud");
        QTest::newRow("Cloud (jql/parse)") << true;
        QTest::newRow("Data Center (search validateQuery)") << false;
    }

    void jqlPreviewPage()
    {
        QFETCH(bool, cloud);
        FakeJira &jira = cloud ? m_cloud : m_dc;
        const QString config = m_dir.filePath(cloud ? QStringLiteral("cloud.toml") : QStringLiteral("dc.toml"));
        QVERIFY(tbds::test::writeJiraConfig(config, jira.baseUrl().toString(),
                                            QString::fromLatin1(cloud ? demo::kCloudEmail : demo::kDcUser),
                                            QString::fromLatin1(cloud ? demo::kCloudApiToken : demo::kDcPassword)));
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        QVERIFY(window.openFile(config));
        window.showPage(MainWindow::Page::JqlPreview);
        auto *preview = qobject_cast<tbds::ui::JqlPreviewPage *>(window.pageWidget(MainWindow::Page::JqlPreview));
        QVERIFY(preview);
        auto *edit = window.findChild<QLineEdit *>(QStringLiteral("jqlEdit"));
        auto *label = window.findChild<QLabel *>(QStringLiteral("jqlValidationLabel"));
        QVERIFY(edit && label);
        ErrorUnderline *underline = preview->errorUnderline();
        QSignalSpy validated(preview, &tbds::ui::JqlPreviewPage::validated);

        // Leading blanks are not sent (jql() trims); Jira's position counts from "project".
        preview->setJql(QStringLiteral("  project = DEMO status = Done"));
        QVERIFY(validated.wait(20000));
        QCOMPARE(validated.takeFirst().first().toBool(), false);
        QVERIFY2(label->text().contains(QStringLiteral("(line 1, character 16)")), qPrintable(label->text()));
        QCOMPARE(underline->start(), 2 + 15);
        QCOMPARE(underline->length(), 6); // "status"
        verifyDrawn(edit, underline);
        QVERIFY2(label->text().contains(QStringLiteral("href=")), qPrintable(label->text()));
        QVERIFY(
            tbds::test::saveScreenshot(&window, cloud ? QStringLiteral("jql-error") : QStringLiteral("jql-error-dc")));

        // "Go to the error" puts the cursor there.
        edit->setCursorPosition(0);
        preview->goToJqlError();
        QCOMPARE(edit->cursorPosition(), 17);
        edit->setCursorPosition(0);
        Q_EMIT label->linkActivated(QStringLiteral("#jql-error"));
        QCOMPARE(edit->cursorPosition(), 17);

        // The usual trap: a project key that is a reserved word.
        preview->setJql(QStringLiteral("project = INT"));
        QVERIFY(validated.wait(20000));
        QCOMPARE(underline->start(), 10);
        QCOMPARE(underline->length(), 3);
        verifyDrawn(edit, underline);

        // Typing removes it (and the link); the message stays until Jira has seen the new text.
        edit->setFocus();
        edit->end(false);
        QTest::keyClicks(edit, QStringLiteral(" "));
        QVERIFY(!underline->isMarked());
        QVERIFY(!label->text().contains(QStringLiteral("href=")));
        QVERIFY(label->text().contains(QStringLiteral("reserved")));

        // No position, no underline; a valid query clears it all.
        preview->setJql(QStringLiteral("project in (DEMO"));
        QVERIFY(validated.wait(20000));
        QCOMPARE(validated.takeFirst().first().toBool(), false);
        QVERIFY(!underline->isMarked());
        preview->setJql(QStringLiteral("project = DEMO"));
        QVERIFY(validated.wait(20000));
        QCOMPARE(validated.takeLast().first().toBool(), true);
        QVERIFY(!underline->isMarked());
    }
};

QTEST_MAIN(tst_ErrorUnderline)
#include "tst_errorunderline.moc"
