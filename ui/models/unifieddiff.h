// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace tbds::ui {

/**
 * The difference between two texts as a unified diff (`---`/`+++` headers, `@@` hunks with
 * `context` lines around each change), like `diff -u`. Empty when the texts are equal.
 * Line based; meant for config files (the quadratic part only spans the changed middle).
 */
[[nodiscard]] QString unifiedDiff(const QString &oldText, const QString &newText, const QString &oldName,
                                  const QString &newName, int context = 3);

} // namespace tbds::ui
