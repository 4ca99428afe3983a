// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace tbds::ui {

/**
 * The application's own settings (not the service's: those live in config.toml): the language
 * of the UI, which follows the system unless chosen here, and whether the last configuration
 * opens again at start. Stored in QSettings; read by main() at the next start.
 */
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    /** QSettings key of the UI language: empty = the system's, else a locale name ("en", "de"). */
    [[nodiscard]] static QString languageKey();
    /** QSettings key of "open the last configuration at start" (default: yes). */
    [[nodiscard]] static QString reopenLastKey();
    /** Whether the last configuration should open at start (the stored choice or the default). */
    [[nodiscard]] static bool reopenLast();

    /** Writes the dialog's choices to QSettings; what OK does. */
    void apply();

private:
    QComboBox *m_language;
    QCheckBox *m_reopenLast;
};

} // namespace tbds::ui
