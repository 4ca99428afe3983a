// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIconEngine>
#include <QString>

namespace tbds::ui {

/**
 * Draws an SVG at whatever size and device pixel ratio is asked, with Qt SVG directly.
 *
 * QIcon reads SVG files only through Qt's SVG icon engine plugin, which windeployqt and
 * macdeployqt leave out unless the program links Qt SVG, and which a Linux install may lack:
 * then the icon is silently blank. Linking Qt SVG and drawing ourselves makes the application
 * icon independent of that plugin, and sharp on 2x screens.
 */
class SvgIconEngine final : public QIconEngine
{
public:
    explicit SvgIconEngine(const QString &fileName);
    ~SvgIconEngine() override;

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    [[nodiscard]] QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    [[nodiscard]] QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    [[nodiscard]] QIconEngine *clone() const override;
    [[nodiscard]] QString key() const override;
    [[nodiscard]] bool isNull() override;

private:
    // No scaledPixmap() override on purpose: what QIcon passes it changed across Qt 6 releases,
    // while pixmap(device size) plus QIcon's own ratio bookkeeping means the same in all of them.
    [[nodiscard]] QPixmap render(const QSize &deviceSize, QIcon::Mode mode, qreal ratio) const;

    QString m_fileName;
};

} // namespace tbds::ui
