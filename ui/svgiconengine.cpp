// SPDX-License-Identifier: Apache-2.0
#include "ui/svgiconengine.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QStyleOption>
#include <QSvgRenderer>

namespace tbds::ui {

SvgIconEngine::SvgIconEngine(const QString &fileName) : m_fileName(fileName)
{ }

SvgIconEngine::~SvgIconEngine() = default;

void SvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state)
{
    Q_UNUSED(state)
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, render((QSizeF(rect.size()) * ratio).toSize(), mode, ratio));
}

QPixmap SvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    Q_UNUSED(state)
    return render(size, mode, 1.0);
}

QPixmap SvgIconEngine::render(const QSize &deviceSize, QIcon::Mode mode, qreal ratio) const
{
    QSvgRenderer renderer(m_fileName);
    if (!renderer.isValid() || deviceSize.isEmpty())
        return {};
    QPixmap result(deviceSize);
    result.fill(Qt::transparent);
    {
        // The drawing keeps its aspect ratio, centred in the square (or rectangle) asked for.
        QPainter painter(&result);
        QSizeF drawn = renderer.defaultSize().isEmpty() ? QSizeF(deviceSize) : QSizeF(renderer.defaultSize());
        drawn.scale(QSizeF(deviceSize), Qt::KeepAspectRatio);
        const QPointF origin((deviceSize.width() - drawn.width()) / 2, (deviceSize.height() - drawn.height()) / 2);
        renderer.render(&painter, QRectF(origin, drawn));
    }
    result.setDevicePixelRatio(ratio);
    if (mode != QIcon::Normal && qApp) {
        // Disabled/selected looks as the style makes them for every other icon.
        QStyleOption option;
        option.palette = QApplication::palette();
        const QPixmap styled = QApplication::style()->generatedIconPixmap(mode, result, &option);
        if (!styled.isNull())
            return styled;
    }
    return result;
}

QSize SvgIconEngine::actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    Q_UNUSED(mode)
    Q_UNUSED(state)
    return size;
}

QIconEngine *SvgIconEngine::clone() const
{
    return new SvgIconEngine(m_fileName);
}

QString SvgIconEngine::key() const
{
    return QStringLiteral("tbds-svg");
}

bool SvgIconEngine::isNull()
{
    return !QSvgRenderer(m_fileName).isValid();
}

} // namespace tbds::ui
