// SPDX-License-Identifier: Apache-2.0
#include "ui/mainwindow.h"

#include "ui/aboutdialog.h"
#include "ui/configurationpage.h"
#include "ui/configwizard.h"
#include "ui/connectiontestpage.h"
#include "ui/controlfieldspage.h"
#include "ui/credentialspage.h"
#include "ui/diffpreviewdialog.h"
#include "ui/enginecontroller.h"
#include "ui/jiraserverlabel.h"
#include "ui/jqlpreviewpage.h"
#include "ui/logdock.h"
#include "ui/messagebox.h"
#include "ui/models/configdocument.h"
#include "ui/models/jirasecrets.h"
#include "ui/models/logcapture.h"
#include "ui/models/logmodel.h"
#include "ui/models/requestlogmodel.h"
#include "ui/permissionspage.h"
#include "ui/preferencesdialog.h"
#include "ui/projectspage.h"
#include "ui/servicepage.h"
#include "ui/svgiconengine.h"
#include "ui/trayicon.h"
#include "ui/welcomepage.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace tbds::ui {

namespace {
const QString RecentFilesKey = QStringLiteral("recentFiles");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
constexpr int MaxRecentFiles = 8;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_document(new ConfigDocument(this)), m_engine(new EngineController(this)),
      m_requestLog(new RequestLogModel(this)), m_log(new LogModel(this)),
      m_logCapture(std::make_unique<LogCapture>(m_log))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(applicationIcon());

    // Pages.
    m_welcome = new WelcomePage(this);
    auto *workspace = new QSplitter(this);
    workspace->setObjectName(QStringLiteral("workspaceSplitter"));
    m_pageList = new QListWidget(workspace);
    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setAccessibleName(tr("Pages"));
    m_pageList->addItem(tr("Configuration"));
    m_pageList->addItem(tr("Service"));
    m_pageList->addItem(tr("Projects & overrides"));
    m_pageList->addItem(tr("Credentials"));
    m_pageList->addItem(tr("Connection test"));
    m_pageList->addItem(tr("Permissions"));
    m_pageList->addItem(tr("JQL preview"));
    m_pageList->addItem(tr("Control fields"));
    // As wide as the longest page name (German names are long), no wider.
    const int listWidth = m_pageList->sizeHintForColumn(0) + 2 * m_pageList->frameWidth() + 16;
    m_pageList->setMinimumWidth(listWidth);
    m_pageList->setMaximumWidth(listWidth + 60);
    m_pages = new QStackedWidget(workspace);
    m_pages->setObjectName(QStringLiteral("pageStack"));
    m_configurationPage = new ConfigurationPage(m_document, m_pages);
    m_servicePage = new ServicePage(m_document, m_engine, m_requestLog, m_pages);
    m_projectsPage = new ProjectsPage(m_document, m_pages);
    m_pages->addWidget(m_configurationPage);
    m_pages->addWidget(m_servicePage);
    m_pages->addWidget(m_projectsPage);
    m_credentialsPage = new CredentialsPage(m_document, nullptr, nullptr, m_pages);
    m_pages->addWidget(m_credentialsPage);
    m_pages->addWidget(new ConnectionTestPage(m_document, m_pages));
    m_pages->addWidget(new PermissionsPage(m_document, m_pages));
    m_pages->addWidget(new JqlPreviewPage(m_document, m_pages));
    m_pages->addWidget(new ControlFieldsPage(m_document, m_pages));
    workspace->addWidget(m_pageList);
    workspace->addWidget(m_pages);
    workspace->setStretchFactor(0, 0);
    workspace->setStretchFactor(1, 1);
    workspace->setSizes({listWidth, 1000});
    workspace->setChildrenCollapsible(false);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_pageList->setCurrentRow(0);

    m_central = new QStackedWidget(this);
    m_central->setObjectName(QStringLiteral("centralStack"));
    m_central->addWidget(m_welcome);
    m_central->addWidget(workspace);
    setCentralWidget(m_central);

    m_logDock = new LogDock(m_log, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({m_logDock}, {150}, Qt::Vertical); // a glance at the log; the pages get the room

    m_engineStatus = new QLabel(this);
    m_engineStatus->setObjectName(QStringLiteral("engineStatusLabel"));
    m_fileStatus = new QLabel(this);
    m_fileStatus->setObjectName(QStringLiteral("configFileLabel"));
    m_jiraServer = new JiraServerLabel(m_document, this);
    statusBar()->addPermanentWidget(m_jiraServer);
    statusBar()->addPermanentWidget(m_fileStatus);
    statusBar()->addPermanentWidget(m_engineStatus);

    createActions();
    createMenus();

    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openDialog);
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::createRequested, this, &MainWindow::createConfig);
    connect(m_credentialsPage, &CredentialsPage::message, this, &MainWindow::logNote);
    JiraSecrets *secrets = m_credentialsPage->jiraSecrets();
    connect(secrets, &JiraSecrets::busyChanged, this, [this](bool busy) {
        if (busy)
            statusBar()->showMessage(tr("Waiting for the keyring… (reading the Jira credentials)"));
        else
            statusBar()->clearMessage();
    });
    connect(secrets, &JiraSecrets::finished, this, [this, secrets] {
        if (!secrets->problem().isEmpty())
            logNote(tr("The keychain could not be read: %1 The Credentials page shows where each secret comes from.")
                        .arg(secrets->problem()));
    });
    m_tray = new TrayIcon(this, m_engine, this);
    connect(m_welcome, &WelcomePage::recentRequested, this, &MainWindow::openFile);
    connect(m_document, &ConfigDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ConfigDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(m_engine, &EngineController::stateChanged, this, &MainWindow::updateEngineStatus);
    connect(m_engine, &EngineController::started, this, &MainWindow::updateEngineStatus);
    connect(m_engine, &EngineController::requestLogged, m_requestLog, &RequestLogModel::append);
    connect(m_servicePage, &ServicePage::message, this, &MainWindow::logNote);
    // F6 brings the focus back to where it was in a pane.
    m_focusTracking = connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (!now)
            return;
        for (QWidget *pane : panes())
            if (pane->isAncestorOf(now))
                m_paneFocus.insert(pane, now);
    });

    QSettings settings;
    resize(1100, 760);
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    restoreState(settings.value(StateKey).toByteArray());
    updateRecentMenu();
    updateTitle();
    updateEngineStatus();
}

QIcon MainWindow::applicationIcon()
{
    // The installed icon theme's tbds-admin (hicolor, from the same SVG) where there is one, else
    // the SVG built in: either way a vector, so 2x screens get a sharp icon.
    return QIcon::fromTheme(QStringLiteral("tbds-admin"),
                            QIcon(new SvgIconEngine(QStringLiteral(":/icons/tbds-admin.svg"))));
}

MainWindow::~MainWindow()
{
    // Stop capturing before the log model goes away with the window's children.
    m_logCapture.reset();
    // Focus moves while the children are deleted; the panes must not be asked about then.
    disconnect(m_focusTracking);
}

void MainWindow::createActions()
{
    m_openAction = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this);
    m_openAction->setObjectName(QStringLiteral("actionOpen"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openDialog);

    m_demoAction = new QAction(tr("Open &Demo Setup"), this);
    m_demoAction->setObjectName(QStringLiteral("actionOpenDemo"));
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::openDemo);

    m_newAction = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Configuration…"), this);
    m_newAction->setObjectName(QStringLiteral("actionNew"));
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::createConfig);

    m_saveAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), this);
    m_saveAction->setObjectName(QStringLiteral("actionSave"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_saveAsAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save &As…"), this);
    m_saveAsAction->setObjectName(QStringLiteral("actionSaveAs"));
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAsDialog);

    m_quitAction = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    m_undoAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    m_redoAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    m_redoAction->setShortcut(QKeySequence::Redo);

    // F6 / Shift+F6 cycle the focus between sidebar, page and log, as in browsers and file managers.
    m_nextPaneAction = new QAction(tr("Ne&xt Pane"), this);
    m_nextPaneAction->setObjectName(QStringLiteral("actionNextPane"));
    m_nextPaneAction->setShortcut(QKeySequence(Qt::Key_F6));
    connect(m_nextPaneAction, &QAction::triggered, this, [this] { cyclePane(1); });
    m_previousPaneAction = new QAction(tr("Pre&vious Pane"), this);
    m_previousPaneAction->setObjectName(QStringLiteral("actionPreviousPane"));
    m_previousPaneAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    connect(m_previousPaneAction, &QAction::triggered, this, [this] { cyclePane(-1); });

    m_preferencesAction = new QAction(QIcon::fromTheme(QStringLiteral("preferences-system")), tr("&Preferences…"), this);
    m_preferencesAction->setObjectName(QStringLiteral("actionPreferences"));
    m_preferencesAction->setShortcut(QKeySequence::Preferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(m_preferencesAction, &QAction::triggered, this, [this] {
        PreferencesDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted)
            statusBar()->showMessage(tr("Preferences saved. A new language shows at the next start."), 5000);
    });

    m_aboutAction = new QAction(tr("&About TestBench Defect Service Admin"), this);
    m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setObjectName(QStringLiteral("actionAboutQt"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addAction(m_demoAction);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_preferencesAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<QPair<Page, QString>> pages = {{Page::Configuration, tr("&Configuration")},
                                               {Page::Service, tr("&Service")},
                                               {Page::Projects, tr("&Projects && Overrides")},
                                               {Page::Credentials, tr("C&redentials")},
                                               {Page::ConnectionTest, tr("Connection &Test")},
                                               {Page::Permissions, tr("Per&missions")},
                                               {Page::JqlPreview, tr("&JQL Preview")},
                                               {Page::ControlFields, tr("Control &Fields")}};
    for (const auto &[page, name] : pages) {
        QAction *action = view->addAction(name);
        action->setObjectName(QStringLiteral("actionPage%1").arg(int(page)));
        // Alt+1..3 like tabs in browsers; Ctrl+digits are taken by nothing standard either way.
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + int(page))));
        connect(action, &QAction::triggered, this, [this, page = page] { showPage(page); });
    }
    view->addSeparator();
    view->addAction(m_nextPaneAction);
    view->addAction(m_previousPaneAction);
    view->addSeparator();
    QAction *logToggle = m_logDock->toggleViewAction();
    logToggle->setObjectName(QStringLiteral("actionShowLog"));
    logToggle->setText(tr("&Log"));
    view->addAction(logToggle);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);

    QToolBar *tools = addToolBar(tr("Main toolbar"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->addAction(m_openAction);
    tools->addAction(m_saveAction);
    tools->addSeparator();
    tools->addAction(m_undoAction);
    tools->addAction(m_redoAction);
}

QWidget *MainWindow::pageWidget(Page page) const
{
    return m_pages->widget(int(page));
}

void MainWindow::showPage(Page page)
{
    if (m_document->isOpen())
        m_pageList->setCurrentRow(int(page));
}

QList<QWidget *> MainWindow::panes() const
{
    QList<QWidget *> panes;
    if (m_central->currentWidget() == m_welcome)
        panes << m_welcome;
    else
        panes << m_pageList << m_pages->currentWidget();
    if (m_logDock->isVisible())
        panes << m_logDock;
    return panes;
}

QWidget *MainWindow::paneFocusTarget(QWidget *pane) const
{
    const auto takesFocus = [](const QWidget *w) {
        return w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy();
    };
    if (takesFocus(pane))
        return pane; // the sidebar
    if (QWidget *last = m_paneFocus.value(pane); last && takesFocus(last))
        return last;
    for (QWidget *w = pane->nextInFocusChain(); w && w != pane; w = w->nextInFocusChain())
        if (pane->isAncestorOf(w) && takesFocus(w))
            return w;
    return nullptr;
}

void MainWindow::cyclePane(int step)
{
    const QList<QWidget *> all = panes();
    const qsizetype count = all.size();
    const QWidget *focus = QApplication::focusWidget();
    // From outside every pane (nothing focused yet) F6 starts at the first pane, Shift+F6 at the last.
    qsizetype index = step > 0 ? count - 1 : 0;
    for (qsizetype i = 0; i < count; ++i)
        if (focus && (focus == all.at(i) || all.at(i)->isAncestorOf(focus)))
            index = i;
    for (qsizetype tried = 0; tried < count; ++tried) {
        index = (index + step + count) % count;
        if (QWidget *target = paneFocusTarget(all.at(index))) {
            if (target->window() != window())
                target->window()->activateWindow(); // a floating log
            target->setFocus(Qt::TabFocusReason);
            return;
        }
    }
}

bool MainWindow::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    if (Result<void> loaded = m_document->load(path); !loaded) {
        MessageBox::critical(this, tr("Open configuration"), loaded.error().message, loaded.error().cause);
        return false;
    }
    addRecentFile(m_document->path());
    logNote(tr("Opened %1").arg(QDir::toNativeSeparators(m_document->path())));
    JiraSecrets *secrets = m_credentialsPage->jiraSecrets();
    const auto reportProblems = [this] {
        if (!m_document->validation().ok())
            logNote(tr("The configuration has problems:\n%1").arg(m_document->validation().report()));
    };
    // A secret that lives only in the keychain is not known yet; judge once the lookup is done.
    disconnect(m_pendingProblemReport);
    if (secrets->isBusy())
        m_pendingProblemReport = connect(secrets, &JiraSecrets::finished, this, reportProblems, Qt::SingleShotConnection);
    else
        reportProblems();
    m_central->setCurrentIndex(1);
    updateTitle();
    return true;
}

QString MainWindow::demoFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo/jsonl");
}

bool MainWindow::openDemo()
{
    const QString target = demoFolder();
    const QString config = target + QStringLiteral("/config.toml");
    if (!QFileInfo::exists(config)) {
        // The engine writes defects next to the config, so the demo needs a writable copy.
        QDirIterator it(QStringLiteral(":/demo/jsonl"), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString destination = target + source.mid(QStringLiteral(":/demo/jsonl").size());
            QDir().mkpath(QFileInfo(destination).absolutePath());
            if (!QFile::copy(source, destination)) {
                MessageBox::critical(this, tr("Demo setup"), tr("Cannot copy the demo setup to %1.")
                                                                 .arg(QDir::toNativeSeparators(target)));
                return false;
            }
            // Files from resources are read-only; the copy must be editable.
            QFile::setPermissions(destination, QFile::ReadOwner | QFile::WriteOwner);
        }
    }
    return openFile(config);
}

bool MainWindow::createConfig()
{
    if (!maybeSave())
        return false;
    ConfigWizard wizard(this);
    if (wizard.exec() != QDialog::Accepted)
        return false;
    return openNewConfig(wizard.configPath(), wizard.keychainSecrets());
}

bool MainWindow::openNewConfig(const QString &path, const QMap<QString, QString> &keychainSecrets)
{
    if (!openFile(path))
        return false;
    if (!keychainSecrets.isEmpty()) {
        showPage(Page::Credentials);
        m_credentialsPage->storeSecrets(keychainSecrets);
    }
    return true;
}

void MainWindow::openDialog()
{
    const QString start = m_document->isOpen() ? QFileInfo(m_document->path()).absolutePath() : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open configuration"), start,
                                                      tr("TOML configuration (*.toml);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save()
{
    if (!m_document->isOpen())
        return false;
    if (!m_document->validation().ok()) {
        const auto answer = MessageBox::question(
            this, tr("Save configuration"),
            tr("The configuration has errors and the service will not start with it. Save anyway?"),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Save)
            return false;
    }
    const bool mainChanged = m_document->text() != m_document->savedText() || !QFileInfo::exists(m_document->path());
    const bool clientChanged = m_document->clientText() != m_document->clientSavedText();
    if (!mainChanged && !clientChanged) {
        m_document->undoStack()->setClean(); // e.g. edited and changed back: nothing to write
        return true;
    }
    // One preview per file that changes: the separate client file (client_config_path) first.
    if (clientChanged
        && !DiffPreviewDialog::confirm(this, m_document->clientFilePath(), m_document->clientSavedText(),
                                       m_document->clientText()))
        return false;
    if (mainChanged
        && !DiffPreviewDialog::confirm(this, m_document->path(), m_document->savedText(), m_document->text()))
        return false;
    if (Result<void> saved = m_document->save(); !saved) {
        MessageBox::critical(this, tr("Save configuration"), saved.error().message, saved.error().cause);
        return false;
    }
    logNote(tr("Saved %1 (previous version kept as .bak)").arg(QDir::toNativeSeparators(m_document->path())));
    statusBar()->showMessage(tr("Saved"), 3000);
    return true;
}

bool MainWindow::saveAs(const QString &path)
{
    if (!m_document->isOpen())
        return false;
    if (Result<void> saved = m_document->saveAs(path); !saved) {
        MessageBox::critical(this, tr("Save configuration"), saved.error().message, saved.error().cause);
        return false;
    }
    addRecentFile(m_document->path());
    logNote(tr("Saved as %1").arg(QDir::toNativeSeparators(m_document->path())));
    return true;
}

bool MainWindow::saveAsDialog()
{
    if (!m_document->isOpen())
        return false;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save configuration as"), m_document->path(),
                                                      tr("TOML configuration (*.toml);;All files (*)"));
    return !path.isEmpty() && saveAs(path);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = MessageBox::question(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them?").arg(QFileInfo(m_document->path()).fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    if (m_engine->state() != EngineController::State::Stopped)
        m_engine->stop(std::chrono::milliseconds(0));
    event->accept();
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(RecentFilesKey).toStringList();
}

QString MainWindow::fileToReopen() const
{
    const QStringList recent = recentFiles();
    if (!PreferencesDialog::reopenLast() || recent.isEmpty() || !QFileInfo::exists(recent.first()))
        return {};
    return recent.first();
}

void MainWindow::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(RecentFilesKey, files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    const QStringList files = recentFiles();
    m_recentMenu->clear();
    for (const QString &file : files) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(file));
        connect(action, &QAction::triggered, this, [this, file] { openFile(file); });
    }
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear List"));
    clear->setObjectName(QStringLiteral("actionClearRecent"));
    clear->setEnabled(!files.isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        QSettings().remove(RecentFilesKey);
        updateRecentMenu();
    });
    m_welcome->setRecentFiles(files);
}

void MainWindow::updateTitle()
{
    const bool open = m_document->isOpen();
    // [*] is where Qt puts the modified marker (and macOS shows the dot in the close button).
    setWindowTitle(open ? tr("%1[*] — TestBench Defect Service Admin").arg(QFileInfo(m_document->path()).fileName())
                        : tr("TestBench Defect Service Admin"));
    setWindowFilePath(m_document->path());
    setWindowModified(m_document->isModified());
    m_fileStatus->setText(open ? QDir::toNativeSeparators(m_document->path()) : tr("No configuration open"));
    m_saveAction->setEnabled(open);
    m_saveAsAction->setEnabled(open);
    m_pageList->setEnabled(open);
    m_central->setCurrentIndex(open ? 1 : 0);
}

void MainWindow::updateEngineStatus()
{
    switch (m_engine->state()) {
    case EngineController::State::Running:
        m_engineStatus->setText(tr("Service: running at %1").arg(m_engine->url().toString()));
        break;
    case EngineController::State::Stopping:
        m_engineStatus->setText(tr("Service: stopping"));
        break;
    case EngineController::State::Stopped:
        m_engineStatus->setText(tr("Service: stopped"));
        break;
    }
}

void MainWindow::logNote(const QString &text)
{
    m_log->append(LogModel::Level::Info, tr("admin"), text);
}

} // namespace tbds::ui
