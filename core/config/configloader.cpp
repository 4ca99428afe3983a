// SPDX-License-Identifier: Apache-2.0
#include "core/config/configloader.h"

#include "core/common/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <tuple>
#include <string_view>

namespace tbds::config {

namespace {

const QString RootSection = QStringLiteral("testbench-defect-service");

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

struct Position
{
    int line = 1;
    int column = 1;
};

Position positionOf(const toml::source_region &region)
{
    if (region.begin.line == 0)
        return {};
    return {int(region.begin.line), int(region.begin.column)};
}

/** Shared state of one load: where we are, what we found, how to resolve paths and env. */
struct Context
{
    QString file;
    QDir baseDir;
    const LoadOptions *options = nullptr;
    Diagnostics *diagnostics = nullptr;

    void report(Diagnostic::Severity severity, Position pos, const QString &message) const
    {
        diagnostics->append(Diagnostic{severity, file, pos.line, pos.column, message});
    }
    void error(Position pos, const QString &message) const { report(Diagnostic::Severity::Error, pos, message); }
    void warning(Position pos, const QString &message) const { report(Diagnostic::Severity::Warning, pos, message); }

    [[nodiscard]] QString resolve(const QString &path) const
    {
        return QDir::cleanPath(baseDir.absoluteFilePath(path));
    }
    [[nodiscard]] QString env(const char *name) const
    {
        return options->environment.value(QString::fromLatin1(name));
    }
};

QString typeName(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::string: return QStringLiteral("a string");
    case toml::node_type::integer: return QStringLiteral("an integer");
    case toml::node_type::floating_point: return QStringLiteral("a float");
    case toml::node_type::boolean: return QStringLiteral("a boolean");
    case toml::node_type::array: return QStringLiteral("an array");
    case toml::node_type::table: return QStringLiteral("a table");
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return QStringLiteral("a date/time");
    case toml::node_type::none: break;
    }
    return QStringLiteral("nothing");
}

/**
 * Reads one TOML table with typed accessors. Every key read is remembered, so finish() can warn
 * about the keys nobody asked for (typos the reference silently ignores).
 */
class TableReader
{
public:
    TableReader(const toml::table &table, QString section, const Context &ctx)
        : m_table(table), m_section(std::move(section)), m_ctx(ctx)
    {
    }

    [[nodiscard]] const QString &section() const { return m_section; }
    [[nodiscard]] Position position() const { return positionOf(m_table.source()); }
    [[nodiscard]] const Context &context() const { return m_ctx; }
    [[nodiscard]] bool has(std::string_view key) const { return m_table.contains(key); }

    [[nodiscard]] const toml::node *node(std::string_view key)
    {
        m_used.insert(fromStd(key));
        return m_table.get(key);
    }

    [[nodiscard]] Position positionOfKey(std::string_view key) const
    {
        if (const toml::node *n = m_table.get(key))
            return positionOf(n->source());
        return position();
    }

    void invalid(std::string_view key, const QString &detail) const
    {
        m_ctx.error(positionOfKey(key), QStringLiteral("Invalid value for '%1' in [%2]: %3")
                                            .arg(fromStd(key), m_section, detail));
    }
    void missing(std::string_view key) const
    {
        m_ctx.error(position(), QStringLiteral("Missing required field '%1' in [%2]").arg(fromStd(key), m_section));
    }
    void wrongType(std::string_view key, const QString &expected, const toml::node &got) const
    {
        invalid(key, QStringLiteral("expected %1, got %2").arg(expected, typeName(got)));
    }

    std::optional<QString> string(std::string_view key)
    {
        const toml::node *n = node(key);
        if (!n)
            return std::nullopt;
        if (const auto *s = n->as_string())
            return fromStd(s->get());
        wrongType(key, QStringLiteral("a string"), *n);
        return std::nullopt;
    }

    std::optional<bool> boolean(std::string_view key)
    {
        const toml::node *n = node(key);
        if (!n)
            return std::nullopt;
        if (const auto *b = n->as_boolean())
            return b->get();
        wrongType(key, QStringLiteral("true or false"), *n);
        return std::nullopt;
    }

    std::optional<qint64> integer(std::string_view key, qint64 min, qint64 max)
    {
        const toml::node *n = node(key);
        if (!n)
            return std::nullopt;
        const auto *i = n->as_integer();
        if (!i) {
            wrongType(key, QStringLiteral("an integer"), *n);
            return std::nullopt;
        }
        const qint64 v = i->get();
        if (v < min || v > max) {
            const QString range = max == std::numeric_limits<qint64>::max()
                                      ? QStringLiteral("an integer of at least %1").arg(min)
                                      : QStringLiteral("an integer from %1 to %2").arg(min).arg(max);
            invalid(key, QStringLiteral("expected %1, got %2").arg(range).arg(v));
            return std::nullopt;
        }
        return v;
    }

    std::optional<QStringList> stringList(std::string_view key)
    {
        const toml::node *n = node(key);
        if (!n)
            return std::nullopt;
        const auto *arr = n->as_array();
        if (!arr) {
            wrongType(key, QStringLiteral("an array of strings"), *n);
            return std::nullopt;
        }
        QStringList out;
        for (const toml::node &item : *arr) {
            if (const auto *s = item.as_string()) {
                out.append(fromStd(s->get()));
            } else {
                m_ctx.error(positionOf(item.source()),
                            QStringLiteral("Invalid value for '%1' in [%2]: every item must be a string, got %3")
                                .arg(fromStd(key), m_section, typeName(item)));
                return std::nullopt;
            }
        }
        return out;
    }

    /** A path that must exist when given; returned absolute. */
    std::optional<QString> existingPath(std::string_view key, const QString &notFoundMessage)
    {
        std::optional<QString> raw = string(key);
        if (!raw)
            return std::nullopt;
        const QString abs = m_ctx.resolve(*raw);
        if (!QFileInfo::exists(abs)) {
            m_ctx.error(positionOfKey(key), notFoundMessage.arg(*raw)
                                                + QStringLiteral(" (looked for %1)").arg(QDir::toNativeSeparators(abs)));
            return std::nullopt;
        }
        return abs;
    }

    const toml::table *table(std::string_view key)
    {
        const toml::node *n = node(key);
        if (!n)
            return nullptr;
        if (const auto *t = n->as_table())
            return t;
        wrongType(key, QStringLiteral("a table"), *n);
        return nullptr;
    }

    /** Warns about every key that no accessor asked for. */
    void finish() const
    {
        for (auto &&[key, value] : m_table) {
            const QString name = fromStd(key.str());
            if (!m_used.contains(name)) {
                m_ctx.warning(positionOf(key.source()),
                              QStringLiteral("Unknown key '%1' in [%2] is kept but has no effect").arg(name, m_section));
            }
        }
    }

private:
    const toml::table &m_table;
    QString m_section;
    const Context &m_ctx;
    QSet<QString> m_used;
};

QString quoteKeyForSection(const QString &key)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return bare.match(key).hasMatch() ? key : QLatin1Char('"') + key + QLatin1Char('"');
}

std::optional<HookCommands> readHookCommands(TableReader &parent, std::string_view key)
{
    const toml::table *t = parent.table(key);
    if (!t)
        return std::nullopt;
    TableReader r(*t, parent.section() + QLatin1Char('.') + fromStd(key), parent.context());
    HookCommands hooks;
    // Hook scripts need not exist at load time: the reference only checks when the hook runs,
    // and reports a missing script in the sync protocol. We resolve them to absolute paths.
    auto read = [&](std::string_view name) -> std::optional<QString> {
        std::optional<QString> v = r.string(name);
        if (v && !v->isEmpty())
            return r.context().resolve(*v);
        return std::nullopt;
    };
    hooks.scheduled = read("scheduled");
    hooks.manual = read("manual");
    hooks.partial = read("partial");
    r.finish();
    return hooks;
}

std::optional<CommandsConfig> readCommands(TableReader &parent)
{
    const toml::table *t = parent.table("commands");
    if (!t)
        return std::nullopt;
    TableReader r(*t, parent.section() + QStringLiteral(".commands"), parent.context());
    CommandsConfig c;
    c.presync = readHookCommands(r, "presync");
    c.postsync = readHookCommands(r, "postsync");
    r.finish();
    return c;
}

std::optional<QMap<QString, QStringList>> readControlFieldTable(TableReader &parent)
{
    const toml::table *t = parent.table("control_fields");
    if (!t)
        return std::nullopt;
    TableReader r(*t, parent.section() + QStringLiteral(".control_fields"), parent.context());
    QMap<QString, QStringList> out;
    for (auto &&[key, value] : *t) {
        std::optional<QStringList> values = r.stringList(key.str());
        if (values)
            out.insert(fromStd(key.str()), *values);
    }
    r.finish();
    return out;
}

void checkLogLevel(TableReader &r, LogHandlerConfig &handler)
{
    static const QStringList levels = {QStringLiteral("DEBUG"), QStringLiteral("INFO"), QStringLiteral("WARNING"),
                                       QStringLiteral("ERROR"), QStringLiteral("CRITICAL")};
    if (std::optional<QString> level = r.string("log_level")) {
        if (levels.contains(*level))
            handler.level = *level;
        else
            r.invalid("log_level", QStringLiteral("expected one of %1 (upper case), got '%2'")
                                       .arg(levels.join(QStringLiteral(", ")), *level));
    }
    if (std::optional<QString> format = r.string("log_format"))
        handler.format = *format;
}

void readLogging(TableReader &service, ServiceConfig &config)
{
    const toml::table *t = service.table("logging");
    if (!t)
        return;
    TableReader logging(*t, service.section() + QStringLiteral(".logging"), service.context());
    if (const toml::table *c = logging.table("console")) {
        TableReader r(*c, logging.section() + QStringLiteral(".console"), service.context());
        checkLogLevel(r, config.consoleLog);
        r.finish();
    }
    if (const toml::table *f = logging.table("file")) {
        TableReader r(*f, logging.section() + QStringLiteral(".file"), service.context());
        checkLogLevel(r, config.fileLog);
        if (std::optional<QString> path = r.string("file_path"))
            config.fileLog.filePath = *path;
        r.finish();
    }
    logging.finish();
}

QVariant tomlToVariant(const toml::node &node)
{
    if (const auto *s = node.as_string())
        return fromStd(s->get());
    if (const auto *i = node.as_integer())
        return QVariant::fromValue<qint64>(i->get());
    if (const auto *d = node.as_floating_point())
        return d->get();
    if (const auto *b = node.as_boolean())
        return b->get();
    if (const auto *a = node.as_array()) {
        QVariantList list;
        for (const toml::node &item : *a)
            list.append(tomlToVariant(item));
        return list;
    }
    if (const auto *t = node.as_table()) {
        QVariantMap map;
        for (auto &&[k, v] : *t)
            map.insert(fromStd(k.str()), tomlToVariant(v));
        return map;
    }
    return {};
}

void readServer(TableReader &service, ServiceConfig &config)
{
    const toml::table *t = service.table("server");
    if (!t)
        return;
    TableReader r(*t, service.section() + QStringLiteral(".server"), service.context());
    if (std::optional<bool> v = r.boolean("single_process"))
        config.server.singleProcess = *v;
    if (std::optional<qint64> v = r.integer("keep_alive_timeout", 1, 120))
        config.server.keepAliveTimeout = int(*v);
    if (const toml::table *kw = r.table("run_kwargs"))
        config.server.runKwargs = tomlToVariant(*kw).toMap();
    r.finish();
}

/** Marks a key as explicitly given, so "global" can be told from "default". */
template<typename Config>
void noteExplicit(const TableReader &r, Config &config, std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys)
        if (r.has(key))
            config.explicitKeys.insert(fromStd(key));
}

/** `projects.<name>` tables: one override per project, each read by `readOne`. */
template<typename Project, typename ReadOne>
void readProjects(TableReader &client, QMap<QString, Project> &out, ReadOne readOne)
{
    const toml::table *projects = client.table("projects");
    if (!projects)
        return;
    TableReader list(*projects, client.section() + QStringLiteral(".projects"), client.context());
    for (auto &&[key, value] : *projects) {
        const toml::table *table = list.table(key.str());
        if (!table)
            continue;
        const QString name = fromStd(key.str());
        TableReader one(*table, list.section() + QLatin1Char('.') + quoteKeyForSection(name), client.context());
        out.insert(name, readOne(one));
        one.finish();
    }
    list.finish();
}

JsonlProjectConfig readJsonlProject(TableReader &r)
{
    JsonlProjectConfig p;
    p.readonly = r.boolean("readonly");
    p.controlFields = readControlFieldTable(r);
    p.supportsChangesTimestamps = r.boolean("supports_changes_timestamps");
    p.attributes = r.stringList("attributes");
    p.commands = readCommands(r);
    return p;
}

std::optional<JsonlClientConfig> readJsonl(TableReader &r)
{
    JsonlClientConfig c;
    noteExplicit(r, c, {"name", "description", "readonly", "control_fields", "supports_changes_timestamps",
                        "attributes", "commands"});
    if (std::optional<QString> v = r.string("name"))
        c.name = *v;
    if (std::optional<QString> v = r.string("description"))
        c.description = *v;
    if (r.has("defects_path")) {
        if (std::optional<QString> path = r.existingPath("defects_path", QStringLiteral("Defects folder not found: '%1'")))
            c.defectsPath = *path;
    } else {
        r.missing("defects_path");
    }
    if (std::optional<bool> v = r.boolean("readonly"))
        c.readonly = *v;
    if (r.has("control_fields")) {
        if (std::optional<QMap<QString, QStringList>> fields = readControlFieldTable(r))
            c.controlFields = *fields;
    } else {
        r.missing("control_fields");
    }
    if (std::optional<bool> v = r.boolean("supports_changes_timestamps"))
        c.supportsChangesTimestamps = *v;
    if (std::optional<QStringList> v = r.stringList("attributes"))
        c.attributes = *v;
    c.commands = readCommands(r);
    readProjects(r, c.projects, readJsonlProject);
    r.finish();
    return c;
}

JiraProjectConfig readJiraProject(TableReader &r)
{
    JiraProjectConfig p;
    p.defectJql = r.string("defect_jql");
    p.attributes = r.stringList("attributes");
    p.controlFields = r.stringList("control_fields");
    p.readonly = r.boolean("readonly");
    p.commands = readCommands(r);
    p.showChangeHistory = r.boolean("show_change_history");
    p.enableSharedAuth = r.boolean("enable_shared_auth");
    p.attachmentsRoot = r.existingPath("attachments_root", QStringLiteral("Attachments folder not found: '%1'"));
    return p;
}

/**
 * Reads a Jira secret in DESIGN.md's order: the OS keychain (known to the caller, fetched
 * asynchronously later), then the environment, then the file. (The reference let the file win
 * over the environment; an admin who exports JIRA_PASSWORD expects it to be used.)
 * Records the source for the GUI and check-config.
 */
std::optional<QString> readSecret(TableReader &r, JiraClientConfig &c, std::string_view key, const char *envName)
{
    const QString name = fromStd(key);
    const std::optional<QString> fromFile = r.string(key);
    if (const auto external = r.context().options->externalSecrets.constFind(name);
        external != r.context().options->externalSecrets.cend()) {
        c.secretSources.insert(name, SecretSource::External);
        return external->isEmpty() ? std::nullopt : std::optional<QString>(*external);
    }
    const QString fromEnv = r.context().env(envName);
    if (!fromEnv.isEmpty()) {
        c.secretSources.insert(name, SecretSource::Environment);
        return fromEnv;
    }
    if (fromFile && !fromFile->isEmpty()) {
        c.secretSources.insert(name, SecretSource::ConfigFile);
        return fromFile;
    }
    c.secretSources.insert(name, SecretSource::None);
    return std::nullopt;
}

std::optional<QString> readJiraPath(TableReader &r, std::string_view key, const char *envName, const QString &notFound)
{
    if (r.has(key))
        return r.existingPath(key, notFound);
    const QString fromEnv = r.context().env(envName);
    if (!fromEnv.isEmpty())
        return r.context().resolve(fromEnv);
    return std::nullopt;
}

std::optional<JiraClientConfig> readJira(TableReader &r)
{
    JiraClientConfig c;
    noteExplicit(r, c, {"name", "defect_jql", "attributes", "control_fields", "readonly", "show_change_history",
                        "enable_shared_auth", "attachments_root", "supports_changes_timestamps", "timeout", "max_retries", "commands",
                        "verify_ssl"});
    const int errorsBefore = int(r.context().diagnostics->size());
    if (std::optional<QString> v = r.string("name"))
        c.name = *v;
    if (std::optional<QString> url = r.string("server_url")) {
        const QUrl parsed(*url, QUrl::StrictMode);
        if (!parsed.isValid() || (parsed.scheme() != QLatin1String("https") && parsed.scheme() != QLatin1String("http"))
            || parsed.host().isEmpty())
            r.invalid("server_url", QStringLiteral("expected an http(s) URL such as https://example.atlassian.net, got '%1'").arg(*url));
        else
            c.serverUrl = *url;
    } else if (!r.has("server_url")) {
        r.missing("server_url");
    }
    if (std::optional<QString> auth = r.string("auth_type")) {
        if (*auth == QLatin1String("basic"))
            c.authType = JiraAuthType::Basic;
        else if (*auth == QLatin1String("token"))
            c.authType = JiraAuthType::Token;
        else if (*auth == QLatin1String("oauth1"))
            c.authType = JiraAuthType::OAuth1;
        else
            r.invalid("auth_type", QStringLiteral("expected 'basic', 'token' or 'oauth1', got '%1'").arg(*auth));
    }
    c.username = readSecret(r, c, "username", "JIRA_USERNAME");
    c.password = readSecret(r, c, "password", "JIRA_PASSWORD");
    c.token = readSecret(r, c, "token", "JIRA_BEARER_TOKEN");
    c.oauth1AccessToken = readSecret(r, c, "oauth1_access_token", "JIRA_OAUTH1_ACCESS_TOKEN");
    c.oauth1AccessTokenSecret = readSecret(r, c, "oauth1_access_token_secret", "JIRA_OAUTH1_ACCESS_TOKEN_SECRET");
    c.oauth1ConsumerKey = readSecret(r, c, "oauth1_consumer_key", "JIRA_OAUTH1_CONSUMER_KEY");
    c.oauth1KeyCertPath = readJiraPath(r, "oauth1_key_cert_path", "JIRA_OAUTH1_KEY_CERT_PATH",
                                       QStringLiteral("OAuth1 private key file not found: '%1'"));
    c.oauth1KeyCert = readSecret(r, c, "oauth1_key_cert", "JIRA_OAUTH1_KEY_CERT");
    if (std::optional<bool> v = r.boolean("verify_ssl"))
        c.verifySsl = *v;
    const QString certNotFound = QStringLiteral("Certificate/key file not found: '%1'");
    c.sslCaCertPath = readJiraPath(r, "ssl_ca_cert_path", "JIRA_SSL_CA_CERT_PATH", certNotFound);
    c.clientCertPath = readJiraPath(r, "client_cert_path", "JIRA_CLIENT_CERT_PATH", certNotFound);
    c.clientKeyPath = readJiraPath(r, "client_key_path", "JIRA_CLIENT_KEY_PATH", certNotFound);
    if (std::optional<QString> v = r.string("defect_jql"))
        c.defectJql = *v;
    if (std::optional<QStringList> v = r.stringList("attributes"))
        c.attributes = *v;
    if (std::optional<QStringList> v = r.stringList("control_fields"))
        c.controlFields = *v;
    if (std::optional<bool> v = r.boolean("readonly"))
        c.readonly = *v;
    c.showChangeHistory = r.boolean("show_change_history");
    c.enableSharedAuth = r.boolean("enable_shared_auth");
    c.attachmentsRoot = r.existingPath("attachments_root", QStringLiteral("Attachments folder not found: '%1'"));
    if (std::optional<bool> v = r.boolean("supports_changes_timestamps"))
        c.supportsChangesTimestamps = *v;
    if (std::optional<qint64> v = r.integer("timeout", 1, std::numeric_limits<qint64>::max()))
        c.timeout = int(qMin<qint64>(*v, 24 * 3600));
    if (std::optional<qint64> v = r.integer("max_retries", 0, 10))
        c.maxRetries = int(*v);
    c.commands = readCommands(r);
    readProjects(r, c.projects, readJiraProject);

    // Cross-field credential rules, worded as the reference words them (contract §5.7).
    auto need = [&](const std::optional<QString> &value, const char *key, const char *message) {
        if ((!value || value->isEmpty()) && c.secretSources.value(QString::fromLatin1(key)) != SecretSource::External)
            r.context().error(r.position(), QString::fromLatin1(message));
    };
    switch (c.authType) {
    case JiraAuthType::Basic:
        need(c.username, "username", "Jira username must be provided for basic auth (via config or JIRA_USERNAME env)");
        need(c.password, "password", "Jira password must be provided for basic auth (via config or JIRA_PASSWORD env)");
        break;
    case JiraAuthType::Token:
        need(c.token, "token",
             "Jira Personal Access Token must be provided for token auth (via config or JIRA_BEARER_TOKEN env)");
        break;
    case JiraAuthType::OAuth1:
        need(c.oauth1AccessToken, "oauth1_access_token",
             "Jira Access Token must be provided for OAuth1 (via config or JIRA_OAUTH1_ACCESS_TOKEN env)");
        need(c.oauth1AccessTokenSecret, "oauth1_access_token_secret",
             "Jira Access Token Secret must be provided for OAuth1 (via config or JIRA_OAUTH1_ACCESS_TOKEN_SECRET env)");
        need(c.oauth1ConsumerKey, "oauth1_consumer_key",
             "Jira consumer key must be provided for OAuth1 (via config or JIRA_OAUTH1_CONSUMER_KEY env)");
        if (c.oauth1KeyCertPath) {
            QFile key(*c.oauth1KeyCertPath);
            if (key.open(QIODevice::ReadOnly))
                c.oauth1KeyCert = QString::fromUtf8(key.readAll());
            else
                r.context().error(r.positionOfKey("oauth1_key_cert_path"),
                                  QStringLiteral("Could not read OAuth1 private key from '%1': %2")
                                      .arg(*c.oauth1KeyCertPath, key.errorString()));
        } else if (!r.has("oauth1_key_cert_path")) {
            need(c.oauth1KeyCert, "oauth1_key_cert",
                 "Jira Private Key must be provided for OAuth1 (via oauth1_key_cert_path / JIRA_OAUTH1_KEY_CERT_PATH "
                 "or oauth1_key_cert / JIRA_OAUTH1_KEY_CERT env)");
        }
        break;
    }
    r.finish();
    if (r.context().diagnostics->size() > errorsBefore && hasErrors(r.context().diagnostics->mid(errorsBefore)))
        return std::nullopt;
    return c;
}

/** Java-style `.properties`: a flat string map, which is all the reference reads from such files. */
toml::table parseProperties(const QByteArray &bytes)
{
    toml::table t;
    for (QByteArray line : bytes.split('\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith('!'))
            continue;
        qsizetype sep = -1;
        for (qsizetype i = 0; i < line.size(); ++i)
            if (line[i] == '=' || line[i] == ':') {
                sep = i;
                break;
            }
        const QByteArray key = (sep < 0 ? line : line.left(sep)).trimmed();
        const QByteArray value = sep < 0 ? QByteArray() : line.mid(sep + 1).trimmed();
        const std::string k = key.toStdString();
        if (value == "true" || value == "false")
            t.insert_or_assign(k, value == "true");
        else if (!value.isEmpty() && value.toLongLong() != 0 && QByteArray::number(value.toLongLong()) == value)
            t.insert_or_assign(k, value.toLongLong());
        else
            t.insert_or_assign(k, value.toStdString());
    }
    return t;
}

std::optional<toml::table> parseToml(const QByteArray &utf8, const QString &path, Diagnostics &diagnostics)
{
    try {
        return toml::parse(std::string_view(utf8.constData(), size_t(utf8.size())), path.toStdString());
    } catch (const toml::parse_error &e) {
        const Position pos = positionOf(e.source());
        diagnostics.append(Diagnostic{Diagnostic::Severity::Error, path, pos.line, pos.column,
                                      QStringLiteral("invalid TOML syntax: %1").arg(fromStd(e.description()))});
        return std::nullopt;
    }
}

QByteArray readAll(const QString &path, const QString &reportAs, Diagnostics &diagnostics, const QString &what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        diagnostics.append(Diagnostic{Diagnostic::Severity::Error, reportAs, 0, 0,
                                      QStringLiteral("%1 cannot be read: %2").arg(what, f.errorString())});
        return {};
    }
    return f.readAll();
}

} // namespace

std::optional<QString> HookCommands::forSyncType(const QString &syncType) const
{
    // Only the three documented sync types are names; anything else has no command (the
    // reference crashed on names of its own internals, contract §6.9).
    if (syncType == QLatin1String("scheduled"))
        return scheduled;
    if (syncType == QLatin1String("manual"))
        return manual;
    if (syncType == QLatin1String("partial"))
        return partial;
    return std::nullopt;
}

QString LoadResult::report() const
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(QLatin1Char('\n'));
}

std::optional<ClientKind> ConfigLoader::parseClientClass(const QString &clientClass)
{
    const QString c = clientClass.trimmed();
    for (const auto &[kind, cls, mod] : {std::tuple{ClientKind::Jsonl, "JsonlDefectClient", "jsonl"},
                                         std::tuple{ClientKind::Jira, "JiraDefectClient", "jira"}}) {
        const QString klass = QString::fromLatin1(cls);
        const QString module = QString::fromLatin1(mod);
        const QStringList spellings = {
            klass,
            QStringLiteral("testbench_defect_service.clients.") + klass,
            QStringLiteral("testbench_defect_service.clients.%1.client.%2").arg(module, klass),
            QStringLiteral("testbench_defect_service.clients.%1.client").arg(module),
            module + QStringLiteral("/client.py"),
            module + QStringLiteral("/client"),
        };
        if (spellings.contains(c) || spellings.contains(QString(c).replace(QLatin1Char('\\'), QLatin1Char('/'))))
            return kind;
    }
    return std::nullopt;
}

LoadResult ConfigLoader::loadFile(const QString &path, const LoadOptions &options)
{
    LoadResult result;
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(abs)) {
        result.diagnostics.append(Diagnostic{Diagnostic::Severity::Error, path, 0, 0,
                                             QStringLiteral("Configuration file not found at: '%1'.").arg(abs)});
        return result;
    }
    const QByteArray bytes = readAll(abs, path, result.diagnostics, QStringLiteral("The configuration file"));
    if (hasErrors(result.diagnostics))
        return result;
    return loadText(bytes, path, options);
}

LoadResult ConfigLoader::loadText(const QByteArray &utf8, const QString &path, const LoadOptions &options)
{
    LoadResult result;
    const QFileInfo info(path);
    Context ctx{path, info.absoluteDir(), &options, &result.diagnostics};

    std::optional<toml::table> doc = parseToml(utf8, path, result.diagnostics);
    if (!doc)
        return result;

    const toml::node *rootNode = doc->get(RootSection.toStdString());
    if (!rootNode || !rootNode->is_table()) {
        ctx.error({}, QStringLiteral("TOML section [testbench-defect-service] not found in the configuration file."));
        return result;
    }
    for (auto &&[key, value] : *doc) {
        if (fromStd(key.str()) != RootSection)
            ctx.warning(positionOf(key.source()),
                        QStringLiteral("Unknown top-level key '%1' is kept but has no effect").arg(fromStd(key.str())));
    }

    ServiceConfig config;
    config.configPath = info.absoluteFilePath();
    TableReader service(*rootNode->as_table(), RootSection, ctx);

    std::optional<QString> clientClass = service.string("client_class");
    Position clientClassPos = service.positionOfKey("client_class");
    if (options.clientClassOverride) {
        clientClass = options.clientClassOverride;
        clientClassPos = {};
    }
    if (clientClass)
        config.clientClass = *clientClass;
    if (std::optional<ClientKind> kind = parseClientClass(config.clientClass)) {
        config.clientKind = *kind;
    } else {
        ctx.error(clientClassPos,
                  QStringLiteral("Unsupported client_class '%1': this engine runs the built-in JsonlDefectClient "
                                 "and JiraDefectClient only (custom Python clients need the Python service)")
                      .arg(config.clientClass));
    }

    if (std::optional<QString> v = service.string("host"))
        config.host = *v;
    if (std::optional<qint64> v = service.integer("port", 1, 65535))
        config.port = int(*v);
    if (std::optional<bool> v = service.boolean("debug"))
        config.debug = *v;
    config.passwordHash = service.string("password_hash");
    config.salt = service.string("salt");
    config.passwordHashSource = SecretSource::ConfigFile;
    // The file wins; the environment is only a fallback for an empty or absent value (contract §4).
    if (!config.passwordHash || config.passwordHash->isEmpty() || !config.salt || config.salt->isEmpty()) {
        if (!config.passwordHash || config.passwordHash->isEmpty())
            if (const QString env = ctx.env("PASSWORD_HASH"); !env.isEmpty())
                config.passwordHash = env;
        if (!config.salt || config.salt->isEmpty())
            if (const QString env = ctx.env("SALT"); !env.isEmpty())
                config.salt = env;
        config.passwordHashSource = SecretSource::Environment;
    }
    if (!config.passwordHash || config.passwordHash->isEmpty() || !config.salt || config.salt->isEmpty())
        config.passwordHashSource = SecretSource::None;

    const QString certNotFound = QStringLiteral("SSL certificate file not found: '%1'");
    config.sslCert = service.existingPath("ssl_cert", certNotFound);
    config.sslKey = service.existingPath("ssl_key", certNotFound);
    config.sslCaCert = service.existingPath("ssl_ca_cert", certNotFound);
    if (std::optional<qint64> v = service.integer("proxies_count", 0, 100))
        config.proxiesCount = int(*v);
    config.realIpHeader = service.string("real_ip_header");
    config.forwardedSecret = service.string("forwarded_secret");
    readLogging(service, config);
    if (!config.fileLog.filePath.isEmpty())
        config.fileLog.filePath = ctx.resolve(config.fileLog.filePath);
    readServer(service, config);

    // Client configuration: --client-config, else client_config_path, else the inline table.
    std::optional<QString> clientPath;
    Position clientPathPos = service.positionOfKey("client_config_path");
    if (options.clientConfigOverride) {
        clientPath = ctx.resolve(*options.clientConfigOverride);
        clientPathPos = {};
        (void)service.node("client_config_path");
        if (!QFileInfo::exists(*clientPath)) {
            ctx.error(clientPathPos, QStringLiteral("Client config file not found: '%1'").arg(*options.clientConfigOverride));
            clientPath.reset();
        }
    } else if (service.has("client_config_path")) {
        clientPath = service.existingPath("client_config_path", QStringLiteral("Client config file not found: '%1'"));
    }
    const toml::table *inlineClient = service.table("client_config");

    std::optional<toml::table> separateDoc;
    Context clientCtx = ctx;
    const toml::table *clientTable = nullptr;
    QString clientSection = RootSection + QStringLiteral(".client_config");
    if (clientPath) {
        config.clientConfigPath = *clientPath;
        clientCtx.file = *clientPath;
        clientCtx.baseDir = ctx.baseDir; // paths inside stay relative to the main config's folder
        const QString suffix = QFileInfo(*clientPath).suffix().toLower();
        const auto given = options.fileContents.constFind(QDir::cleanPath(QFileInfo(*clientPath).absoluteFilePath()));
        const QByteArray bytes = given != options.fileContents.cend()
            ? *given
            : readAll(*clientPath, *clientPath, result.diagnostics, QStringLiteral("The client config file"));
        if (suffix == QLatin1String("toml")) {
            separateDoc = parseToml(bytes, *clientPath, result.diagnostics);
        } else if (suffix == QLatin1String("properties")) {
            separateDoc = parseProperties(bytes);
        } else {
            ctx.error(clientPathPos, QStringLiteral("Unsupported client config file type '.%1': use .toml or .properties").arg(suffix));
        }
        if (separateDoc) {
            // Pointing client_config_path at a full config.toml uses its client_config table.
            const toml::node *nested = separateDoc->at_path(RootSection.toStdString() + ".client_config").node();
            if (nested && nested->is_table()) {
                clientTable = nested->as_table();
            } else {
                clientTable = &*separateDoc;
                clientSection = QStringLiteral("client_config");
            }
        }
    } else if (inlineClient) {
        clientTable = inlineClient;
    } else if (!hasErrors(result.diagnostics)) {
        ctx.error(service.position(), QStringLiteral("Missing client configuration: add a [%1.client_config] table "
                                                     "or set client_config_path").arg(RootSection));
    }

    if (clientTable) {
        TableReader client(*clientTable, clientSection, clientCtx);
        if (config.clientKind == ClientKind::Jira)
            config.jira = readJira(client);
        else
            config.jsonl = readJsonl(client);
    }
    service.finish();

    // Report in file order, like a compiler, whatever order the checks ran in.
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    if (!hasErrors(result.diagnostics))
        result.config = std::move(config);
    for (const Diagnostic &d : std::as_const(result.diagnostics))
        if (!d.isError())
            qCInfo(lcConfig).noquote() << d.toString();
    return result;
}

} // namespace tbds::config
