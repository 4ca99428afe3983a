// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPalette>
#include <QString>
#include <QStringList>

class QWidget;

namespace tbds::test {

/**
 * Writes a Jira config.toml at `path` for the simulator at `serverUrl`, logging in as `username`
 * with `password` (basic auth), with `controlFields` (by default priority, status, classification,
 * Summary with no fixed values and NoSuchField that Jira does not know); `extra` is appended
 * (override tables). False on error.
 */
[[nodiscard]] bool writeJiraConfig(const QString &path, const QString &serverUrl, const QString &username,
                                   const QString &password, const QString &extra = {},
                                   const QStringList &controlFields = {QStringLiteral("priority"),
                                                                       QStringLiteral("status"),
                                                                       QStringLiteral("classification"),
                                                                       QStringLiteral("Summary"),
                                                                       QStringLiteral("NoSuchField")});

/**
 * A typical dark palette, as dark-theme recipes for the Fusion style set it (Window #353535,
 * Base #2a2a2a, white text, blue highlight); what a desktop in dark mode hands Qt looks alike.
 */
[[nodiscard]] QPalette darkPalette();

/**
 * Installs the translations of TBDS_TEST_LANGUAGE (e.g. "de") when it is set: our .qm from the
 * build and Qt's own strings (qt6-translations-l10n), as a user of that language sees the UI.
 * True when the variable is unset or both loaded; `why` says what is missing otherwise.
 */
[[nodiscard]] bool installTestLanguage(QString *why);

/** "-de" while TBDS_TEST_LANGUAGE=de, else empty: keeps a translated run's screenshots apart. */
[[nodiscard]] QString languageSuffix();

/** ${TBDS_BINARY_DIR}/screenshots, created when missing. */
[[nodiscard]] QString screenshotDir();

/** Saves `widget`'s grab as <screenshotDir>/<name>.png after pending events; false on error. */
[[nodiscard]] bool saveScreenshot(QWidget *widget, const QString &name);

} // namespace tbds::test
