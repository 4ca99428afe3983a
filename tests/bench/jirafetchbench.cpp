// SPDX-License-Identifier: Apache-2.0
//
// bench_jira_fetch: JQL fetch of 10 000 issues from the Jira simulator (tests/fakejira), Cloud
// and Data Center, measured in one run on this machine. Not a test; nothing gates on it.
//   a) all issues through tbds::jira::JqlSearch vs the same pages fetched with plain sequential
//      QNetworkAccessManager requests (same URLs, page size and fields): wall time ratio,
//      goal <= 1.2x; client CPU time is printed next to it because the simulator's own work
//      (same for both) dominates the wall time;
//   b) time until the first page reaches the caller, with a fresh client (serverInfo included);
//   c) memory per issue held: RSS growth / 10 000 while the caller holds every page JqlSearch
//      delivered (QJsonObjects), goal <= 2 KiB; also for a lean field set, and the compact JSON
//      size per issue for scale.
//
// Processes, so that neither the simulator nor an earlier measurement distorts the next one:
//   bench_jira_fetch                         runs everything below and prints the report
//   bench_jira_fetch --serve cloud|dc        the simulator with the bench data; prints its URL
//   bench_jira_fetch --measure cloud|dc URL  one flavour's measurements as key=value lines
// Usage of the simulator's flavours and credentials follows tests/jira/jiratestutil.cpp.

#include "core/config/serviceconfig.h"
#include "core/jira/jiraclient.h"
#include "core/jira/jqlsearch.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include <sys/resource.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

using tbds::fakejira::FakeJira;
using tbds::fakejira::Flavor;
using tbds::jira::JiraClient;
using tbds::jira::JqlSearch;
namespace demo = tbds::fakejira::demo;

constexpr int kIssueCount = 10000;
constexpr int kPageSize = 100; // Cloud's cap when fields are requested; DC's cap is set to match
constexpr int kRounds = 3; // timed passes per method; the best one counts
constexpr char kProjectKey[] = "PERF";

QString jql()
{
    return QStringLiteral("project = \"%1\" ORDER BY key ASC").arg(QLatin1String(kProjectKey));
}

/** What a defect list needs; the same for both methods. */
QStringList fields()
{
    return { QStringLiteral("summary"),  QStringLiteral("status"),   QStringLiteral("priority"),
             QStringLiteral("issuetype"), QStringLiteral("reporter"), QStringLiteral("updated"),
             QStringLiteral("description"), QStringLiteral("labels"), QStringLiteral("customfield_10011") };
}

/** The least a list of issues can show. */
QStringList leanFields()
{
    return { QStringLiteral("summary"), QStringLiteral("status"), QStringLiteral("updated") };
}

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

// --- the simulator ----------------------------------------------------------------------------

/** The demo data plus project PERF with kIssueCount issues built through the FakeJiraData API. */
void addBenchProject(tbds::fakejira::FakeJiraData &d)
{
    using namespace tbds::fakejira;
    const Project *bulk = d.project(QLatin1String(demo::kBulkProject));
    Project p;
    p.id = QStringLiteral("10100");
    p.key = QLatin1String(kProjectKey);
    p.name = QStringLiteral("Performance");
    p.description = QStringLiteral("Ten thousand issues for the fetch benchmark.");
    p.leadKey = QLatin1String(demo::kServiceAccountKey);
    p.issueTypeIds = bulk->issueTypeIds;
    p.workflow = bulk->workflow;
    p.customFieldIds = { QStringLiteral("customfield_10011") };
    d.projects.append(p);

    const QStringList statuses = { QStringLiteral("10000"), QStringLiteral("3"), QStringLiteral("10001"),
                                   QStringLiteral("10002") };
    const QStringList severities = { QStringLiteral("10100"), QStringLiteral("10101"), QStringLiteral("10102"),
                                     QStringLiteral("10103") };
    const QDateTime base(QDate(2025, 1, 6), QTime(9, 0), Qt::UTC);
    qint64 id = d.nextIssueId();
    d.issues.reserve(d.issues.size() + kIssueCount);
    for (int n = 1; n <= kIssueCount; ++n) {
        Issue i;
        i.id = id++;
        i.key = p.key + QLatin1Char('-') + QString::number(n);
        i.projectKey = p.key;
        i.issueTypeId = p.issueTypeIds.value(n % 5 == 0 ? 1 : 0);
        i.summary = QStringLiteral("Order form rejects valid input in step %1").arg(n);
        // A typical short defect description (wiki text; the simulator serves ADF on Cloud v3).
        i.description = QStringLiteral("Steps:\n1. Open the order form\n2. Enter order %1\n3. Press Save\n\n"
                                       "Expected: saved\nActual: validation error")
                            .arg(n);
        i.statusId = statuses.at(n % statuses.size());
        i.priorityId = QString::number(1 + n % 5);
        i.reporterKey = QLatin1String(demo::kServiceAccountKey);
        i.creatorKey = i.reporterKey;
        i.labels = { QStringLiteral("testbench") };
        i.created = base.addSecs(qint64(n) * 600);
        i.updated = i.created.addSecs(1800);
        if (i.statusId == QLatin1String("10002")) {
            i.resolutionId = QStringLiteral("10000");
            i.resolutionDate = i.updated;
        }
        i.customValues = QJsonObject { { QStringLiteral("customfield_10011"), severities.at(n % severities.size()) } };
        d.issues.append(std::move(i));
    }
}

int serve(Flavor flavor)
{
    FakeJira jira;
    jira.loadDemoData();
    addBenchProject(jira.data());
    FakeJira::Options options;
    options.flavor = flavor;
    options.dcPageCap = kPageSize;
    const auto started = jira.start(options);
    if (!started) {
        std::fprintf(stderr, "simulator did not start: %s\n", qPrintable(started.error().toString()));
        return 1;
    }
    out(jira.baseUrl().toString());
    return QCoreApplication::exec();
}

// --- measuring --------------------------------------------------------------------------------

/** Resident set size in bytes, after handing freed heap back to the system where possible. */
qint64 residentBytes()
{
#ifdef __GLIBC__
    malloc_trim(0); // freed reply buffers must not count as "held"
#endif
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = statm.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

/** CPU time (user + system) of this process so far, all threads (QNAM has its own), in ms. */
double cpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval &t) { return double(t.tv_sec) * 1000.0 + double(t.tv_usec) / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct Pass
{
    double wallMs = 0;
    double cpuMs = 0;
    int issues = 0;
    bool ok = false;
};

tbds::config::JiraClientConfig clientConfig(Flavor flavor, const QString &url)
{
    tbds::config::JiraClientConfig c;
    c.serverUrl = url;
    c.authType = tbds::config::JiraAuthType::Basic;
    c.username = QLatin1String(flavor == Flavor::Cloud ? demo::kCloudEmail : demo::kDcUser);
    c.password = QLatin1String(flavor == Flavor::Cloud ? demo::kCloudApiToken : demo::kDcPassword);
    c.timeout = 60;
    return c;
}

JqlSearch::Options searchOptions(int maxIssues = 0)
{
    JqlSearch::Options o;
    o.jql = jql();
    o.fields = fields();
    o.pageSize = kPageSize;
    o.maxIssues = maxIssues;
    return o;
}

/** Runs a search to its end; `onPage` sees every page. */
Pass runSearch(JiraClient &client, const JqlSearch::Options &options,
               const std::function<void(const QList<QJsonObject> &)> &onPage = {})
{
    Pass pass;
    QEventLoop loop; // the bench's top level: nothing else runs in this process
    const double cpu0 = cpuMs();
    QElapsedTimer timer;
    timer.start();
    JqlSearch *search = client.searchJql(options);
    QObject::connect(search, &JqlSearch::pageReady, search, [&](const QList<QJsonObject> &issues, int) {
        pass.issues += int(issues.size());
        if (onPage)
            onPage(issues);
    });
    QObject::connect(search, &JqlSearch::finished, &loop, [&] {
        pass.ok = true;
        loop.quit();
    });
    QObject::connect(search, &JqlSearch::failed, &loop, [&](const tbds::jira::JiraError &e) {
        std::fprintf(stderr, "search failed: %s\n", qPrintable(e.message));
        loop.quit();
    });
    loop.exec();
    pass.wallMs = double(timer.nsecsElapsed()) / 1e6;
    pass.cpuMs = cpuMs() - cpu0;
    delete search;
    return pass;
}

/**
 * The baseline: the pages JqlSearch asks for, as plain sequential GETs with the same headers,
 * parsing each answer only as far as paging needs (the token or the total) and counting issues.
 */
class PlainFetcher
{
public:
    PlainFetcher(Flavor flavor, const QString &url) : m_flavor(flavor), m_base(url)
    {
        const auto config = clientConfig(flavor, url);
        m_auth = "Basic " + (config.username.value() + QLatin1Char(':') + config.password.value()).toUtf8().toBase64();
    }

    /** Fetches every page (or only the first when `firstPageOnly`). */
    Pass run(bool firstPageOnly = false)
    {
        Pass pass;
        QEventLoop loop;
        const double cpu0 = cpuMs();
        QElapsedTimer timer;
        timer.start();
        QString token;
        int startAt = 0;
        std::function<void()> next = [&] {
            QNetworkReply *reply = m_nam.get(request(token, startAt));
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status != 200) {
                    std::fprintf(stderr, "plain GET answered %d: %s\n", status, reply->readAll().constData());
                    loop.quit();
                    return;
                }
                const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
                const int received = int(page.value(QLatin1String("issues")).toArray().size());
                pass.issues += received;
                bool more = false;
                if (m_flavor == Flavor::Cloud) {
                    token = page.value(QLatin1String("nextPageToken")).toString();
                    more = !token.isEmpty();
                } else {
                    startAt += received;
                    more = received > 0 && startAt < page.value(QLatin1String("total")).toInt();
                }
                if (more && !firstPageOnly) {
                    next();
                } else {
                    pass.ok = true;
                    loop.quit();
                }
            });
        };
        next();
        loop.exec();
        pass.wallMs = double(timer.nsecsElapsed()) / 1e6;
        pass.cpuMs = cpuMs() - cpu0;
        return pass;
    }

private:
    [[nodiscard]] QNetworkRequest request(const QString &token, int startAt) const
    {
        // The URL JqlSearch builds (JiraClient::apiUrl): same parameters, same encoding.
        QList<std::pair<QString, QString>> query { { QStringLiteral("jql"), jql() },
                                                   { QStringLiteral("fields"), fields().join(QLatin1Char(',')) },
                                                   { QStringLiteral("maxResults"), QString::number(kPageSize) } };
        QString path;
        if (m_flavor == Flavor::Cloud) {
            path = QStringLiteral("/rest/api/3/search/jql");
            if (!token.isEmpty())
                query.append({ QStringLiteral("nextPageToken"), token });
        } else {
            path = QStringLiteral("/rest/api/2/search");
            query.append({ QStringLiteral("startAt"), QString::number(startAt) });
        }
        QByteArray encoded;
        for (const auto &[key, value] : query) {
            if (!encoded.isEmpty())
                encoded += '&';
            encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value, ",");
        }
        QUrl url(m_base);
        url.setPath(url.path() + path);
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
        QNetworkRequest r(url);
        r.setRawHeader("Authorization", m_auth);
        r.setRawHeader("User-Agent", "tbds-bench/1.0");
        r.setRawHeader("X-Atlassian-Token", "no-check");
        r.setRawHeader("Accept", "application/json");
        return r;
    }

    Flavor m_flavor;
    QString m_base;
    QByteArray m_auth;
    QNetworkAccessManager m_nam;
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

int measure(Flavor flavor, const QString &url)
{
    const auto config = clientConfig(flavor, url);

    // c) memory first, on a heap no earlier measurement has grown. A one-page warm-up creates
    //    what stays anyway (serverInfo, connection, QNAM's thread) before the baseline reading.
    //    The lean field set shows how the figure scales with what is requested.
    {
        JiraClient client(config);
        if (!runSearch(client, searchOptions(kPageSize)).ok)
            return 1;
        const QList<std::pair<QString, QStringList>> sets {
            { QStringLiteral("lean_"), leanFields() },
            { QString(), fields() },
        };
        for (const auto &[prefix, fieldSet] : sets) {
            JqlSearch::Options options = searchOptions();
            options.fields = fieldSet;
            QList<QList<QJsonObject>> held;
            const qint64 before = residentBytes();
            const Pass pass = runSearch(client, options, [&](const QList<QJsonObject> &page) { held.append(page); });
            const qint64 after = residentBytes();
            if (!pass.ok || pass.issues != kIssueCount) {
                std::fprintf(stderr, "memory pass got %d issues\n", pass.issues);
                return 1;
            }
            qint64 jsonBytes = 0;
            for (const auto &page : std::as_const(held)) {
                for (const QJsonObject &issue : page)
                    jsonBytes += QJsonDocument(issue).toJson(QJsonDocument::Compact).size();
            }
            out(QStringLiteral("%1held_bytes_per_issue=%2").arg(prefix).arg(double(after - before) / kIssueCount, 0, 'f', 0));
            out(QStringLiteral("%1json_bytes_per_issue=%2").arg(prefix).arg(double(jsonBytes) / kIssueCount, 0, 'f', 0));
        }
    }

    // b) time to the first page, fresh client each time (serverInfo and connect included).
    {
        QList<double> search;
        QList<double> plain;
        for (int i = 0; i < 5; ++i) {
            JiraClient client(config);
            QEventLoop loop;
            QElapsedTimer timer;
            timer.start();
            double firstMs = -1;
            JqlSearch *s = client.searchJql(searchOptions());
            QObject::connect(s, &JqlSearch::pageReady, &loop, [&] {
                if (firstMs < 0)
                    firstMs = double(timer.nsecsElapsed()) / 1e6;
                s->cancel(); // only the first page is timed
                loop.quit();
            });
            QObject::connect(s, &JqlSearch::failed, &loop, &QEventLoop::quit);
            loop.exec();
            if (firstMs < 0)
                return 1;
            search.append(firstMs);
            PlainFetcher fresh(flavor, url);
            plain.append(fresh.run(true).wallMs);
        }
        out(QStringLiteral("first_page_ms=%1").arg(median(search), 0, 'f', 1));
        out(QStringLiteral("plain_first_page_ms=%1").arg(median(plain), 0, 'f', 1));
    }

    // a) whole fetch, alternating the two methods; one untimed warm-up pass each.
    {
        JiraClient client(config);
        PlainFetcher plain(flavor, url);
        runSearch(client, searchOptions());
        plain.run();
        std::optional<Pass> bestSearch;
        std::optional<Pass> bestPlain;
        double searchCpu = 1e18;
        double plainCpu = 1e18;
        for (int round = 0; round < kRounds; ++round) {
            const Pass s = runSearch(client, searchOptions());
            const Pass p = plain.run();
            if (!s.ok || !p.ok || s.issues != kIssueCount || p.issues != kIssueCount) {
                std::fprintf(stderr, "fetch pass incomplete: %d / %d issues\n", s.issues, p.issues);
                return 1;
            }
            if (!bestSearch || s.wallMs < bestSearch->wallMs)
                bestSearch = s;
            if (!bestPlain || p.wallMs < bestPlain->wallMs)
                bestPlain = p;
            searchCpu = std::min(searchCpu, s.cpuMs);
            plainCpu = std::min(plainCpu, p.cpuMs);
        }
        out(QStringLiteral("search_ms=%1").arg(bestSearch->wallMs, 0, 'f', 0));
        out(QStringLiteral("plain_ms=%1").arg(bestPlain->wallMs, 0, 'f', 0));
        out(QStringLiteral("search_cpu_ms=%1").arg(searchCpu, 0, 'f', 0));
        out(QStringLiteral("plain_cpu_ms=%1").arg(plainCpu, 0, 'f', 0));
    }
    return 0;
}

// --- the report -------------------------------------------------------------------------------

/** Starts the simulator child and returns its URL (empty on failure). */
QString startSimulator(QProcess &server, const QString &flavor)
{
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--serve"), flavor });
    if (!server.waitForStarted(10000))
        return {};
    // Generating 10 000 issues takes a moment; the URL is the first line.
    while (!server.canReadLine()) {
        if (!server.waitForReadyRead(60000))
            return {};
    }
    return QString::fromUtf8(server.readLine()).trimmed();
}

std::optional<QMap<QString, double>> measureFlavour(const QString &flavor)
{
    QProcess server;
    const QString url = startSimulator(server, flavor);
    if (url.isEmpty()) {
        std::fprintf(stderr, "the %s simulator did not start\n", qPrintable(flavor));
        return std::nullopt;
    }
    QProcess client;
    client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    client.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--measure"), flavor, url });
    const bool done = client.waitForFinished(15 * 60 * 1000);
    server.terminate();
    if (!server.waitForFinished(5000))
        server.kill();
    if (!done || client.exitStatus() != QProcess::NormalExit || client.exitCode() != 0) {
        std::fprintf(stderr, "the %s measurements failed\n", qPrintable(flavor));
        return std::nullopt;
    }
    QMap<QString, double> values;
    const QList<QByteArray> lines = client.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            values.insert(QString::fromUtf8(line.left(eq)), line.mid(eq + 1).toDouble());
    }
    return values;
}

int report()
{
    out(QStringLiteral("Jira fetch benchmark: %1 issues, pages of %2, fields %3 (one run, this machine)")
            .arg(kIssueCount)
            .arg(kPageSize)
            .arg(fields().join(QLatin1Char(','))));
    int failures = 0;
    for (const QString &flavor : { QStringLiteral("cloud"), QStringLiteral("dc") }) {
        const auto v = measureFlavour(flavor);
        if (!v) {
            ++failures;
            continue;
        }
        const auto get = [&](const char *key) { return v->value(QLatin1String(key)); };
        const double ratio = get("search_ms") / get("plain_ms");
        const double cpuRatio = get("search_cpu_ms") / std::max(1.0, get("plain_cpu_ms"));
        const double perIssue = get("held_bytes_per_issue");
        out(flavor == QLatin1String("cloud") ? QStringLiteral("Cloud (REST v3, search/jql + nextPageToken):")
                                             : QStringLiteral("Data Center (REST v2, search + startAt):"));
        out(QStringLiteral("  a) fetch all: JqlSearch %1 ms, plain sequential QNAM %2 ms -> %3x (goal <= 1.2x) %4")
                .arg(get("search_ms"), 0, 'f', 0)
                .arg(get("plain_ms"), 0, 'f', 0)
                .arg(ratio, 0, 'f', 2)
                .arg(ratio <= 1.2 ? QStringLiteral("ok") : QStringLiteral("MISSED")));
        out(QStringLiteral("     client CPU: JqlSearch %1 ms, plain %2 ms -> %3x")
                .arg(get("search_cpu_ms"), 0, 'f', 0)
                .arg(get("plain_cpu_ms"), 0, 'f', 0)
                .arg(cpuRatio, 0, 'f', 2));
        out(QStringLiteral("  b) first page delivered: %1 ms with a fresh client incl. serverInfo (plain first page: %2 ms)")
                .arg(get("first_page_ms"), 0, 'f', 1)
                .arg(get("plain_first_page_ms"), 0, 'f', 1));
        out(QStringLiteral("  c) memory per issue held: %1 B = %2 KiB (goal <= 2 KiB) %3; compact JSON per issue %4 B")
                .arg(perIssue, 0, 'f', 0)
                .arg(perIssue / 1024.0, 0, 'f', 2)
                .arg(perIssue <= 2048 ? QStringLiteral("ok") : QStringLiteral("MISSED"))
                .arg(get("json_bytes_per_issue"), 0, 'f', 0));
        out(QStringLiteral("     with only %1: %2 B = %3 KiB per issue held; compact JSON %4 B")
                .arg(leanFields().join(QLatin1Char(',')))
                .arg(get("lean_held_bytes_per_issue"), 0, 'f', 0)
                .arg(get("lean_held_bytes_per_issue") / 1024.0, 0, 'f', 2)
                .arg(get("lean_json_bytes_per_issue"), 0, 'f', 0));
    }
    return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const auto flavorOf = [](const QString &name) { return name == QLatin1String("dc") ? Flavor::DataCenter : Flavor::Cloud; };
    if (args.size() == 3 && args.at(1) == QLatin1String("--serve"))
        return serve(flavorOf(args.at(2)));
    if (args.size() == 4 && args.at(1) == QLatin1String("--measure"))
        return measure(flavorOf(args.at(2)), args.at(3));
    if (args.size() == 1)
        return report();
    std::fprintf(stderr, "usage: bench_jira_fetch [--serve cloud|dc | --measure cloud|dc URL]\n");
    return 2;
}
