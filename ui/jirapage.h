// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include <memory>

class QLabel;

namespace tbds::config {
struct ServiceConfig;
}
namespace tbds::jira {
class JiraClient;
}

namespace tbds::ui {

class ConfigDocument;

/**
 * What the Jira pages have in common: the open document, a Jira client built from its current
 * text (rebuilt after every change, so a corrected URL or token is used at once), and a banner
 * that says plainly why the page cannot work (JSONL config, config errors, Jira unreachable).
 */
class JiraPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JiraPage)

public:
    ~JiraPage() override;

    [[nodiscard]] QLabel *banner() const { return m_banner; }

protected:
    /** `prefix` names the banner "<prefix>MessageLabel". */
    JiraPage(ConfigDocument *document, const QString &prefix, QWidget *parent);

    /** The client for the current config; null (and the banner says why) when there is none. */
    [[nodiscard]] jira::JiraClient *client();
    [[nodiscard]] const config::ServiceConfig *serviceConfig() const;
    /** Empty when the config has a usable Jira section. */
    [[nodiscard]] QString unavailableReason() const;
    /** Project names the config mentions (override tables). */
    [[nodiscard]] QStringList configuredProjects() const;
    void showMessage(const QString &text, bool error = false);
    /** Called after the document changed; the old client is gone by then (calls were cancelled). */
    virtual void configChanged();

    ConfigDocument *m_document;

private:
    std::unique_ptr<jira::JiraClient> m_client;
    QLabel *m_banner = nullptr;
};

} // namespace tbds::ui
