// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QUndoCommand>

namespace tbds::ui {

class ConfigDocument;

/**
 * One undo step of a ConfigDocument: the text before and after. Whole-text snapshots make undo
 * exact (comments and formatting come back byte-for-byte) and cost little, since config files
 * are small.
 */
class TomlTextCommand final : public QUndoCommand
{
public:
    /** Commands with the same non-negative `mergeId` in a row collapse into one step. */
    /** `clientPath` names the separate client file the texts belong to; empty for the main file. */
    TomlTextCommand(ConfigDocument *document, QByteArray before, QByteArray after, const QString &description,
                    int mergeId = -1, QString clientPath = {});
    ~TomlTextCommand() override;

    void undo() override;
    void redo() override;
    [[nodiscard]] int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    ConfigDocument *m_document;
    QByteArray m_before;
    QByteArray m_after;
    int m_mergeId;
    QString m_clientPath;
};

} // namespace tbds::ui
