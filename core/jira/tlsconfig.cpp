// SPDX-License-Identifier: Apache-2.0
#include "core/jira/tlsconfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace tbds::jira {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tbds::jira::TlsConfig", text);
}

Result<QByteArray> readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Could not read '%1'").arg(path), file.errorString()};
    return file.readAll();
}

Result<QList<QSslCertificate>> readCertificates(const QString &path)
{
    Result<QByteArray> data = readAll(path);
    if (!data)
        return data.error();
    QList<QSslCertificate> certs = QSslCertificate::fromData(data.value(), QSsl::Pem);
    if (certs.isEmpty())
        certs = QSslCertificate::fromData(data.value(), QSsl::Der);
    if (certs.isEmpty())
        return Error{tr("'%1' contains no certificate").arg(path), tr("expected PEM or DER")};
    return certs;
}

} // namespace

Result<QSslConfiguration> TlsConfig::build(const config::JiraClientConfig &config)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!config.verifySsl)
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (config.sslCaCertPath) {
        Result<QList<QSslCertificate>> cas = readCertificates(*config.sslCaCertPath);
        if (!cas)
            return Error{tr("The CA certificate file (ssl_ca_cert_path) is unusable"), cas.error().toString()};
        tls.addCaCertificates(cas.value());
    }
    if (config.clientCertPath) {
        Result<QList<QSslCertificate>> certs = readCertificates(*config.clientCertPath);
        if (!certs)
            return Error{tr("The client certificate (client_cert_path) is unusable"), certs.error().toString()};
        tls.setLocalCertificate(certs.value().first());
        // The key may sit in the certificate file itself (a combined PEM) when no key path is given.
        const QString keyPath = config.clientKeyPath.value_or(*config.clientCertPath);
        Result<QByteArray> keyData = readAll(keyPath);
        if (!keyData)
            return Error{tr("The client key (client_key_path) is unusable"), keyData.error().toString()};
        QSslKey key;
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(keyData.value(), algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull())
                break;
        }
        if (key.isNull())
            return Error{tr("The client key (client_key_path) is unusable"),
                         tr("'%1' holds no unencrypted PEM private key").arg(keyPath)};
        tls.setPrivateKey(key);
    } else if (config.clientKeyPath) {
        return Error{tr("client_key_path is set but client_cert_path is not"),
                     tr("a client key is useless without its certificate")};
    }
    return tls;
}

} // namespace tbds::jira
