// SPDX-License-Identifier: Apache-2.0
// Every page of the main window (JSONL sample and Jira demo) at the scale factor this run got
// (registered twice: QT_SCALE_FACTOR=2 and 1): grabs at that device pixel ratio, no text widget
// smaller than it needs (clipped text), a vector window icon; "<page>@2x.png" screenshots.
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/connectiontestpage.h"
#include "ui/controlfieldspage.h"
#include "ui/jqlpreviewpage.h"
#include "ui/mainwindow.h"
#include "ui/svgiconengine.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/models/jqlresultsmodel.h"
#include "ui/permissionspage.h"
#include "ui/projectpicker.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "guitestutil.h"
#include "uitestutil.h"

using tbds::fakejira::FakeJira;
using tbds::ui::MainWindow;
namespace demo = tbds::fakejira::demo;

namespace {

QString describe(const QWidget *widget)
{
    QString path;
    for (const QWidget *w = widget; w; w = w->parentWidget())
        if (!w->objectName().isEmpty()) {
            path = w->objectName();
            break;
        }
    QString text;
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text();
    else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    else if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
        text = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
    return QStringLiteral("%1 \"%2\" (in %3)")
        .arg(QString::fromLatin1(widget->metaObject()->className()), text.left(60), path);
}

/**
 * Visible labels, buttons and line edits smaller than they need: narrower or lower than their
 * minimumSizeHint, and word-wrapped labels lower than their heightForWidth at their width.
 */
QStringList clippedTextWidgets(const QWidget *root)
{
    QStringList problems;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (!widget->isVisible() || widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        QSize needed = widget->minimumSizeHint();
        if (const auto *label = qobject_cast<const QLabel *>(widget)) {
            if (label->text().isEmpty() && !label->pixmap().isNull())
                continue;
            if (label->text().isEmpty())
                continue;
            if (label->wordWrap() && label->heightForWidth(label->width()) > 0)
                needed.setHeight(std::max(needed.height(), label->heightForWidth(label->width())));
        } else if (qobject_cast<const QAbstractButton *>(widget)) {
            // The clear button inside a line edit is laid out by the edit.
            if (qobject_cast<const QLineEdit *>(widget->parentWidget()))
                continue;
        } else if (qobject_cast<const QLineEdit *>(widget)) {
            // Combo and spin boxes size their own edit.
            if (qobject_cast<const QComboBox *>(widget->parentWidget())
                || qobject_cast<const QAbstractSpinBox *>(widget->parentWidget()))
                continue;
        } else if (const auto *header = qobject_cast<const QHeaderView *>(widget)) {
            // Column titles: each shown section as wide as its title as drawn now (each line of it,
            // the style's margins, the sort arrow where there is one).
            if (header->orientation() != Qt::Horizontal)
                continue;
            const QFontMetrics metrics = header->fontMetrics();
            const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
            for (int section = 0; section < header->count(); ++section) {
                if (header->isSectionHidden(section))
                    continue;
                const QString title = header->model()->headerData(section, Qt::Horizontal).toString();
                int width = 0;
                for (const QString &line : title.split(QLatin1Char('\n')))
                    width = std::max(width, metrics.horizontalAdvance(line));
                width += 2 * margin;
                if (header->isSortIndicatorShown() && header->sortIndicatorSection() == section)
                    width += header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header) + margin;
                if (header->sectionSize(section) < width)
                    problems << QStringLiteral("column \"%1\" of %2: %3 wide, needs %4")
                                    .arg(title, describe(header->parentWidget()))
                                    .arg(header->sectionSize(section))
                                    .arg(width);
            }
            continue;
        } else {
            continue;
        }
        if (widget->width() < needed.width() || widget->height() < needed.height())
            problems << QStringLiteral("%1: %2x%3, needs %4x%5")
                            .arg(describe(widget))
                            .arg(widget->width())
                            .arg(widget->height())
                            .arg(needed.width())
                            .arg(needed.height());
    }
    return problems;
}

// "ConnectionTest" -> "connection-test"
QString pageName(MainWindow::Page page)
{
    QString name;
    for (const QChar c : QString::fromLatin1(QMetaEnum::fromType<MainWindow::Page>().valueToKey(int(page)))) {
        if (c.isUpper() && !name.isEmpty())
            name += QLatin1Char('-');
        name += c.toLower();
    }
    return name;
}

} // namespace

class tst_HighDpi : public QObject
{
    Q_OBJECT

private:
    FakeJira m_jira;
    QTemporaryDir m_dir;
    qreal m_scale = 1;

    /** Checks what is on screen now; saves "<name>@2x.png" when running at 2x. */
    void checkWindow(QWidget *window, const QString &name)
    {
        QCoreApplication::processEvents();
        const QPixmap grab = window->grab();
        QCOMPARE(grab.devicePixelRatio(), m_scale);
        QCOMPARE(grab.size(), window->size() * m_scale);
        const QStringList clipped = clippedTextWidgets(window);
        QVERIFY2(clipped.isEmpty(), qPrintable(name + QStringLiteral(":\n") + clipped.join(QLatin1Char('\n'))));
        if (m_scale == 2)
            QVERIFY(grab.save(tbds::test::screenshotDir() + QLatin1Char('/') + name + tbds::test::languageSuffix()
                              + QStringLiteral("@2x.png")));
    }

    void checkEveryPage(MainWindow &window, const QString &prefix)
    {
        const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
        for (int i = 0; i < pages.keyCount(); ++i) {
            const auto page = MainWindow::Page(pages.value(i));
            window.showPage(page);
            checkWindow(&window, prefix + pageName(page));
            if (QTest::currentTestFailed())
                return;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_highdpi"));
        QSettings().clear();
        // tst_highdpi_de: German labels are longer; nothing may be cut in German either.
        QString why;
        QVERIFY2(tbds::test::installTestLanguage(&why), qPrintable(why));
        m_scale = qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1")).toDouble();
        QVERIFY(m_scale >= 1);
        QCOMPARE(qApp->devicePixelRatio(), m_scale);
        m_jira.loadDemoData();
        QVERIFY(m_jira.start().ok());
    }

    void clippingCheckCatchesClippedText()
    {
        // The check itself: a squeezed button, a wrapped label without its height, a narrow column.
        QWidget window;
        window.resize(300, 300);
        auto *button = new QPushButton(QStringLiteral("A button with a long text"), &window);
        button->setGeometry(0, 0, 40, button->sizeHint().height());
        auto *label = new QLabel(QStringLiteral("A word-wrapped label with more words than fit one line"), &window);
        label->setWordWrap(true);
        label->setGeometry(0, 50, 120, label->fontMetrics().height());
        auto *view = new QTableView(&window);
        QStandardItemModel model(1, 1);
        model.setHorizontalHeaderLabels({ QStringLiteral("A long column title") });
        view->setModel(&model);
        view->horizontalHeader()->resizeSection(0, 30);
        view->setGeometry(0, 100, 200, 150);
        auto *fine = new QLabel(QStringLiteral("OK"), &window);
        fine->setGeometry(150, 0, 100, 30);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList clipped = clippedTextWidgets(&window);
        QCOMPARE(clipped.size(), 3);
        const QString all = clipped.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("A button")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("word-wrapped")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("A long column title")), qPrintable(all));
    }

    void windowIconIsAVector()
    {
        MainWindow window;
        const QIcon icon = window.windowIcon();
        QVERIFY(!icon.isNull());
        // QIcon never scales a bitmap up: only a vector source gives 512 px, or 64 device pixels
        // for 32 at 2x.
        QCOMPARE(icon.pixmap(QSize(512, 512), 1.0).size(), QSize(512, 512));
        const QPixmap sharp = icon.pixmap(QSize(32, 32), 2.0);
        QCOMPARE(sharp.size(), QSize(64, 64));
        QCOMPARE(sharp.devicePixelRatio(), 2.0);
        // Drawn, not an empty square: the SVG's blue background fills the middle.
        const QImage image = icon.pixmap(QSize(64, 64), 1.0).toImage();
        QCOMPARE(image.pixelColor(32, 32).alpha(), 255);
        QCOMPARE(MainWindow::applicationIcon().pixmap(QSize(512, 512), 1.0).size(), QSize(512, 512));

        // Our own engine draws it (no Qt SVG icon plugin involved): any size, any ratio, any mode.
        const QIcon own(new tbds::ui::SvgIconEngine(QStringLiteral(":/icons/tbds-admin.svg")));
        QVERIFY(!own.isNull());
        const QPixmap own2x = own.pixmap(QSize(48, 48), 2.0);
        QCOMPARE(own2x.size(), QSize(96, 96));
        QCOMPARE(own2x.devicePixelRatio(), 2.0);
        QCOMPARE(own2x.toImage().pixelColor(48, 48).alpha(), 255);
        QCOMPARE(own.pixmap(QSize(32, 32), 1.0).toImage().pixelColor(0, 0).alpha(), 0); // rounded corner: see-through
        QVERIFY(!own.pixmap(QSize(32, 32), QIcon::Disabled).isNull());
        QVERIFY(QIcon(new tbds::ui::SvgIconEngine(QStringLiteral(":/no/such.svg"))).isNull());
    }

    void welcome()
    {
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        checkWindow(&window, QStringLiteral("welcome"));
    }

    void jsonlSample()
    {
        QTemporaryDir dir;
        const QString config = tbds::test::copyJsonlSample(dir.path());
        QVERIFY(!config.isEmpty());
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        QVERIFY(window.openFile(config));
        checkEveryPage(window, QStringLiteral("jsonl-"));
    }

    void jiraDemo()
    {
        const QString config = m_dir.filePath(QStringLiteral("jira.toml"));
        QVERIFY(tbds::test::writeJiraConfig(config, m_jira.baseUrl().toString(), QString::fromLatin1(demo::kCloudEmail),
                                            QString::fromLatin1(demo::kCloudApiToken)));
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        QVERIFY(window.openFile(config));
        checkEveryPage(window, QStringLiteral("jira-"));
        if (QTest::currentTestFailed())
            return;

        // The pages again with what Jira answered in them (tables, banners, wrapped messages).
        window.showPage(MainWindow::Page::ConnectionTest);
        auto *test = qobject_cast<tbds::ui::ConnectionTestPage *>(window.pageWidget(MainWindow::Page::ConnectionTest));
        QSignalSpy tested(test->model(), &tbds::ui::ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(tested.wait(20000));
        checkWindow(&window, QStringLiteral("jira-connection-test-done"));

        window.showPage(MainWindow::Page::Permissions);
        auto *permissions = qobject_cast<tbds::ui::PermissionsPage *>(window.pageWidget(MainWindow::Page::Permissions));
        QSignalSpy checked(permissions, &tbds::ui::PermissionsPage::checkFinished);
        permissions->checkAll();
        QVERIFY(checked.wait(20000));
        checkWindow(&window, QStringLiteral("jira-permissions-done"));

        window.showPage(MainWindow::Page::JqlPreview);
        auto *preview = qobject_cast<tbds::ui::JqlPreviewPage *>(window.pageWidget(MainWindow::Page::JqlPreview));
        preview->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
        QSignalSpy validated(preview, &tbds::ui::JqlPreviewPage::validated);
        preview->setJql(QStringLiteral("project = DEMO status = Done"));
        QVERIFY(validated.wait(20000));
        checkWindow(&window, QStringLiteral("jira-jql-error"));
        preview->setJql(QStringLiteral("project = DEMO"));
        preview->run();
        QVERIFY(QTest::qWaitFor(
            [preview] { return preview->model()->rowCount() > 0 && !preview->model()->isRunning(); }, 20000));
        checkWindow(&window, QStringLiteral("jira-jql-preview-done"));

        window.showPage(MainWindow::Page::ControlFields);
        auto *fields = qobject_cast<tbds::ui::ControlFieldsPage *>(window.pageWidget(MainWindow::Page::ControlFields));
        fields->picker()->setCurrentProject(QString::fromLatin1(demo::kDemoProject));
        QSignalSpy loaded(fields, &tbds::ui::ControlFieldsPage::loadFinished);
        fields->load();
        QVERIFY(loaded.wait(20000));
        checkWindow(&window, QStringLiteral("jira-control-fields-done"));
    }
};

QTEST_MAIN(tst_HighDpi)
#include "tst_highdpi.moc"
