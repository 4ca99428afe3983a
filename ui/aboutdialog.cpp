// SPDX-License-Identifier: Apache-2.0
#include "ui/aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSslSocket>
#include <QVBoxLayout>

namespace tbds::ui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About TestBench Defect Service Admin"));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<h3>TestBench Defect Service Admin %1</h3>"
                                "<p>Configure, run and diagnose the TestBench defect service.</p>"
                                "<p>Licensed under the Apache License 2.0.</p>")
                                 .arg(QApplication::applicationVersion().toHtmlEscaped()),
                             this);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *versions = new QLabel(versionText(), this);
    versions->setObjectName(QStringLiteral("versionsLabel"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(versions);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy &versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionsButton"));
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::versionText()
{
    QStringList lines;
    lines << tr("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << tr("QtKeychain %1").arg(QStringLiteral(TBDS_QTKEYCHAIN_VERSION));
    lines << tr("toml++ %1").arg(QStringLiteral(TBDS_TOMLPLUSPLUS_VERSION));
    lines << tr("OpenSSL %1 (built with %2)")
                 .arg(QSslSocket::sslLibraryVersionString(), QStringLiteral(TBDS_OPENSSL_BUILD_VERSION));
    return lines.join(QLatin1Char('\n'));
}

} // namespace tbds::ui
