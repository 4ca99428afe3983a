// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jiradefectclient.h"

#include "core/common/logging.h"
#include "core/config/projectsettings.h"
#include "core/defects/datetime.h"
#include "core/defects/jiraissuemapper.h"
#include "core/jira/jiracall.h"
#include "core/jira/jiraclient.h"
#include "core/jira/jqlsearch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QPromise>
#include <QSet>

#include <algorithm>

namespace tbds::defects {

namespace {

using jira::JiraCall;
using jira::JiraClient;
using jira::JiraError;
using Kind = JiraError::Kind;
using Meta = JiraProjectMeta;

/** After a miss, the project list is reloaded when it is at least this old. */
constexpr qint64 ProjectMissReloadMs = 10000;

// ---- plumbing ------------------------------------------------------------------------------

/** The promise behind one operation's future; copies share it, the first result wins. */
template<typename T> class Completion
{
public:
    Completion() : m_promise(std::make_shared<QPromise<Outcome<T>>>()) { m_promise->start(); }
    [[nodiscard]] QFuture<Outcome<T>> future() const { return m_promise->future(); }
    void operator()(Outcome<T> outcome) const
    {
        if (m_promise->future().isFinished())
            return;
        m_promise->addResult(std::move(outcome));
        m_promise->finish();
    }

private:
    std::shared_ptr<QPromise<Outcome<T>>> m_promise;
};

template<typename T> QFuture<Outcome<T>> ready(T value)
{
    Completion<T> done;
    done(std::move(value));
    return done.future();
}

/** Runs `fn(const JiraCall &)` when `call` finishes (on `context`'s thread) and disposes of it. */
template<typename Fn> void onDone(QObject *context, JiraCall *call, Fn fn)
{
    call->onFinished(context, [fn = std::move(fn)](JiraCall *c) mutable {
        c->deleteLater();
        fn(*c);
    });
}

// ---- messages ------------------------------------------------------------------------------

QString unknownProject(const QString &project)
{
    return QStringLiteral("Unknown project '%1': '%1'").arg(project);
}

QString projectNotFound(const QString &project)
{
    return QStringLiteral("Project '%1' not found or access denied").arg(project);
}

bool isAccessProblem(const JiraError &error)
{
    switch (error.kind) {
    case Kind::Unauthorized:
    case Kind::TokenExpired:
    case Kind::Captcha:
    case Kind::Forbidden:
    case Kind::Configuration:
        return true;
    default:
        return false;
    }
}

/** Access problems get `accessCode` (READ_ACCESS_ERROR…), everything else `otherCode`. */
ProtocolCode codeFor(const JiraError &error, ProtocolCode accessCode, ProtocolCode otherCode)
{
    return isAccessProblem(error) ? accessCode : otherCode;
}

/**
 * A Jira failure on a route without a protocol. Statuses and leading texts are the reference's
 * (§7.1) where it had one; the text after "Details:" is the real cause.
 */
HttpError httpErrorFor(const JiraError &error, const QString &serverUrl)
{
    const QString details = QStringLiteral("Details: ") + error.toString();
    switch (error.kind) {
    case Kind::Unauthorized:
    case Kind::TokenExpired:
        return {401,
                QStringLiteral("Unable to connect to Jira. Your API token may be expired or the credentials provided "
                               "are incorrect. Please verify your settings and try again.")
                    + details,
                {}};
    case Kind::Captcha:
    case Kind::Forbidden:
        return {403,
                QStringLiteral("Access Denied: You do not have the required permissions to perform this action in "
                               "Jira. Check your project roles or contact your administrator.")
                    + details,
                {}};
    case Kind::Timeout:
        return {404, QStringLiteral("Unable to connect to Jira server at %1: Connection timeout. ").arg(serverUrl) + details,
                {}};
    case Kind::NotFound:
        return {404, QStringLiteral("Jira resource not found (404). ") + details, {}};
    case Kind::RateLimited:
        return {429, QStringLiteral("Jira is rate limiting the service account. ") + details, {}};
    default:
        return {502, QStringLiteral("Jira request failed. ") + details, {}};
    }
}

QString projectKeyOf(const QJsonObject &issue)
{
    const QString key = issue.value(QLatin1String("fields"))
                            .toObject()
                            .value(QLatin1String("project"))
                            .toObject()
                            .value(QLatin1String("key"))
                            .toString();
    if (!key.isEmpty())
        return key;
    const QString issueKey = issue.value(QLatin1String("key")).toString();
    return issueKey.left(issueKey.lastIndexOf(QLatin1Char('-')));
}

QString fieldName(const QJsonObject &issue, const char *field, const char *property = "name")
{
    return issue.value(QLatin1String("fields"))
        .toObject()
        .value(QLatin1String(field))
        .toObject()
        .value(QLatin1String(property))
        .toString();
}

QString otherProjectMessage(const QString &issueKey, const QString &actualKey, const QString &project)
{
    return QStringLiteral("Issue '%1' belongs to Jira project '%2', not to '%3'.").arg(issueKey, actualKey, project);
}

/** `{project}` → key; other braces stay literal (the reference's str.format broke on them). */
QString expandJql(const QString &jqlTemplate, const QString &projectKey)
{
    QString jql = jqlTemplate;
    return jql.replace(QLatin1String("{project}"), projectKey);
}

} // namespace

// ---- construction and caches ---------------------------------------------------------------

JiraDefectClient::JiraDefectClient(const config::ServiceConfig &config, const jira::JiraSecrets &secrets,
                                   QObject *parent)
    : QObject(parent), m_config(config)
{
    if (!m_config.jira) {
        qCWarning(lcDefects) << "JiraDefectClient created without a Jira client configuration";
        m_config.jira = config::JiraClientConfig{};
    }
    m_jira = new JiraClient(*m_config.jira, secrets, this);
}

JiraDefectClient::~JiraDefectClient() = default;

JiraDefectClient::ClientPtr JiraDefectClient::sharedClient() const
{
    return ClientPtr(m_jira, [](JiraClient *) {}); // owned by this object
}

void JiraDefectClient::refreshProjects()
{
    m_projectsLoaded = false;
}

void JiraDefectClient::loadProjects(bool force, std::function<void(const ErrorOpt &)> done)
{
    const bool fresh = m_projectsLoaded && m_projectsAge.isValid() && m_projectsAge.elapsed() < m_projectTtl.count();
    if (fresh && !force) {
        done(std::nullopt);
        return;
    }
    m_projectWaiters.append(std::move(done));
    if (m_projectsLoading)
        return;
    m_projectsLoading = true;
    onDone(this, m_jira->projects(), [this](const JiraCall &call) {
        m_projectsLoading = false;
        ErrorOpt error;
        if (call.isOk()) {
            QList<ProjectRef> projects;
            const QJsonArray array = call.array();
            for (const QJsonValue &value : array) {
                const QJsonObject project = value.toObject();
                const QString key = project.value(QLatin1String("key")).toString();
                const QString name = project.value(QLatin1String("name")).toString();
                projects.append({QStringLiteral("%1 (%2)").arg(name, key), key,
                                 project.value(QLatin1String("id")).toString()});
            }
            m_projects = std::move(projects);
            m_projectsLoaded = true;
            m_projectsAge.start();
        } else {
            error = call.error();
        }
        const auto waiters = std::exchange(m_projectWaiters, {});
        for (const auto &waiter : waiters)
            waiter(error);
    });
}

void JiraDefectClient::lookupProject(const QString &project,
                                     std::function<void(std::optional<ProjectRef>, ErrorOpt)> done)
{
    auto find = [this, project]() -> std::optional<ProjectRef> {
        for (const ProjectRef &ref : std::as_const(m_projects)) {
            if (ref.display == project)
                return ref;
        }
        return std::nullopt;
    };
    loadProjects(false, [this, find, done](const ErrorOpt &error) {
        if (error) {
            done(std::nullopt, error);
            return;
        }
        if (auto ref = find()) {
            done(ref, std::nullopt);
            return;
        }
        // A project created since the last load shows up without a restart (§10.3-40).
        if (m_projectsAge.isValid() && m_projectsAge.elapsed() < ProjectMissReloadMs) {
            done(std::nullopt, std::nullopt);
            return;
        }
        loadProjects(true, [find, done](const ErrorOpt &reloadError) {
            if (reloadError)
                done(std::nullopt, reloadError);
            else
                done(find(), std::nullopt);
        });
    });
}

void JiraDefectClient::loadMeta(const ClientPtr &client, const QString &projectKey,
                                std::function<void(JiraProjectMeta, ErrorOpt)> done)
{
    onDone(this, client->createMetaIssueTypes(projectKey), [this, client, projectKey, done](const JiraCall &call) {
        JiraProjectMeta meta;
        meta.projectKey = projectKey;
        if (!call.isOk()) {
            // Old DC createmeta says "not found" when the account may not create issues there.
            if (call.error().kind == Kind::NotFound)
                done(meta, std::nullopt);
            else
                done(meta, call.error());
            return;
        }
        const QJsonArray types = call.array();
        for (const QJsonValue &value : types) {
            const QJsonObject type = value.toObject();
            meta.issueTypes.append({type.value(QLatin1String("id")).toString(),
                                    type.value(QLatin1String("name")).toString(),
                                    type.value(QLatin1String("subtask")).toBool(), {}});
        }
        if (meta.issueTypes.isEmpty()) {
            done(meta, std::nullopt);
            return;
        }
        auto shared = std::make_shared<JiraProjectMeta>(std::move(meta));
        auto pending = std::make_shared<qsizetype>(shared->issueTypes.size());
        auto firstError = std::make_shared<ErrorOpt>();
        for (qsizetype i = 0; i < shared->issueTypes.size(); ++i) {
            onDone(this, client->createMetaFields(projectKey, shared->issueTypes.at(i).id),
                   [shared, pending, firstError, i, done](const JiraCall &fieldsCall) {
                       if (fieldsCall.isOk()) {
                           const QJsonArray fields = fieldsCall.array();
                           for (const QJsonValue &field : fields)
                               shared->issueTypes[i].fields.append(field.toObject());
                       } else if (isAccessProblem(fieldsCall.error()) || fieldsCall.error().kind == Kind::RateLimited) {
                           if (!*firstError)
                               *firstError = fieldsCall.error();
                       } else {
                           // One odd issue type must not hide the fields of all others (§10.3-36).
                           qCWarning(lcDefects).noquote()
                               << "no create metadata for issue type" << shared->issueTypes.at(i).name << "of"
                               << shared->projectKey << ":" << fieldsCall.error().toString();
                       }
                       if (--*pending == 0)
                           done(*shared, *firstError);
                   });
        }
    });
}

JiraDefectClient::ClientPtr JiraDefectClient::writeClient(const QString &project, const Login &principal,
                                                          QString *problem) const
{
    const config::ProjectSettings settings(m_config, project);
    const bool shared = settings.enableSharedAuth().value.value_or(false);
    const config::JiraAuthType authType = m_config.jira->authType;
    if (shared || authType == config::JiraAuthType::OAuth1)
        return sharedClient();
    if (principal.username.isEmpty() && authType == config::JiraAuthType::Basic) {
        *problem = QStringLiteral("The TestBench user has no Jira user name in its defect management login; enter "
                                  "it in TestBench or set enable_shared_auth = true.");
        return {};
    }
    if (principal.password.isEmpty()) {
        *problem = authType == config::JiraAuthType::Token
            ? QStringLiteral("The TestBench user has no Jira personal access token in its defect management login "
                             "(password); enter it in TestBench or set enable_shared_auth = true.")
            : QStringLiteral("The TestBench user has no Jira password or API token in its defect management login; "
                             "enter it in TestBench or set enable_shared_auth = true.");
        return {};
    }
    config::JiraClientConfig cfg = *m_config.jira;
    jira::JiraSecrets secrets;
    if (authType == config::JiraAuthType::Basic) {
        cfg.username = principal.username;
        cfg.password = principal.password;
        secrets.username = principal.username;
        secrets.password = principal.password;
    } else {
        cfg.token = principal.password;
        secrets.token = principal.password;
    }
    // Not a child: the operation owns it; deleteLater because its own signal may be running.
    ClientPtr client(new JiraClient(cfg, secrets), [](JiraClient *c) { c->deleteLater(); });
    client->setRetryPolicy(m_jira->retryPolicy());
    client->setTimeout(m_jira->timeout());
    if (m_jira->hasServerInfo())
        client->setServerInfo(m_jira->serverInfo());
    return client;
}

void JiraDefectClient::resolveUsers(const ClientPtr &client, const std::shared_ptr<JiraWritePlan> &plan,
                                    std::function<void()> done)
{
    struct Query
    {
        qsizetype lookup;
        QString text;
    };
    QList<Query> queries;
    for (qsizetype i = 0; i < plan->userLookups.size(); ++i) {
        for (const QString &text : plan->userLookups.at(i).queries)
            queries.append({i, text});
    }
    if (queries.isEmpty()) {
        done();
        return;
    }
    const bool cloud = client->flavour() == jira::Flavour::Cloud;
    auto found = std::make_shared<QList<QJsonArray>>(plan->userLookups.size());
    auto pending = std::make_shared<qsizetype>(queries.size());
    auto finish = [plan, found, done]() {
        for (qsizetype i = 0; i < plan->userLookups.size(); ++i) {
            const JiraWritePlan::UserLookup &lookup = plan->userLookups.at(i);
            const QJsonArray users = found->at(i);
            if (lookup.array)
                plan->fields.insert(lookup.fieldId, users);
            else if (!users.isEmpty())
                plan->fields.insert(lookup.fieldId, users.first());
        }
        done();
    };
    for (const Query &query : std::as_const(queries)) {
        onDone(this, client->searchUsers(query.text, 50),
               [plan, found, pending, finish, query, cloud, client](const JiraCall &call) {
                   const JiraWritePlan::UserLookup &lookup = plan->userLookups.at(query.lookup);
                   if (!call.isOk()) {
                       plan->warnings.append(QStringLiteral("User '%1' for field '%2' was not set: %3")
                                                 .arg(query.text, lookup.fieldId, call.error().toString()));
                   } else {
                       // Prefer an exact match on login, e-mail or display name over the first hit.
                       const QJsonArray users = call.array();
                       QJsonObject chosen;
                       for (const QJsonValue &value : users) {
                           const QJsonObject user = value.toObject();
                           for (const char *key : {"name", "emailAddress", "displayName", "accountId", "key"}) {
                               if (user.value(QLatin1String(key)).toString().compare(query.text, Qt::CaseInsensitive) == 0) {
                                   chosen = user;
                                   break;
                               }
                           }
                           if (!chosen.isEmpty())
                               break;
                       }
                       if (chosen.isEmpty() && !users.isEmpty())
                           chosen = users.first().toObject();
                       if (chosen.isEmpty()) {
                           plan->warnings.append(QStringLiteral("User '%1' for field '%2' was not found in Jira; the "
                                                                "field was not set.")
                                                     .arg(query.text, lookup.fieldId));
                       } else {
                           const QString id = cloud ? chosen.value(QLatin1String("accountId")).toString()
                                                    : chosen.value(QLatin1String("name")).toString();
                           (*found)[query.lookup].append(client->userReference(id));
                       }
                   }
                   if (--*pending == 0)
                       finish();
               });
    }
}

void JiraDefectClient::transitionTo(const ClientPtr &client, const QString &issueKey, const QString &status,
                                    const std::optional<QString> &currentStatus,
                                    std::function<void(std::optional<QString>)> done)
{
    if (status.isEmpty()) {
        done(std::nullopt);
        return;
    }
    if (!currentStatus) {
        onDone(this, client->issue(issueKey, {QStringLiteral("status")}),
               [this, client, issueKey, status, done](const JiraCall &call) {
                   if (!call.isOk()) {
                       done(QStringLiteral("Status not changed to '%1': %2").arg(status, call.error().toString()));
                       return;
                   }
                   transitionTo(client, issueKey, status, fieldName(call.object(), "status"), done);
               });
        return;
    }
    if (*currentStatus == status) {
        done(std::nullopt);
        return;
    }
    const QString current = *currentStatus;
    onDone(this, client->transitions(issueKey), [this, client, issueKey, status, current, done](const JiraCall &call) {
        if (!call.isOk()) {
            done(QStringLiteral("Status not changed to '%1': %2").arg(status, call.error().toString()));
            return;
        }
        // The last matching transition, as the reference picks it.
        QJsonObject chosen;
        const QJsonArray transitions = call.array();
        for (const QJsonValue &value : transitions) {
            const QJsonObject transition = value.toObject();
            if (transition.value(QLatin1String("to")).toObject().value(QLatin1String("name")).toString() == status)
                chosen = transition;
        }
        if (chosen.isEmpty()) {
            done(QStringLiteral("Status '%1' cannot be reached from '%2' in the Jira workflow; the issue stays in '%2'.")
                     .arg(status, current));
            return;
        }
        // Required screen fields (a resolution on "Done") get an allowed value, preferring one
        // named like the target status, so the transition does not fail on them.
        QJsonObject fields;
        const QJsonObject screen = chosen.value(QLatin1String("fields")).toObject();
        for (auto it = screen.begin(); it != screen.end(); ++it) {
            const QJsonObject field = it.value().toObject();
            const QJsonArray allowed = field.value(QLatin1String("allowedValues")).toArray();
            if (!field.value(QLatin1String("required")).toBool() || allowed.isEmpty())
                continue;
            QJsonObject pick = allowed.first().toObject();
            for (const QJsonValue &value : allowed) {
                if (value.toObject().value(QLatin1String("name")).toString() == status)
                    pick = value.toObject();
            }
            fields.insert(it.key(), QJsonObject{{QStringLiteral("id"), pick.value(QLatin1String("id")).toString()}});
        }
        const QString transitionId = chosen.value(QLatin1String("id")).toString();
        onDone(this, client->transitionIssue(issueKey, transitionId, fields), [status, done](const JiraCall &result) {
            if (result.isOk())
                done(std::nullopt);
            else
                done(QStringLiteral("Status not changed to '%1': %2").arg(status, result.error().toString()));
        });
    });
}

QList<JiraDefectClient::LocalAttachment>
JiraDefectClient::acceptedAttachments(const std::optional<QStringList> &references, const std::optional<QString> &root,
                                      QStringList *warnings)
{
    QList<LocalAttachment> accepted;
    if (!references)
        return accepted;
    auto refuse = [warnings](const QString &reference, const QString &reason) {
        warnings->append(QStringLiteral("Attachment '%1' was not uploaded: %2").arg(reference, reason));
    };
#ifdef Q_OS_WIN
    constexpr Qt::CaseSensitivity Case = Qt::CaseInsensitive;
#else
    constexpr Qt::CaseSensitivity Case = Qt::CaseSensitive;
#endif
    // Strictly below `dir`: the root itself is no file to upload.
    auto inside = [](const QString &path, const QString &dir) {
        if (dir.isEmpty())
            return false;
        const QString prefix = dir.endsWith(QLatin1Char('/')) ? dir : dir + QLatin1Char('/');
        return path.size() > prefix.size() && path.startsWith(prefix, Case);
    };
    // The root as configured and as resolved: a caller may spell either (/tmp vs /private/tmp).
    const QString rootClean = root ? QDir::cleanPath(*root) : QString();
    const QString rootCanonical = root ? QFileInfo(*root).canonicalFilePath() : QString();
    for (const QString &reference : *references) {
        if (reference.isEmpty())
            continue;
        const QUrl url(reference);
        if (!url.scheme().isEmpty() && !url.host().isEmpty())
            continue; // links (the issue's own, attachment URLs) are not uploads
        if (!root) {
            refuse(reference, QStringLiteral("no attachments_root is configured, so the service reads no local files."));
            continue;
        }
        if (rootCanonical.isEmpty()) {
            refuse(reference, QStringLiteral("the attachments_root folder '%1' was not found.").arg(*root));
            continue;
        }
        // file:///… is a path too. A relative path is taken below the root: the service's
        // working directory means nothing to the caller.
        const QString local = url.isLocalFile() ? url.toLocalFile() : reference;
        const QString lexical = QDir::cleanPath(QDir(rootClean).absoluteFilePath(local));
        // Checked before existence, so a caller cannot probe which files exist outside the root.
        if (!inside(lexical, rootClean) && !inside(lexical, rootCanonical)) {
            refuse(reference, QStringLiteral("the file is outside attachments_root."));
            continue;
        }
        const QFileInfo info(lexical);
        const QString canonical = info.canonicalFilePath();
        if (canonical.isEmpty()) {
            refuse(reference, QStringLiteral("the file was not found."));
            continue;
        }
        // A symbolic link inside the root must not lead out of it.
        if (!inside(canonical, rootCanonical)) {
            refuse(reference, QStringLiteral("the file is outside attachments_root (symbolic link)."));
            continue;
        }
        const QFileInfo target(canonical);
        // Regular files only: a FIFO or device would block or never end.
        if (!target.isFile()) {
            refuse(reference, QStringLiteral("the path is not a regular file."));
            continue;
        }
        if (!target.isReadable()) {
            refuse(reference, QStringLiteral("the file is not readable by the service."));
            continue;
        }
        // Keyed by the name as referenced (what Jira will show); the same name again replaces it.
        const LocalAttachment file{info.fileName(), canonical};
        const auto same = std::find_if(accepted.begin(), accepted.end(),
                                       [&file](const LocalAttachment &a) { return a.name == file.name; });
        if (same != accepted.end())
            *same = file;
        else
            accepted.append(file);
    }
    return accepted;
}

namespace {

/** One step of an attachment sync: an upload, or the deletion of the copy it replaces. */
struct AttachmentStep
{
    QString name;
    QString path; ///< upload: the local file
    QString deleteId; ///< set: delete this Jira attachment (only after its upload succeeded)
};

struct AttachmentRun
{
    std::shared_ptr<JiraClient> client;
    QString issueKey;
    QList<AttachmentStep> steps;
    qsizetype next = 0;
    bool lastUploadOk = false;
    QStringList warnings;
    std::function<void(QStringList)> done;
};

/**
 * Runs the steps one after another: at most one file is in memory, and a failed upload can
 * still keep the old copy (its deletion is skipped).
 */
void runAttachmentSteps(QObject *context, const std::shared_ptr<AttachmentRun> &run)
{
    if (run->next >= run->steps.size()) {
        run->done(run->warnings);
        return;
    }
    const AttachmentStep step = run->steps.at(run->next++);
    if (!step.deleteId.isEmpty()) {
        if (!run->lastUploadOk) {
            runAttachmentSteps(context, run);
            return;
        }
        onDone(context, run->client->deleteAttachment(step.deleteId), [context, run, step](const JiraCall &call) {
            if (!call.isOk())
                run->warnings.append(QStringLiteral("The outdated attachment '%1' (id %2) of %3 was not deleted, so "
                                                    "it is there twice: %4")
                                         .arg(step.name, step.deleteId, run->issueKey, call.error().toString()));
            runAttachmentSteps(context, run);
        });
        return;
    }
    run->lastUploadOk = false;
    QFile file(step.path);
    if (!file.open(QIODevice::ReadOnly)) {
        run->warnings.append(
            QStringLiteral("Attachment '%1' was not uploaded: the file could not be read (%2).").arg(step.name, file.errorString()));
        runAttachmentSteps(context, run);
        return;
    }
    const QByteArray content = file.readAll();
    file.close();
    // The detected type, so Jira can preview images and text instead of offering a download.
    static const QMimeDatabase mimeDb;
    const QByteArray mimeType = mimeDb.mimeTypeForFileNameAndData(step.name, content).name().toUtf8();
    onDone(context, run->client->addAttachment(run->issueKey, step.name, content, mimeType),
           [context, run, step](const JiraCall &call) {
               run->lastUploadOk = call.isOk();
               if (!call.isOk())
                   run->warnings.append(QStringLiteral("Attachment '%1' was not uploaded to %2: %3")
                                            .arg(step.name, run->issueKey, call.error().toString()));
               runAttachmentSteps(context, run);
           });
}

/** Jira sends attachment ids as strings, Cloud's upload answer as numbers. */
QString attachmentId(const QJsonObject &attachment)
{
    const QJsonValue id = attachment.value(QLatin1String("id"));
    return id.isString() ? id.toString() : QString::number(id.toInteger());
}

} // namespace

void JiraDefectClient::syncAttachments(const ClientPtr &client, const QString &issueKey,
                                       const QList<LocalAttachment> &files, const QJsonArray &existing,
                                       std::function<void(QStringList)> done)
{
    auto run = std::make_shared<AttachmentRun>();
    run->client = client;
    run->issueKey = issueKey;
    run->done = std::move(done);
    for (const LocalAttachment &file : files) {
        // Mode A (§7.8): a same-named Jira attachment is replaced only when the local file is
        // newer than its `created` (both clocks are taken as right, as the reference does). One
        // that is not provably older, including an unreadable timestamp, keeps the name as is.
        const qint64 modified = QFileInfo(file.path).lastModified().toMSecsSinceEpoch();
        bool current = false;
        QStringList stale;
        for (const QJsonValue &value : existing) {
            const QJsonObject attachment = value.toObject();
            if (attachment.value(QLatin1String("filename")).toString() != file.name)
                continue;
            const Result<DateTime> created = DateTime::parse(attachment.value(QLatin1String("created")));
            if (created.ok() && created.value().isAware() && modified > created.value().toUnixMicroseconds() / 1000)
                stale.append(attachmentId(attachment));
            else
                current = true;
        }
        if (current)
            continue;
        // Upload first, delete after: a failed upload must not lose the copy Jira has.
        run->steps.append({file.name, file.path, {}});
        for (const QString &id : std::as_const(stale))
            run->steps.append({file.name, {}, id});
    }
    runAttachmentSteps(this, run);
}

void JiraDefectClient::computeControlFields(const std::optional<ProjectRef> &project, const QStringList &wanted,
                                            std::function<void(QList<ControlField>, ErrorOpt)> done)
{
    struct State
    {
        QList<ControlField> fromMeta;
        QStringList remaining;
        std::optional<ControlField> priorityFallback;
        std::optional<ControlField> classification;
        std::optional<ControlField> status;
        QStringList metaTypeNames;
    };
    auto state = std::make_shared<State>();
    state->remaining = wanted;
    const QString label = project ? project->display : QStringLiteral("(no project)");

    auto assemble = [state, done, label]() {
        QList<ControlField> result = state->fromMeta;
        if (state->priorityFallback)
            result.append(*state->priorityFallback);
        if (state->classification)
            result.append(*state->classification);
        if (state->status)
            result.append(*state->status);
        if (!state->remaining.isEmpty())
            qCWarning(lcDefects).noquote() << "control field(s)" << state->remaining.join(QStringLiteral(", "))
                                           << "configured but not found in the Jira metadata of" << label;
        done(result, std::nullopt);
    };
    // Step 3: statuses (and the project's issue types as a fallback for classification).
    auto statuses = [this, state, project, assemble, done]() {
        const bool wantStatus = state->remaining.contains(QLatin1String("status"));
        const bool wantClass = state->remaining.contains(QLatin1String("classification"));
        if (!wantStatus && !wantClass) {
            assemble();
            return;
        }
        JiraCall *call = project ? m_jira->projectStatuses(project->key)
                                 : m_jira->send(JiraClient::jsonRequest("GET", m_jira->apiUrl(QStringLiteral("status"))));
        onDone(this, call, [this, state, project, assemble, done, wantStatus, wantClass](const JiraCall &c) {
            if (!c.isOk()) {
                done({}, c.error());
                return;
            }
            QStringList statusNames;
            QStringList typeNames;
            const QJsonArray array = c.array();
            for (const QJsonValue &value : array) {
                const QJsonObject object = value.toObject();
                if (!project) {
                    statusNames.append(object.value(QLatin1String("name")).toString());
                    continue;
                }
                typeNames.append(object.value(QLatin1String("name")).toString());
                const QJsonArray list = object.value(QLatin1String("statuses")).toArray();
                for (const QJsonValue &s : list)
                    statusNames.append(s.toObject().value(QLatin1String("name")).toString());
            }
            std::sort(statusNames.begin(), statusNames.end());
            statusNames.removeDuplicates();
            if (wantStatus) {
                state->status = ControlField{QStringLiteral("status"), QStringLiteral("status"), statusNames};
                state->remaining.removeAll(QStringLiteral("status"));
            }
            if (wantClass) {
                QStringList names = state->metaTypeNames.isEmpty() ? typeNames : state->metaTypeNames;
                if (!project) {
                    // Without a project: the instance's issue types.
                    onDone(this, m_jira->issueTypes(), [state, assemble, done](const JiraCall &types) {
                        if (!types.isOk()) {
                            done({}, types.error());
                            return;
                        }
                        QStringList all;
                        const QJsonArray array = types.array();
                        for (const QJsonValue &t : array)
                            all.append(t.toObject().value(QLatin1String("name")).toString());
                        all.removeDuplicates();
                        state->classification
                            = ControlField{QStringLiteral("classification"), QStringLiteral("issuetype"), all};
                        state->remaining.removeAll(QStringLiteral("classification"));
                        assemble();
                    });
                    return;
                }
                names.removeDuplicates();
                state->classification = ControlField{QStringLiteral("classification"), QStringLiteral("issuetype"), names};
                state->remaining.removeAll(QStringLiteral("classification"));
            }
            assemble();
        });
    };
    // Step 2: priority from the instance list when the metadata did not offer it (no create
    // permission, or no project given).
    auto priority = [this, state, statuses, done]() {
        if (!state->remaining.contains(QLatin1String("priority"))) {
            statuses();
            return;
        }
        onDone(this, m_jira->priorities(), [state, statuses, done](const JiraCall &c) {
            if (!c.isOk()) {
                done({}, c.error());
                return;
            }
            QStringList names;
            const QJsonArray array = c.array();
            for (const QJsonValue &value : array)
                names.append(value.toObject().value(QLatin1String("name")).toString());
            state->priorityFallback = ControlField{QStringLiteral("Priority"), QStringLiteral("priority"), names};
            state->remaining.removeAll(QStringLiteral("priority"));
            statuses();
        });
    };
    if (!project) {
        priority();
        return;
    }
    // Step 1: fields with allowed values from the create metadata, in metadata order.
    loadMeta(sharedClient(), project->key, [state, priority, done](const JiraProjectMeta &meta, const ErrorOpt &error) {
        if (error) {
            done({}, error);
            return;
        }
        state->metaTypeNames = meta.issueTypeNames();
        for (const JiraIssueTypeMeta &type : meta.issueTypes) {
            for (const QJsonObject &field : type.fields) {
                const QString id = Meta::fieldId(field);
                const QString name = Meta::fieldName(field);
                if (!state->remaining.contains(id) && !state->remaining.contains(name))
                    continue;
                const QStringList values = Meta::allowedValueNames(field);
                if (values.isEmpty())
                    continue; // maybe a later issue type offers values
                state->fromMeta.append(ControlField{name, id, values});
                state->remaining.removeAll(id);
                state->remaining.removeAll(name);
            }
        }
        priority();
    });
}

// ---- routes --------------------------------------------------------------------------------

QFuture<Outcome<Settings>> JiraDefectClient::settings()
{
    return ready<Settings>(Settings{m_config.jira->name,
                                    QStringLiteral("Service enabling communication between the Testbench defect "
                                                   "manager wrapper and a Jira instance"),
                                    m_config.jira->readonly});
}

QFuture<Outcome<bool>> JiraDefectClient::checkLogin(const std::optional<QString> &project)
{
    Completion<bool> done;
    onDone(this, m_jira->myself(), [this, project, done](const JiraCall &call) {
        if (!call.isOk()) {
            qCInfo(lcDefects).noquote() << "check-login: Jira refused the service account:" << call.error().toString();
            done(false);
            return;
        }
        if (!project) {
            done(true);
            return;
        }
        lookupProject(*project, [done](const std::optional<ProjectRef> &ref, const ErrorOpt &) { done(ref.has_value()); });
    });
    return done.future();
}

QFuture<Outcome<QStringList>> JiraDefectClient::projects()
{
    Completion<QStringList> done;
    loadProjects(false, [this, done](const ErrorOpt &error) {
        if (error) {
            done(httpErrorFor(*error, m_config.jira->serverUrl));
            return;
        }
        QStringList names;
        for (const ProjectRef &ref : std::as_const(m_projects))
            names.append(ref.display);
        done(names);
    });
    return done.future();
}

QFuture<Outcome<ControlFields>> JiraDefectClient::controlFields(const std::optional<QString> &project)
{
    Completion<ControlFields> done;
    const QStringList wanted = config::ProjectSettings(m_config, project.value_or(QString())).jiraControlFields().value;
    auto compute = [this, done, wanted](const std::optional<ProjectRef> &ref) {
        computeControlFields(ref, wanted, [this, done](const QList<ControlField> &fields, const ErrorOpt &error) {
            if (error) {
                done(httpErrorFor(*error, m_config.jira->serverUrl));
                return;
            }
            ControlFields result;
            for (const ControlField &field : fields)
                result.append({field.key, field.values});
            done(result);
        });
    };
    if (!project) {
        compute(std::nullopt);
        return done.future();
    }
    lookupProject(*project, [this, done, compute, project](const std::optional<ProjectRef> &ref, const ErrorOpt &error) {
        if (error)
            done(httpErrorFor(*error, m_config.jira->serverUrl));
        else if (!ref)
            done(HttpError{404, projectNotFound(*project), {}});
        else
            compute(ref);
    });
    return done.future();
}

QFuture<Outcome<QList<UserDefinedAttribute>>>
JiraDefectClient::userDefinedAttributes(const std::optional<QString> &project)
{
    Completion<QList<UserDefinedAttribute>> done;
    if (!project) {
        // Without a project: every field of the instance (the reference's Mode B behaviour).
        onDone(this, m_jira->fields(), [this, done](const JiraCall &call) {
            if (!call.isOk()) {
                done(httpErrorFor(call.error(), m_config.jira->serverUrl));
                return;
            }
            QList<QJsonObject> fields;
            const QJsonArray array = call.array();
            for (const QJsonValue &value : array) {
                QJsonObject field = value.toObject();
                field.insert(QStringLiteral("fieldId"), field.value(QLatin1String("id")));
                fields.append(field);
            }
            done(JiraIssueMapper::toAttributes(fields));
        });
        return done.future();
    }
    lookupProject(*project, [this, done, project](const std::optional<ProjectRef> &ref, const ErrorOpt &error) {
        if (error) {
            done(httpErrorFor(*error, m_config.jira->serverUrl));
            return;
        }
        if (!ref) {
            done(HttpError{404, projectNotFound(*project), {}});
            return;
        }
        loadMeta(sharedClient(), ref->key, [this, done](const JiraProjectMeta &meta, const ErrorOpt &metaError) {
            if (metaError)
                done(httpErrorFor(*metaError, m_config.jira->serverUrl));
            else
                done(JiraIssueMapper::toAttributes(meta.unionFields()));
        });
    });
    return done.future();
}

QFuture<Outcome<ProtocolledDefectSet>> JiraDefectClient::defects(const QString &project, const SyncContext &)
{
    Completion<ProtocolledDefectSet> done;
    lookupProject(project, [this, done, project](const std::optional<ProjectRef> &ref, const ErrorOpt &error) {
        ProtocolledDefectSet result;
        if (error) {
            result.protocol.addGeneralError(codeFor(*error, ProtocolCode::ReadAccessError, ProtocolCode::InsertError),
                                            QStringLiteral("Failed to read the Jira projects: %1").arg(error->toString()));
            done(result);
            return;
        }
        if (!ref) {
            result.protocol.addGeneralError(ProtocolCode::ProjectNotFound, unknownProject(project));
            done(result);
            return;
        }
        const QString jql = expandJql(config::ProjectSettings(m_config, project).defectJql().value, ref->key);
        loadMeta(sharedClient(), ref->key, [this, done, project, ref, jql](const JiraProjectMeta &meta,
                                                                          const ErrorOpt &metaError) {
            if (metaError) {
                ProtocolledDefectSet failed;
                failed.protocol.addGeneralError(
                    codeFor(*metaError, ProtocolCode::ReadAccessError, ProtocolCode::InsertError),
                    QStringLiteral("Failed to fetch defects for project '%1': %2").arg(project, metaError->toString()));
                done(failed);
                return;
            }
            struct State
            {
                ProtocolledDefectSet result;
                QList<QJsonObject> udfFields;
                bool refusedAny = false;
            };
            auto state = std::make_shared<State>();
            state->udfFields = meta.unionFields();
            jira::JqlSearch::Options options;
            options.jql = jql;
            options.fields = {QStringLiteral("*all")};
            options.pageSize = 100;
            jira::JqlSearch *search = m_jira->searchJql(options, this);
            connect(search, &jira::JqlSearch::pageReady, this,
                    [this, state, ref, project](const QList<QJsonObject> &issues, int) {
                        for (const QJsonObject &issue : issues) {
                            const QString key = issue.value(QLatin1String("key")).toString();
                            const QString actual = projectKeyOf(issue);
                            if (actual != ref->key) {
                                state->result.protocol.addWarning(key, ProtocolCode::DefectNotFound,
                                                                  otherProjectMessage(key, actual, project));
                                state->refusedAny = true;
                                continue;
                            }
                            state->result.value.append(
                                JiraIssueMapper::toDefect(issue, state->udfFields, m_jira->browseUrl(key)));
                        }
                    });
            connect(search, &jira::JqlSearch::finished, this, [search, state, done, project] {
                search->deleteLater();
                if (state->result.value.isEmpty() && !state->refusedAny)
                    state->result.protocol.addGeneralError(
                        ProtocolCode::NoDefectFound,
                        QStringLiteral("No issues found for project '%1' using configured JQL.").arg(project));
                done(state->result);
            });
            connect(search, &jira::JqlSearch::failed, this, [search, done, project, jql](const JiraError &jiraError) {
                search->deleteLater();
                // A partial list would look like deleted defects to TestBench: report none.
                ProtocolledDefectSet failed;
                QString message = QStringLiteral("Failed to fetch defects for project '%1': %2")
                                      .arg(project, jiraError.toString());
                if (jiraError.kind == Kind::BadRequest)
                    message += QStringLiteral(" (JQL: %1)").arg(jql);
                failed.protocol.addGeneralError(
                    codeFor(jiraError, ProtocolCode::ReadAccessError, ProtocolCode::InsertError), message);
                done(failed);
            });
        });
    });
    return done.future();
}

QFuture<Outcome<ProtocolledDefectSet>> JiraDefectClient::batch(const QString &project,
                                                               const BatchDefectRequest &request)
{
    Completion<ProtocolledDefectSet> done;
    QStringList ids;
    for (const QString &id : request.defectIds) {
        if (!id.isEmpty())
            ids.append(id);
    }
    lookupProject(project, [this, done, project, ids](const std::optional<ProjectRef> &ref, const ErrorOpt &error) {
        ProtocolledDefectSet result;
        if (error) {
            result.protocol.addGeneralError(codeFor(*error, ProtocolCode::ReadAccessError, ProtocolCode::InsertError),
                                            QStringLiteral("Failed to read the Jira projects: %1").arg(error->toString()));
            done(result);
            return;
        }
        if (!ref) {
            result.protocol.addGeneralError(ProtocolCode::ProjectNotFound, unknownProject(project));
            done(result);
            return;
        }
        if (ids.isEmpty()) {
            done(result);
            return;
        }
        loadMeta(sharedClient(), ref->key, [this, done, project, ref, ids](const JiraProjectMeta &meta,
                                                                          const ErrorOpt &metaError) {
            if (metaError) {
                ProtocolledDefectSet failed;
                failed.protocol.addGeneralError(
                    codeFor(*metaError, ProtocolCode::ReadAccessError, ProtocolCode::InsertError),
                    QStringLiteral("Failed to fetch defects for project '%1': %2").arg(project, metaError->toString()));
                done(failed);
                return;
            }
            struct Fetched
            {
                bool ok = false;
                QJsonObject issue;
                JiraError error;
            };
            auto results = std::make_shared<QList<Fetched>>(ids.size());
            auto pending = std::make_shared<qsizetype>(ids.size());
            const QList<QJsonObject> udfFields = meta.unionFields();
            auto finish = [this, results, ids, udfFields, ref, project, done]() {
                ProtocolledDefectSet out;
                for (qsizetype i = 0; i < ids.size(); ++i) {
                    const QString &id = ids.at(i);
                    const Fetched &f = results->at(i);
                    if (!f.ok) {
                        if (f.error.kind == Kind::NotFound)
                            out.protocol.addWarning(id, ProtocolCode::DefectNotFound, QStringLiteral("Issue not found in Jira"));
                        else
                            out.protocol.addError(id, codeFor(f.error, ProtocolCode::ReadAccessError, ProtocolCode::InsertError),
                                                  QStringLiteral("Failed to fetch Jira issue: %1").arg(f.error.toString()));
                        continue;
                    }
                    const QString actual = projectKeyOf(f.issue);
                    if (actual != ref->key) {
                        out.protocol.addWarning(id, ProtocolCode::DefectNotFound, otherProjectMessage(id, actual, project));
                        continue;
                    }
                    const QString key = f.issue.value(QLatin1String("key")).toString();
                    out.value.append(JiraIssueMapper::toDefect(f.issue, udfFields, m_jira->browseUrl(key)));
                }
                done(out);
            };
            for (qsizetype i = 0; i < ids.size(); ++i) {
                onDone(this, m_jira->issue(ids.at(i), {QStringLiteral("*all")}),
                       [results, pending, finish, i](const JiraCall &call) {
                           Fetched &f = (*results)[i];
                           f.ok = call.isOk();
                           if (f.ok)
                               f.issue = call.object();
                           else
                               f.error = call.error();
                           if (--*pending == 0)
                               finish();
                       });
            }
        });
    });
    return done.future();
}

void JiraDefectClient::lookupWriteTarget(const QString &project, const Login &principal, ProtocolCode accessCode,
                                         ProtocolCode errorCode, std::function<void(ProtocolCode, const QString &)> fail,
                                         WriteTargetReady ready)
{
    // Shared by create, update and delete: the project must exist and the connection for the
    // write (shared or the principal's own, §7.3) must be usable; otherwise a protocol error.
    lookupProject(project, [this, project, principal, accessCode, errorCode, fail = std::move(fail),
                            ready = std::move(ready)](const std::optional<ProjectRef> &ref, const ErrorOpt &error) {
        if (error) {
            fail(codeFor(*error, ProtocolCode::ReadAccessError, errorCode),
                 QStringLiteral("Failed to read the Jira projects: %1").arg(error->toString()));
            return;
        }
        if (!ref) {
            fail(ProtocolCode::ProjectNotFound, unknownProject(project));
            return;
        }
        QString problem;
        const ClientPtr client = writeClient(project, principal, &problem);
        if (!client) {
            fail(accessCode, problem);
            return;
        }
        ready(ref, client);
    });
}

QFuture<Outcome<ProtocolledString>> JiraDefectClient::create(const QString &project, const DefectRequest &request)
{
    Completion<ProtocolledString> done;
    if (config::ProjectSettings(m_config, project).readonly().value) {
        ProtocolledString result;
        result.protocol.addError(project, ProtocolCode::InsertAccessError,
                                 QStringLiteral("Cannot create issue because the Jira project '%1' has been "
                                                "configured as read-only")
                                     .arg(project));
        done(result);
        return done.future();
    }
    const Defect defect = request.defect;
    // Refused references are known before Jira is asked; they are reported only with a key.
    auto refused = std::make_shared<QStringList>();
    const QList<LocalAttachment> files = acceptedAttachments(
        defect.references, config::ProjectSettings(m_config, project).attachmentsRoot().value, refused.get());
    auto fail = [done](ProtocolCode code, const QString &message) {
        ProtocolledString result;
        result.protocol.addGeneralError(code, message);
        done(result);
    };
    lookupWriteTarget(project, defect.principal, ProtocolCode::InsertAccessError, ProtocolCode::InsertError, fail,
                      [this, done, project, defect, files, refused, fail](const std::optional<ProjectRef> &ref,
                                                                    const ClientPtr &client) {
        auto failJira = [fail](const JiraError &jiraError) {
            fail(codeFor(jiraError, ProtocolCode::InsertAccessError, ProtocolCode::InsertError),
                 QStringLiteral("Failed to create Jira issue: %1").arg(jiraError.toString()));
        };
        loadMeta(client, ref->key, [this, client, ref, project, defect, files, refused, done, fail,
                                    failJira](const JiraProjectMeta &meta, const ErrorOpt &metaError) {
            if (metaError) {
                failJira(*metaError);
                return;
            }
            if (meta.issueTypes.isEmpty()) {
                fail(ProtocolCode::InsertAccessError,
                     QStringLiteral("Failed to create Jira issue: the Jira account may not create issues in project "
                                    "'%1' (Create Issues permission missing).")
                         .arg(project));
                return;
            }
            const JiraIssueTypeMeta *type = meta.typeByName(defect.classification);
            if (!type) {
                fail(ProtocolCode::InsertError,
                     QStringLiteral("Failed to create Jira issue: issue type '%1' is not available in project '%2' "
                                    "(available: %3).")
                         .arg(defect.classification, project, meta.issueTypeNames().join(QStringLiteral(", "))));
                return;
            }
            const bool cloud = client->flavour() == jira::Flavour::Cloud;
            auto plan = std::make_shared<JiraWritePlan>(JiraIssueMapper::planWrite(defect, type->fields, cloud, true));
            plan->fields.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("key"), ref->key}});
            plan->fields.insert(QStringLiteral("issuetype"), QJsonObject{{QStringLiteral("id"), type->id}});
            resolveUsers(client, plan, [this, client, plan, defect, files, refused, done, failJira]() {
                onDone(this, client->createIssue(QJsonObject{{QStringLiteral("fields"), plan->fields}}),
                       [this, client, plan, defect, files, refused, done, failJira](const JiraCall &call) {
                           if (!call.isOk()) {
                               failJira(call.error());
                               return;
                           }
                           const QString key = call.object().value(QLatin1String("key")).toString();
                           // From here on the issue exists: every problem (transition, attachments)
                           // is a warning, and the key goes back to TestBench so a retry does not
                           // create a duplicate (§10.3-33).
                           transitionTo(client, key, defect.status, std::nullopt,
                                        [this, client, plan, files, refused, key,
                                         done](const std::optional<QString> &warning) {
                                            QStringList warnings = plan->warnings;
                                            if (warning)
                                                warnings.append(*warning);
                                            warnings += *refused;
                                            // A new issue has no attachments yet: nothing to compare.
                                            syncAttachments(client, key, files, {},
                                                            [key, warnings, done](const QStringList &attachmentWarnings) {
                                                                ProtocolledString result;
                                                                result.value = key;
                                                                result.protocol.addSuccess(
                                                                    key, ProtocolCode::InsertSuccess,
                                                                    QStringLiteral("Defect created successfully in Jira"));
                                                                for (const QString &text : warnings + attachmentWarnings)
                                                                    result.protocol.addWarning(key, ProtocolCode::InsertWarning,
                                                                                               text);
                                                                done(result);
                                                            });
                                        });
                       });
            });
        });
    });
    return done.future();
}

QFuture<Outcome<Protocol>> JiraDefectClient::update(const QString &project, const QString &defectId,
                                                    const DefectRequest &request)
{
    Completion<Protocol> done;
    if (config::ProjectSettings(m_config, project).readonly().value) {
        Protocol p;
        p.addError(project, ProtocolCode::PublishError,
                   QStringLiteral("Cannot update issue because the Jira project '%1' has been configured as read-only")
                       .arg(project));
        done(p);
        return done.future();
    }
    const Defect defect = request.defect;
    auto refused = std::make_shared<QStringList>();
    const QList<LocalAttachment> files = acceptedAttachments(
        defect.references, config::ProjectSettings(m_config, project).attachmentsRoot().value, refused.get());
    auto fail = [done](ProtocolCode code, const QString &message) {
        Protocol p;
        p.addGeneralError(code, message);
        done(p);
    };
    lookupWriteTarget(project, defect.principal, ProtocolCode::PublishAccessError, ProtocolCode::PublishError, fail,
                      [this, done, project, defectId, defect, files, refused, fail](const std::optional<ProjectRef> &ref,
                                                                    const ClientPtr &client) {
        auto failJira = [fail, defectId](const JiraError &jiraError) {
            fail(codeFor(jiraError, ProtocolCode::PublishAccessError, ProtocolCode::PublishError),
                 QStringLiteral("Failed to update Jira issue '%1': %2").arg(defectId, jiraError.toString()));
        };
        // `attachment` for the timestamp compare of the attachment sync; the PUT does not change it.
        QStringList wanted{QStringLiteral("status"), QStringLiteral("project"), QStringLiteral("issuetype"),
                           QStringLiteral("reporter"), QStringLiteral("creator")};
        if (!files.isEmpty())
            wanted.append(QStringLiteral("attachment"));
        onDone(this, client->issue(defectId, wanted), [this, client, ref, project, defectId, defect, files, refused, done,
                                                       fail, failJira](const JiraCall &call) {
            if (!call.isOk()) {
                if (call.error().kind == Kind::NotFound)
                    fail(ProtocolCode::NoDefectFound, QStringLiteral("No matching issues found to update"));
                else
                    failJira(call.error());
                return;
            }
            const QJsonObject issue = call.object();
            const QString key = issue.value(QLatin1String("key")).toString();
            const QString actual = projectKeyOf(issue);
            if (actual != ref->key) {
                fail(ProtocolCode::NoDefectFound, otherProjectMessage(key, actual, project));
                return;
            }
            loadMeta(client, ref->key, [this, client, issue, key, defect, files, refused, done,
                                        failJira](const JiraProjectMeta &meta, const ErrorOpt &metaError) {
                if (metaError) {
                    failJira(*metaError);
                    return;
                }
                const QString currentType = fieldName(issue, "issuetype");
                const JiraIssueTypeMeta *type
                    = meta.typeById(issue.value(QLatin1String("fields")).toObject().value(QLatin1String("issuetype")).toObject().value(QLatin1String("id")).toString());
                const QList<QJsonObject> fields = type ? type->fields : meta.unionFields();
                const QString currentReporter = fieldName(issue, "reporter", "displayName");
                const QString currentCreator = fieldName(issue, "creator", "displayName");
                // The reporter comes back as the creator's name (§7.6); writing it unchanged
                // would need Modify Reporter for nothing.
                const bool reporterChanged = defect.reporter && !defect.reporter->isEmpty()
                    && *defect.reporter != currentReporter && *defect.reporter != currentCreator;
                const bool cloud = client->flavour() == jira::Flavour::Cloud;
                auto plan = std::make_shared<JiraWritePlan>(JiraIssueMapper::planWrite(defect, fields, cloud, reporterChanged));
                plan->fields.remove(QStringLiteral("attachment"));
                if (fields.isEmpty())
                    plan->warnings.append(QStringLiteral("No field metadata for issue '%1' (the account may lack Create "
                                                         "Issues); only the status was synchronised.")
                                              .arg(key));
                if (!defect.classification.isEmpty() && defect.classification != currentType)
                    plan->warnings.append(QStringLiteral("Issue type not changed from '%1' to '%2': changing the type "
                                                         "needs Jira's Move operation.")
                                              .arg(currentType, defect.classification));
                const QString currentStatus = fieldName(issue, "status");
                const QJsonArray existing
                    = issue.value(QLatin1String("fields")).toObject().value(QLatin1String("attachment")).toArray();
                resolveUsers(client, plan, [this, client, plan, key, defect, currentStatus, files, refused, existing, done,
                                            failJira]() {
                    auto afterPut = [this, client, plan, key, defect, currentStatus, files, refused, existing, done]() {
                        transitionTo(client, key, defect.status, currentStatus,
                                     [this, client, plan, key, files, refused, existing,
                                      done](const std::optional<QString> &warning) {
                                         QStringList warnings = plan->warnings;
                                         if (warning)
                                             warnings.append(*warning);
                                         warnings += *refused;
                                         syncAttachments(client, key, files, existing,
                                                         [key, warnings, done](const QStringList &attachmentWarnings) {
                                                             Protocol p;
                                                             p.addSuccess(key, ProtocolCode::PublishSuccess,
                                                                          QStringLiteral("Issue updated successfully"));
                                                             for (const QString &text : warnings + attachmentWarnings)
                                                                 p.addWarning(key, ProtocolCode::InsertWarning, text);
                                                             done(p);
                                                         });
                                     });
                    };
                    if (plan->fields.isEmpty()) {
                        afterPut();
                        return;
                    }
                    onDone(this, client->updateIssue(key, QJsonObject{{QStringLiteral("fields"), plan->fields}}),
                           [afterPut, failJira](const JiraCall &put) {
                               if (put.isOk())
                                   afterPut();
                               else
                                   failJira(put.error());
                           });
                });
            });
        });
    });
    return done.future();
}

QFuture<Outcome<Protocol>> JiraDefectClient::remove(const QString &project, const QString &defectId,
                                                    const DefectRequest &request)
{
    Completion<Protocol> done;
    if (config::ProjectSettings(m_config, project).readonly().value) {
        Protocol p;
        p.addError(project, ProtocolCode::PublishError,
                   QStringLiteral("Cannot delete the issue because the Jira project '%1' has been configured as "
                                  "read-only")
                       .arg(project));
        done(p);
        return done.future();
    }
    const Login principal = request.defect.principal;
    auto fail = [done](ProtocolCode code, const QString &message) {
        Protocol p;
        p.addGeneralError(code, message);
        done(p);
    };
    lookupWriteTarget(project, principal, ProtocolCode::PublishAccessError, ProtocolCode::PublishError, fail,
                      [this, done, project, defectId, principal, fail](const std::optional<ProjectRef> &ref,
                                                                    const ClientPtr &client) {
        auto failJira = [fail, defectId](const JiraError &jiraError) {
            fail(codeFor(jiraError, ProtocolCode::PublishAccessError, ProtocolCode::PublishError),
                 QStringLiteral("Failed to delete Jira issue '%1': %2").arg(defectId, jiraError.toString()));
        };
        onDone(this, client->issue(defectId, {QStringLiteral("project")}),
               [this, client, ref, project, done, fail, failJira](const JiraCall &call) {
                   if (!call.isOk()) {
                       if (call.error().kind == Kind::NotFound)
                           fail(ProtocolCode::NoDefectFound, QStringLiteral("No matching issues found to delete"));
                       else
                           failJira(call.error());
                       return;
                   }
                   const QString key = call.object().value(QLatin1String("key")).toString();
                   const QString actual = projectKeyOf(call.object());
                   if (actual != ref->key) {
                       fail(ProtocolCode::NoDefectFound, otherProjectMessage(key, actual, project));
                       return;
                   }
                   onDone(this, client->deleteIssue(key), [client, key, done, failJira](const JiraCall &deleted) {
                       if (!deleted.isOk()) {
                           failJira(deleted.error());
                           return;
                       }
                       Protocol p;
                       p.addSuccess(key, ProtocolCode::PublishSuccess, QStringLiteral("Issue deleted successfully"));
                       done(p);
                   });
               });
    });
    return done.future();
}

QFuture<Outcome<DefectWithAttributes>> JiraDefectClient::extended(const QString &project, const QString &defectId,
                                                                  const SyncContext &context)
{
    Completion<DefectWithAttributes> done;
    const config::ProjectSettings settings(m_config, project);
    const bool history = settings.showChangeHistory().value;
    const QStringList names = settings.attributes().value;
    qint64 since = 0;
    if (context.lastSync && context.lastSync->isValid())
        since = context.lastSync->toQDateTime().toMSecsSinceEpoch(); // naive: local time, as the reference
    lookupProject(project, [this, done, project, defectId, history, names, since](const std::optional<ProjectRef> &ref,
                                                                                  const ErrorOpt &error) {
        const QString serverUrl = m_config.jira->serverUrl;
        if (error) {
            done(httpErrorFor(*error, serverUrl));
            return;
        }
        if (!ref) { // the reference answered 500 here (§2.15); a missing project is a 404
            done(HttpError{404, projectNotFound(project), {}});
            return;
        }
        onDone(this, m_jira->issue(defectId, {QStringLiteral("*all")}),
               [this, done, project, defectId, history, names, since, ref, serverUrl](const JiraCall &call) {
                   if (!call.isOk()) {
                       if (call.error().kind == Kind::NotFound)
                           done(HttpError{404, QStringLiteral("Issue with id '%1' not found in Jira").arg(defectId), {}});
                       else
                           done(httpErrorFor(call.error(), serverUrl));
                       return;
                   }
                   const QJsonObject issue = call.object();
                   const QString key = issue.value(QLatin1String("key")).toString();
                   const QString actual = projectKeyOf(issue);
                   if (actual != ref->key) {
                       done(HttpError{404, otherProjectMessage(key, actual, project), {}});
                       return;
                   }
                   loadMeta(sharedClient(), ref->key, [this, done, issue, key, history, names, since,
                                                       serverUrl](const JiraProjectMeta &meta, const ErrorOpt &metaError) {
                       if (metaError) {
                           done(httpErrorFor(*metaError, serverUrl));
                           return;
                       }
                       const QList<QJsonObject> fields = meta.unionFields();
                       DefectWithAttributes result;
                       static_cast<DefectWithID &>(result) = JiraIssueMapper::toDefect(issue, fields, m_jira->browseUrl(key));
                       if (!history) {
                           result.attributes = JiraIssueMapper::staticAttributes(result, names);
                           done(result);
                           return;
                       }
                       onDone(this, m_jira->changelog(key), [done, result, names, since, fields,
                                                             serverUrl](const JiraCall &changes) mutable {
                           if (!changes.isOk()) {
                               done(httpErrorFor(changes.error(), serverUrl));
                               return;
                           }
                           result.attributes = JiraIssueMapper::historyAttributes(changes.array(), since, names, fields);
                           done(result);
                       });
                   });
               });
    });
    return done.future();
}

QFuture<Outcome<Results>> JiraDefectClient::correct(const QString &project, const Results &results)
{
    Completion<Results> done;
    QStringList wanted = config::ProjectSettings(m_config, project).jiraControlFields().value;
    for (const char *name : {"priority", "status", "classification"}) {
        if (!wanted.contains(QLatin1String(name)))
            wanted.append(QLatin1String(name));
    }
    lookupProject(project, [this, done, project, results, wanted](const std::optional<ProjectRef> &ref,
                                                                  const ErrorOpt &error) {
        const QString serverUrl = m_config.jira->serverUrl;
        if (error) {
            done(httpErrorFor(*error, serverUrl));
            return;
        }
        if (!ref) {
            done(HttpError{404, projectNotFound(project), {}});
            return;
        }
        computeControlFields(ref, wanted, [done, results, serverUrl](const QList<ControlField> &fields,
                                                                     const ErrorOpt &fieldsError) {
            if (fieldsError) {
                done(httpErrorFor(*fieldsError, serverUrl));
                return;
            }
            // Validated against the project's own statuses, priorities and issue types, and
            // custom control fields against the defect's UDF of that name (§10.3-35).
            auto valid = [&fields](const Defect &defect) {
                if (defect.status.isEmpty() || defect.classification.isEmpty() || defect.priority.isEmpty()
                    || !defect.lastEdited.isValid())
                    return false;
                for (const ControlField &field : fields) {
                    std::optional<QString> value;
                    if (field.fieldId == QLatin1String("status"))
                        value = defect.status;
                    else if (field.fieldId == QLatin1String("issuetype"))
                        value = defect.classification;
                    else if (field.fieldId == QLatin1String("priority"))
                        value = defect.priority;
                    else if (defect.userDefinedFields) {
                        for (const UserDefinedFieldProperties &udf : *defect.userDefinedFields) {
                            if (udf.name == field.key || udf.name == field.fieldId) {
                                value = udf.value;
                                break;
                            }
                        }
                    }
                    if (value && !value->isEmpty() && !field.values.isEmpty() && !field.values.contains(*value))
                        return false;
                }
                return true;
            };
            auto filter = [&valid](auto &list) {
                if (!list) {
                    list.emplace();
                    return;
                }
                list->erase(std::remove_if(list->begin(), list->end(), [&valid](const auto &d) { return !valid(d); }),
                            list->end());
            };
            Results corrected = results;
            if (corrected.local) {
                filter(corrected.local->toCreate);
                filter(corrected.local->toUpdate);
            }
            if (corrected.remote) {
                filter(corrected.remote->toCreate);
                filter(corrected.remote->toUpdate);
            }
            done(corrected);
        });
    });
    return done.future();
}

bool JiraDefectClient::supportsChangesTimestamps() const
{
    return m_config.jira->supportsChangesTimestamps;
}

} // namespace tbds::defects
