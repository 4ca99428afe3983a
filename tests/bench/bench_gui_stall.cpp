// SPDX-License-Identifier: Apache-2.0
// GUI benchmark helper (tests/bench/bench_gui.sh), not a test:
//   bench_gui_stall --write-data FILE N   the fake-jira demo data set with N issues in project BULK
//   bench_gui_stall CONFIG                opens CONFIG in the main window, streams every BULK issue
//                                         into the JQL preview and prints the longest event-loop
//                                         stall seen meanwhile (a 2 ms timer's largest lateness),
//                                         then the memory the preview holds per issue: RSS growth
//                                         while the model holds every row, next to the growth the
//                                         same issues cost as full QJsonObjects (the model's
//                                         representation before it kept compact records).
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

#if defined(Q_OS_LINUX)
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

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

/**
 * Resident set size in bytes, after handing freed heap back to the system so that what remains
 * is what is still held; -1 where this is not measured (the script runs on Linux).
 */
qint64 residentBytes()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
#if defined(Q_OS_LINUX)
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = statm.readAll().simplified().split(' ');
    return parts.size() > 1 ? parts.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
#else
    return -1;
#endif
}

void printMemory(const tbds::ui::JqlResultsModel *model, qint64 before, qint64 held)
{
    const int rows = model->rowCount();
    if (rows == 0 || before < 0 || held < 0) {
        std::printf("jql-preview memory not measured on this platform\n");
        return;
    }
    const auto perIssue = [rows](qint64 bytes) { return double(bytes) / rows; };
    const auto mib10k = [](double perIssue) { return perIssue * 10000 / 1048576.0; };
    // Everything the page holds for the rows: model, proxy mapping, view sections.
    const double preview = perIssue(held - before);
    std::printf("jql-preview memory rows=%d preview_rss_growth_per_issue=%.0f B (%.1f MiB per 10000)\n", rows, preview,
                mib10k(preview));
    // The rows alone, both ways, from the same issues: first one deep QJsonObject per issue (what
    // the model held before), then a second model built from them (what it holds now).
    QList<QJsonObject> full;
    full.reserve(rows);
    for (int row = 0; row < rows; ++row)
        full.append(QJsonDocument::fromJson(QJsonDocument(model->issue(row)).toJson(QJsonDocument::Compact)).object());
    const qint64 withFull = residentBytes();
    tbds::ui::JqlResultsModel compact;
    compact.reset(model->udfFields());
    compact.appendIssues(full);
    const qint64 withCompact = residentBytes();
    const double old = perIssue(withFull - held);
    const double now = perIssue(withCompact - withFull);
    std::printf("jql-preview memory per issue: as QJsonObject %.0f B (%.1f MiB per 10000), as compact record %.0f B "
                "(%.1f MiB per 10000), ratio %.1fx\n",
                old, mib10k(old), now, mib10k(now), now > 0 ? old / now : 0.0);
    std::printf("jql-preview memory whole preview per issue: before %.0f B, after %.0f B (estimated before = "
                "measured after - compact record + QJsonObject)\n",
                preview - now + old, preview);

    // The trade-off of keeping the issue's JSON compressed (the model uses level 1).
    qint64 jsonBytes = 0;
    qint64 zippedBytes = 0;
    QElapsedTimer zipClock;
    qint64 zipNs = 0;
    qint64 unzipNs = 0;
    for (int row = 0; row < rows; ++row) {
        const QByteArray json = model->rawJson(row);
        zipClock.start();
        const QByteArray zipped = qCompress(json, 1);
        zipNs += zipClock.nsecsElapsed();
        zipClock.start();
        const QByteArray back = qUncompress(zipped);
        unzipNs += zipClock.nsecsElapsed();
        jsonBytes += json.size();
        zippedBytes += back.size() == json.size() ? zipped.size() : 0;
    }
    std::printf("jql-preview raw issue per issue: compact JSON %.0f B, qCompress'd %.0f B (%.1fx smaller), %.1f us to "
                "compress, %.1f us to uncompress\n",
                double(jsonBytes) / rows, double(zippedBytes) / rows,
                zippedBytes > 0 ? double(jsonBytes) / zippedBytes : 0.0, double(zipNs) / rows / 1e3,
                double(unzipNs) / rows / 1e3);
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
    qint64 rssBefore = -1;
    QObject::connect(page->model(), &tbds::ui::JqlResultsModel::finished, &app, [&] {
        probe.stop();
        pull.stop();
        std::printf("jql-preview rows=%d total_ms=%.0f max_stall_ms=%.1f\n", page->model()->rowCount(),
                    double(total.nsecsElapsed()) / 1e6, double(worst) / 1e6);
        // Let the last page's buffers go before measuring what stays.
        QTimer::singleShot(200, &app, [&] {
            printMemory(page->model(), rssBefore, residentBytes());
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    });
    QObject::connect(page->model(), &tbds::ui::JqlResultsModel::failed, &app, [&] {
        std::printf("jql-preview failed\n");
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(500, &app, [&] { // let the page settle (project list, autocomplete)
        page->setJql(QStringLiteral("project = BULK ORDER BY key ASC"));
        rssBefore = residentBytes();
        clock.start();
        total.start();
        probe.start();
        page->loadAll();
        pull.start();
    });
    QTimer::singleShot(qEnvironmentVariableIntValue("TBDS_BENCH_TIMEOUT_MS") > 0
                           ? qEnvironmentVariableIntValue("TBDS_BENCH_TIMEOUT_MS")
                           : 600'000,
                       &app, [&] {
                           std::printf("jql-preview timed out with %d rows\n", page->model()->rowCount());
                           for (const QLabel *label : page->findChildren<QLabel *>()) {
                               if (label->isVisible() && !label->text().isEmpty())
                                   std::printf("  page says: %s\n", qPrintable(label->text()));
                           }
                           QCoreApplication::exit(1);
                       });
    return QApplication::exec();
}
