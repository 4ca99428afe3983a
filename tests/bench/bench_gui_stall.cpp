// SPDX-License-Identifier: Apache-2.0
// GUI benchmark helper (tests/bench/bench_gui.sh), not a test:
//   bench_gui_stall --write-data FILE N   the fake-jira demo data set with N issues in project BULK
//   bench_gui_stall CONFIG                opens CONFIG in the main window, streams every BULK issue
//                                         into the JQL preview and prints the longest event-loop
//                                         stall seen meanwhile (a 2 ms timer's largest lateness).
#include "tests/fakejira/demodata.h"
#include "ui/jqlpreviewpage.h"
#include "ui/mainwindow.h"
#include "ui/models/configdocument.h"
#include "ui/models/jqlresultsmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

namespace {

int writeData(const QString &path, int count)
{
    using namespace tbds::fakejira;
    FakeJiraData data = demo::build();
    Issue templ;
    qint64 maxId = 0;
    int bulk = 0;
    for (const Issue &i : std::as_const(data.issues)) {
        maxId = std::max(maxId, i.id);
        if (i.projectKey == QLatin1String(demo::kBulkProject)) {
            templ = i;
            ++bulk;
        }
    }
    for (int n = bulk + 1; n <= count; ++n) {
        Issue i = templ;
        i.id = ++maxId;
        i.key = QStringLiteral("%1-%2").arg(QLatin1String(demo::kBulkProject)).arg(n);
        i.summary = QStringLiteral("Bulk issue %1").arg(n);
        data.issues.append(i);
    }
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write(QJsonDocument(data.toJson()).toJson(QJsonDocument::Compact));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 4 && qstrcmp(argv[1], "--write-data") == 0)
        return writeData(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toInt());
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_gui_stall CONFIG | --write-data FILE N\n");
        return 2;
    }
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
    tbds::ui::MainWindow window;
    window.resize(1200, 820);
    window.show();
    if (!window.openFile(QString::fromLocal8Bit(argv[1])))
        return 1;
    if (!window.document()->validation().ok())
        std::printf("config problems:\n%s\n", qPrintable(window.document()->validation().report()));
    window.showPage(tbds::ui::MainWindow::Page::JqlPreview);
    auto *page = qobject_cast<tbds::ui::JqlPreviewPage *>(window.pageWidget(tbds::ui::MainWindow::Page::JqlPreview));
    if (!page)
        return 1;

    // The probe: a 2 ms timer; how late its ticks come is how long the loop was busy elsewhere.
    QElapsedTimer clock;
    qint64 last = -1;
    qint64 worst = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(2);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0)
            worst = std::max(worst, now - last);
        last = now;
    });

    // "Load all" stops after the first page when canFetchMore() is still false as that page
    // arrives (JqlPreviewPage only retries on the next countChanged), so keep asking, like a view
    // scrolled to the end would.
    QTimer pull;
    pull.setInterval(5);
    QObject::connect(&pull, &QTimer::timeout, [&] {
        if (page->model()->canFetchMore({}))
            page->model()->fetchMore({});
    });

    QElapsedTimer total;
    QObject::connect(page->model(), &tbds::ui::JqlResultsModel::finished, &app, [&] {
        probe.stop();
        pull.stop();
        std::printf("jql-preview rows=%d total_ms=%.0f max_stall_ms=%.1f\n", page->model()->rowCount(),
                    double(total.nsecsElapsed()) / 1e6, double(worst) / 1e6);
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    QObject::connect(page->model(), &tbds::ui::JqlResultsModel::failed, &app, [&] {
        std::printf("jql-preview failed\n");
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(500, &app, [&] { // let the page settle (project list, autocomplete)
        page->setJql(QStringLiteral("project = BULK ORDER BY key ASC"));
        clock.start();
        total.start();
        probe.start();
        page->loadAll();
        pull.start();
    });
    QTimer::singleShot(qEnvironmentVariableIntValue("TBDS_BENCH_TIMEOUT_MS") > 0 ? qEnvironmentVariableIntValue("TBDS_BENCH_TIMEOUT_MS") : 600'000, &app, [&] {
        std::printf("jql-preview timed out with %d rows\n", page->model()->rowCount());
        for (const QLabel *label : page->findChildren<QLabel *>()) {
            if (label->isVisible() && !label->text().isEmpty())
                std::printf("  page says: %s\n", qPrintable(label->text()));
        }
        QCoreApplication::exit(1);
    });
    return QApplication::exec();
}
