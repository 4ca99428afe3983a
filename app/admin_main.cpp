// SPDX-License-Identifier: Apache-2.0
#include "ui/firstpaintprobe.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain; // for the start-up benchmark (TBDS_BENCH_FIRST_PAINT)
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tbds-admin"));
    QApplication::setOrganizationName(QStringLiteral("tbds"));
    QApplication::setApplicationVersion(QStringLiteral(TBDS_VERSION));
    // Matches the installed .desktop entry: Wayland shells and docks group the windows under it.
    QGuiApplication::setDesktopFileName(QString::fromLatin1(TBDS_APP_ID));
    // Every window (dialogs too) and the tray get the vector icon, not a platform default.
    QApplication::setWindowIcon(tbds::ui::MainWindow::applicationIcon());

    // The UI follows the system locale unless View ▸ Language chose one (stored by MainWindow).
    const QString chosen = QSettings().value(tbds::ui::PreferencesDialog::languageKey()).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
    QLocale::setDefault(locale);

    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(locale, QStringLiteral("tbds"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Administration of the TestBench Defect Service"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("config"),
                                 QApplication::translate("main", "The config.toml to open."));
    QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Open the demo setup."));
    parser.addOption(demo);
    parser.process(app);

    tbds::ui::MainWindow window;
    tbds::ui::FirstPaintProbe::installIfRequested(&window, sinceMain);
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    else if (parser.isSet(demo))
        window.openDemo();
    else if (const QString last = window.fileToReopen(); !last.isEmpty())
        window.openFile(last); // where the admin left off (Edit ▸ Preferences turns it off)
    window.show();
    return QApplication::exec();
}
