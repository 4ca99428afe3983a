// SPDX-License-Identifier: Apache-2.0
// The main window on a dark palette (Fusion + a dark QPalette, as a desktop in dark mode gives
// it): status colours in the Jira pages' views and labels read with WCAG contrast >= 4.5:1
// against what they are drawn on, also after the theme changes while the window is open.
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/connectiontestpage.h"
#include "ui/controlfieldspage.h"
#include "ui/jqlpreviewpage.h"
#include "ui/mainwindow.h"
#include "windowtestutil.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/models/controlfieldsmodel.h"
#include "ui/models/permissionsmodel.h"
#include "ui/models/statuscolors.h"
#include "ui/permissionspage.h"
#include "ui/projectpicker.h"

#include <QApplication>
#include <QLabel>
#include <QMetaEnum>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "guitestutil.h"

using tbds::fakejira::FakeJira;
using tbds::ui::MainWindow;
using tbds::ui::StatusColors;
namespace demo = tbds::fakejira::demo;

class tst_DarkPalette : public QObject
{
    Q_OBJECT

private:
    FakeJira m_jira;
    QTemporaryDir m_dir;
    QPalette m_light;
    QPalette m_dark;
    double m_worst = 21.0; ///< lowest contrast seen, for the log

    QString config(const QString &name, const QString &password, const QString &extra = {})
    {
        const QString path = m_dir.filePath(name);
        if (!tbds::test::writeJiraConfig(path, m_jira.baseUrl().toString(), QString::fromLatin1(demo::kCloudEmail),
                                         password, extra))
            return {};
        return path;
    }



    QString check(const QString &what, const QColor &foreground, const QColor &background)
    {
        const double ratio = StatusColors::contrast(foreground, background);
        m_worst = std::min(m_worst, ratio);
        if (ratio >= StatusColors::MinimumContrast)
            return {};
        return QStringLiteral("%1: %2 on %3 is %4:1")
            .arg(what, foreground.name(), background.name())
            .arg(ratio, 0, 'f', 2);
    }

    /** Cells whose ForegroundRole does not read on the view's background; `coloured` counts those with one. */
    QStringList unreadableCells(const QTableView *view, int *coloured = nullptr)
    {
        QStringList problems;
        const QWidget *viewport = view->viewport();
        const QColor background = viewport->palette().color(viewport->backgroundRole());
        const QAbstractItemModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                const QModelIndex index = model->index(row, column);
                const QVariant foreground = index.data(Qt::ForegroundRole);
                if (!foreground.isValid())
                    continue;
                if (coloured)
                    ++*coloured;
                const QString problem = check(QStringLiteral("%1 cell %2,%3 \"%4\"")
                                                  .arg(view->objectName())
                                                  .arg(row)
                                                  .arg(column)
                                                  .arg(index.data().toString()),
                                              qvariant_cast<QBrush>(foreground).color(), background);
                if (!problem.isEmpty())
                    problems << problem;
            }
        }
        return problems;
    }

    /** A label's text colour against the background it sits on (its parent's). */
    QString unreadableLabel(const QLabel *label)
    {
        const QWidget *parent = label->parentWidget();
        return check(label->objectName(), label->palette().color(label->foregroundRole()),
                     parent->palette().color(parent->backgroundRole()));
    }

    static QColor foreground(const QAbstractItemModel *model, int row, int column)
    {
        return qvariant_cast<QBrush>(model->index(row, column).data(Qt::ForegroundRole)).color();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_darkpalette"));
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_light = QApplication::style()->standardPalette();
        m_dark = tbds::test::darkPalette();
        QApplication::setPalette(m_dark);
        QVERIFY(StatusColors::luminance(QApplication::palette().color(QPalette::Base)) < 0.05);
        m_jira.loadDemoData();
        QVERIFY(m_jira.start().ok());
    }

    void cleanupTestCase() { qInfo("lowest contrast measured: %.2f:1", m_worst); }

    void connectionTest()
    {
        using Status = tbds::ui::ConnectionTestModel::Status;
        // A wrong token: the first steps pass, authentication fails; both get a status colour.
        auto window = tbds::test::openWindow(config(QStringLiteral("bad-token.toml"), QStringLiteral("wrong-token")));
        QVERIFY(window);
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(*window, MainWindow::Page::ConnectionTest);
        QSignalSpy finished(test->model(), &tbds::ui::ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(finished.wait(20000));
        auto *view = window->findChild<QTableView *>(QStringLiteral("connectionStepsView"));
        QVERIFY(view);
        const auto *model = test->model();
        int passed = 0;
        int failed = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex status = model->index(row, tbds::ui::ConnectionTestModel::StatusColumn);
            const auto value = Status(status.data(tbds::ui::ConnectionTestModel::StatusRole).toInt());
            if (value != Status::Passed && value != Status::Failed)
                continue;
            (value == Status::Passed ? passed : failed)++;
            QVERIFY2(status.data(Qt::ForegroundRole).isValid(), qPrintable(status.data().toString()));
        }
        QVERIFY(passed >= 3);
        QCOMPARE(failed, 1);
        const QStringList problems = unreadableCells(view);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(test->banner()->isVisible());
        const QString banner = unreadableLabel(test->banner());
        QVERIFY2(banner.isEmpty(), qPrintable(banner));
        QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("connection-test-dark")));
    }

    void permissions()
    {
        using Cell = tbds::ui::PermissionsModel::Cell;
        auto window = tbds::test::openWindow(config(QStringLiteral("perm.toml"), QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *permissions = tbds::test::showPage<tbds::ui::PermissionsPage>(*window, MainWindow::Page::Permissions);
        QSignalSpy done(permissions, &tbds::ui::PermissionsPage::checkFinished);
        permissions->checkAll();
        QVERIFY(done.wait(20000));
        auto *view = window->findChild<QTableView *>(QStringLiteral("permissionsView"));
        QVERIFY(view);
        const auto *model = permissions->model();
        int roRow = -1;
        int demoRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) { // "Demo Project (DEMO)"
            const QString project = model->index(row, 0).data().toString();
            if (project.endsWith(QStringLiteral("(RO)")))
                roRow = row;
            if (project.endsWith(QStringLiteral("(DEMO)")))
                demoRow = row;
        }
        QVERIFY2(roRow >= 0 && demoRow >= 0, qPrintable(permissions->report()));
        QCOMPARE(model->cell(roRow, 2), Cell::Missing);
        QCOMPARE(model->cell(demoRow, 0), Cell::Granted);
        int coloured = 0;
        QStringList problems = unreadableCells(view, &coloured);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(coloured >= 8);
        QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("permissions-dark")));

        // Read-only: the write permissions RO lacks are "not needed", in the muted colour.
        QVERIFY(window->openFile(config(QStringLiteral("perm-ro.toml"), QString::fromLatin1(demo::kCloudApiToken),
                                        QStringLiteral("\n[testbench-defect-service.client_config.projects.RO]\n"
                                                       "readonly = true\n"))));
        permissions->picker()->setCurrentProject(QString::fromLatin1(demo::kReadOnlyProject));
        done.clear();
        permissions->checkProject();
        QVERIFY(done.wait(20000));
        QCOMPARE(model->cell(0, 2), Cell::NotRequired);
        QVERIFY(
            model->index(0, tbds::ui::PermissionsModel::FirstPermissionColumn + 2).data(Qt::ForegroundRole).isValid());
        problems = unreadableCells(view);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("permissions-readonly-dark")));
    }

    void controlFields()
    {
        using State = tbds::ui::ControlFieldsModel::State;
        auto window = tbds::test::openWindow(config(QStringLiteral("cf.toml"), QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *fields = tbds::test::showPage<tbds::ui::ControlFieldsPage>(*window, MainWindow::Page::ControlFields);
        fields->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
        QSignalSpy done(fields, &tbds::ui::ControlFieldsPage::loadFinished);
        fields->load();
        QVERIFY(done.wait(20000));
        const auto *model = fields->model();
        const auto &entries = model->entries();
        const int unknown = model->rowOf(QStringLiteral("NoSuchField"));
        const int noValues = model->rowOf(QStringLiteral("Summary"));
        QVERIFY(unknown >= 0 && noValues >= 0);
        QCOMPARE(entries.at(unknown).state, State::Unknown);
        QCOMPARE(entries.at(noValues).state, State::NoValues);
        // Said in words too, not by colour alone.
        QCOMPARE(model->index(unknown, tbds::ui::ControlFieldsModel::SourceColumn).data().toString(),
                 tbds::ui::ControlFieldsModel::stateText(State::Unknown));
        QCOMPARE(model->index(noValues, tbds::ui::ControlFieldsModel::ValuesColumn).data().toString(),
                 tbds::ui::ControlFieldsModel::stateText(State::NoValues));
        auto *view = window->findChild<QTableView *>(QStringLiteral("controlFieldsView"));
        int coloured = 0;
        const QStringList problems = unreadableCells(view, &coloured);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(coloured, 2 * tbds::ui::ControlFieldsModel::ColumnCount);
        QVERIFY(fields->banner()->isVisible());
        const QString banner = unreadableLabel(fields->banner());
        QVERIFY2(banner.isEmpty(), qPrintable(banner));
        QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("control-fields-dark")));
    }

    void jqlValidation()
    {
        auto window = tbds::test::openWindow(config(QStringLiteral("jql.toml"), QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *preview = tbds::test::showPage<tbds::ui::JqlPreviewPage>(*window, MainWindow::Page::JqlPreview);
        auto *label = window->findChild<QLabel *>(QStringLiteral("jqlValidationLabel"));
        QVERIFY(label);
        QSignalSpy validated(preview, &tbds::ui::JqlPreviewPage::validated);
        preview->setJql(QStringLiteral("project = DEMO status = Done"));
        QVERIFY(validated.wait(20000));
        QCOMPARE(validated.takeFirst().first().toBool(), false);
        QString problem = unreadableLabel(label);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("jql-preview-dark")));
        preview->setJql(QStringLiteral("project = DEMO"));
        QVERIFY(validated.wait(20000));
        QCOMPARE(validated.takeFirst().first().toBool(), true);
        problem = unreadableLabel(label);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void themeSwitchWhileRunning()
    {
        // A desktop switching between light and dark mode while the window is open.
        auto window = tbds::test::openWindow(config(QStringLiteral("switch.toml"), QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *fields = tbds::test::showPage<tbds::ui::ControlFieldsPage>(*window, MainWindow::Page::ControlFields);
        fields->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
        QSignalSpy done(fields, &tbds::ui::ControlFieldsPage::loadFinished);
        fields->load();
        QVERIFY(done.wait(20000));
        auto *view = window->findChild<QTableView *>(QStringLiteral("controlFieldsView"));
        const auto *model = fields->model();
        const int unknown = model->rowOf(QStringLiteral("NoSuchField"));
        const QColor darkRed = foreground(model, unknown, 0);
        const QColor darkBanner = fields->banner()->palette().color(fields->banner()->foregroundRole());

        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QApplication::setPalette(m_light);
        QCoreApplication::processEvents();
        QVERIFY(StatusColors::luminance(view->viewport()->palette().color(QPalette::Base)) > 0.9);
        QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant> &arguments) {
            return arguments.at(2).value<QList<int>>().contains(Qt::ForegroundRole);
        }));
        QVERIFY(foreground(model, unknown, 0) != darkRed);
        QStringList problems = unreadableCells(view);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(fields->banner()->palette().color(fields->banner()->foregroundRole()) != darkBanner);
        QString banner = unreadableLabel(fields->banner());
        QVERIFY2(banner.isEmpty(), qPrintable(banner));
        QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("control-fields-light")));

        QApplication::setPalette(m_dark);
        QCoreApplication::processEvents();
        QCOMPARE(foreground(model, unknown, 0), darkRed);
        problems = unreadableCells(view);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        banner = unreadableLabel(fields->banner());
        QVERIFY2(banner.isEmpty(), qPrintable(banner));
    }

    void everyPageDark()
    {
        MainWindow welcome;
        welcome.resize(1200, 820);
        welcome.show();
        QVERIFY(tbds::test::saveScreenshot(&welcome, QStringLiteral("welcome-dark")));

        auto window = tbds::test::openWindow(config(QStringLiteral("pages.toml"), QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
        for (int i = 0; i < pages.keyCount(); ++i) {
            window->showPage(MainWindow::Page(pages.value(i)));
            // "ConnectionTest" -> "connection-test-dark"
            QString name;
            for (const QChar c : QString::fromLatin1(pages.key(i))) {
                if (c.isUpper() && !name.isEmpty())
                    name += QLatin1Char('-');
                name += c.toLower();
            }
            QVERIFY(tbds::test::saveScreenshot(window.get(), QStringLiteral("page-%1-dark").arg(name)));
        }
    }
};

QTEST_MAIN(tst_DarkPalette)
#include "tst_darkpalette.moc"
