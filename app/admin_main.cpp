// SPDX-License-Identifier: Apache-2.0
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tbds-admin"));
    QApplication::setOrganizationName(QStringLiteral("tbds"));
    QApplication::setApplicationVersion(QStringLiteral(TBDS_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("tbds"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Administration of the TestBench Defect Service"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("config"),
                                 QApplication::translate("main", "The config.toml to open."));
    parser.process(app);

    tbds::ui::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.setConfigPath(parser.positionalArguments().constFirst());
    window.show();
    return QApplication::exec();
}
