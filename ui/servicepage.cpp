// SPDX-License-Identifier: Apache-2.0
#include "ui/servicepage.h"

#include "ui/enginecontroller.h"
#include "ui/models/configdocument.h"
#include "ui/models/requestlogmodel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTableView>
#include <QVBoxLayout>

namespace tbds::ui {

namespace {

/** The engine may listen on every interface; a client on this machine reaches it via loopback. */
QUrl reachableUrl(QUrl url)
{
    const QHostAddress host(url.host());
    if (host == QHostAddress::AnyIPv4)
        url.setHost(QStringLiteral("127.0.0.1"));
    else if (host == QHostAddress::AnyIPv6 || host == QHostAddress::Any)
        url.setHost(QStringLiteral("::1"));
    return url;
}

} // namespace

ServicePage::ServicePage(ConfigDocument *document, EngineController *engine, RequestLogModel *requestLog,
                         QWidget *parent)
    : QWidget(parent), m_document(document), m_engine(engine), m_requestLog(requestLog),
      m_proxy(new QSortFilterProxyModel(this)), m_network(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("servicePage"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    layout->addLayout(top);

    // --- engine ---
    auto *engineBox = new QGroupBox(tr("Engine"), this);
    engineBox->setObjectName(QStringLiteral("engineGroup"));
    auto *engineForm = new QFormLayout(engineBox);
    m_state = new QLabel(engineBox);
    m_state->setObjectName(QStringLiteral("engineStateLabel"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    engineForm->addRow(tr("State:"), m_state);
    m_url = new QLabel(engineBox);
    m_url->setObjectName(QStringLiteral("urlLabel"));
    m_url->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_url->setOpenExternalLinks(true);
    engineForm->addRow(tr("URL:"), m_url);
    m_counters = new QLabel(engineBox);
    m_counters->setObjectName(QStringLiteral("countersLabel"));
    engineForm->addRow(tr("Requests:"), m_counters);
    m_anyPort = new QCheckBox(tr("Use any free &port"), engineBox);
    m_anyPort->setObjectName(QStringLiteral("anyPortCheck"));
    m_anyPort->setToolTip(tr("Ignore the configured port and let the system pick a free one"));
    engineForm->addRow(QString(), m_anyPort);
    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("&Start"), engineBox);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setToolTip(tr("Start the service with the configuration as edited (unsaved changes included)"));
    m_stop = new QPushButton(tr("S&top"), engineBox);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    engineForm->addRow(buttons);
    top->addWidget(engineBox, 1);

    auto *right = new QVBoxLayout;
    top->addLayout(right, 1);

    // --- self-test ---
    auto *testBox = new QGroupBox(tr("Self-test"), this);
    testBox->setObjectName(QStringLiteral("selfTestGroup"));
    auto *testForm = new QFormLayout(testBox);
    m_user = new QLineEdit(testBox);
    m_user->setObjectName(QStringLiteral("selfTestUserEdit"));
    m_user->setAccessibleName(tr("Self-test user name"));
    m_user->setPlaceholderText(tr("the user DMProxy logs in with"));
    testForm->addRow(tr("&User:"), m_user);
    m_password = new QLineEdit(testBox);
    m_password->setObjectName(QStringLiteral("selfTestPasswordEdit"));
    m_password->setAccessibleName(tr("Self-test password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("used for this test only, never stored"));
    testForm->addRow(tr("Pass&word:"), m_password);
    m_selfTestButton = new QPushButton(tr("&Run self-test"), testBox);
    m_selfTestButton->setObjectName(QStringLiteral("selfTestButton"));
    m_selfTestButton->setToolTip(tr("Calls /check-login on the running service, as DMProxy does"));
    m_selfTestResult = new QLabel(testBox);
    m_selfTestResult->setObjectName(QStringLiteral("selfTestResultLabel"));
    m_selfTestResult->setWordWrap(true);
    m_selfTestResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testForm->addRow(m_selfTestButton, m_selfTestResult);
    right->addWidget(testBox);

    // --- DMProxy snippet ---
    auto *snippetBox = new QGroupBox(tr("TestBench DMProxy setting"), this);
    snippetBox->setObjectName(QStringLiteral("snippetGroup"));
    auto *snippetRow = new QHBoxLayout(snippetBox);
    m_snippet = new QLineEdit(snippetBox);
    m_snippet->setObjectName(QStringLiteral("dmproxySnippetEdit"));
    m_snippet->setAccessibleName(tr("DMProxy setting"));
    m_snippet->setReadOnly(true);
    m_copySnippet = new QPushButton(tr("&Copy"), snippetBox);
    m_copySnippet->setObjectName(QStringLiteral("copySnippetButton"));
    m_copySnippet->setAccessibleName(tr("Copy the DMProxy setting"));
    snippetRow->addWidget(m_snippet, 1);
    snippetRow->addWidget(m_copySnippet);
    right->addWidget(snippetBox);

    // --- request log ---
    auto *logBox = new QGroupBox(tr("Request log"), this);
    logBox->setObjectName(QStringLiteral("requestLogGroup"));
    auto *logLayout = new QVBoxLayout(logBox);
    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(logBox);
    m_filter->setObjectName(QStringLiteral("requestFilterEdit"));
    m_filter->setAccessibleName(tr("Filter requests"));
    m_filter->setPlaceholderText(tr("Filter by path, peer, user or status"));
    m_filter->setClearButtonEnabled(true);
    auto *clear = new QPushButton(tr("C&lear"), logBox);
    clear->setObjectName(QStringLiteral("clearRequestLogButton"));
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(clear);
    logLayout->addLayout(filterRow);
    m_proxy->setSourceModel(m_requestLog);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(RequestLogModel::RawValueRole);
    m_view = new QTableView(logBox);
    m_view->setObjectName(QStringLiteral("requestLogView"));
    m_view->setAccessibleName(tr("Requests answered by the service"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    m_view->sortByColumn(-1, Qt::AscendingOrder); // arrival order until the user sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    logLayout->addWidget(m_view);
    layout->addWidget(logBox, 1);

    connect(m_start, &QPushButton::clicked, this, &ServicePage::startEngine);
    connect(m_stop, &QPushButton::clicked, this, &ServicePage::stopEngine);
    connect(m_selfTestButton, &QPushButton::clicked, this, &ServicePage::runSelfTest);
    connect(m_copySnippet, &QPushButton::clicked, this, &ServicePage::copySnippet);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(clear, &QPushButton::clicked, m_requestLog, &RequestLogModel::clear);
    connect(m_requestLog, &RequestLogModel::countersChanged, this, &ServicePage::updateCounters);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2)
            m_view->scrollToBottom();
    });
    connect(m_engine, &EngineController::stateChanged, this, &ServicePage::updateState);
    connect(m_engine, &EngineController::started, this, [this](const QUrl &url) {
        m_lastError.clear();
        Q_EMIT message(tr("Service listening on %1").arg(url.toString()));
        updateState();
    });
    connect(m_engine, &EngineController::startFailed, this, [this](const QString &error) {
        m_lastError = error;
        Q_EMIT message(tr("Service did not start: %1").arg(error));
        updateState();
    });
    connect(m_engine, &EngineController::stopped, this, [this] {
        Q_EMIT message(tr("Service stopped"));
        updateState();
    });
    connect(m_document, &ConfigDocument::textChanged, this, &ServicePage::updateState);
    updateState();
    updateCounters();
}

ServicePage::~ServicePage() = default;

void ServicePage::startEngine()
{
    const config::LoadResult &validation = m_document->validation();
    if (!validation.ok()) {
        m_lastError = tr("The configuration has errors; fix them on the Configuration page first.");
        updateState();
        return;
    }
    m_lastError.clear();
    service::ServiceEngine::Overrides overrides;
    if (m_anyPort->isChecked())
        overrides.port = 0;
    m_engine->start(*validation.config, overrides);
    updateState();
}

void ServicePage::stopEngine()
{
    m_engine->stop();
    m_state->setText(tr("Stopping…"));
    m_stop->setEnabled(false);
}

void ServicePage::updateState()
{
    using State = EngineController::State;
    const State state = m_engine->state();
    const bool running = state == State::Running;
    const bool starting = m_engine->isStarting();
    QString text;
    if (starting)
        text = tr("Starting…");
    else if (state == State::Running)
        text = tr("Running");
    else if (state == State::Stopping)
        text = tr("Stopping…");
    else
        text = tr("Stopped");
    if (!m_lastError.isEmpty() && state == State::Stopped && !starting)
        text += QStringLiteral(" — ") + m_lastError;
    m_state->setText(text);
    m_start->setEnabled(state == State::Stopped && !starting && m_document->isOpen());
    m_stop->setEnabled(running);
    m_anyPort->setEnabled(state == State::Stopped && !starting);
    m_selfTestButton->setEnabled(running && !m_selfTest);

    const QUrl url = running ? m_engine->url() : QUrl();
    m_url->setText(url.isEmpty() ? tr("not running")
                                 : QStringLiteral("<a href=\"%1\">%1</a>").arg(url.toString().toHtmlEscaped()));
    // A Tab stop only while there is a link to open.
    m_url->setTextInteractionFlags(url.isEmpty() ? Qt::TextSelectableByMouse : Qt::TextBrowserInteraction);
    m_snippet->setText(url.isEmpty() ? QString() : QStringLiteral("server.url=") + url.toString());
    m_snippet->setPlaceholderText(tr("Start the service to see the URL for DMProxy"));
    m_copySnippet->setEnabled(!url.isEmpty());
}

void ServicePage::updateCounters()
{
    m_counters->setText(tr("%1 answered, %2 with errors").arg(m_requestLog->requestCount()).arg(m_requestLog->errorCount()));
}

void ServicePage::copySnippet()
{
    QGuiApplication::clipboard()->setText(m_snippet->text());
    Q_EMIT message(tr("DMProxy setting copied to the clipboard"));
}

void ServicePage::runSelfTest()
{
    if (m_engine->state() != EngineController::State::Running || m_selfTest)
        return;
    QUrl url = reachableUrl(m_engine->url());
    url.setPath(QStringLiteral("/check-login"));
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    // Credentials go only into this one request; they are never stored.
    const QByteArray credentials = (m_user->text() + QLatin1Char(':') + m_password->text()).toUtf8();
    request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    if (url.scheme() == QLatin1String("https")) {
        // The engine's own certificate is often self-signed: trust exactly it for this test.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (const auto &cfg = m_document->validation().config; cfg && cfg->sslCert)
            ssl.addCaCertificates(QSslCertificate::fromPath(*cfg->sslCert));
        request.setSslConfiguration(ssl);
    }
    m_selfTestResult->setText(tr("Calling %1…").arg(url.toString()));
    m_selfTest = m_network->get(request);
    updateState();
    connect(m_selfTest, &QNetworkReply::finished, this, [this, reply = m_selfTest.data()] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString result;
        if (status == 200)
            result = tr("Passed: HTTP 200, the service accepts these credentials.");
        else if (status == 401)
            result = tr("Failed: HTTP 401, the service rejects these credentials. Check the user name and "
                        "password (set them with tbds-service set-credentials).");
        else if (status != 0)
            result = tr("Failed: HTTP %1 %2").arg(status).arg(
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        else
            result = tr("Failed: %1").arg(reply->errorString());
        m_selfTestResult->setText(result);
        Q_EMIT message(tr("Self-test: %1").arg(result));
        m_selfTest = nullptr;
        updateState();
    });
}

} // namespace tbds::ui
