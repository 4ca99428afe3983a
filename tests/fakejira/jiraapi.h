// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/http/httprequest.h"
#include "core/service/http/httpresponse.h"
#include "tests/fakejira/fakejiradata.h"
#include "tests/fakejira/fakejiraoptions.h"
#include "tests/fakejira/jql.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace tbds::fakejira {

/** One authenticated REST call, already split by FakeJira. */
struct ApiRequest
{
    QByteArray method;
    int version = 2; ///< 2 or 3 ("latest" is served as 2)
    QStringList segments; ///< decoded path segments after /rest/api/<v>/
    QUrlQuery query;
    const service::http::HttpRequest *http = nullptr;
    QString userKey; ///< empty only for anonymous serverInfo
};

/**
 * The Jira REST resources: routing by flavour and version, request validation, JSON shapes.
 * Knows nothing about sockets, authentication or faults (FakeJira does those), so every
 * rule of jira-rest.md that concerns a resource lives here.
 */
class JiraApi
{
public:
    JiraApi(const FakeJiraOptions &options, FakeJiraData &data);

    void setBaseUrl(const QString &baseUrl) { m_base = baseUrl; }
    /** Answers a /rest/api call. */
    [[nodiscard]] service::http::HttpResponse handle(const ApiRequest &request);
    /** Answers GET /secure/attachment/{id}/{filename} (attachment `content` URLs). */
    [[nodiscard]] service::http::HttpResponse attachmentContent(const QString &id, const QString &userKey);
    /** Jersey's 404 for a path it has no resource for: `{"errorMessages":["null for uri: …"]}`. */
    [[nodiscard]] static service::http::HttpResponse nullForUri(const QString &url);

    /** Version numbers of the simulated instance, e.g. {9,12,7}. */
    [[nodiscard]] QList<int> versionNumbers() const;
    [[nodiscard]] bool isCloud() const { return m_options.flavor == Flavor::Cloud; }

private:
    using Response = service::http::HttpResponse;
    struct Paging
    {
        int startAt = 0;
        int maxResults = 50;
    };

    // routing
    Response route(const ApiRequest &r);
    Response routeIssue(const ApiRequest &r);
    Response routeProject(const ApiRequest &r);

    // resources
    Response serverInfo();
    Response myself(const ApiRequest &r);
    Response projects(const ApiRequest &r);
    Response projectSearch(const ApiRequest &r);
    Response project(const ApiRequest &r, const QString &idOrKey);
    Response projectStatuses(const ApiRequest &r, const QString &idOrKey);
    Response priorities(const ApiRequest &r, bool paged);
    Response issueTypes(const ApiRequest &r);
    Response statuses(const ApiRequest &r);
    Response resolutions(const ApiRequest &r);
    Response fields(const ApiRequest &r);
    Response createMetaOld(const ApiRequest &r);
    Response createMetaIssueTypes(const ApiRequest &r, const QString &projectIdOrKey);
    Response createMetaFields(const ApiRequest &r, const QString &projectIdOrKey, const QString &issueTypeId);
    Response searchDc(const ApiRequest &r);
    Response searchJql(const ApiRequest &r);
    Response approximateCount(const ApiRequest &r);
    Response jqlParse(const ApiRequest &r);
    Response jqlAutocompleteData(const ApiRequest &r);
    Response getIssue(const ApiRequest &r, Issue &issue);
    Response createIssue(const ApiRequest &r);
    Response updateIssue(const ApiRequest &r, Issue &issue);
    Response deleteIssue(const ApiRequest &r, Issue &issue);
    Response transitions(const ApiRequest &r, Issue &issue);
    Response doTransition(const ApiRequest &r, Issue &issue);
    Response changelog(const ApiRequest &r, Issue &issue);
    Response addAttachments(const ApiRequest &r, Issue &issue);
    Response attachment(const ApiRequest &r, const QString &id);
    Response myPermissions(const ApiRequest &r);
    Response userSearch(const ApiRequest &r, bool assignable);
    Response user(const ApiRequest &r);

    // validation and writing
    struct WriteContext
    {
        const ApiRequest *request = nullptr;
        Project *project = nullptr;
        const IssueType *issueType = nullptr;
        bool creating = false;
    };
    /** Applies `fields` (+ `update`) to `issue`; fills `errors` (field → message) on problems. */
    void applyFields(const WriteContext &ctx, const QJsonObject &fields, const QJsonObject &update, Issue &issue,
                     QJsonObject &errors, QList<HistoryItem> &changes);
    std::optional<QString> resolveUser(const ApiRequest &r, const QString &field, const QJsonValue &value,
                                       QJsonObject &errors);
    [[nodiscard]] QStringList editableFields(const Project &project, const IssueType &type) const;
    void recordHistory(Issue &issue, const QString &userKey, const QList<HistoryItem> &changes);

    // JSON shapes
    [[nodiscard]] QString api(int version) const;
    [[nodiscard]] QString ts(const QDateTime &dt) const;
    [[nodiscard]] QJsonObject avatarUrls(const QString &kind, const QString &id) const;
    [[nodiscard]] QJsonValue userJson(const QString &userKey, int version, bool withLocale = false) const;
    [[nodiscard]] QJsonObject statusJson(const Status &status, int version) const;
    [[nodiscard]] QJsonValue statusCategoryJson(const QString &key, int version) const;
    [[nodiscard]] QJsonObject priorityJson(const Priority &priority, int version) const;
    [[nodiscard]] QJsonObject issueTypeJson(const IssueType &type, int version) const;
    [[nodiscard]] QJsonObject projectJson(const Project &project, int version, const QStringList &expand) const;
    [[nodiscard]] QJsonObject resolutionJson(const Resolution &resolution, int version) const;
    [[nodiscard]] QJsonObject optionJson(const CustomField &field, const FieldOption &option) const;
    [[nodiscard]] QJsonObject attachmentJson(const Attachment &a, int version, bool uploadAnswer = false) const;
    [[nodiscard]] QJsonObject historyJson(const History &h, int version) const;
    [[nodiscard]] QJsonObject fieldSchema(const QString &fieldId) const;
    [[nodiscard]] QString fieldName(const QString &fieldId) const;
    [[nodiscard]] QJsonObject fieldMeta(const QString &fieldId, const Project &project, const IssueType &type,
                                        int version, bool newEndpoint) const;
    [[nodiscard]] QJsonValue fieldValue(const Issue &issue, const QString &fieldId, int version) const;
    [[nodiscard]] QJsonObject issueJson(const Issue &issue, int version, const QSet<QString> &fields,
                                        const QStringList &expand) const;
    [[nodiscard]] QJsonObject transitionJson(const Transition &t, int version, bool withFields) const;

    // helpers
    [[nodiscard]] Project *visibleProject(const ApiRequest &r, const QString &idOrKey, bool caseSensitive);
    [[nodiscard]] Issue *visibleIssue(const ApiRequest &r, const QString &idOrKey);
    [[nodiscard]] bool has(const ApiRequest &r, const Project &project, const QString &permission) const;
    [[nodiscard]] QStringList allFieldIds() const;
    [[nodiscard]] QSet<QString> selectFields(const QStringList &requested, const QString &defaultSpec) const;
    [[nodiscard]] QList<const Transition *> availableTransitions(const Issue &issue) const;
    [[nodiscard]] std::optional<Paging> paging(const ApiRequest &r, int defaultMax, int cap, Response &error) const;
    /**
     * What Jira's validation says about parsed JQL (unknown fields and functions, values that
     * do not exist or are invisible), in Jira's words; `invalidValues` collects "field\nvalue".
     */
    [[nodiscard]] QStringList jqlProblems(const ApiRequest &r, const Jql &jql, QSet<QString> *invalidValues) const;
    /** Parses, validates and evaluates JQL; errors (400 bodies) go to `error`. */
    std::optional<QList<Issue *>> runJql(const ApiRequest &r, const QString &jql, bool requireBounded,
                                         bool validate, QStringList &warnings, Response &error);
    [[nodiscard]] bool clauseMatches(const ApiRequest &r, const Jql::Clause &clause, const Issue &issue) const;
    [[nodiscard]] QStringList clauseValuesOf(const ApiRequest &r, const QString &field, const Issue &issue) const;

    Response error(int status, const QString &message) const;
    Response fieldErrors(int status, const QJsonObject &errors) const;
    Response json(int status, const QJsonObject &body) const;
    Response json(int status, const QJsonArray &body) const;
    Response notFoundIssue() const;
    Response notFoundProject(const QString &idOrKey) const;

    const FakeJiraOptions &m_options;
    FakeJiraData &m_data;
    QString m_base;
};

} // namespace tbds::fakejira
