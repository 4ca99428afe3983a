// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/serviceconfig.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tbds::ui {

/**
 * The answers of the "create configuration" wizard and their serialisation into a brand-new
 * config.toml (plus an optional separate client file) in the reference CLI's layout
 * (service-contract.md §5.8): scalar keys in model order, then `client_config`, `logging.console`,
 * `logging.file`, `server` and an empty `server.run_kwargs`; defaults materialised; arrays
 * multi-line with trailing commas. Full serialisation is fine here because there is no user text
 * to preserve yet; every later edit goes through the comment-preserving TomlEditor.
 */
struct NewConfig
{
    Q_DECLARE_TR_FUNCTIONS(tbds::ui::NewConfig)

public:
    QString host = QStringLiteral("127.0.0.1");
    int port = 8030;
    QString serviceUser = QStringLiteral("admin");
    QString servicePassword;

    config::ClientKind client = config::ClientKind::Jsonl;

    // JSONL client
    QString defectsPath = QStringLiteral("defects");
    bool readonly = false;
    QMap<QString, QStringList> controlFields;

    // Jira client
    QString serverUrl;
    QString authType = QStringLiteral("basic");
    QString username;
    bool verifySsl = true;
    QString oauth1KeyCertPath;
    QString defectJql = QStringLiteral("project = '{project}' AND issuetype in standardIssueTypes()");
    /** Secrets the user explicitly chose to keep in the file (plain text); by config key. */
    QMap<QString, QString> secretsInFile;

    /** Client settings in their own file next to config.toml (client_config_path). */
    bool separateClientFile = false;

    /** "jsonl_config.toml" / "jira_config.toml", the reference wizard's default name. */
    [[nodiscard]] QString clientFileName() const;
    /** The full main file text, hashing the service password with `salt` and `pepper`. */
    [[nodiscard]] Result<QByteArray> mainText(const QString &salt, const QByteArray &pepper) const;
    /** The separate client file (raw keys, no header); only meaningful with separateClientFile. */
    [[nodiscard]] QByteArray clientFileText() const;

    /**
     * Writes config.toml at `path` (and the client file beside it), creating the folder and, for
     * JSONL, the defects folder. An existing file is kept as `<path>.backup` like the reference.
     * Returns the written paths.
     */
    [[nodiscard]] Result<QStringList> write(const QString &path) const;

private:
    /** The client table's lines; `prefix` is the header prefix of its sub-tables. */
    [[nodiscard]] QString clientBody(const QString &prefix) const;
};

} // namespace tbds::ui
