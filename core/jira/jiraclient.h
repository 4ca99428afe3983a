// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/jira/jiraauth.h"
#include "core/jira/jiracall.h"
#include "core/jira/jiraerror.h"
#include "core/jira/jirarequest.h"
#include "core/jira/jqlsearch.h"
#include "core/jira/retrypolicy.h"
#include "core/jira/serverinfo.h"

#include <QHash>
#include <QJsonDocument>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace tbds::jira {

struct ExchangeSettings;
struct JiraResponse;

/**
 * Asynchronous client for the Jira REST API, Cloud (v3) and Data Center (v2).
 *
 * One QNetworkAccessManager per client. Every operation returns a JiraCall (or a JqlSearch) that
 * finishes exactly once, can be aborted, and fails with a typed JiraError. Operations whose URL or
 * shape depends on the flavour first fetch `serverInfo` once (detectServer()); calls made before
 * that wait for it. Requests carry credentials preemptively, a custom User-Agent and
 * `X-Atlassian-Token: no-check`, a transfer timeout from `timeout`, and are retried on 429/503
 * per RetryPolicy when idempotent.
 *
 * A client lives on one thread (the engine's or the GUI's); all signals arrive there.
 */
class JiraClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JiraClient)

public:
    using QueryItems = QList<std::pair<QString, QString>>;

    /** `secrets` override the config's credentials (keychain values from the GUI). */
    explicit JiraClient(const config::JiraClientConfig &config, const JiraSecrets &secrets = {},
                        QObject *parent = nullptr);
    ~JiraClient() override;

    /** Set when credentials, the OAuth key or TLS files are unusable; every call then fails with it. */
    [[nodiscard]] const std::optional<JiraError> &configurationError() const { return m_configError; }
    [[nodiscard]] QUrl serverUrl() const { return m_base; }
    [[nodiscard]] bool hasServerInfo() const { return m_serverInfo.has_value(); }
    /** Valid once detectServer() succeeded (or setServerInfo() was called). */
    [[nodiscard]] ServerInfo serverInfo() const { return m_serverInfo.value_or(ServerInfo{}); }
    [[nodiscard]] Flavour flavour() const { return m_serverInfo ? m_serverInfo->flavour : Flavour::Unknown; }
    /** Skips detection, e.g. when the engine already knows the server. */
    void setServerInfo(const ServerInfo &info);

    [[nodiscard]] RetryPolicy retryPolicy() const;
    void setRetryPolicy(const RetryPolicy &policy);
    [[nodiscard]] std::chrono::milliseconds timeout() const;
    void setTimeout(std::chrono::milliseconds timeout);
    [[nodiscard]] QNetworkAccessManager *networkAccessManager() const { return m_network; }
    /** Summary of the authentication for the GUI and logs (no secrets). */
    [[nodiscard]] QString authDescription() const;

    // --- Server and account ------------------------------------------------------------------
    /** `GET /rest/api/2/serverInfo` (anonymous-capable); result: the serverInfo object. */
    [[nodiscard]] JiraCall *detectServer();
    /** `GET myself`: the way to validate credentials (contract §2.4). Result: user object. */
    [[nodiscard]] JiraCall *myself();

    // --- Projects and metadata ---------------------------------------------------------------
    /** All visible projects as an array: Cloud pages `project/search`, DC `GET project`. */
    [[nodiscard]] JiraCall *projects();
    /** Issue types creatable in a project (createmeta; old endpoint on DC < 8.4). Array. */
    [[nodiscard]] JiraCall *createMetaIssueTypes(const QString &projectKey);
    /** Create-screen fields of one issue type, as an array of objects that all carry `fieldId`. */
    [[nodiscard]] JiraCall *createMetaFields(const QString &projectKey, const QString &issueTypeId);
    [[nodiscard]] JiraCall *fields();          ///< array
    [[nodiscard]] JiraCall *priorities();      ///< array
    [[nodiscard]] JiraCall *issueTypes();      ///< array (global list; per project see createmeta)
    /** `project/{key}/statuses`: array grouped by issue type. */
    [[nodiscard]] JiraCall *projectStatuses(const QString &projectKey);
    /** `mypermissions`; empty `permissions` asks for defectServicePermissions(). Result object. */
    [[nodiscard]] JiraCall *myPermissions(const QString &projectKey, const QStringList &permissions = {});
    /** Cloud `query=`, DC `username=`. Result: array of users. */
    [[nodiscard]] JiraCall *searchUsers(const QString &query, int maxResults = 50);

    // --- JQL ---------------------------------------------------------------------------------
    /** Starts a paged search; the JqlSearch is a child of `parent` (default: this client). */
    [[nodiscard]] JqlSearch *searchJql(const JqlSearch::Options &options, QObject *parent = nullptr);
    /**
     * Cloud `POST jql/parse?validation=strict`, DC `search?validateQuery=true&maxResults=0`.
     * Result: {"valid": bool, "errors": [..], "warnings": [..]}; invalid JQL is a successful call.
     */
    [[nodiscard]] JiraCall *validateJql(const QString &jql);
    /** `jql/autocompletedata`: field names, functions, reserved words. */
    [[nodiscard]] JiraCall *jqlAutocompleteData();

    // --- Issues ------------------------------------------------------------------------------
    /** `GET issue/{key}`; empty `fields` means Jira's default (*all). */
    [[nodiscard]] JiraCall *issue(const QString &key, const QStringList &fields = {}, const QStringList &expand = {});
    /** `POST issue` with {"fields":…, "update":…}; never retried. Result {id, key, self}. */
    [[nodiscard]] JiraCall *createIssue(const QJsonObject &body);
    /** `PUT issue/{key}`; 204 → null result. */
    [[nodiscard]] JiraCall *updateIssue(const QString &key, const QJsonObject &body, bool notifyUsers = true);
    [[nodiscard]] JiraCall *deleteIssue(const QString &key, bool deleteSubtasks = false);
    /** Available transitions (with fields) as an array. */
    [[nodiscard]] JiraCall *transitions(const QString &key);
    /** `POST issue/{key}/transitions`; never retried. */
    [[nodiscard]] JiraCall *transitionIssue(const QString &key, const QString &transitionId,
                                            const QJsonObject &fields = {});
    /** Multipart upload (part `file`); never retried. Result: array of attachment objects. */
    [[nodiscard]] JiraCall *addAttachment(const QString &key, const QString &fileName, const QByteArray &content,
                                          const QByteArray &mimeType = QByteArrayLiteral("application/octet-stream"));
    [[nodiscard]] JiraCall *deleteAttachment(const QString &attachmentId);
    /** All change histories, oldest first (Cloud: paged `changelog`; DC: `expand=changelog`). */
    [[nodiscard]] JiraCall *changelog(const QString &key);

    // --- Building blocks ---------------------------------------------------------------------
    /** `{server}/rest/api/{2|3}/{path}?{query}`; query values are percent-encoded here. */
    [[nodiscard]] QUrl apiUrl(const QString &path, const QueryItems &query = {}) const;
    /** `{server}/browse/{KEY}` permalink. */
    [[nodiscard]] QUrl browseUrl(const QString &issueKey) const;
    /** Sends any request; JSON (or empty) result. The call is a child of `parent` (default: this). */
    [[nodiscard]] JiraCall *send(JiraRequest request, QObject *parent = nullptr);
    /** A JSON request with the right method semantics (idempotent unless POST). */
    [[nodiscard]] static JiraRequest jsonRequest(const QByteArray &method, const QUrl &url,
                                                 const QJsonDocument &body = {});

    /** Description value for this flavour: ADF on Cloud (v3), the plain string on DC. */
    [[nodiscard]] QJsonValue textFieldValue(const QString &text) const;
    /** Account reference for reporter/assignee: {"accountId"} on Cloud, {"name"} on DC. */
    [[nodiscard]] QJsonObject userReference(const QString &accountIdOrName) const;
    /** The permissions the defect service needs (testbench docs): browse, users, CRUD, transitions, attachments. */
    [[nodiscard]] static QStringList defectServicePermissions();
    /** `permissions.<KEY>.havePermission` of a myPermissions() result. */
    [[nodiscard]] static QHash<QString, bool> permissionMap(const QJsonObject &myPermissionsResult);

signals:
    void serverInfoChanged();

private:
    friend class JqlSearch;
    using JsonHandler = std::function<void(const QJsonDocument &, const JiraResponse &)>;
    using ErrorFilter = std::function<bool(const JiraResponse &, const JiraError &)>;

    [[nodiscard]] JiraCall *newCall(const QString &operation, QObject *parent = nullptr);
    [[nodiscard]] JiraErrorContext errorContext(const JiraRequest &request) const;
    /** Runs `ready` once the flavour is known (detecting it if needed), or fails `call`. */
    void whenReady(JiraCall *call, std::function<void()> ready);
    void whenReady(QObject *guard, std::function<void()> ready, std::function<void(const JiraError &)> failed);
    /**
     * Sends `request` on behalf of `call`. On a usable JSON (or empty) answer runs `onJson`;
     * otherwise fails the call — unless `filter` returns true (it took care of the error).
     */
    void run(JiraCall *call, JiraRequest request, JsonHandler onJson, ErrorFilter filter = {});
    /** A GET whose JSON answer is the result, once the flavour (REST version) is known. */
    [[nodiscard]] JiraCall *simpleGet(const QString &operation, const QString &path, const QueryItems &query = {});
    /**
     * GETs an offset-paged list (`values` / `issueTypes` / `fields` / `results`) page by page
     * from `startAt` and hands the whole array to `done`.
     */
    void collectPages(JiraCall *call, const QString &path, std::function<void(QJsonArray)> done, int startAt = 0,
                      QJsonArray collected = {});
    void onServerInfo(JiraCall *detection);

    config::JiraClientConfig m_config;
    QUrl m_base;
    QNetworkAccessManager *m_network = nullptr;
    std::shared_ptr<ExchangeSettings> m_settings;
    std::optional<JiraError> m_configError;
    std::optional<ServerInfo> m_serverInfo;
    QPointer<JiraCall> m_detection;
    bool m_credentialsWorked = false;
    QList<std::pair<QPointer<QObject>, std::pair<std::function<void()>, std::function<void(const JiraError &)>>>>
        m_waiting;
};

} // namespace tbds::jira
