// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/configloader.h"
#include "core/jira/jiraclient.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace tbds::ui {

/**
 * What the Jira pages (connection test, permissions, JQL preview, control fields) share: whether
 * the open config can talk to Jira at all, a client built from it, and the small text rules
 * (project keys, `{project}` substitution, copy-as-curl) that must agree between the pages.
 *
 * Secrets come from the document's validated config, which holds them in DESIGN.md's order: the
 * keychain (JiraSecrets brings those in when the config is opened), JIRA_* variables, the file.
 */
class JiraConnection final
{
    Q_DECLARE_TR_FUNCTIONS(JiraConnection)

public:
    JiraConnection() = delete;

    /** Empty when `validation` holds a Jira configuration; otherwise why the page cannot work. */
    [[nodiscard]] static QString unavailableReason(const config::LoadResult &validation);
    /** A client for the config's Jira settings; null when unavailableReason() is not empty. */
    [[nodiscard]] static std::unique_ptr<jira::JiraClient> createClient(const config::LoadResult &validation);

    /** "KEY" for "Name (KEY)", the text itself for a bare key. */
    [[nodiscard]] static QString projectKey(const QString &project);
    /** The JQL template with `{project}` replaced by the key (what the service does at query time). */
    [[nodiscard]] static QString substituteProject(const QString &jqlTemplate, const QString &key);

    /**
     * A POSIX shell command that runs the same search as the preview's first page. The
     * credentials are never included: placeholders stand where they would go, so the text can be
     * pasted into a support ticket as is.
     */
    [[nodiscard]] static QString curlCommand(const jira::JiraClient &client, const config::JiraClientConfig &config,
                                             const QString &jql, const QStringList &fields, int pageSize);
    /** Single-quotes a word for a POSIX shell. */
    [[nodiscard]] static QString shellQuote(const QString &word);
};

} // namespace tbds::ui
