// SPDX-License-Identifier: Apache-2.0
#include "ui/diffpreviewdialog.h"

#include "ui/messagebox.h"
#include "ui/models/unifieddiff.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tbds::ui {

DiffPreviewDialog::DiffPreviewDialog(const QString &diff, const QString &fileName, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("diffPreviewDialog"));
    setWindowTitle(tr("Save %1").arg(QFileInfo(fileName).fileName()));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("These lines of %1 will change. Comments and all other lines stay as they are.")
                                 .arg(QDir::toNativeSeparators(fileName)),
                             this);
    label->setWordWrap(true);
    layout->addWidget(label);
    auto *view = new QPlainTextEdit(this);
    view->setObjectName(QStringLiteral("diffView"));
    view->setAccessibleName(tr("Changes to save"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(diff);
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 480);
}

DiffPreviewDialog::~DiffPreviewDialog() = default;

bool DiffPreviewDialog::confirm(QWidget *parent, const QString &fileName, const QByteArray &oldText,
                                const QByteArray &newText)
{
    if (std::optional<QMessageBox::StandardButton> answer = MessageBox::takeNextAnswer())
        return *answer == QMessageBox::Save || *answer == QMessageBox::Yes || *answer == QMessageBox::Ok;
    const QString name = QFileInfo(fileName).fileName();
    const QString diff = unifiedDiff(QString::fromUtf8(oldText), QString::fromUtf8(newText),
                                     QStringLiteral("a/") + name, QStringLiteral("b/") + name);
    DiffPreviewDialog dialog(diff, fileName, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace tbds::ui
