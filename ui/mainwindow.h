// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QMap>
#include <QPointer>

#include <memory>

class QAction;
class QIcon;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace tbds::ui {

class ConfigDocument;
class ConfigurationPage;
class CredentialsPage;
class JiraServerLabel;
class EngineController;
class LogCapture;
class LogDock;
class LogModel;
class ProjectsPage;
class RequestLogModel;
class ServicePage;
class TrayIcon;
class WelcomePage;

/**
 * The admin application's main window: the open config.toml (ConfigDocument) with its undo
 * history, a sidebar of pages, the in-process engine, the log dock, and the file handling
 * (open, save with a diff preview, recent files, the save prompt on close).
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /** The sidebar pages, in order. */
    enum class Page { Configuration, Service, Projects, Credentials, ConnectionTest, Permissions, JqlPreview, ControlFields };
    Q_ENUM(Page)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens a config.toml (after asking about unsaved changes); false when nothing was opened. */
    bool openFile(const QString &path);
    /** Copies the bundled demo setup to the data folder (once) and opens it. */
    bool openDemo();
    /** The "create configuration" wizard; opens the new file when it was written. */
    bool createConfig();
    /** Opens a file the wizard wrote and stores the Jira secrets typed there in the keychain. */
    bool openNewConfig(const QString &path, const QMap<QString, QString> &keychainSecrets);
    /** Saves after showing the diff; false when cancelled or failed. */
    bool save();
    bool saveAs(const QString &path);

    void showPage(Page page);
    [[nodiscard]] ConfigDocument *document() const { return m_document; }
    [[nodiscard]] EngineController *engine() const { return m_engine; }
    [[nodiscard]] QWidget *pageWidget(Page page) const;
    [[nodiscard]] QStringList recentFiles() const;
    /** The configuration to open at start when none is named: the last one, if wanted and still there. */
    [[nodiscard]] QString fileToReopen() const;

    /** The application icon: the icon theme's "tbds-admin", else the SVG built into the binary. */
    [[nodiscard]] static QIcon applicationIcon();
    /** Where openDemo() puts its copy of the demo setup. */
    [[nodiscard]] static QString demoFolder();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void openDialog();
    bool saveAsDialog();
    /** Asks to save unsaved changes; false when the user cancelled. */
    bool maybeSave();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void updateTitle();
    void updateEngineStatus();
    void logNote(const QString &text);
    /** What F6 moves between: the sidebar, the page shown (or the welcome page), the log. */
    [[nodiscard]] QList<QWidget *> panes() const;
    /** Moves the focus `step` panes on (F6: 1, Shift+F6: -1), skipping panes with nothing to focus. */
    void cyclePane(int step);
    /** Where the focus goes in `pane`: where it was last, else its first control. */
    [[nodiscard]] QWidget *paneFocusTarget(QWidget *pane) const;

    ConfigDocument *m_document;
    EngineController *m_engine;
    RequestLogModel *m_requestLog;
    LogModel *m_log;
    std::unique_ptr<LogCapture> m_logCapture;

    QStackedWidget *m_central = nullptr;
    WelcomePage *m_welcome = nullptr;
    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pages = nullptr;
    ConfigurationPage *m_configurationPage = nullptr;
    ServicePage *m_servicePage = nullptr;
    ProjectsPage *m_projectsPage = nullptr;
    CredentialsPage *m_credentialsPage = nullptr;
    TrayIcon *m_tray = nullptr;
    JiraServerLabel *m_jiraServer = nullptr;
    LogDock *m_logDock = nullptr;
    QLabel *m_engineStatus = nullptr;
    QLabel *m_fileStatus = nullptr;
    /** "The configuration has problems" waits for the keychain lookup of the file just opened. */
    QMetaObject::Connection m_pendingProblemReport;

    QAction *m_openAction = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_preferencesAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QAction *m_nextPaneAction = nullptr;
    QAction *m_previousPaneAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QHash<QWidget *, QPointer<QWidget>> m_paneFocus; // the last focused control of each pane
    QMetaObject::Connection m_focusTracking;
};

} // namespace tbds::ui
