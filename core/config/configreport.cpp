// SPDX-License-Identifier: Apache-2.0
#include "core/config/configreport.h"

#include <QStringList>

namespace tbds::config {

namespace {

QString quoted(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString list(const QStringList &items)
{
    QStringList q;
    for (const QString &i : items)
        q.append(quoted(i));
    return QLatin1Char('[') + q.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString boolean(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

class Writer
{
public:
    void section(const QString &name) { m_lines << QString() << QLatin1Char('[') + name + QLatin1Char(']'); }
    void kv(const QString &key, const QString &value) { m_lines << key + QStringLiteral(" = ") + value; }
    void opt(const QString &key, const std::optional<QString> &value)
    {
        if (value)
            kv(key, quoted(*value));
    }
    void secret(const QString &key, bool present, const QString &source)
    {
        kv(key, (present ? quoted(ConfigReport::mask()) : QStringLiteral("\"\""))
                    + QStringLiteral("  # ") + source);
    }
    void commands(const QString &prefix, const std::optional<CommandsConfig> &c)
    {
        if (!c)
            return;
        for (const auto &[name, hooks] : {std::pair{QStringLiteral("presync"), c->presync},
                                          std::pair{QStringLiteral("postsync"), c->postsync}}) {
            if (!hooks)
                continue;
            section(prefix + QStringLiteral(".commands.") + name);
            opt(QStringLiteral("scheduled"), hooks->scheduled);
            opt(QStringLiteral("manual"), hooks->manual);
            opt(QStringLiteral("partial"), hooks->partial);
        }
    }
    [[nodiscard]] QString text() const { return m_lines.join(QLatin1Char('\n')).trimmed() + QLatin1Char('\n'); }

private:
    QStringList m_lines;
};

QString projectKey(const QString &name)
{
    return QStringLiteral("projects.") + quoted(name);
}

} // namespace

QString ConfigReport::sourceName(SecretSource source)
{
    switch (source) {
    case SecretSource::ConfigFile: return QStringLiteral("from the config file");
    case SecretSource::Environment: return QStringLiteral("from the environment");
    case SecretSource::External: return QStringLiteral("from the OS keychain");
    case SecretSource::None: break;
    }
    return QStringLiteral("not set");
}

QString ConfigReport::describe(const ServiceConfig &c)
{
    Writer w;
    const QString root = QStringLiteral("testbench-defect-service");
    w.section(root);
    w.kv(QStringLiteral("client_class"), quoted(c.clientClass));
    w.opt(QStringLiteral("client_config_path"), c.clientConfigPath);
    w.kv(QStringLiteral("host"), quoted(c.host));
    w.kv(QStringLiteral("port"), QString::number(c.port));
    w.kv(QStringLiteral("debug"), boolean(c.debug));
    const bool hasCredentials = c.passwordHash && !c.passwordHash->isEmpty() && c.salt && !c.salt->isEmpty();
    w.secret(QStringLiteral("password_hash"), hasCredentials, sourceName(c.passwordHashSource));
    w.secret(QStringLiteral("salt"), hasCredentials, sourceName(c.passwordHashSource));
    w.opt(QStringLiteral("ssl_cert"), c.sslCert);
    w.opt(QStringLiteral("ssl_key"), c.sslKey);
    w.opt(QStringLiteral("ssl_ca_cert"), c.sslCaCert);
    if (c.proxiesCount)
        w.kv(QStringLiteral("proxies_count"), QString::number(*c.proxiesCount));
    w.opt(QStringLiteral("real_ip_header"), c.realIpHeader);
    if (c.forwardedSecret)
        w.kv(QStringLiteral("forwarded_secret"), quoted(mask()));

    const QString client = root + QStringLiteral(".client_config");
    if (c.jsonl) {
        const JsonlClientConfig &j = *c.jsonl;
        w.section(client);
        w.kv(QStringLiteral("name"), quoted(j.name));
        w.kv(QStringLiteral("description"), quoted(j.description));
        w.kv(QStringLiteral("defects_path"), quoted(j.defectsPath));
        w.kv(QStringLiteral("readonly"), boolean(j.readonly));
        w.kv(QStringLiteral("supports_changes_timestamps"), boolean(j.supportsChangesTimestamps));
        w.kv(QStringLiteral("attributes"), list(j.attributes));
        w.section(client + QStringLiteral(".control_fields"));
        for (auto it = j.controlFields.cbegin(); it != j.controlFields.cend(); ++it)
            w.kv(quoted(it.key()), list(it.value()));
        w.commands(client, j.commands);
        for (auto it = j.projects.cbegin(); it != j.projects.cend(); ++it) {
            const QString p = client + QLatin1Char('.') + projectKey(it.key());
            w.section(p);
            if (it->readonly)
                w.kv(QStringLiteral("readonly"), boolean(*it->readonly));
            if (it->supportsChangesTimestamps)
                w.kv(QStringLiteral("supports_changes_timestamps"), boolean(*it->supportsChangesTimestamps));
            if (it->attributes)
                w.kv(QStringLiteral("attributes"), list(*it->attributes));
            if (it->controlFields) {
                w.section(p + QStringLiteral(".control_fields"));
                for (auto f = it->controlFields->cbegin(); f != it->controlFields->cend(); ++f)
                    w.kv(quoted(f.key()), list(f.value()));
            }
            w.commands(p, it->commands);
        }
    }
    if (c.jira) {
        const JiraClientConfig &j = *c.jira;
        w.section(client);
        w.kv(QStringLiteral("name"), quoted(j.name));
        w.kv(QStringLiteral("server_url"), quoted(j.serverUrl));
        const char *auth[] = {"basic", "token", "oauth1"};
        w.kv(QStringLiteral("auth_type"), quoted(QString::fromLatin1(auth[int(j.authType)])));
        // The user name is not a secret, but it comes from the same sources; say which.
        if (j.username)
            w.kv(QStringLiteral("username"), quoted(*j.username) + QStringLiteral("  # ")
                                                 + sourceName(j.secretSources.value(QStringLiteral("username"))));
        for (const auto &[key, value] :
             {std::pair{"password", j.password}, std::pair{"token", j.token},
              std::pair{"oauth1_access_token", j.oauth1AccessToken},
              std::pair{"oauth1_access_token_secret", j.oauth1AccessTokenSecret},
              std::pair{"oauth1_consumer_key", j.oauth1ConsumerKey}, std::pair{"oauth1_key_cert", j.oauth1KeyCert}}) {
            const QString k = QString::fromLatin1(key);
            const SecretSource source = j.secretSources.value(k, SecretSource::None);
            if (value || source != SecretSource::None)
                w.secret(k, value.has_value() || source == SecretSource::External, sourceName(source));
        }
        w.opt(QStringLiteral("oauth1_key_cert_path"), j.oauth1KeyCertPath);
        w.kv(QStringLiteral("verify_ssl"), boolean(j.verifySsl));
        w.opt(QStringLiteral("ssl_ca_cert_path"), j.sslCaCertPath);
        w.opt(QStringLiteral("client_cert_path"), j.clientCertPath);
        w.opt(QStringLiteral("client_key_path"), j.clientKeyPath);
        w.kv(QStringLiteral("defect_jql"), quoted(j.defectJql));
        w.kv(QStringLiteral("attributes"), list(j.attributes));
        w.kv(QStringLiteral("control_fields"), list(j.controlFields));
        w.kv(QStringLiteral("readonly"), boolean(j.readonly));
        w.kv(QStringLiteral("show_change_history"), boolean(j.showChangeHistory.value_or(false)));
        if (j.enableSharedAuth)
            w.kv(QStringLiteral("enable_shared_auth"), boolean(*j.enableSharedAuth));
        w.opt(QStringLiteral("attachments_root"), j.attachmentsRoot);
        w.kv(QStringLiteral("supports_changes_timestamps"), boolean(j.supportsChangesTimestamps));
        w.kv(QStringLiteral("timeout"), QString::number(j.timeout));
        w.kv(QStringLiteral("max_retries"), QString::number(j.maxRetries));
        w.commands(client, j.commands);
        for (auto it = j.projects.cbegin(); it != j.projects.cend(); ++it) {
            const QString p = client + QLatin1Char('.') + projectKey(it.key());
            w.section(p);
            w.opt(QStringLiteral("defect_jql"), it->defectJql);
            if (it->attributes)
                w.kv(QStringLiteral("attributes"), list(*it->attributes));
            if (it->controlFields)
                w.kv(QStringLiteral("control_fields"), list(*it->controlFields));
            if (it->readonly)
                w.kv(QStringLiteral("readonly"), boolean(*it->readonly));
            if (it->showChangeHistory)
                w.kv(QStringLiteral("show_change_history"), boolean(*it->showChangeHistory));
            if (it->enableSharedAuth)
                w.kv(QStringLiteral("enable_shared_auth"), boolean(*it->enableSharedAuth));
            w.opt(QStringLiteral("attachments_root"), it->attachmentsRoot);
            w.commands(p, it->commands);
        }
    }

    w.section(root + QStringLiteral(".logging.console"));
    w.kv(QStringLiteral("log_level"), quoted(c.consoleLog.level));
    w.kv(QStringLiteral("log_format"), quoted(c.consoleLog.format));
    w.section(root + QStringLiteral(".logging.file"));
    w.kv(QStringLiteral("log_level"), quoted(c.fileLog.level));
    w.kv(QStringLiteral("log_format"), quoted(c.fileLog.format));
    w.kv(QStringLiteral("file_path"), quoted(c.fileLog.filePath));
    w.section(root + QStringLiteral(".server"));
    w.kv(QStringLiteral("single_process"), boolean(c.server.singleProcess));
    w.kv(QStringLiteral("keep_alive_timeout"), QString::number(c.server.keepAliveTimeout));
    return w.text();
}

} // namespace tbds::config
