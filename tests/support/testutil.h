// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace tbds::test {

/** Absolute path of a file below tests/data. */
[[nodiscard]] QString dataPath(const QString &relative);

/** Reads a whole file; fails the running test (QFAIL semantics via qFatal-free warning) when missing. */
[[nodiscard]] QByteArray readFile(const QString &path);

/** Writes bytes to `dir/name`, creating folders; returns the absolute path. */
QString writeFile(const QString &dir, const QString &name, const QByteArray &content);

} // namespace tbds::test
