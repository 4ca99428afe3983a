// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTimer;

namespace tbds::ui {

class ConfigDocument;

/**
 * Form over every key of `[testbench-defect-service]` and the inline `client_config`, next to
 * the raw TOML text. Both edit the same ConfigDocument, so each change is one undoable step that
 * touches only its own bytes; the loader's findings appear under the form and beside the fields
 * they concern, positioned `file:line:col`.
 */
class ConfigurationPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigurationPage)

public:
    explicit ConfigurationPage(ConfigDocument *document, QWidget *parent = nullptr);
    ~ConfigurationPage() override;

    /** Shows the raw TOML tab with the cursor at `line` (1-based). */
    void showTextLine(int line);
    /** The key path every form field edits (for the test that the form covers every key). */
    [[nodiscard]] QList<QStringList> fieldPaths() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Kind { Text, Secret, Path, Folder, Int, Bool, Choice, List, FieldMap };

    struct Field
    {
        QStringList path;
        Kind kind;
        QWidget *editor;
        QLabel *problem; // warning icon, shown when the loader reports on this key
        int unsetValue = 0; // Int: the spin box value meaning "not set"
    };

    QGroupBox *addGroup(QWidget *container, const QString &title, const QString &objectName,
                        QFormLayout **form);
    void addField(QFormLayout *form, const QString &label, const QStringList &path, Kind kind,
                  const QString &objectName, const QString &defaultText = {}, const QStringList &choices = {},
                  int minimum = 0, int maximum = 0);
    void commit(const Field &field);
    void commitClient(int index);
    void refresh();
    void refreshField(const Field &field);
    void refreshDiagnostics();
    void applyRawText();
    void browse(const Field &field);
    [[nodiscard]] QString relativeToConfig(const QString &path) const;

    ConfigDocument *m_document;
    QList<Field> m_fields;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_client = nullptr;
    QLabel *m_clientNote = nullptr;
    QGroupBox *m_jsonlGroup = nullptr;
    QGroupBox *m_jiraGroup = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_editError = nullptr;
    QListWidget *m_diagnostics = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QTimer *m_rawTimer = nullptr;
};

} // namespace tbds::ui
