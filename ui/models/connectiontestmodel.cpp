// SPDX-License-Identifier: Apache-2.0
#include "ui/models/connectiontestmodel.h"

#include "core/jira/jiraclient.h"
#include "ui/models/jiraconnection.h"

#include <QBrush>
#include <QFont>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

namespace tbds::ui {

using jira::JiraError;
using Kind = jira::JiraError::Kind;

ConnectionTestModel::ConnectionTestModel(QObject *parent) : QAbstractTableModel(parent)
{
    for (Step step : {Step::Configuration, Step::NameResolution, Step::Connection, Step::Server, Step::Authentication})
        m_rows.append(Row{step, Status::Pending, {}, {}, -1});
}

ConnectionTestModel::~ConnectionTestModel()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
}

int ConnectionTestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionTestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionTestModel::stepName(Step step)
{
    switch (step) {
    case Step::Configuration:
        return tr("Configuration");
    case Step::NameResolution:
        return tr("Name resolution (DNS)");
    case Step::Connection:
        return tr("Connection (TCP, TLS, HTTP)");
    case Step::Server:
        return tr("Jira flavour and version");
    case Step::Authentication:
        return tr("Authenticated user");
    }
    return {};
}

QString ConnectionTestModel::statusText(Status status)
{
    switch (status) {
    case Status::Pending:
        return tr("Not run");
    case Status::Running:
        return tr("Running…");
    case Status::Passed:
        return tr("OK");
    case Status::Failed:
        return tr("Failed");
    case Status::Skipped:
        return tr("Skipped");
    case Status::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QVariant ConnectionTestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StepColumn:
            return stepName(row.step);
        case StatusColumn:
            return statusText(row.status);
        case ResultColumn:
            return row.hint.isEmpty() ? row.result : row.result + QLatin1Char('\n') + tr("Fix: %1").arg(row.hint);
        }
        break;
    case Qt::ToolTipRole:
        return row.hint.isEmpty() ? row.result : tr("%1\n\nFix: %2").arg(row.result, row.hint);
    case Qt::AccessibleTextRole:
        return tr("%1: %2").arg(stepName(row.step), statusText(row.status));
    case Qt::ForegroundRole:
        // The status text says it; the colour (picked for the view's palette) makes it quick to spot.
        if (index.column() != StatusColumn)
            return {};
        if (row.status == Status::Passed)
            return QBrush(m_colors.color(StatusColors::Status::Success));
        if (row.status == Status::Failed)
            return QBrush(m_colors.color(StatusColors::Status::Error));
        return {};
    case Qt::FontRole:
        if (index.column() == StatusColumn && row.status == Status::Failed) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case StatusRole:
        return int(row.status);
    case HintRole:
        return row.hint;
    case ErrorKindRole:
        return row.errorKind;
    }
    return {};
}

QVariant ConnectionTestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return tr("Step");
    case StatusColumn:
        return tr("Status");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}

void ConnectionTestModel::setPalette(const QPalette &palette)
{
    m_colors = StatusColors(palette);
    Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn), { Qt::ForegroundRole });
}

ConnectionTestModel::Status ConnectionTestModel::status(Step step) const
{
    return m_rows.at(int(step)).status;
}

QString ConnectionTestModel::result(Step step) const
{
    return m_rows.at(int(step)).result;
}

QString ConnectionTestModel::hint(Step step) const
{
    return m_rows.at(int(step)).hint;
}

QString ConnectionTestModel::report() const
{
    QStringList lines;
    for (const Row &row : m_rows) {
        lines << QStringLiteral("[%1] %2: %3").arg(statusText(row.status), stepName(row.step), row.result);
        if (!row.hint.isEmpty())
            lines << QStringLiteral("    ") + tr("Fix: %1").arg(row.hint);
    }
    return lines.join(QLatin1Char('\n'));
}

void ConnectionTestModel::set(Step step, Status status, const QString &result, const QString &hint, int errorKind)
{
    Row &row = m_rows[int(step)];
    row.status = status;
    row.result = result;
    row.hint = hint;
    row.errorKind = errorKind;
    Q_EMIT dataChanged(index(int(step), 0), index(int(step), ColumnCount - 1));
}

void ConnectionTestModel::fail(Step step, const JiraError &error)
{
    QString text = error.message;
    if (!error.cause.isEmpty())
        text += QStringLiteral(" (%1)").arg(error.cause);
    if (!error.requestId.isEmpty())
        text += QLatin1Char(' ') + tr("Request id: %1").arg(error.requestId);
    const jira::Flavour flavour = m_client ? m_client->flavour() : jira::Flavour::Unknown;
    set(step, error.kind == Kind::Cancelled ? Status::Cancelled : Status::Failed, text,
        hintFor(error, flavour, m_authType), int(error.kind));
    skipRest(step);
}

void ConnectionTestModel::skipRest(Step after)
{
    for (int i = int(after) + 1; i < m_rows.size(); ++i)
        set(Step(i), Status::Skipped, tr("Not tried: an earlier step failed."));
}

void ConnectionTestModel::start(const config::LoadResult &validation)
{
    cancel();
    for (Row &row : m_rows)
        row = Row{row.step, Status::Pending, {}, {}, -1};
    Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    m_running = true;
    m_proxy.clear();
    Q_EMIT runningChanged(true);

    set(Step::Configuration, Status::Running, {});
    const QString unavailable = JiraConnection::unavailableReason(validation);
    if (!unavailable.isEmpty()) {
        set(Step::Configuration, Status::Failed, unavailable);
        skipRest(Step::Configuration);
        finish(false);
        return;
    }
    m_authType = validation.config->jira->authType;
    m_client = JiraConnection::createClient(validation);
    const QUrl url = m_client->serverUrl();
    if (const auto &problem = m_client->configurationError()) {
        fail(Step::Configuration, *problem);
        finish(false);
        return;
    }
    // Which proxy Qt would use for this URL: corporate proxies are a frequent cause, and an
    // admin cannot see Qt's choice anywhere else.
    // An application-wide proxy wins over the factory (system settings, HTTP(S)_PROXY).
    QNetworkProxy proxy = QNetworkProxy::applicationProxy();
    if (proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy)
        proxy = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url)).value(0);
    const bool viaProxy = proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::Socks5Proxy;
    m_proxy = viaProxy ? QStringLiteral("%1:%2").arg(proxy.hostName()).arg(proxy.port()) : QString();
    const QString proxyText = viaProxy ? tr("proxy %1").arg(m_proxy) : tr("no proxy");
    set(Step::Configuration, Status::Passed,
        tr("%1, %2, %3").arg(url.toString(QUrl::RemoveUserInfo), m_client->authDescription(), proxyText));

    set(Step::NameResolution, Status::Running, {});
    const QString host = url.host();
    if (QHostAddress address; address.setAddress(host)) {
        set(Step::NameResolution, Status::Passed, tr("%1 is an IP address; nothing to resolve.").arg(host));
        connectToServer();
        return;
    }
    if (viaProxy) {
        // The proxy looks the name up; behind one this computer often cannot resolve it at all.
        set(Step::NameResolution, Status::Passed, tr("%1 is resolved by the proxy %2:%3.")
                                                      .arg(host, proxy.hostName())
                                                      .arg(proxy.port()));
        connectToServer();
        return;
    }
    m_lookupId = QHostInfo::lookupHost(host, this, &ConnectionTestModel::lookupDone);
}

void ConnectionTestModel::lookupDone(const QHostInfo &info)
{
    m_lookupId = -1;
    if (!m_running)
        return;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        JiraError error = JiraError::make(Kind::Dns, tr("The host name %1 does not resolve.").arg(info.hostName()),
                                          info.errorString());
        fail(Step::NameResolution, error);
        finish(false);
        return;
    }
    QStringList addresses;
    for (const QHostAddress &address : info.addresses())
        addresses << address.toString();
    set(Step::NameResolution, Status::Passed, tr("%1 → %2").arg(info.hostName(), addresses.join(QStringLiteral(", "))));
    connectToServer();
}

void ConnectionTestModel::connectToServer()
{
    set(Step::Connection, Status::Running, {});
    m_call = m_client->detectServer();
    m_call->onFinished(this, [this](jira::JiraCall *call) {
        call->deleteLater();
        if (!call->isOk()) {
            const JiraError &error = call->error();
            // Transport failures belong to the connection; anything with an HTTP answer means
            // the connection itself worked and the server is the problem.
            const bool transport = error.httpStatus == 0 && error.kind != Kind::BadResponse;
            if (transport && !m_proxy.isEmpty()
                && (error.kind == Kind::ConnectionRefused || error.kind == Kind::Timeout)) {
                // Through an HTTP proxy, Qt reports the proxy's refusal or silence like Jira's: the
                // socket it opened was the proxy's. Name the one that failed.
                fail(Step::Connection,
                     JiraError::make(Kind::Proxy,
                                     tr("The connection through the proxy %1 failed, so Jira was never asked.")
                                         .arg(m_proxy),
                                     error.cause));
            } else if (transport) {
                fail(Step::Connection, error);
            } else {
                set(Step::Connection, Status::Passed, tr("HTTP %1 from the server").arg(error.httpStatus));
                fail(Step::Server, error);
            }
            finish(false);
            return;
        }
        const bool https = m_client->serverUrl().scheme() == QLatin1String("https");
        set(Step::Connection, Status::Passed,
            https ? tr("HTTPS connection established, certificate accepted")
                  : tr("HTTP connection established (unencrypted: credentials travel in clear text)"));
        const jira::ServerInfo info = m_client->serverInfo();
        QString text = info.displayName();
        if (info.isCloud() && !info.version.isEmpty())
            text += QStringLiteral(" (%1)").arg(info.version);
        if (!info.serverTitle.isEmpty())
            text += QStringLiteral(" — %1").arg(info.serverTitle);
        set(Step::Server, Status::Passed, text);
        authenticate();
    });
}

void ConnectionTestModel::authenticate()
{
    set(Step::Authentication, Status::Running, {});
    m_call = m_client->myself();
    m_call->onFinished(this, [this](jira::JiraCall *call) {
        call->deleteLater();
        if (!call->isOk()) {
            fail(Step::Authentication, call->error());
            finish(false);
            return;
        }
        const QJsonObject user = call->object();
        const QString name = user.value(QStringLiteral("displayName")).toString();
        QString login = user.value(QStringLiteral("emailAddress")).toString();
        if (login.isEmpty())
            login = user.value(QStringLiteral("name")).toString();
        if (login.isEmpty())
            login = user.value(QStringLiteral("accountId")).toString();
        set(Step::Authentication, Status::Passed,
            login.isEmpty() ? tr("Signed in as %1").arg(name) : tr("Signed in as %1 (%2)").arg(name, login));
        finish(true);
    });
}

void ConnectionTestModel::cancel()
{
    if (!m_running)
        return;
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (m_call) {
        // abort() emits finished synchronously with Kind::Cancelled; the handler marks the step.
        m_call->abort();
    }
    for (Row &row : m_rows) {
        if (row.status == Status::Running || row.status == Status::Pending) {
            row.status = Status::Cancelled;
            row.result = tr("Cancelled by the user.");
            row.hint.clear();
        }
    }
    Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    finish(false);
}

void ConnectionTestModel::finish(bool ok)
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT runningChanged(false);
    Q_EMIT finished(ok);
}

QString ConnectionTestModel::hintFor(const JiraError &error, jira::Flavour flavour, config::JiraAuthType authType)
{
    const bool cloud = flavour == jira::Flavour::Cloud;
    switch (error.kind) {
    case Kind::Dns:
        return tr("Check the spelling of server_url. If this computer reaches Jira only through a VPN or a proxy, "
                  "connect the VPN, or set the proxy in the system settings or in HTTPS_PROXY.");
    case Kind::ConnectionRefused:
        return tr("Nothing accepts connections at this address and port. Check the port in server_url (https "
                  "uses 443 unless a port is given), that Jira is running, and that no firewall blocks it. Behind "
                  "a corporate proxy, set HTTPS_PROXY.");
    case Kind::Timeout:
        return tr("Jira did not answer in time. Check VPN, proxy and firewall; for a slow Jira raise "
                  "client_config.timeout.");
    case Kind::Proxy:
        return tr("Check the proxy named above (system settings, or HTTPS_PROXY / HTTP_PROXY): its host and port, "
                  "that it lets this computer reach Jira, and its own login (user:password@host in HTTPS_PROXY) "
                  "if it asks for one. If Jira is reachable directly, add its host to NO_PROXY.");
    case Kind::Tls:
        return tr("The server certificate was not accepted. If Jira uses an internal CA or your company inspects "
                  "TLS traffic (e.g. Zscaler), set ssl_ca_cert_path to that CA's PEM file. If the host name does "
                  "not match, use the name the certificate was issued for. Use verify_ssl = false only for tests.");
    case Kind::Unauthorized:
        if (cloud && authType == config::JiraAuthType::Token)
            return tr("Jira Cloud does not accept personal access tokens. Use auth_type = \"basic\" with your "
                      "Atlassian e-mail address as username and an API token as password.");
        if (cloud)
            return tr("Jira Cloud expects the Atlassian account's e-mail address as username and an API token "
                      "(id.atlassian.com → Security → API tokens) as password, not the account password.");
        if (authType == config::JiraAuthType::Token) {
            // Jira answers an expired PAT with the same 401 as a wrong one, so both are named.
            QString text = tr("The personal access token was not accepted: it is wrong, was revoked, or has expired "
                              "(tokens can have an expiry date). Create a new one in Jira (profile → Personal Access "
                              "Tokens) and set it as token or JIRA_BEARER_TOKEN.");
            if (flavour != jira::Flavour::DataCenter)
                text += QLatin1Char(' ')
                    + tr("If this is Jira Cloud: it does not accept personal access tokens; use auth_type = "
                         "\"basic\" with the Atlassian e-mail address as username and an API token as password.");
            return text;
        }
        if (authType == config::JiraAuthType::OAuth1)
            return tr("The OAuth access token or consumer key was not accepted. Authorise the application link "
                      "again and store the new access token.");
        return tr("Check username and password. If your Jira Data Center has basic authentication turned off, "
                  "create a personal access token and use auth_type = \"token\".");
    case Kind::TokenExpired:
        return tr("The token has expired or was revoked. Create a new personal access token in Jira (profile → "
                  "Personal Access Tokens) and store it as token or JIRA_BEARER_TOKEN.");
    case Kind::Captcha:
        return tr("Jira locked the account behind a CAPTCHA after failed logins. Log in once in a browser as this "
                  "user and solve the CAPTCHA, then correct the stored password so the service does not lock it "
                  "again.");
    case Kind::Forbidden:
        return tr("The account is signed in but not allowed to do this. Ask your Jira administrator for the "
                  "permissions listed on the Permissions page. A proxy that filters requests can also cause this.");
    case Kind::NotFound:
        return tr("server_url probably points to the wrong place. Use Jira's base address including a context "
                  "path such as /jira, not the address of a Jira page.");
    case Kind::Gone:
        return tr("Atlassian removed this API. Update the defect service.");
    case Kind::RateLimited:
        return tr("Jira is limiting the requests of this account. Wait a minute and try again; tools sharing the "
                  "same token share the limit.");
    case Kind::Server:
        return tr("Jira reported an internal error. Try again later; if it persists, give the request id to your "
                  "Jira administrator.");
    case Kind::BadResponse:
        return tr("The answer did not come from Jira's REST API. Often a single sign-on or proxy login page sits "
                  "in front of Jira, or server_url names the wrong server.");
    case Kind::BadRequest:
        return tr("Jira rejected the request; its message above says which part.");
    case Kind::Configuration:
        return tr("Fix the credentials or key files on the Configuration page (or set the JIRA_* environment "
                  "variables).");
    case Kind::Cancelled:
        return {};
    case Kind::Other:
        break;
    }
    return tr("Check the network and proxy settings. A proxy that answers 407 needs its own credentials in "
              "HTTPS_PROXY.");
}

} // namespace tbds::ui
