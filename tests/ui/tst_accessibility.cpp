// SPDX-License-Identifier: Apache-2.0
// Accessible names and keyboard-only use of every page and dialog: each visible control has a
// name a screen reader can say, Tab reaches every control in reading order and comes back
// around, mnemonics do not clash, and the main flows work with the keyboard alone. The Jira pages
// run against the Jira simulator, so their result widgets are filled.
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/aboutdialog.h"
#include "ui/configwizard.h"
#include "ui/connectiontestpage.h"
#include "ui/controlfieldspage.h"
#include "ui/credentialspage.h"
#include "ui/diffpreviewdialog.h"
#include "ui/enginecontroller.h"
#include "ui/jqlpreviewpage.h"
#include "ui/mainwindow.h"
#include "guitestutil.h"
#include "windowtestutil.h"
#include "ui/preferencesdialog.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/models/controlfieldsmodel.h"
#include "ui/models/jqlresultsmodel.h"
#include "ui/permissionspage.h"
#include "ui/projectpicker.h"

#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitterHandle>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolBar>

#include "uitestutil.h"

using tbds::fakejira::FakeJira;
using tbds::ui::ConfigWizard;
using tbds::ui::ConnectionTestModel;
using tbds::ui::MainWindow;
namespace demo = tbds::fakejira::demo;

namespace {

QString describe(const QWidget *w)
{
    QString name = w->objectName();
    if (name.isEmpty()) {
        for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
            if (!p->objectName().isEmpty() && !p->objectName().startsWith(QLatin1String("qt_"))) {
                name = QStringLiteral("<no objectName> in %1").arg(p->objectName());
                break;
            }
        }
    }
    return QStringLiteral("%1 (%2)").arg(name, QString::fromLatin1(w->metaObject()->className()));
}

/**
 * Widgets Qt builds inside other controls (a combo box's line edit, a spin box's editor, a line
 * edit's clear button, a tab bar's scroll buttons, scroll bars, headers): they are part of their
 * owner's accessible object, not controls of their own.
 */
bool isInternal(const QWidget *w)
{
    if (qobject_cast<const QScrollBar *>(w) || qobject_cast<const QHeaderView *>(w)
        || qobject_cast<const QSplitterHandle *>(w))
        return true;
    for (const QWidget *p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget()) {
        if (qobject_cast<const QComboBox *>(p) || qobject_cast<const QAbstractSpinBox *>(p)
            || qobject_cast<const QLineEdit *>(p) || qobject_cast<const QTabBar *>(p)
            || qobject_cast<const QAbstractItemView *>(p))
            return true;
    }
    return false;
}

bool isInteractive(const QWidget *w)
{
    if (w->isWindow() || isInternal(w) || w->focusProxy())
        return false;
    if (qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w)
        || qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
        || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QTextEdit *>(w)
        || qobject_cast<const QPlainTextEdit *>(w) || qobject_cast<const QTabBar *>(w)
        || qobject_cast<const QAbstractSlider *>(w))
        return true;
    // Anything else Tab stops at (a label with links, a scroll area) is a control too.
    return (w->focusPolicy() & Qt::TabFocus) != 0;
}

/** The visible widgets of `root`'s window (at or below `root`). */
QList<QWidget *> visibleWidgets(QWidget *root)
{
    QList<QWidget *> out;
    const QList<QWidget *> all = root->findChildren<QWidget *>();
    for (QWidget *w : all)
        if (w->isVisible() && w->window() == root->window())
            out << w;
    return out;
}

/** Visible controls under `root` whose accessible name is empty. */
QStringList unnamedControls(QWidget *root)
{
    QStringList offenders;
    for (QWidget *w : visibleWidgets(root)) {
        if (!isInteractive(w))
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        bool named = !name.isEmpty();
        // On Linux Qt reports a combo box's current text as its name and ties the label to it by
        // a relation only; ask for that relation (or an explicit name), not the current text.
        if (qobject_cast<QComboBox *>(w) && w->accessibleName().isEmpty())
            named = iface && !iface->relations(QAccessible::Label).isEmpty();
        if (!named)
            offenders << describe(w);
    }
    return offenders;
}

bool takesTabFocus(const QWidget *w)
{
    return w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy() && !isInternal(w);
}

/**
 * Enabled controls Tab never stops at. Left out: tool bar buttons (their actions are in the menus),
 * a dock's title buttons (View ▸ Log), and the unchecked buttons of an exclusive group (Qt takes
 * Tab from those; the arrow keys reach them from the checked one).
 */
QStringList skippedByTab(QWidget *root)
{
    QStringList offenders;
    for (QWidget *w : visibleWidgets(root)) {
        if (!isInteractive(w) || !w->isEnabled() || (w->focusPolicy() & Qt::TabFocus))
            continue;
        if (qobject_cast<QToolBar *>(w->parentWidget()) || qobject_cast<QDockWidget *>(w->parentWidget()))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w); button && button->autoExclusive())
            continue;
        offenders << describe(w);
    }
    return offenders;
}

/** Every widget under `root` that Tab has to reach. */
QList<QWidget *> tabTargets(QWidget *root)
{
    QList<QWidget *> out;
    for (QWidget *w : visibleWidgets(root))
        if (takesTabFocus(w))
            out << w;
    return out;
}

bool pressOnFocus(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return false;
    QTest::keyClick(focus, key, modifiers);
    return true;
}

struct Traversal
{
    QList<QWidget *> order; // from the start, without it
    QStringList problems;
};

/**
 * Presses Tab from `start` until the focus is back on it. `keepsTab` may keep Tab for itself
 * (the TOML editor indents with it); Ctrl+Tab must leave it.
 */
Traversal tabAround(QWidget *start, QWidget *keepsTab = nullptr)
{
    Traversal t;
    start->setFocus(Qt::TabFocusReason);
    if (QApplication::focusWidget() != start) {
        t.problems << QStringLiteral("cannot focus the start %1").arg(describe(start));
        return t;
    }
    for (int presses = 0; presses < 300; ++presses) {
        QWidget *before = QApplication::focusWidget();
        if (!before) {
            t.problems << QStringLiteral("focus lost after %1")
                              .arg(t.order.isEmpty() ? describe(start) : describe(t.order.constLast()));
            return t;
        }
        pressOnFocus(Qt::Key_Tab, before == keepsTab ? Qt::ControlModifier : Qt::NoModifier);
        QWidget *after = QApplication::focusWidget();
        if (after == start)
            return t;
        if (after == before) {
            t.problems << QStringLiteral("Tab does not leave %1 (focus trap)").arg(describe(before));
            return t;
        }
        if (after && t.order.contains(after)) {
            t.problems << QStringLiteral("Tab circles back to %1 without reaching the start").arg(describe(after));
            return t;
        }
        t.order << after;
    }
    t.problems << QStringLiteral("no way back to the start after 300 presses of Tab");
    return t;
}

/** Position in `root`, as if every scroll area were scrolled to its top. */
QRect rectIn(const QWidget *w, const QWidget *root)
{
    QPoint pos;
    for (const QWidget *p = w; p && p != root; p = p->parentWidget()) {
        const QWidget *parent = p->parentWidget();
        const auto *area = parent ? qobject_cast<const QAbstractScrollArea *>(parent->parentWidget()) : nullptr;
        if (!(area && area->viewport() == parent))
            pos += p->pos();
    }
    return QRect(pos, w->size());
}

/** The child of the lowest common ancestor of `a` and `b` that holds `w` (`w` is a or b). */
const QWidget *branch(const QWidget *w, const QWidget *other)
{
    const QWidget *child = w;
    for (const QWidget *p = w->parentWidget(); p; child = p, p = p->parentWidget())
        if (p->isAncestorOf(other))
            return child;
    return w;
}

/**
 * Whether `b` may follow `a` in reading order: further down, or to the right on the same row,
 * or at the top of the next column (b's column lies entirely right of a's).
 */
bool readsAfter(const QWidget *a, const QWidget *b, const QWidget *root)
{
    const QRect ra = rectIn(a, root);
    const QRect rb = rectIn(b, root);
    const QRect columnA = rectIn(branch(a, b), root);
    const QRect columnB = rectIn(branch(b, a), root);
    if (columnB.left() >= columnA.right() - 2)
        return true;
    const int overlap = qMin(ra.bottom(), rb.bottom()) - qMax(ra.top(), rb.top());
    if (overlap > qMin(ra.height(), rb.height()) / 2)
        return rb.center().x() > ra.center().x();
    return rb.center().y() > ra.center().y();
}

QStringList readingOrderProblems(const QList<QWidget *> &order, QWidget *root)
{
    QStringList problems;
    QList<QWidget *> inside;
    for (QWidget *w : order)
        if (root->isAncestorOf(w))
            inside << w;
    for (qsizetype i = 1; i < inside.size(); ++i) {
        if (!readsAfter(inside[i - 1], inside[i], root))
            problems << QStringLiteral("%1 comes after %2 but is not below or right of it")
                            .arg(describe(inside[i]), describe(inside[i - 1]));
    }
    return problems;
}

/** Mnemonics (Alt+letter) reachable in `window` that more than one control answers to. */
QStringList mnemonicClashes(QWidget *window)
{
    QMultiMap<QString, QString> keys;
    const auto add = [&keys](const QString &text, const QString &who) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (!key.isEmpty())
            keys.insert(key.toString(QKeySequence::PortableText), who);
    };
    QStringList clashes;
    for (QWidget *w : visibleWidgets(window)) {
        if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            add(button->text(), describe(w));
        } else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy() && label->buddy()->isVisible()) {
            add(label->text(), QStringLiteral("label of %1").arg(describe(label->buddy())));
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                if (tabs->isTabVisible(i))
                    add(tabs->tabText(i), QStringLiteral("tab \"%1\"").arg(tabs->tabText(i)));
        } else if (auto *bar = qobject_cast<QMenuBar *>(w)) {
            for (QAction *action : bar->actions()) {
                if (!action->isVisible())
                    continue;
                add(action->text(), QStringLiteral("menu \"%1\"").arg(action->text()));
                if (!action->menu())
                    continue;
                // Inside an open menu its own items must be told apart.
                QMultiMap<QString, QString> items;
                for (QAction *item : action->menu()->actions()) {
                    const QKeySequence key = QKeySequence::mnemonic(item->text());
                    if (item->isVisible() && !item->isSeparator() && !key.isEmpty())
                        items.insert(key.toString(QKeySequence::PortableText), item->text());
                }
                for (const QString &key : items.uniqueKeys())
                    if (items.count(key) > 1)
                        clashes << QStringLiteral("%1 in menu %2: %3")
                                       .arg(key, action->text(),
                                            QStringList(items.values(key)).join(QStringLiteral(", ")));
            }
        }
    }
    for (const QString &key : keys.uniqueKeys())
        if (keys.count(key) > 1)
            clashes << QStringLiteral("%1: %2").arg(key, QStringList(keys.values(key)).join(QStringLiteral(", ")));
    return clashes;
}

QString section(const QString &title, const QStringList &items)
{
    return items.isEmpty() ? QString()
                           : QStringLiteral("\n  %1:\n    %2").arg(title, items.join(QStringLiteral("\n    ")));
}

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT

private:
    QString m_screenshots;
    FakeJira m_jira;
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_jsonl;
    std::unique_ptr<MainWindow> m_jiraWindow;

    void screenshot(QWidget *window, const QString &name)
    {
        QCoreApplication::processEvents();
        const QString path = m_screenshots + QLatin1Char('/') + name + tbds::test::languageSuffix() + QStringLiteral(".png");
        QVERIFY2(window->grab().save(path), qPrintable(path));
    }

    static bool activate(QWidget *window)
    {
        window->show();
        window->activateWindow();
        if (QTest::qWaitForWindowActive(window) && window->isActiveWindow())
            return true;
        // Offscreen, a window shown again after hide() can be the focus window while QApplication
        // has no active window: activating another window first sets both again.
        QWidget other;
        other.show();
        other.activateWindow();
        if (!QTest::qWaitForWindowActive(&other))
            return false;
        window->activateWindow();
        return QTest::qWaitForWindowActive(window) && window->isActiveWindow();
    }

    QString writeJiraConfig()
    {
        const QString path = m_dir.filePath(QStringLiteral("jira.toml"));
        const bool written = tbds::test::writeJiraConfig(
            path, m_jira.baseUrl().toString(), QString::fromLatin1(demo::kCloudEmail),
            QString::fromLatin1(demo::kCloudApiToken), {},
            {QStringLiteral("priority"), QStringLiteral("status"), QStringLiteral("classification")});
        return written ? path : QString();
    }



    /** Fills the Jira pages' result widgets by running each page once against the simulator. */
    bool runJiraPages(MainWindow &window)
    {
        auto *test = tbds::test::showPage<tbds::ui::ConnectionTestPage>(window, MainWindow::Page::ConnectionTest);
        QSignalSpy tested(test->model(), &ConnectionTestModel::finished);
        test->runTest();
        if (!tested.wait(20000))
            return false;

        auto *permissions = tbds::test::showPage<tbds::ui::PermissionsPage>(window, MainWindow::Page::Permissions);
        QSignalSpy checked(permissions, &tbds::ui::PermissionsPage::checkFinished);
        permissions->checkAll();
        if (!checked.wait(20000))
            return false;

        auto *preview = tbds::test::showPage<tbds::ui::JqlPreviewPage>(window, MainWindow::Page::JqlPreview);
        preview->picker()->setCurrentProject(QString::fromLatin1(demo::kBulkProject));
        preview->run();
        auto *model = preview->model();
        if (!QTest::qWaitFor([model] { return model->rowCount() > 0 && model->canFetchMore({}); }, 20000))
            return false;

        auto *fields = tbds::test::showPage<tbds::ui::ControlFieldsPage>(window, MainWindow::Page::ControlFields);
        fields->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
        QSignalSpy loaded(fields, &tbds::ui::ControlFieldsPage::loadFinished);
        fields->load();
        return loaded.wait(20000) && fields->model()->rowCount() > 0;
    }

    /**
     * Every check for what `window` shows now, with the sidebar as the start of the Tab round
     * (or `start`, where there is no sidebar). `content` is the part whose reading order is checked.
     */
    static QString checkWindow(QWidget *window, QWidget *start, QWidget *content, QWidget *keepsTab = nullptr)
    {
        QCoreApplication::processEvents();
        QString report;
        report += section(QStringLiteral("controls without an accessible name"), unnamedControls(window));
        report += section(QStringLiteral("controls Tab never stops at"), skippedByTab(window));

        const Traversal round = tabAround(start, keepsTab);
        QStringList stops;
        for (QWidget *w : round.order)
            stops << (w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName());
        qInfo("%d tab stops after %s: %s", int(stops.size()), qPrintable(describe(start)),
              qPrintable(stops.join(QStringLiteral(" → "))));
        report += section(QStringLiteral("keyboard trap"), round.problems);
        QStringList missed;
        for (QWidget *w : tabTargets(window))
            if (w != start && !round.order.contains(w))
                missed << describe(w);
        if (round.problems.isEmpty())
            report += section(QStringLiteral("not reached with Tab"), missed);
        report
            += section(QStringLiteral("tab order against reading order"), readingOrderProblems(round.order, content));
        if (auto *dock = window->findChild<QDockWidget *>(); dock && dock->isVisible()) {
            report += section(QStringLiteral("tab order against reading order in the log"),
                              readingOrderProblems(round.order, dock));
            // The panes in order: sidebar, page, log, and round again.
            QStringList panes;
            qsizetype firstInLog = -1;
            for (qsizetype i = 0; i < round.order.size(); ++i) {
                if (dock->isAncestorOf(round.order.at(i)) && firstInLog < 0)
                    firstInLog = i;
                else if (content->isAncestorOf(round.order.at(i)) && firstInLog >= 0)
                    panes << QStringLiteral("%1 comes after the log's %2")
                                 .arg(describe(round.order.at(i)), describe(round.order.at(firstInLog)));
            }
            report += section(QStringLiteral("tab order against the order of the panes"), panes);
        }
        report += section(QStringLiteral("clashing mnemonics"), mnemonicClashes(window));
        return report;
    }

    static QWidget *pageList(MainWindow &window) { return window.findChild<QListWidget *>(QStringLiteral("pageList")); }

    /** Tab (forward) until `target` has the focus; false when it never does. */
    static bool tabTo(QWidget *target)
    {
        for (int presses = 0; presses < 200 && QApplication::focusWidget() != target; ++presses)
            if (!pressOnFocus(Qt::Key_Tab))
                return false;
        return QApplication::focusWidget() == target;
    }

    /** F6 until the sidebar has the focus (the keyboard way to get there). */
    static bool paneToSidebar(MainWindow &window)
    {
        for (int presses = 0; presses < 4 && QApplication::focusWidget() != pageList(window); ++presses)
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &window, Qt::Key_F6);
        return QApplication::focusWidget() == pageList(window);
    }


private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
        QSettings().clear();
        // The German run (tst_accessibility_de): mnemonics and names must hold in every language we ship.
        QString why;
        QVERIFY2(tbds::test::installTestLanguage(&why), qPrintable(why));
        m_screenshots
            = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(m_screenshots));
        m_jira.loadDemoData();
        QVERIFY(m_jira.start().ok());

        QDir(m_dir.path()).mkpath(QStringLiteral("jsonl"));
        m_jsonl = tbds::test::openWindow(tbds::test::copyJsonlSample(m_dir.filePath(QStringLiteral("jsonl"))));
        QVERIFY(m_jsonl);
        m_jsonl->hide();
        m_jiraWindow = tbds::test::openWindow(writeJiraConfig());
        QVERIFY(m_jiraWindow);
        QVERIFY(runJiraPages(*m_jiraWindow));
        m_jiraWindow->hide();
    }

    void cleanupTestCase()
    {
        m_jsonl.reset();
        m_jiraWindow.reset();
    }

    void pages_data()
    {
        QTest::addColumn<bool>("jira");
        QTest::addColumn<int>("page");
        const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
        for (bool jira : { false, true })
            for (int i = 0; i < pages.keyCount(); ++i)
                QTest::addRow("%s/%s", jira ? "jira" : "jsonl", pages.key(i)) << jira << pages.value(i);
    }

    void pages()
    {
        QFETCH(bool, jira);
        QFETCH(int, page);
        MainWindow &window = jira ? *m_jiraWindow : *m_jsonl;
        QVERIFY(activate(&window));
        window.showPage(MainWindow::Page(page));
        QWidget *content = window.pageWidget(MainWindow::Page(page));
        if (auto *credentials = qobject_cast<tbds::ui::CredentialsPage *>(content)) // keychain lookups done
            QTRY_VERIFY_WITH_TIMEOUT(!credentials->isBusy(), 30000);
        const QString report = checkWindow(&window, pageList(window), content);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }

    void configurationTomlTab()
    {
        // The raw TOML editor keeps Tab for indenting; Ctrl+Tab (and Ctrl+Shift+Tab) leave it.
        MainWindow &window = *m_jsonl;
        QVERIFY(activate(&window));
        window.showPage(MainWindow::Page::Configuration);
        auto *raw = window.findChild<QPlainTextEdit *>(QStringLiteral("rawTomlEdit"));
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("configTabs"));
        QVERIFY(raw && tabs);
        pageList(window)->setFocus();
        QVERIFY(pressOnFocus(Qt::Key_T, Qt::AltModifier)); // the tab's mnemonic
        QCOMPARE(tabs->currentWidget(), raw);

        raw->setFocus(Qt::TabFocusReason);
        const QString text = raw->toPlainText();
        QVERIFY(pressOnFocus(Qt::Key_Tab));
        QCOMPARE(QApplication::focusWidget(), raw);
        QCOMPARE(raw->toPlainText().size(), text.size() + 1); // indented
        QVERIFY(pressOnFocus(Qt::Key_Backspace));
        QCOMPARE(raw->toPlainText(), text);
        QVERIFY(pressOnFocus(Qt::Key_Tab, Qt::ControlModifier | Qt::ShiftModifier));
        QCOMPARE(QApplication::focusWidget(), tabs->tabBar()); // back to where it came from
        QVERIFY(!raw->accessibleDescription().isEmpty()); // says how to leave

        const QString report
            = checkWindow(&window, pageList(window), window.pageWidget(MainWindow::Page::Configuration), raw);
        tabs->setCurrentIndex(0);
        QVERIFY2(report.isEmpty(), qPrintable(report));
        QCOMPARE(raw->toPlainText(), text);
    }

    void welcomePage()
    {
        QSettings().setValue(QStringLiteral("recentFiles"),
                             QStringList { m_dir.filePath(QStringLiteral("jira.toml")) });
        MainWindow window;
        window.resize(1200, 820);
        QVERIFY(activate(&window));
        auto *welcome = window.findChild<QWidget *>(QStringLiteral("welcomePage"));
        QVERIFY(welcome && welcome->isVisible());
        auto *open = window.findChild<QPushButton *>(QStringLiteral("welcomeOpenButton"));
        const QString report = checkWindow(&window, open, welcome);
        QSettings().remove(QStringLiteral("recentFiles"));
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }

    void wizardPages()
    {
        ConfigWizard wizard;
        QVERIFY(activate(&wizard));
        QStringList reports;
        const auto check = [&](const QString &name) {
            QWidget *content = wizard.currentPage();
            const QList<QWidget *> targets = tabTargets(content);
            if (targets.isEmpty()) {
                reports << name + QStringLiteral(": no control to start from");
                return;
            }
            // The first control in the focus chain of the page starts the round.
            QWidget *start = nullptr;
            for (QWidget *w = content->nextInFocusChain(); w != content && !start; w = w->nextInFocusChain())
                if (targets.contains(w))
                    start = w;
            if (const QString report = checkWindow(&wizard, start ? start : targets.first(), content);
                !report.isEmpty())
                reports << name + QStringLiteral(":") + report;
            screenshot(&wizard, QStringLiteral("a11y-") + name);
        };
        check(QStringLiteral("wizard-service"));
        wizard.findChild<QLineEdit *>(QStringLiteral("wizardPasswordEdit"))->setText(QStringLiteral("pw"));
        wizard.findChild<QLineEdit *>(QStringLiteral("wizardPasswordRepeatEdit"))->setText(QStringLiteral("pw"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::ClientPageId));
        check(QStringLiteral("wizard-client"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::JsonlPageId));
        check(QStringLiteral("wizard-jsonl"));
        wizard.back();
        wizard.findChild<QRadioButton *>(QStringLiteral("wizardJiraRadio"))->setChecked(true);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::JiraPageId));
        check(QStringLiteral("wizard-jira-basic"));
        auto *auth = wizard.findChild<QComboBox *>(QStringLiteral("wizardAuthTypeCombo"));
        auth->setCurrentIndex(auth->findData(QStringLiteral("oauth1")));
        check(QStringLiteral("wizard-jira-oauth1"));
        wizard.findChild<QLineEdit *>(QStringLiteral("wizardServerUrlEdit"))
            ->setText(QStringLiteral("https://jira.example"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConfigWizard::FilePageId));
        check(QStringLiteral("wizard-file"));
        QVERIFY2(reports.isEmpty(), qPrintable(reports.join(QLatin1Char('\n'))));
    }

    void aboutDialog()
    {
        tbds::ui::AboutDialog dialog;
        QVERIFY(activate(&dialog));
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyVersionsButton"));
        const QString report = checkWindow(&dialog, copy, &dialog);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }

    void preferencesDialog()
    {
        tbds::ui::PreferencesDialog dialog;
        QVERIFY(activate(&dialog));
        auto *language = dialog.findChild<QComboBox *>(QStringLiteral("languageCombo"));
        const QString report = checkWindow(&dialog, language, &dialog);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }

    void diffPreviewDialog()
    {
        tbds::ui::DiffPreviewDialog dialog(
            QStringLiteral("--- a/config.toml\n+++ b/config.toml\n@@ -1 +1 @@\n-port = 8030\n+port = 8041\n"),
            m_dir.filePath(QStringLiteral("config.toml")));
        QVERIFY(activate(&dialog));
        auto *view = dialog.findChild<QPlainTextEdit *>(QStringLiteral("diffView"));
        const QString report = checkWindow(&dialog, view, &dialog);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }

    void altDigitsSwitchPages()
    {
        MainWindow &window = *m_jsonl;
        QVERIFY(activate(&window));
        auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("pageStack"));
        pageList(window)->setFocus();
        for (int i : { 4, 0, 7, 1, 6, 2, 5, 3, 0 }) {
            QVERIFY(pressOnFocus(Qt::Key(Qt::Key_1 + i), Qt::AltModifier));
            QCOMPARE(stack->currentIndex(), i);
        }
        // From inside a page, too (the focus is not in the sidebar).
        window.showPage(MainWindow::Page::Service);
        window.findChild<QLineEdit *>(QStringLiteral("requestFilterEdit"))->setFocus();
        QVERIFY(pressOnFocus(Qt::Key_3, Qt::AltModifier));
        QCOMPARE(stack->currentIndex(), int(MainWindow::Page::Projects));
    }

    void arrowKeysInSidebar()
    {
        MainWindow &window = *m_jsonl;
        QVERIFY(activate(&window));
        auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("pageStack"));
        window.showPage(MainWindow::Page::Configuration);
        pageList(window)->setFocus();
        for (int i = 1; i < stack->count(); ++i) {
            QVERIFY(pressOnFocus(Qt::Key_Down));
            QCOMPARE(stack->currentIndex(), i);
        }
        QVERIFY(pressOnFocus(Qt::Key_Up));
        QCOMPARE(stack->currentIndex(), stack->count() - 2);
        QVERIFY(pressOnFocus(Qt::Key_Home));
        QCOMPARE(stack->currentIndex(), 0);
        QVERIFY(pressOnFocus(Qt::Key_End));
        QCOMPARE(stack->currentIndex(), stack->count() - 1);
        QCOMPARE(QApplication::focusWidget(), pageList(window)); // the sidebar keeps the focus
    }

    void f6CyclesPanes()
    {
        MainWindow &window = *m_jsonl;
        QVERIFY(activate(&window));
        window.showPage(MainWindow::Page::Service);
        QWidget *sidebar = pageList(window);
        QWidget *service = window.pageWidget(MainWindow::Page::Service);
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("logDock"));
        QVERIFY(dock->isVisible());
        QAction *next = window.findChild<QAction *>(QStringLiteral("actionNextPane"));
        QAction *previous = window.findChild<QAction *>(QStringLiteral("actionPreviousPane"));
        QVERIFY(next && previous);
        QCOMPARE(next->shortcut(), QKeySequence(Qt::Key_F6));
        QCOMPARE(previous->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F6));
        bool inViewMenu = false;
        for (QAction *menu : window.menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(next) && menu->menu()->actions().contains(previous))
                inViewMenu = true;
        QVERIFY(inViewMenu);

        const auto focusIn = [](QWidget *pane) {
            QWidget *focus = QApplication::focusWidget();
            return focus && (focus == pane || pane->isAncestorOf(focus));
        };
        sidebar->setFocus();
        QVERIFY(pressOnFocus(Qt::Key_F6));
        QVERIFY2(focusIn(service),
                 QApplication::focusWidget() ? qPrintable(describe(QApplication::focusWidget())) : "none");
        QVERIFY(pressOnFocus(Qt::Key_F6));
        QVERIFY(focusIn(dock));
        QVERIFY(pressOnFocus(Qt::Key_F6));
        QCOMPARE(QApplication::focusWidget(), sidebar);
        QVERIFY(pressOnFocus(Qt::Key_F6, Qt::ShiftModifier));
        QVERIFY(focusIn(dock));
        QVERIFY(pressOnFocus(Qt::Key_F6, Qt::ShiftModifier));
        QVERIFY(focusIn(service));

        // Back in a pane, the focus returns to where it was.
        auto *filter = window.findChild<QLineEdit *>(QStringLiteral("requestFilterEdit"));
        filter->setFocus(Qt::TabFocusReason);
        QVERIFY(pressOnFocus(Qt::Key_F6)); // log
        QVERIFY(pressOnFocus(Qt::Key_F6)); // sidebar
        QVERIFY(pressOnFocus(Qt::Key_F6)); // page
        QCOMPARE(QApplication::focusWidget(), filter);

        // Without the log, F6 goes back and forth between sidebar and page.
        dock->hide();
        sidebar->setFocus();
        QVERIFY(pressOnFocus(Qt::Key_F6));
        QVERIFY(focusIn(service));
        QVERIFY(pressOnFocus(Qt::Key_F6));
        QCOMPARE(QApplication::focusWidget(), sidebar);
        dock->show();
    }

    void connectionTestWithKeysOnly()
    {
        MainWindow &window = *m_jiraWindow;
        QVERIFY(activate(&window));
        window.showPage(MainWindow::Page::Configuration);
        pageList(window)->setFocus();
        QVERIFY(pressOnFocus(Qt::Key_5, Qt::AltModifier));
        auto *test = qobject_cast<tbds::ui::ConnectionTestPage *>(window.pageWidget(MainWindow::Page::ConnectionTest));
        QVERIFY(test && test->isVisible());
        QVERIFY(paneToSidebar(window));
        auto *run = window.findChild<QPushButton *>(QStringLiteral("connectionTestButton"));
        QVERIFY(tabTo(run));
        QSignalSpy finished(test->model(), &ConnectionTestModel::finished);
        QVERIFY(pressOnFocus(Qt::Key_Space));
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(test->model()->status(ConnectionTestModel::Step::Authentication), ConnectionTestModel::Status::Passed);
        screenshot(&window, QStringLiteral("a11y-connection-test-keyboard"));
    }

    void serviceStartStopWithKeysOnly()
    {
        MainWindow &window = *m_jsonl;
        QVERIFY(activate(&window));
        pageList(window)->setFocus();
        QVERIFY(pressOnFocus(Qt::Key_2, Qt::AltModifier));
        QVERIFY(window.pageWidget(MainWindow::Page::Service)->isVisible());
        QVERIFY(paneToSidebar(window));
        auto *anyPort = window.findChild<QCheckBox *>(QStringLiteral("anyPortCheck"));
        auto *start = window.findChild<QPushButton *>(QStringLiteral("startButton"));
        auto *stop = window.findChild<QPushButton *>(QStringLiteral("stopButton"));
        QVERIFY(!(window.findChild<QLabel *>(QStringLiteral("urlLabel"))->focusPolicy() & Qt::TabFocus));
        QVERIFY(tabTo(anyPort));
        QVERIFY(pressOnFocus(Qt::Key_Space)); // the configured port may be taken on a build machine
        QVERIFY(anyPort->isChecked());
        QVERIFY(tabTo(start));
        QVERIFY(pressOnFocus(Qt::Key_Space));
        tbds::ui::EngineController *engine = window.engine();
        QTRY_VERIFY_WITH_TIMEOUT(engine->state() == tbds::ui::EngineController::State::Running, 20000);
        QTRY_VERIFY(stop->isEnabled());
        QVERIFY(QApplication::focusWidget()); // the disabled Start handed the focus on
        // The bound URL is a link now, and a Tab stop; "not running" was not one.
        auto *url = window.findChild<QLabel *>(QStringLiteral("urlLabel"));
        QVERIFY(url->focusPolicy() & Qt::TabFocus);
        QVERIFY(tabTo(url));
        QVERIFY(tabTo(stop));
        screenshot(&window, QStringLiteral("a11y-service-keyboard"));
        QVERIFY(pressOnFocus(Qt::Key_Space));
        QTRY_VERIFY_WITH_TIMEOUT(engine->state() == tbds::ui::EngineController::State::Stopped, 20000);
        QVERIFY(QApplication::focusWidget());
        QVERIFY(!(url->focusPolicy() & Qt::TabFocus));
        anyPort->setChecked(false);
    }
};

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
