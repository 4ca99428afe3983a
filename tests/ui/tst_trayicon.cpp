// SPDX-License-Identifier: Apache-2.0
// The tray icon while the engine runs, and the status bar's Jira flavour against the simulator.
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/credentialspage.h"
#include "ui/enginecontroller.h"
#include "ui/jiraserverlabel.h"
#include "ui/mainwindow.h"
#include "ui/models/configdocument.h"
#include "ui/trayicon.h"
#include "uitestutil.h"

#include <QAction>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using tbds::ui::EngineController;
using tbds::ui::MainWindow;
using tbds::ui::TrayIcon;

class tst_TrayIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_trayicon"));
        QSettings().clear();
    }

    void showsWhileTheEngineRunsAndStopsIt()
    {
        QTemporaryDir dir;
        const QString path = tbds::test::copyJsonlSample(dir.path());
        MainWindow window;
        window.show();
        QVERIFY(window.openFile(path));
        auto *tray = window.findChild<TrayIcon *>(QStringLiteral("trayIcon"));
        QVERIFY(tray);
        tray->setTrayAvailableOverride(true); // offscreen has no tray
        QVERIFY(!tray->isActive());
        QVERIFY(!tray->stopAction()->isEnabled());

        QSignalSpy started(window.engine(), &EngineController::started);
        window.engine()->start(*window.document()->validation().config, {std::nullopt, 0});
        QVERIFY(started.wait(10'000));
        QTRY_VERIFY(tray->isActive());
        QVERIFY(tray->stopAction()->isEnabled());

        QSignalSpy stopped(window.engine(), &EngineController::stopped);
        tray->stopAction()->trigger();
        QVERIFY(stopped.wait(10'000));
        QTRY_VERIFY(!tray->isActive());
        tray->showAction()->trigger();
        QVERIFY(window.isVisible());
    }

    void noTrayNoIcon()
    {
        EngineController engine;
        QWidget window;
        TrayIcon tray(&window, &engine);
        QVERIFY(!tray.isActive()); // stopped engine; and offscreen has no tray anyway
    }

    void statusBarShowsJiraFlavour()
    {
        tbds::fakejira::FakeJira jira;
        jira.loadDemoData();
        QVERIFY(jira.start().ok());
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/config.toml");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                "[testbench-defect-service.client_config]\nserver_url = \""
                + jira.baseUrl().toString().toUtf8() + "\"\nauth_type = \"basic\"\nusername = \""
                + tbds::fakejira::demo::kCloudEmail + "\"\n");
        // The API token comes from the environment, as on a headless server (and in scripts/run.sh).
        qputenv("JIRA_PASSWORD", tbds::fakejira::demo::kCloudApiToken);
        f.close();
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        auto *label = window.findChild<tbds::ui::JiraServerLabel *>(QStringLiteral("jiraServerLabel"));
        QVERIFY(label);
        QSignalSpy detected(label, &tbds::ui::JiraServerLabel::detected);
        QVERIFY(window.openFile(path));
        QVERIFY2(window.document()->validation().ok(), qPrintable(window.document()->validation().report()));
        QVERIFY(detected.wait(10'000));
        QCOMPARE(label->text(), QStringLiteral("Jira Cloud"));
        QVERIFY(label->isVisibleTo(&window));
        QCoreApplication::processEvents();
        const QString shots = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
        QVERIFY(window.statusBar()->grab().save(shots + QStringLiteral("/statusbar-jira.png")));
        // The whole window on the Credentials page: README's screenshot.
        window.showPage(MainWindow::Page::Credentials);
        auto *credentials = window.findChild<tbds::ui::CredentialsPage *>(QStringLiteral("credentialsPage"));
        QVERIFY(credentials);
        QTRY_VERIFY_WITH_TIMEOUT(!credentials->isBusy(), 40'000);
        QCOMPARE(credentials->sourceText(QStringLiteral("password")), QStringLiteral("from JIRA_PASSWORD"));
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(shots + QStringLiteral("/main-window-credentials.png")));
        qunsetenv("JIRA_PASSWORD");

        // JSONL: quietly nothing.
        QTemporaryDir jsonl;
        QVERIFY(window.openFile(tbds::test::copyJsonlSample(jsonl.path())));
        QTRY_VERIFY(!label->isVisibleTo(&window));
    }
};

QTEST_MAIN(tst_TrayIcon)
#include "tst_trayicon.moc"
