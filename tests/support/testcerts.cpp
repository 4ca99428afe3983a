// SPDX-License-Identifier: Apache-2.0
#include "tests/support/testcerts.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace tbds::test {

namespace {

bool openssl(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("openssl %s failed: %s", qPrintable(args.join(QLatin1Char(' '))), p.readAll().constData());
        return false;
    }
    return true;
}

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

} // namespace

bool makeTestCertificates(const QString &dir)
{
    const QStringList newKey = {s("-newkey"), s("ec"), s("-pkeyopt"), s("ec_paramgen_curve:prime256v1"), s("-nodes")};
    auto selfSigned = [&](const QString &name, const QString &cn) {
        return openssl(dir, QStringList{s("req"), s("-x509")} + newKey
                                + QStringList{s("-keyout"), name + s(".key"), s("-out"), name + s(".crt"), s("-days"),
                                              s("2"), s("-subj"), s("/CN=") + cn});
    };
    auto signedCert = [&](const QString &name, const QString &cn, const QByteArray &ext) {
        QFile f(QDir(dir).filePath(name + s(".ext")));
        if (!f.open(QIODevice::WriteOnly) || f.write(ext) != ext.size())
            return false;
        f.close();
        return openssl(dir, QStringList{s("req"), s("-new")} + newKey
                                + QStringList{s("-keyout"), name + s(".key"), s("-out"), name + s(".csr"), s("-subj"),
                                              s("/CN=") + cn})
            && openssl(dir, {s("x509"), s("-req"), s("-in"), name + s(".csr"), s("-CA"), s("ca.crt"), s("-CAkey"),
                             s("ca.key"), s("-CAcreateserial"), s("-out"), name + s(".crt"), s("-days"), s("2"),
                             s("-extfile"), name + s(".ext")});
    };
    // The default req config marks -x509 certificates CA:true, which the CA needs.
    return selfSigned(s("ca"), s("tbds test CA"))
        && signedCert(s("server"), s("localhost"),
                      "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n")
        && signedCert(s("client"), s("alice-client"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n")
        && selfSigned(s("rogue"), s("mallory"));
}

} // namespace tbds::test
