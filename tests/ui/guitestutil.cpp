// SPDX-License-Identifier: Apache-2.0
#include "guitestutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QFile>
#include <QPixmap>
#include <QWidget>

namespace tbds::test {

bool writeJiraConfig(const QString &path, const QString &serverUrl, const QString &username, const QString &password,
                     const QString &extra, const QStringList &controlFields)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QStringList quoted;
    for (const QString &field : controlFields)
        quoted << QLatin1Char('"') + field + QLatin1Char('"');
    const QString text = QStringLiteral("[testbench-defect-service]\n"
                                        "client_class = \"JiraDefectClient\"\n\n"
                                        "[testbench-defect-service.client_config]\n"
                                        "server_url = \"%1\"\n"
                                        "auth_type = \"basic\"\n"
                                        "username = \"%2\"\n"
                                        "password = \"%3\"\n"
                                        "timeout = 10\n"
                                        "control_fields = [%4]\n%5")
                             .arg(serverUrl, username, password, quoted.join(QStringLiteral(", ")), extra);
    return file.write(text.toUtf8()) > 0;
}

bool installTestLanguage(QString *why)
{
    const QString language = qEnvironmentVariable("TBDS_TEST_LANGUAGE");
    if (language.isEmpty())
        return true;
    // Kept for the whole test run, like the application's own translators.
    static QTranslator ours;
    static QTranslator qt;
    const QString qm = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR))
        + QStringLiteral("/app/tbds_%1.qm").arg(language);
    if (!ours.load(qm)) {
        *why = QStringLiteral("cannot load ") + qm;
        return false;
    }
    if (!qt.load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        *why = QStringLiteral("no qtbase_%1.qm (qt6-translations-l10n)").arg(language);
        return false;
    }
    QCoreApplication::installTranslator(&ours);
    QCoreApplication::installTranslator(&qt);
    return true;
}

QPalette darkPalette()
{
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x2a, 0x2a, 0x2a);
    const QColor text(0xff, 0xff, 0xff);
    const QColor disabledText(0x7f, 0x7f, 0x7f);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x42, 0x42, 0x42));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x40, 0x40));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    palette.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x2a, 0x2a, 0x2a));
    palette.setColor(QPalette::Dark, QColor(0x23, 0x23, 0x23));
    palette.setColor(QPalette::Shadow, QColor(0x14, 0x14, 0x14));
    palette.setColor(QPalette::Link, QColor(0x5a, 0xa9, 0xf0));
    palette.setColor(QPalette::LinkVisited, QColor(0xa0, 0x8c, 0xf0));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    palette.setColor(QPalette::HighlightedText, text);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabledText);
    return palette;
}

QString screenshotDir()
{
    const QString dir
        = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

QString languageSuffix()
{
    const QString language = qEnvironmentVariable("TBDS_TEST_LANGUAGE");
    return language.isEmpty() ? QString() : QLatin1Char('-') + language;
}

bool saveScreenshot(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    return widget->grab().save(screenshotDir() + QLatin1Char('/') + name + languageSuffix() + QStringLiteral(".png"));
}

} // namespace tbds::test
