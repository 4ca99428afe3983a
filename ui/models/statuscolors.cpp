// SPDX-License-Identifier: Apache-2.0
#include "ui/models/statuscolors.h"

#include <QGuiApplication>

#include <algorithm>
#include <cmath>

namespace tbds::ui {

namespace {

// The hues the pages always used; now only where the search for a readable shade starts.
QColor nominal(StatusColors::Status status, const QColor &background)
{
    switch (status) {
    case StatusColors::Status::Success:
        return QColor(0x2e, 0x9d, 0x4a);
    case StatusColors::Status::Error:
        return QColor(0xd9, 0x3b, 0x3b);
    case StatusColors::Status::Warning:
        return QColor(0xb0, 0x6a, 0x00);
    case StatusColors::Status::Muted:
        // The background's own hue, as little apart from it as still reads: quiet, not invisible.
        return background;
    }
    return background;
}

// sRGB channel to linear light (WCAG 2 relative luminance).
double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

QPalette applicationPalette()
{
    // QGuiApplication::palette() needs a QGuiApplication; models also run under QCoreApplication.
    return qobject_cast<QGuiApplication *>(QCoreApplication::instance()) ? QGuiApplication::palette() : QPalette();
}

} // namespace

StatusColors::StatusColors() : StatusColors(applicationPalette())
{ }

StatusColors::StatusColors(const QPalette &palette, QPalette::ColorRole background, QPalette::ColorGroup group)
    : m_background(palette.color(group, background))
{
    for (Status status : { Status::Success, Status::Error, Status::Warning, Status::Muted })
        m_colors.at(std::size_t(status)) = forBackground(status, m_background);
}

QColor StatusColors::forBackground(Status status, const QColor &background)
{
    // Opaque and in 8 bits per channel, like what reaches the screen; the contrast is measured on
    // exactly the colour that is returned.
    const QColor bg = QColor::fromRgb(background.rgb());
    const QColor start = nominal(status, bg).toHsl();
    // Towards white or black, whichever contrasts more with the background: that end always gets
    // there, since every background has at least 4.58:1 with black or with white.
    const bool lighter = contrast(QColor(Qt::white), bg) > contrast(QColor(Qt::black), bg);
    const float hue = std::max(start.hslHueF(), 0.0f); // -1 for greys, which have no hue
    const float saturation = start.hslSaturationF();
    const float from = start.lightnessF();
    const float to = lighter ? 1.0f : 0.0f;
    // Smallest step first: the result keeps as much of the house colour as the background allows.
    constexpr int Steps = 256;
    for (int step = 0; step <= Steps; ++step) {
        const float lightness = from + (to - from) * float(step) / float(Steps);
        const QColor candidate = QColor::fromRgb(QColor::fromHslF(hue, saturation, lightness).rgb());
        if (contrast(candidate, bg) >= MinimumContrast)
            return candidate;
    }
    return lighter ? QColor(Qt::white) : QColor(Qt::black);
}

double StatusColors::luminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

double StatusColors::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace tbds::ui
