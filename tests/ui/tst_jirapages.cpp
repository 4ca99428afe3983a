// SPDX-License-Identifier: Apache-2.0
// The Jira pages (connection test, permissions, JQL preview, control fields) in the main window,
// against the Jira simulator over real sockets.
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "tests/support/testcerts.h"
#include "ui/connectiontestpage.h"
#include "ui/controlfieldspage.h"
#include "ui/jqlpreviewpage.h"
#include "ui/mainwindow.h"
#include "guitestutil.h"
#include "windowtestutil.h"
#include "ui/models/configdocument.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/models/controlfieldsmodel.h"
#include "ui/models/jqlresultsmodel.h"
#include "ui/models/permissionsmodel.h"
#include "ui/permissionspage.h"
#include "ui/projectpicker.h"

#include <QDir>
#include <QHeaderView>
#include <QNetworkProxy>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QPushButton>
#include <QTest>

using tbds::fakejira::FakeJira;
using tbds::ui::ConnectionTestModel;
using tbds::ui::MainWindow;
namespace demo = tbds::fakejira::demo;

class tst_JiraPages : public QObject
{
    Q_OBJECT

private:
    QString m_screenshots;
    FakeJira m_jira;
    QTemporaryDir m_dir;

    void screenshot(QWidget *window, const QString &name)
    {
        QCoreApplication::processEvents();
        const QString path = m_screenshots + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY2(window->grab().save(path), qPrintable(path));
    }

    /** A Jira config for the simulator; `extra` is appended (override tables). */
    QString writeConfig(const QString &name, const QString &serverUrl, const QString &password,
                        const QString &extra = {})
    {
        const QString path = m_dir.filePath(name);
        const bool written = tbds::test::writeJiraConfig(
            path, serverUrl, QString::fromLatin1(demo::kCloudEmail), password, extra,
            {QStringLiteral("priority"), QStringLiteral("status"), QStringLiteral("classification"),
             QStringLiteral("NoSuchField")});
        return written ? path : QString();
    }



private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_jirapages"));
        QSettings().clear();
        m_screenshots = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(m_screenshots));
        m_jira.loadDemoData();
        QVERIFY(m_jira.start().ok());
    }

    void connectionTestSucceeds()
    {
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("ok.toml"), m_jira.baseUrl().toString(),
                                             QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(*window, MainWindow::Page::ConnectionTest);
        QVERIFY(test);
        QSignalSpy finished(test->model(), &ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), true);
        for (auto step : {ConnectionTestModel::Step::Configuration, ConnectionTestModel::Step::NameResolution,
                          ConnectionTestModel::Step::Connection, ConnectionTestModel::Step::Server,
                          ConnectionTestModel::Step::Authentication})
            QCOMPARE(test->model()->status(step), ConnectionTestModel::Status::Passed);
        QVERIFY(test->model()->result(ConnectionTestModel::Step::Server).contains(QStringLiteral("Cloud")));
        QVERIFY(!test->model()->report().contains(QString::fromLatin1(demo::kCloudApiToken)));
        screenshot(window.get(), QStringLiteral("connection-test"));
    }

    void connectionTestExplains401()
    {
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("bad.toml"), m_jira.baseUrl().toString(),
                                             QStringLiteral("wrong-token")));
        QVERIFY(window);
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(*window, MainWindow::Page::ConnectionTest);
        QSignalSpy finished(test->model(), &ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(test->model()->status(ConnectionTestModel::Step::Server), ConnectionTestModel::Status::Passed);
        QCOMPARE(test->model()->status(ConnectionTestModel::Step::Authentication), ConnectionTestModel::Status::Failed);
        QVERIFY2(test->model()->hint(ConnectionTestModel::Step::Authentication).contains(QStringLiteral("API token")),
                 qPrintable(test->model()->hint(ConnectionTestModel::Step::Authentication)));
        screenshot(window.get(), QStringLiteral("connection-test-401"));
    }

    void connectionTestExplainsRefused()
    {
        QTcpServer probe; // a port that was free a moment ago: nothing listens there now
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("refused.toml"),
                                             QStringLiteral("http://127.0.0.1:%1").arg(port),
                                             QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(*window, MainWindow::Page::ConnectionTest);
        QSignalSpy finished(test->model(), &ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(finished.wait(20000));
        QCOMPARE(test->model()->status(ConnectionTestModel::Step::Connection), ConnectionTestModel::Status::Failed);
        QCOMPARE(test->model()->status(ConnectionTestModel::Step::Authentication), ConnectionTestModel::Status::Skipped);
        QVERIFY(test->model()->hint(ConnectionTestModel::Step::Connection).contains(QStringLiteral("port")));
        screenshot(window.get(), QStringLiteral("connection-test-refused"));
    }

    void connectionTestExplainsEachFailureClass_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("hintSays");
        QTest::newRow("captcha") << QStringLiteral("captcha") << QStringLiteral("CAPTCHA");
        QTest::newRow("expired PAT (Data Center)") << QStringLiteral("expired-pat") << QStringLiteral("expired");
        QTest::newRow("PAT on Cloud") << QStringLiteral("pat-on-cloud")
                                      << QStringLiteral("does not accept personal access tokens");
        QTest::newRow("untrusted certificate") << QStringLiteral("tls") << QStringLiteral("ssl_ca_cert_path");
        QTest::newRow("proxy refuses") << QStringLiteral("proxy") << QStringLiteral("NO_PROXY");
    }

    void connectionTestExplainsEachFailureClass()
    {
        // Each failure class of the Jira client, for real over sockets, ends in a step that failed
        // with a cause and a hint in plain words.
        QFETCH(QString, failure);
        QFETCH(QString, hintSays);
        FakeJira jira;
        jira.loadDemoData();
        tbds::fakejira::FakeJiraOptions options;
        QString auth = QStringLiteral("auth_type = \"basic\"\nusername = \"%1\"\npassword = \"%2\"\n")
                           .arg(QString::fromLatin1(demo::kCloudEmail), QString::fromLatin1(demo::kCloudApiToken));
        QTemporaryDir certs;
        if (failure == QLatin1String("expired-pat")) {
            options.flavor = tbds::fakejira::Flavor::DataCenter;
            jira.setPat(QStringLiteral("old-pat"), true);
            auth = QStringLiteral("auth_type = \"token\"\ntoken = \"old-pat\"\n");
        } else if (failure == QLatin1String("pat-on-cloud")) {
            auth = QStringLiteral("auth_type = \"token\"\ntoken = \"a-dc-style-pat\"\n");
        } else if (failure == QLatin1String("tls")) {
            // A certificate from a CA this computer does not trust (an internal CA, say).
            QVERIFY(tbds::test::makeTestCertificates(certs.path()));
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            QFile crt(certs.filePath(QStringLiteral("server.crt")));
            QFile key(certs.filePath(QStringLiteral("server.key")));
            QVERIFY(crt.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
            tls.setLocalCertificate(QSslCertificate(&crt, QSsl::Pem));
            tls.setPrivateKey(QSslKey(&key, QSsl::Ec, QSsl::Pem));
            options.tls = tls;
        }
        QVERIFY(jira.start(options).ok());
        if (failure == QLatin1String("captcha"))
            jira.injectFault({.kind = tbds::fakejira::Fault::Kind::Captcha, .pathRegex = QStringLiteral("myself"), .count = -1});
        const bool viaProxy = failure == QLatin1String("proxy");
        if (viaProxy) {
            QTcpServer probe; // a port nothing listens on any more: the "proxy" refuses
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            const quint16 port = probe.serverPort();
            probe.close();
            QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), port));
        }
        const auto resetProxy = qScopeGuard([] { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); });

        // Behind a proxy the name need not resolve here: the proxy does that.
        const QString serverUrl = viaProxy ? QStringLiteral("http://jira.behind-the-proxy.invalid:8080")
                                           : jira.baseUrl().toString();
        const QString path = m_dir.filePath(failure + QStringLiteral(".toml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QStringLiteral("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n\n"
                                  "[testbench-defect-service.client_config]\nserver_url = \"%1\"\ntimeout = 10\n%2")
                       .arg(serverUrl, auth)
                       .toUtf8());
        file.close();
        auto window = tbds::test::openWindow(path);
        QVERIFY(window);
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(*window, MainWindow::Page::ConnectionTest);
        QSignalSpy finished(test->model(), &ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        std::optional<ConnectionTestModel::Step> failed;
        for (auto step : {ConnectionTestModel::Step::Configuration, ConnectionTestModel::Step::NameResolution,
                          ConnectionTestModel::Step::Connection, ConnectionTestModel::Step::Server,
                          ConnectionTestModel::Step::Authentication}) {
            if (test->model()->status(step) == ConnectionTestModel::Status::Failed) {
                failed = step;
                break;
            }
        }
        QVERIFY2(failed, qPrintable(test->model()->report()));
        QVERIFY2(test->model()->hint(*failed).contains(hintSays), qPrintable(test->model()->report()));
        QVERIFY(!test->model()->result(*failed).isEmpty());
        if (viaProxy) {
            QVERIFY(test->model()->result(ConnectionTestModel::Step::NameResolution).contains(QStringLiteral("proxy")));
            // The status bar says so too, in full.
            auto *server = window->findChild<QLabel *>(QStringLiteral("jiraServerLabel"));
            QTRY_VERIFY(server->text().contains(QStringLiteral("not reachable")));
            QTRY_VERIFY2(server->width() >= server->sizeHint().width(),
                         qPrintable(QStringLiteral("%1 < %2").arg(server->width()).arg(server->sizeHint().width())));
        }
        screenshot(window.get(), QStringLiteral("connection-test-") + failure);
    }

    void permissionsGridIsReadonlyAware()
    {
        using Cell = tbds::ui::PermissionsModel::Cell;
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("perm.toml"), m_jira.baseUrl().toString(),
                                             QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *permissions = tbds::test::showPage<tbds::ui::PermissionsPage>(*window, MainWindow::Page::Permissions);
        QSignalSpy done(permissions, &tbds::ui::PermissionsPage::checkFinished);
        permissions->checkAll();
        QVERIFY(done.wait(20000));
        auto *model = permissions->model();
        const int demoRow = model->rowOf(QStringLiteral("Demo Project (DEMO)"));
        int roRow = -1;
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data().toString().endsWith(QStringLiteral("(RO)")))
                roRow = row;
        QVERIFY2(demoRow >= 0 && roRow >= 0, qPrintable(permissions->report()));
        QVERIFY(model->missing(demoRow).isEmpty());
        QCOMPARE(model->cell(roRow, 2), Cell::Missing); // Create Issues
        QCOMPARE(model->cell(roRow, 4), Cell::Missing); // Delete Issues
        QCOMPARE(model->cell(roRow, 0), Cell::Granted); // Browse Projects
        const QString report = permissions->report();
        QVERIFY(report.contains(QStringLiteral("What to ask")));
        QVERIFY(report.contains(QStringLiteral("Create Issues")));
        const QString saved = m_dir.filePath(QStringLiteral("permissions.txt"));
        QVERIFY(permissions->saveReport(saved));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), report);
        screenshot(window.get(), QStringLiteral("permissions"));

        // The same project read-only: write permissions are no longer required.
        QVERIFY(window->openFile(writeConfig(QStringLiteral("perm-ro.toml"), m_jira.baseUrl().toString(),
                                             QString::fromLatin1(demo::kCloudApiToken),
                                             QStringLiteral("\n[testbench-defect-service.client_config.projects.RO]\n"
                                                            "readonly = true\n"))));
        permissions->picker()->setCurrentProject(QStringLiteral("RO"));
        done.clear();
        permissions->checkProject();
        QVERIFY(done.wait(20000));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->cell(0, 2), Cell::NotRequired);
        QCOMPARE(model->cell(0, 4), Cell::NotRequired);
        QVERIFY(model->missing(0).isEmpty());
    }

    void jqlPreviewStreamsPages()
    {
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("jql.toml"), m_jira.baseUrl().toString(),
                                             QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *preview = tbds::test::showPage<tbds::ui::JqlPreviewPage>(*window, MainWindow::Page::JqlPreview);
        preview->picker()->setCurrentProject(QString::fromLatin1(demo::kBulkProject));
        QCOMPARE(preview->jql(), QStringLiteral("project = 'BULK' AND issuetype in standardIssueTypes()"));
        auto *model = preview->model();
        preview->run();
        QVERIFY(QTest::qWaitFor([model] { return (model->rowCount() > 0 && !model->isRunning()) || model->canFetchMore({}); }, 20000));
        QVERIFY(model->rowCount() < demo::kBulkIssueCount); // one page, not everything
        int fetches = 0;
        while (model->canFetchMore({}) || model->isRunning()) {
            if (model->canFetchMore({})) {
                model->fetchMore({});
                ++fetches;
            }
            QTest::qWait(5);
            QVERIFY(fetches < 100);
        }
        QCOMPARE(model->rowCount(), demo::kBulkIssueCount);
        QVERIFY(fetches >= 2);
        QCOMPARE(model->index(0, tbds::ui::JqlResultsModel::IdColumn).data().toString().left(5), QStringLiteral("BULK-"));
        QVERIFY(!model->index(0, 0).data(tbds::ui::JqlResultsModel::DefectJsonRole).toString().isEmpty());

        const QString csvPath = m_dir.filePath(QStringLiteral("preview.csv"));
        QVERIFY(preview->exportCsv(csvPath));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.size(), demo::kBulkIssueCount + 2); // header, rows, trailing empty
        QVERIFY(lines.first().startsWith("id,title,status,priority,classification,reporter,lastEdited"));

        // Filter through the proxy.
        preview->proxy()->setFilterFixedString(QStringLiteral("BULK-26"));
        QVERIFY(preview->proxy()->rowCount() >= 1);
        preview->proxy()->setFilterFixedString(QString());

        const QString curl = preview->curlCommand();
        QVERIFY(curl.startsWith(QStringLiteral("curl")));
        QVERIFY(!curl.contains(QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(curl.contains(QStringLiteral("API_TOKEN")));
        auto *results = window->findChild<QTableView *>(QStringLiteral("jqlResultsView"));
        // Every title in full, also with the sort arrow next to it.
        results->sortByColumn(tbds::ui::JqlResultsModel::ClassificationColumn, Qt::AscendingOrder);
        QHeaderView *header = results->horizontalHeader();
        for (int section = 0; section + 1 < header->count(); ++section) // the last one stretches
            QVERIFY2(header->sectionSize(section) >= header->sectionSizeHint(section),
                     qPrintable(results->model()->headerData(section, Qt::Horizontal).toString()));
        results->sortByColumn(-1, Qt::AscendingOrder);
        results->selectRow(0);
        screenshot(window.get(), QStringLiteral("jql-preview"));

        // Cancel after the first page: no more pages arrive.
        preview->run();
        QVERIFY(QTest::qWaitFor([model] { return model->rowCount() > 0; }, 20000));
        preview->cancel();
        QVERIFY(!model->isRunning());
        QVERIFY(!model->canFetchMore({}));
        const int rows = model->rowCount();
        QTest::qWait(200);
        QCOMPARE(model->rowCount(), rows);
        QVERIFY(rows < demo::kBulkIssueCount);
    }

    void loadAllFetchesEveryPage()
    {
        // "Load all" used to stop after the first page: it asked for the next page from inside
        // the model's count signal, before the search was ready for it.
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("loadall.toml"), m_jira.baseUrl().toString(),
                                             QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *preview = tbds::test::showPage<tbds::ui::JqlPreviewPage>(*window, MainWindow::Page::JqlPreview);
        preview->picker()->setCurrentProject(QString::fromLatin1(demo::kBulkProject));
        auto *model = preview->model();
        preview->run();
        QVERIFY(QTest::qWaitFor([model] { return model->rowCount() > 0; }, 20000));
        auto *loadAll = window->findChild<QPushButton *>(QStringLiteral("jqlLoadAllButton"));
        QVERIFY(loadAll);
        QTRY_VERIFY_WITH_TIMEOUT(loadAll->isEnabled(), 20000); // offered once the first page is in
        loadAll->click();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), demo::kBulkIssueCount, 20000);
        QVERIFY(!model->canFetchMore({}));
    }

    void controlFieldsShowAllowedValues()
    {
        using State = tbds::ui::ControlFieldsModel::State;
        auto window = tbds::test::openWindow(writeConfig(QStringLiteral("cf.toml"), m_jira.baseUrl().toString(),
                                             QString::fromLatin1(demo::kCloudApiToken)));
        QVERIFY(window);
        auto *fields = tbds::test::showPage<tbds::ui::ControlFieldsPage>(*window, MainWindow::Page::ControlFields);
        fields->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
        QSignalSpy done(fields, &tbds::ui::ControlFieldsPage::loadFinished);
        fields->load();
        QVERIFY(done.wait(20000));
        auto *model = fields->model();
        QCOMPARE(model->rowCount(), 4);
        const auto &entries = model->entries();
        QCOMPARE(entries.at(model->rowOf(QStringLiteral("NoSuchField"))).state, State::Unknown);
        QVERIFY(!entries.at(model->rowOf(QStringLiteral("status"))).values.isEmpty());
        QVERIFY(!entries.at(model->rowOf(QStringLiteral("priority"))).values.isEmpty());
        QVERIFY(!entries.at(model->rowOf(QStringLiteral("classification"))).values.isEmpty());
        QVERIFY(fields->banner()->text().contains(QStringLiteral("unknown")));
        screenshot(window.get(), QStringLiteral("control-fields"));
    }

    void controlFieldsMarkTestBenchValuesJiraRejects()
    {
        const QString config = writeConfig(QStringLiteral("cf-rejects.toml"), m_jira.baseUrl().toString(),
                                           QString::fromLatin1(demo::kCloudApiToken));
        const auto loadDemo = [](MainWindow &window) -> tbds::ui::ControlFieldsPage * {
            auto *fields = tbds::test::showPage<tbds::ui::ControlFieldsPage>(window, MainWindow::Page::ControlFields);
            fields->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
            QSignalSpy done(fields, &tbds::ui::ControlFieldsPage::loadFinished);
            fields->load();
            return done.wait(20000) ? fields : nullptr;
        };
        auto window = tbds::test::openWindow(config);
        QVERIFY(window);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        auto *fields = loadDemo(*window);
        QVERIFY(fields);
        auto *model = fields->model();
        const int status = model->rowOf(QStringLiteral("status"));
        const int priority = model->rowOf(QStringLiteral("priority"));
        QVERIFY(model->entries().at(status).values.contains(QStringLiteral("In Progress")));
        QVERIFY(model->testBenchValues(status).isEmpty());

        // Keyboard only: pick the status row, Enter to edit its values, type one per line (with
        // an empty line and a repeat, which count for nothing), Escape back to the table.
        auto *view = window->findChild<QTableView *>(QStringLiteral("controlFieldsView"));
        auto *edit = window->findChild<QPlainTextEdit *>(QStringLiteral("controlFieldsTestBenchEdit"));
        auto *checkText = window->findChild<QPlainTextEdit *>(QStringLiteral("controlFieldsCheckText"));
        QVERIFY(view && edit && checkText);
        view->setFocus();
        view->setCurrentIndex(model->index(status, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(edit->hasFocus());
        for (const char *line : { "To Do", "in progress", "", "Closed", "To Do" }) {
            QTest::keyClicks(edit, QString::fromLatin1(line));
            QTest::keyClick(edit, Qt::Key_Return);
        }
        QCOMPARE(model->testBenchValues(status),
                 QStringList({ QStringLiteral("To Do"), QStringLiteral("in progress"), QStringLiteral("Closed") }));
        QCOMPARE(model->rejectedCount(status), 2);
        const QString verdict = model->index(status, tbds::ui::ControlFieldsModel::CheckColumn).data().toString();
        QVERIFY2(verdict.contains(QStringLiteral("2 of 3 value")), qPrintable(verdict));
        QVERIFY2(checkText->toPlainText().contains(QStringLiteral("Did you mean \u201cIn Progress\u201d?")),
                 qPrintable(checkText->toPlainText()));
        QVERIFY(checkText->toPlainText().contains(QStringLiteral("\u2718 \u201cClosed\u201d")));
        QTest::keyClick(edit, Qt::Key_Escape);
        QTRY_VERIFY(view->hasFocus());

        // Another field: its own list.
        QTest::keyClick(view, priority > status ? Qt::Key_Down : Qt::Key_Up);
        QCOMPARE(view->currentIndex().row(), priority);
        QVERIFY(edit->toPlainText().isEmpty());
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("high"));
        QCOMPARE(model->rejectedCount(priority), 1);
        QVERIFY(checkText->toPlainText().contains(QStringLiteral("\u201cHigh\u201d")));
        view->setCurrentIndex(model->index(status, 0));
        QCOMPARE(edit->toPlainText(), QStringLiteral("To Do\nin progress\nClosed"));
        const QString report = fields->report();
        QVERIFY2(report.contains(QStringLiteral("2 of 3 value"))
                     && report.contains(QStringLiteral("3 TestBench value")),
                 qPrintable(report));
        screenshot(window.get(), QStringLiteral("control-fields-rejects"));

        // Reopened: the values come back for this server, project and field, marked again.
        window.reset();
        window = tbds::test::openWindow(config);
        QVERIFY(window);
        fields = loadDemo(*window);
        QVERIFY(fields);
        model = fields->model();
        QCOMPARE(model->testBenchValues(model->rowOf(QStringLiteral("status"))),
                 QStringList({ QStringLiteral("To Do"), QStringLiteral("in progress"), QStringLiteral("Closed") }));
        QCOMPARE(model->testBenchValues(model->rowOf(QStringLiteral("priority"))),
                 QStringList { QStringLiteral("high") });
        QCOMPARE(model->rejectedCount(model->rowOf(QStringLiteral("status"))), 2);
        view = window->findChild<QTableView *>(QStringLiteral("controlFieldsView"));
        edit = window->findChild<QPlainTextEdit *>(QStringLiteral("controlFieldsTestBenchEdit"));
        view->setCurrentIndex(model->index(model->rowOf(QStringLiteral("status")), 0));
        QCOMPARE(edit->toPlainText(), QStringLiteral("To Do\nin progress\nClosed"));
        // Another project starts empty.
        fields->picker()->setCurrentProject(QString::fromLatin1(demo::kBulkProject));
        QSignalSpy done(fields, &tbds::ui::ControlFieldsPage::loadFinished);
        fields->load();
        QVERIFY(done.wait(20000));
        QVERIFY(fields->model()->testBenchValues(fields->model()->rowOf(QStringLiteral("status"))).isEmpty());
    }

    void jsonlConfigExplainsItself()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.toml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[testbench-defect-service]\nclient_class = \"JsonlDefectClient\"\n\n"
                   "[testbench-defect-service.client_config]\ndefects_path = \"defects\"\n"
                   "[testbench-defect-service.client_config.control_fields]\nstatus = [\"New\", \"Closed\"]\n");
        file.close();
        QDir(dir.path()).mkpath(QStringLiteral("defects"));
        auto window = tbds::test::openWindow(path);
        QVERIFY(window);
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(*window, MainWindow::Page::ConnectionTest);
        QVERIFY(test->banner()->text().contains(QStringLiteral("JSONL")));
        auto *fields = tbds::test::showPage<tbds::ui::ControlFieldsPage>(*window, MainWindow::Page::ControlFields);
        fields->load();
        QCOMPARE(fields->model()->rowCount(), 1);
        QCOMPARE(fields->model()->entries().first().values, QStringList({QStringLiteral("New"), QStringLiteral("Closed")}));
        screenshot(window.get(), QStringLiteral("control-fields-jsonl"));
    }
};

QTEST_MAIN(tst_JiraPages)
#include "tst_jirapages.moc"
