// SPDX-License-Identifier: Apache-2.0
// StatusColors: every status colour reads (WCAG contrast >= 4.5:1) on light, dark and odd palettes.
#include "ui/models/statuscolors.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

#include <memory>

#include "guitestutil.h"

using tbds::ui::StatusColors;
using Status = StatusColors::Status;

Q_DECLARE_METATYPE(QPalette)

namespace {

QPalette flat(const QColor &background, const QColor &text)
{
    QPalette palette(text, background); // window text, window
    palette.setColor(QPalette::Base, background);
    palette.setColor(QPalette::Text, text);
    return palette;
}

QString name(Status status)
{
    switch (status) {
    case Status::Success:
        return QStringLiteral("success");
    case Status::Error:
        return QStringLiteral("error");
    case Status::Warning:
        return QStringLiteral("warning");
    case Status::Muted:
        return QStringLiteral("muted");
    }
    return {};
}

} // namespace

class tst_StatusColors : public QObject
{
    Q_OBJECT

private:
    QPalette m_fusionLight;

private Q_SLOTS:
    void initTestCase()
    {
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(fusion);
        m_fusionLight = fusion->standardPalette();
        QVERIFY(StatusColors::luminance(m_fusionLight.color(QPalette::Base)) > 0.9); // light indeed
    }

    void wcagFormula()
    {
        QCOMPARE(StatusColors::contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(StatusColors::contrast(Qt::white, Qt::white), 1.0);
        // WCAG's own example of the AA limit: #767676 on white is 4.54:1.
        QVERIFY(qAbs(StatusColors::contrast(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
    }

    void readable_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<int>("role");
        const QPalette dark = tbds::test::darkPalette();
        const QList<std::pair<const char *, QPalette>> palettes = {
            { "fusion light", m_fusionLight },
            { "dark", dark },
            // Odd ones: mid-grey (black and white both only just reach 4.5:1 on it), the error red
            // itself, saturated yellow, pure black and white.
            { "mid grey", flat(QColor(0x80, 0x80, 0x80), Qt::black) },
            { "grey at the crossover", flat(QColor(0x76, 0x76, 0x76), Qt::white) },
            { "red", flat(QColor(0xd9, 0x3b, 0x3b), Qt::white) },
            { "yellow", flat(QColor(0xff, 0xee, 0x00), Qt::black) },
            { "black", flat(Qt::black, Qt::white) },
            { "white", flat(Qt::white, Qt::black) },
        };
        for (const auto &[label, palette] : palettes) {
            QTest::addRow("%s, Base", label) << palette << int(QPalette::Base);
            QTest::addRow("%s, Window", label) << palette << int(QPalette::Window);
        }
    }

    void readable()
    {
        QFETCH(QPalette, palette);
        QFETCH(int, role);
        const StatusColors colors(palette, QPalette::ColorRole(role));
        const QColor background = palette.color(QPalette::ColorRole(role));
        QCOMPARE(colors.background(), background);
        for (Status status : { Status::Success, Status::Error, Status::Warning, Status::Muted }) {
            const QColor color = colors.color(status);
            const double ratio = StatusColors::contrast(color, background);
            QVERIFY2(ratio >= StatusColors::MinimumContrast,
                     qPrintable(QStringLiteral("%1 %2 on %3: %4:1")
                                    .arg(name(status), color.name(), background.name())
                                    .arg(ratio, 0, 'f', 2)));
            QCOMPARE(StatusColors::forBackground(status, background), color);
        }
    }

    void keepsTheHueOnUsualPalettes()
    {
        // Green stays green and red stays red on light and dark: only the lightness moves, and
        // only as far as needed (darker on light backgrounds, lighter on dark ones).
        for (const QPalette &palette : { m_fusionLight, tbds::test::darkPalette() }) {
            const StatusColors colors(palette);
            const bool darkBackground = StatusColors::luminance(colors.background()) < 0.2;
            const auto hue = [&](Status status) { return colors.color(status).hslHue(); };
            QVERIFY2(hue(Status::Success) > 110 && hue(Status::Success) < 160,
                     qPrintable(colors.color(Status::Success).name()));
            QVERIFY2(hue(Status::Error) < 10 || hue(Status::Error) > 350,
                     qPrintable(colors.color(Status::Error).name()));
            QVERIFY2(hue(Status::Warning) > 25 && hue(Status::Warning) < 50,
                     qPrintable(colors.color(Status::Warning).name()));
            const QColor nominalRed(0xd9, 0x3b, 0x3b);
            const double red = StatusColors::luminance(colors.color(Status::Error));
            QVERIFY(darkBackground ? red > StatusColors::luminance(nominalRed)
                                   : red <= StatusColors::luminance(nominalRed));
            // Not overdone: close to the limit, not black or white.
            for (Status status : { Status::Success, Status::Error, Status::Warning, Status::Muted })
                QVERIFY2(StatusColors::contrast(colors.color(status), colors.background()) < 6.0,
                         qPrintable(name(status) + QLatin1Char(' ') + colors.color(status).name()));
        }
    }

    void fixedColoursWereNot()
    {
        // Why the fixed colours had to go: measured here, each under the 4.5:1 limit.
        const QColor dark = tbds::test::darkPalette().color(QPalette::Base);
        const QColor white = m_fusionLight.color(QPalette::Base);
        const struct
        {
            const char *what;
            QColor color;
            QColor background;
        } fixed[] = {
            { "red #d93b3b on dark Base", QColor(0xd9, 0x3b, 0x3b), dark },
            { "green #2e9d4a on white", QColor(0x2e, 0x9d, 0x4a), white },
            { "amber #b06a00 on white", QColor(0xb0, 0x6a, 0x00), white },
            { "grey #808080 on white", QColor(0x80, 0x80, 0x80), white },
            { "grey #808080 on dark Base", QColor(0x80, 0x80, 0x80), dark },
        };
        for (const auto &f : fixed) {
            const double ratio = StatusColors::contrast(f.color, f.background);
            qInfo("%s: %.2f:1", f.what, ratio);
            QVERIFY2(ratio < StatusColors::MinimumContrast, f.what);
        }
    }
};

QTEST_MAIN(tst_StatusColors)
#include "tst_statuscolors.moc"
