// SPDX-License-Identifier: Apache-2.0
#include "ui/preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace tbds::ui {

PreferencesDialog::PreferencesDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    // Language names in their own language: whoever cannot read the current one still finds theirs.
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    const int current = m_language->findData(QSettings().value(languageKey()).toString());
    m_language->setCurrentIndex(current < 0 ? 0 : current);
    form->addRow(tr("&Language:"), m_language);
    auto *note = new QLabel(tr("The language changes when the application starts next time."), this);
    note->setWordWrap(true);
    form->addRow(QString(), note);
    m_reopenLast = new QCheckBox(tr("&Open the last configuration at start"), this);
    m_reopenLast->setObjectName(QStringLiteral("reopenLastCheck"));
    m_reopenLast->setChecked(reopenLast());
    form->addRow(QString(), m_reopenLast);
    layout->addLayout(form);
    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("preferencesButtons"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

PreferencesDialog::~PreferencesDialog() = default;

QString PreferencesDialog::languageKey()
{
    return QStringLiteral("ui/locale");
}

QString PreferencesDialog::reopenLastKey()
{
    return QStringLiteral("ui/reopenLastConfiguration");
}

bool PreferencesDialog::reopenLast()
{
    return QSettings().value(reopenLastKey(), true).toBool();
}

void PreferencesDialog::apply()
{
    QSettings settings;
    const QString language = m_language->currentData().toString();
    if (language.isEmpty())
        settings.remove(languageKey());
    else
        settings.setValue(languageKey(), language);
    settings.setValue(reopenLastKey(), m_reopenLast->isChecked());
}

} // namespace tbds::ui
