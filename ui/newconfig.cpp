// SPDX-License-Identifier: Apache-2.0
#include "ui/newconfig.h"

#include "core/config/atomicfile.h"
#include "core/config/passwordhasher.h"
#include "core/config/tomleditor.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace tbds::ui {

namespace {

QString str(const QString &value)
{
    return config::TomlEditor::formatValue(value);
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

/** tomli_w style: one element per line, trailing comma. */
QString array(const QStringList &values)
{
    if (values.isEmpty())
        return QStringLiteral("[]");
    QString out = QStringLiteral("[\n");
    for (const QString &v : values)
        out += QStringLiteral("    ") + str(v) + QStringLiteral(",\n");
    return out + QLatin1Char(']');
}

void line(QString &out, const QString &key, const QString &value)
{
    out += key + QStringLiteral(" = ") + value + QLatin1Char('\n');
}

const QStringList JiraSecretOrder = {QStringLiteral("password"), QStringLiteral("token"),
                                     QStringLiteral("oauth1_access_token"),
                                     QStringLiteral("oauth1_access_token_secret"),
                                     QStringLiteral("oauth1_consumer_key")};

} // namespace

QString NewConfig::clientFileName() const
{
    return client == config::ClientKind::Jira ? QStringLiteral("jira_config.toml") : QStringLiteral("jsonl_config.toml");
}

QString NewConfig::clientBody(const QString &prefix) const
{
    QString out;
    const QString sub = prefix.isEmpty() ? QString() : prefix + QLatin1Char('.');
    if (client == config::ClientKind::Jsonl) {
        line(out, QStringLiteral("name"), str(QStringLiteral("JSONL")));
        line(out, QStringLiteral("description"), str(QStringLiteral("JSONL client for managing defect records stored in a File.")));
        line(out, QStringLiteral("defects_path"), str(defectsPath));
        line(out, QStringLiteral("readonly"), boolText(readonly));
        line(out, QStringLiteral("supports_changes_timestamps"), QStringLiteral("true"));
        line(out, QStringLiteral("attributes"), array({QStringLiteral("title"), QStringLiteral("status")}));
        out += QStringLiteral("\n[") + sub + QStringLiteral("control_fields]\n");
        for (auto it = controlFields.cbegin(); it != controlFields.cend(); ++it)
            line(out, config::TomlEditor::formatKeyPath({it.key()}), array(it.value()));
        out += QStringLiteral("\n[") + sub + QStringLiteral("projects]\n");
        return out;
    }
    line(out, QStringLiteral("name"), str(QStringLiteral("Jira")));
    line(out, QStringLiteral("server_url"), str(serverUrl));
    line(out, QStringLiteral("auth_type"), str(authType));
    if (!username.isEmpty())
        line(out, QStringLiteral("username"), str(username));
    for (const QString &key : JiraSecretOrder) {
        if (secretsInFile.contains(key))
            line(out, key, str(secretsInFile.value(key)));
    }
    if (!oauth1KeyCertPath.isEmpty())
        line(out, QStringLiteral("oauth1_key_cert_path"), str(oauth1KeyCertPath));
    if (secretsInFile.contains(QStringLiteral("oauth1_key_cert")))
        line(out, QStringLiteral("oauth1_key_cert"), str(secretsInFile.value(QStringLiteral("oauth1_key_cert"))));
    line(out, QStringLiteral("verify_ssl"), boolText(verifySsl));
    line(out, QStringLiteral("defect_jql"), str(defectJql));
    line(out, QStringLiteral("attributes"), array({QStringLiteral("title"), QStringLiteral("status")}));
    line(out, QStringLiteral("control_fields"),
         array({QStringLiteral("priority"), QStringLiteral("status"), QStringLiteral("classification")}));
    line(out, QStringLiteral("readonly"), boolText(readonly));
    line(out, QStringLiteral("supports_changes_timestamps"), QStringLiteral("true"));
    line(out, QStringLiteral("timeout"), QStringLiteral("30"));
    line(out, QStringLiteral("max_retries"), QStringLiteral("3"));
    out += QStringLiteral("\n[") + sub + QStringLiteral("projects]\n");
    return out;
}

Result<QByteArray> NewConfig::mainText(const QString &salt, const QByteArray &pepper) const
{
    Result<QString> hash = config::PasswordHasher::hash(serviceUser, servicePassword, salt, pepper);
    if (!hash)
        return hash.error();
    const QString root = QStringLiteral("testbench-defect-service");
    QString out = QLatin1Char('[') + root + QStringLiteral("]\n");
    line(out, QStringLiteral("client_class"),
         str(client == config::ClientKind::Jira ? QStringLiteral("testbench_defect_service.clients.JiraDefectClient")
                                                : QStringLiteral("testbench_defect_service.clients.JsonlDefectClient")));
    if (separateClientFile)
        line(out, QStringLiteral("client_config_path"), str(clientFileName()));
    line(out, QStringLiteral("host"), str(host));
    line(out, QStringLiteral("port"), QString::number(port));
    line(out, QStringLiteral("debug"), QStringLiteral("false"));
    line(out, QStringLiteral("password_hash"), str(*hash));
    line(out, QStringLiteral("salt"), str(salt));
    if (!separateClientFile) {
        const QString clientTable = root + QStringLiteral(".client_config");
        out += QStringLiteral("\n[") + clientTable + QStringLiteral("]\n") + clientBody(clientTable);
    }
    out += QStringLiteral("\n[") + root + QStringLiteral(".logging.console]\n");
    line(out, QStringLiteral("log_level"), str(QStringLiteral("INFO")));
    line(out, QStringLiteral("log_format"), str(QStringLiteral("%(asctime)s %(levelname)8s: %(message)s")));
    out += QStringLiteral("\n[") + root + QStringLiteral(".logging.file]\n");
    line(out, QStringLiteral("log_level"), str(QStringLiteral("INFO")));
    line(out, QStringLiteral("log_format"), str(QStringLiteral("%(asctime)s - %(levelname)8s - %(name)s - %(message)s")));
    line(out, QStringLiteral("file_path"), str(QStringLiteral("testbench-defect-service.log")));
    out += QStringLiteral("\n[") + root + QStringLiteral(".server]\n");
    line(out, QStringLiteral("single_process"), QStringLiteral("true"));
    line(out, QStringLiteral("keep_alive_timeout"), QStringLiteral("5"));
    out += QStringLiteral("\n[") + root + QStringLiteral(".server.run_kwargs]\n");
    return out.toUtf8();
}

QByteArray NewConfig::clientFileText() const
{
    return clientBody(QString()).toUtf8();
}

Result<QStringList> NewConfig::write(const QString &path) const
{
    const QFileInfo info(path);
    const QDir folder = info.absoluteDir();
    if (!QDir().mkpath(folder.absolutePath()))
        return Error{tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder.absolutePath())), {}};
    Result<QByteArray> pepper = config::PasswordHasher::pepperFrom(QProcessEnvironment::systemEnvironment());
    if (!pepper)
        return pepper.error();
    Result<QByteArray> text = mainText(config::PasswordHasher::generateSalt(), *pepper);
    if (!text)
        return text.error();

    QStringList written;
    if (info.exists()) {
        // The reference wizard keeps the old file as .backup (or .backup.<UTC time> if that exists).
        QString backup = info.absoluteFilePath() + QStringLiteral(".backup");
        if (QFileInfo::exists(backup))
            backup += QLatin1Char('.') + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd_HHmmss"));
        if (!QFile::rename(info.absoluteFilePath(), backup))
            return Error{tr("Cannot keep the existing %1 as %2.").arg(info.fileName(), QFileInfo(backup).fileName()), {}};
    }
    if (client == config::ClientKind::Jsonl) {
        // defects_path must exist when the service starts; an empty folder is a valid store.
        const QString defects = QDir::isAbsolutePath(defectsPath) ? defectsPath : folder.filePath(defectsPath);
        if (!QDir().mkpath(defects))
            return Error{tr("Cannot create the defects folder %1.").arg(QDir::toNativeSeparators(defects)), {}};
    }
    if (separateClientFile) {
        const QString clientPath = folder.filePath(clientFileName());
        if (Result<void> r = config::writeFileAtomically(clientPath, clientFileText(), false); !r)
            return r.error();
        QFile::setPermissions(clientPath, QFile::ReadOwner | QFile::WriteOwner);
        written << clientPath;
    }
    if (Result<void> r = config::writeFileAtomically(info.absoluteFilePath(), *text, false); !r)
        return r.error();
    // It holds the password hash (and maybe secrets the user chose to put there): owner only.
    QFile::setPermissions(info.absoluteFilePath(), QFile::ReadOwner | QFile::WriteOwner);
    written.prepend(info.absoluteFilePath());
    return written;
}

} // namespace tbds::ui
