// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace tbds::config {

/** Where writeFileAtomically() keeps the previous content of `path`: `<path>.bak`. */
[[nodiscard]] QString backupPathFor(const QString &path);

/**
 * Replaces the content of `path` with `bytes` so that readers see either the old or the
 * new file, never a half-written one (QSaveFile: temporary file, then rename).
 *
 * When the file existed and `keepBackup` is set, its previous content is first saved as
 * the single file backupPathFor(path), replacing an older backup; when that fails nothing
 * is written. The new file and the backup get the original file's permissions, because a
 * config.toml may hold credentials.
 */
[[nodiscard]] Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes,
                                               bool keepBackup = true);

} // namespace tbds::config
