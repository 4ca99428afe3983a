// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/newconfig.h"

#include <QMap>
#include <QWizard>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace tbds::ui {

/**
 * First start: "create a configuration". Asks what the reference CLI's `init` asks (host, port,
 * service user + password, client type JSONL or Jira, the client's fields, a separate client file
 * or inline) and writes a new config.toml (NewConfig). Jira secrets typed here go to the OS
 * keychain after the file is opened (keychainSecrets()), unless the user ticks the clearly
 * labelled plain-text option.
 */
class ConfigWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigWizard)

public:
    enum PageId { ServicePageId, ClientPageId, JsonlPageId, JiraPageId, FilePageId };
    Q_ENUM(PageId)

    explicit ConfigWizard(QWidget *parent = nullptr);
    ~ConfigWizard() override;

    /** The answers as they stand. */
    [[nodiscard]] NewConfig answers() const;
    /** Where config.toml is (to be) written. */
    [[nodiscard]] QString configPath() const;
    void setConfigPath(const QString &path);
    /** Jira secrets typed in the wizard that belong in the keychain (empty when written to the file). */
    [[nodiscard]] QMap<QString, QString> keychainSecrets() const;

    [[nodiscard]] int nextId() const override;
    /** The last page writes the files (staying open with the reason when that fails). */
    [[nodiscard]] bool validateCurrentPage() override;

private:
    void createServicePage();
    void createClientPage();
    void createJsonlPage();
    void createJiraPage();
    void createFilePage();
    void updateAuthFields();
    void updateSummary();
    [[nodiscard]] QMap<QString, QString> typedSecrets() const;
    void showProblem(QLabel *label, const QString &text);

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_passwordRepeat = nullptr;
    QLabel *m_serviceProblem = nullptr;

    QRadioButton *m_jsonl = nullptr;
    QRadioButton *m_jira = nullptr;

    QLineEdit *m_defectsPath = nullptr;
    QCheckBox *m_jsonlReadonly = nullptr;
    QLineEdit *m_status = nullptr;
    QLineEdit *m_priority = nullptr;
    QLineEdit *m_classification = nullptr;

    QLineEdit *m_serverUrl = nullptr;
    QComboBox *m_authType = nullptr;
    QLineEdit *m_jiraUser = nullptr;
    QLabel *m_jiraUserLabel = nullptr;
    QMap<QString, QLineEdit *> m_secretEdits;
    QMap<QString, QLabel *> m_secretLabels;
    QLineEdit *m_keyCertPath = nullptr;
    QLabel *m_keyCertLabel = nullptr;
    QCheckBox *m_verifySsl = nullptr;
    QCheckBox *m_jiraReadonly = nullptr;
    QCheckBox *m_secretsInFile = nullptr;
    QLabel *m_jiraProblem = nullptr;

    QLineEdit *m_path = nullptr;
    QCheckBox *m_separate = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_fileProblem = nullptr;
    bool m_written = false;
};

} // namespace tbds::ui
