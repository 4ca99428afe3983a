// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace tbds::config {

/** The two built-in defect clients; custom Python clients cannot run in a C++ engine. */
enum class ClientKind { Jsonl, Jira };

enum class JiraAuthType { Basic, Token, OAuth1 };

/** Sync hook scripts for one phase; values are absolute paths (resolved against the config folder). */
struct HookCommands
{
    std::optional<QString> scheduled;
    std::optional<QString> manual;
    std::optional<QString> partial;

    [[nodiscard]] std::optional<QString> forSyncType(const QString &syncType) const;
    friend bool operator==(const HookCommands &, const HookCommands &) = default;
};

/** `commands.presync` / `commands.postsync`. */
struct CommandsConfig
{
    std::optional<HookCommands> presync;
    std::optional<HookCommands> postsync;
    friend bool operator==(const CommandsConfig &, const CommandsConfig &) = default;
};

/** One logging handler (`[logging.console]` or `[logging.file]`). */
struct LogHandlerConfig
{
    QString level = QStringLiteral("INFO");
    QString format;
    QString filePath; // only for the file handler; absolute
};

struct ServerConfig
{
    bool singleProcess = true;
    int keepAliveTimeout = 5;
    QVariantMap runKwargs;
};

/** Per-project override of the JSONL client; absent members inherit the global value. */
struct JsonlProjectConfig
{
    std::optional<bool> readonly;
    std::optional<QMap<QString, QStringList>> controlFields;
    std::optional<bool> supportsChangesTimestamps;
    std::optional<QStringList> attributes;
    std::optional<CommandsConfig> commands;
};

/** `client_config` for the JSONL client (contract §5.6). */
struct JsonlClientConfig
{
    QString name = QStringLiteral("JSONL");
    QString description = QStringLiteral("JSONL client for managing defect records stored in a File.");
    QString defectsPath; // absolute
    bool readonly = false;
    QMap<QString, QStringList> controlFields;
    bool supportsChangesTimestamps = true;
    QStringList attributes = {QStringLiteral("title"), QStringLiteral("status")};
    std::optional<CommandsConfig> commands;
    QMap<QString, JsonlProjectConfig> projects;
    /** Keys given explicitly in the file, so the GUI can tell "global" from "default". */
    QSet<QString> explicitKeys;
};

/** Per-project override of the Jira client (keyed by "Name (KEY)" or by the bare KEY). */
struct JiraProjectConfig
{
    std::optional<QString> defectJql;
    std::optional<QStringList> attributes;
    std::optional<QStringList> controlFields;
    std::optional<bool> readonly;
    std::optional<CommandsConfig> commands;
    std::optional<bool> showChangeHistory;
    std::optional<bool> enableSharedAuth;
    std::optional<QString> attachmentsRoot; // absolute
};

/** Where a secret's value came from; the GUI shows it. */
enum class SecretSource { None, ConfigFile, Environment, External };

/** `client_config` for the Jira client (contract §5.7). */
struct JiraClientConfig
{
    QString name = QStringLiteral("Jira");
    QString serverUrl;
    JiraAuthType authType = JiraAuthType::Basic;
    std::optional<QString> username;
    std::optional<QString> password;
    std::optional<QString> token;
    std::optional<QString> oauth1AccessToken;
    std::optional<QString> oauth1AccessTokenSecret;
    std::optional<QString> oauth1ConsumerKey;
    std::optional<QString> oauth1KeyCertPath; // absolute
    std::optional<QString> oauth1KeyCert;     // PEM text
    bool verifySsl = true;
    std::optional<QString> sslCaCertPath;
    std::optional<QString> clientCertPath;
    std::optional<QString> clientKeyPath;
    QString defectJql = QStringLiteral("project = '{project}' AND issuetype in standardIssueTypes()");
    QStringList attributes = {QStringLiteral("title"), QStringLiteral("status")};
    QStringList controlFields = {QStringLiteral("priority"), QStringLiteral("status"),
                                 QStringLiteral("classification")};
    bool readonly = false;
    std::optional<bool> showChangeHistory;
    std::optional<bool> enableSharedAuth;
    /**
     * Folder on the service host that defect references may name local files in, for attachment
     * upload (our addition: the reference uploaded any file the TestBench user named). Absent
     * means no local file is ever uploaded.
     */
    std::optional<QString> attachmentsRoot; // absolute
    bool supportsChangesTimestamps = true;
    int timeout = 30;
    int maxRetries = 3;
    std::optional<CommandsConfig> commands;
    QMap<QString, JiraProjectConfig> projects;
    QSet<QString> explicitKeys;
    /** Secret key name (e.g. "password") → where it was found. */
    QMap<QString, SecretSource> secretSources;
};

/** The whole `[testbench-defect-service]` table, typed and validated. */
struct ServiceConfig
{
    QString configPath; // absolute path of the main file
    ClientKind clientKind = ClientKind::Jsonl;
    QString clientClass = QStringLiteral("testbench_defect_service.clients.JsonlDefectClient");
    std::optional<QString> clientConfigPath; // absolute
    QString host = QStringLiteral("127.0.0.1");
    int port = 8030;
    bool debug = false;
    std::optional<QString> passwordHash;
    std::optional<QString> salt;
    SecretSource passwordHashSource = SecretSource::None;
    std::optional<QString> sslCert;
    std::optional<QString> sslKey;
    std::optional<QString> sslCaCert;
    std::optional<int> proxiesCount;
    std::optional<QString> realIpHeader;
    std::optional<QString> forwardedSecret;
    LogHandlerConfig consoleLog{QStringLiteral("INFO"), QStringLiteral("%(asctime)s %(levelname)8s: %(message)s"), {}};
    LogHandlerConfig fileLog{QStringLiteral("INFO"),
                             QStringLiteral("%(asctime)s - %(levelname)8s - %(name)s - %(message)s"),
                             QStringLiteral("testbench-defect-service.log")};
    ServerConfig server;
    std::optional<JsonlClientConfig> jsonl;
    std::optional<JiraClientConfig> jira;

    /** True when HTTPS is on: both certificate and key set (one alone means plain HTTP, as the reference). */
    [[nodiscard]] bool tlsEnabled() const { return sslCert.has_value() && sslKey.has_value(); }
};

} // namespace tbds::config
