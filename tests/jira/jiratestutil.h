// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/jira/jiraclient.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"

#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QTemporaryDir>

#include <memory>

namespace tbds::test::jira {

using fakejira::FakeJira;
using fakejira::Flavor;

/** The demo service account's basic credentials for the simulator's flavour. */
[[nodiscard]] config::JiraClientConfig clientConfig(const FakeJira &jira);

/** A started simulator with the demo data plus a client configured for it. */
struct Env
{
    std::unique_ptr<FakeJira> jira;
    std::unique_ptr<tbds::jira::JiraClient> client;
};

/** Starts a simulator; on failure `jira` is null (the test then fails with QVERIFY(env.jira)). */
[[nodiscard]] Env startEnv(const fakejira::FakeJiraOptions &options);
[[nodiscard]] Env startEnv(Flavor flavor);

/** Spins the event loop until the call finished; false on timeout. */
[[nodiscard]] bool waitFor(const tbds::jira::JiraCall *call, int timeoutMs = 20000);

/** Milliseconds at which the simulator answered each request, for checking retry spacing. */
class AnswerClock
{
public:
    explicit AnswerClock(FakeJira &jira);
    [[nodiscard]] const QList<qint64> &times() const { return m_times; }

private:
    QElapsedTimer m_clock;
    QList<qint64> m_times;
};

/**
 * A throw-away PKI made with the openssl command: a CA, a server certificate for
 * localhost/127.0.0.1 signed by it, one for another host name, and a client certificate.
 */
class TestPki
{
public:
    /** False (with `error()`) when openssl is missing or fails. */
    [[nodiscard]] bool create();
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString caPath() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    [[nodiscard]] QString clientCertPath() const { return m_dir.filePath(QStringLiteral("client.pem")); }
    [[nodiscard]] QString clientKeyPath() const { return m_dir.filePath(QStringLiteral("client.key")); }
    /**
     * Server TLS configuration with the certificate for `localhost`/127.0.0.1 (or the other
     * host); with `requireClientCert` it demands a client certificate issued by the CA.
     */
    [[nodiscard]] QSslConfiguration serverTls(bool otherHost = false, bool requireClientCert = false) const;

private:
    bool run(const QStringList &args);
    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace tbds::test::jira
