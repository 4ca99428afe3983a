// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/defects/defectclient.h"
#include "core/defects/jiraissuemapper.h"
#include "core/defects/jiraprojectmeta.h"
#include "core/jira/jiraauth.h"
#include "core/jira/jiraerror.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace tbds::jira {
class JiraClient;
class JiraCall;
} // namespace tbds::jira

namespace tbds::defects {

/**
 * The Jira backend behind the service API (contract §7), on top of the asynchronous
 * jira::JiraClient: Cloud (REST v3, ADF descriptions, token paging) and Data Center (REST v2,
 * offset paging). Every operation runs as a chain of Jira calls on the thread the client lives
 * on (the engine's); nothing blocks and no event loop is nested.
 *
 * Fixes over the reference (contract §10.3): Jira failures reach TestBench as protocol entries
 * (or HTTP errors on routes without a protocol) carrying Jira's real cause, never as "no
 * defects found"; per-project `defect_jql` is honoured and only `{project}` is substituted; a
 * failure after an issue was created still returns its key, with a warning; null title and
 * description are never written as "None"; issues of other projects are refused; unknown
 * projects give 404 on `extended`; delete failures are protocol entries; unreachable statuses,
 * unknown users and unmapped values are reported as warnings; `mustField` follows `required`.
 *
 * Attachments (§7.8, §10.3-38): local paths in `references` are uploaded only from inside the
 * effective `attachments_root` (symlinks resolved), because the service must not read arbitrary
 * files of its host on a remote caller's behalf; everything else is refused with a warning.
 * Existing Jira attachments of the same name are replaced only when the local file is newer
 * (the reference's "Mode A" on both flavours, so no duplicates pile up); unreferenced ones are
 * kept. Upload and delete failures are warnings, never a lost issue key.
 */
class JiraDefectClient final : public QObject, public DefectClient
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JiraDefectClient)

public:
    /** Uses `config.jira` (must be set); `secrets` override the shared account's credentials. */
    explicit JiraDefectClient(const config::ServiceConfig &config, const jira::JiraSecrets &secrets = {},
                              QObject *parent = nullptr);
    ~JiraDefectClient() override;

    [[nodiscard]] QFuture<Outcome<Settings>> settings() override;
    [[nodiscard]] QFuture<Outcome<bool>> checkLogin(const std::optional<QString> &project) override;
    [[nodiscard]] QFuture<Outcome<QStringList>> projects() override;
    [[nodiscard]] QFuture<Outcome<ControlFields>> controlFields(const std::optional<QString> &project) override;
    [[nodiscard]] QFuture<Outcome<QList<UserDefinedAttribute>>>
    userDefinedAttributes(const std::optional<QString> &project) override;
    [[nodiscard]] QFuture<Outcome<ProtocolledDefectSet>> defects(const QString &project,
                                                                 const SyncContext &context) override;
    [[nodiscard]] QFuture<Outcome<ProtocolledDefectSet>> batch(const QString &project,
                                                               const BatchDefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<ProtocolledString>> create(const QString &project,
                                                             const DefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<Protocol>> update(const QString &project, const QString &defectId,
                                                    const DefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<Protocol>> remove(const QString &project, const QString &defectId,
                                                    const DefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<DefectWithAttributes>> extended(const QString &project, const QString &defectId,
                                                                  const SyncContext &context) override;
    [[nodiscard]] QFuture<Outcome<Results>> correct(const QString &project, const Results &results) override;
    [[nodiscard]] bool supportsChangesTimestamps() const override;

    /** The shared (service account) connection; tests tune its retry policy. */
    [[nodiscard]] jira::JiraClient *jiraClient() const { return m_jira; }
    /**
     * Forgets the project list. The reference kept the first list for the process lifetime;
     * here it is reused for `projectCacheTtl` and reloaded early when a project is not in it.
     */
    void refreshProjects();
    void setProjectCacheTtl(std::chrono::milliseconds ttl) { m_projectTtl = ttl; }

    /** One visible Jira project: the API's "Name (KEY)" identifier and Jira's key and id. */
    struct ProjectRef
    {
        QString display;
        QString key;
        QString id;
    };
    /** A control field as computed from metadata: wire key, Jira field id, allowed values. */
    struct ControlField
    {
        QString key;
        QString fieldId;
        QStringList values;
    };

private:
    using ErrorOpt = std::optional<jira::JiraError>;
    using ClientPtr = std::shared_ptr<jira::JiraClient>;

    void loadProjects(bool force, std::function<void(const ErrorOpt &)> done);
    void lookupProject(const QString &project, std::function<void(std::optional<ProjectRef>, ErrorOpt)> done);
    void loadMeta(const ClientPtr &client, const QString &projectKey,
                  std::function<void(JiraProjectMeta, ErrorOpt)> done);
    void computeControlFields(const std::optional<ProjectRef> &project, const QStringList &wanted,
                              std::function<void(QList<ControlField>, ErrorOpt)> done);
    using WriteTargetReady = std::function<void(const std::optional<ProjectRef> &, const ClientPtr &)>;
    /** Project lookup + write connection for create/update/delete; failures go to `fail`. */
    void lookupWriteTarget(const QString &project, const Login &principal, ProtocolCode accessCode,
                           ProtocolCode errorCode, std::function<void(ProtocolCode, const QString &)> fail,
                           WriteTargetReady ready);
    /** The connection for a write (§7.3): the shared one, or one with the principal's credentials. */
    [[nodiscard]] ClientPtr writeClient(const QString &project, const Login &principal, QString *problem) const;
    [[nodiscard]] ClientPtr sharedClient() const;
    /** Fills `plan.userLookups` into `plan.fields` by user searches; misses become warnings. */
    void resolveUsers(const ClientPtr &client, const std::shared_ptr<JiraWritePlan> &plan,
                      std::function<void()> done);
    /** Transition to `status` (if needed and possible); a problem comes back as a warning text. */
    void transitionTo(const ClientPtr &client, const QString &issueKey, const QString &status,
                      const std::optional<QString> &currentStatus, std::function<void(std::optional<QString>)> done);
    /** A referenced local file that may be uploaded (inside attachments_root). */
    struct LocalAttachment
    {
        QString name; ///< file name as referenced: the key matched against Jira's `filename`
        QString path; ///< canonical path, symlinks resolved
    };
    /** The accepted local files of `references` (by name, last wins); each refused one is a warning. */
    [[nodiscard]] static QList<LocalAttachment> acceptedAttachments(const std::optional<QStringList> &references,
                                                                    const std::optional<QString> &root,
                                                                    QStringList *warnings);
    /**
     * Attachment sync (§7.8) of `files` onto `issueKey`, whose current Jira attachments are
     * `existing` (`fields.attachment`); problems come back as warning texts. One file at a time.
     */
    void syncAttachments(const ClientPtr &client, const QString &issueKey, const QList<LocalAttachment> &files,
                         const QJsonArray &existing, std::function<void(QStringList)> done);

    config::ServiceConfig m_config;
    jira::JiraClient *m_jira = nullptr;
    QList<ProjectRef> m_projects;
    QElapsedTimer m_projectsAge;
    bool m_projectsLoaded = false;
    bool m_projectsLoading = false;
    QList<std::function<void(const ErrorOpt &)>> m_projectWaiters;
    std::chrono::milliseconds m_projectTtl{std::chrono::minutes(5)};
};

} // namespace tbds::defects
