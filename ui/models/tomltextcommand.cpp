// SPDX-License-Identifier: Apache-2.0
#include "ui/models/tomltextcommand.h"

#include "ui/models/configdocument.h"

namespace tbds::ui {

TomlTextCommand::TomlTextCommand(ConfigDocument *document, QByteArray before, QByteArray after,
                                 const QString &description, int mergeId, QString clientPath)
    : QUndoCommand(description), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
      m_mergeId(mergeId), m_clientPath(std::move(clientPath))
{
}

TomlTextCommand::~TomlTextCommand() = default;

void TomlTextCommand::undo()
{
    if (m_clientPath.isEmpty())
        m_document->replaceText(m_before);
    else
        m_document->replaceClientText(m_clientPath, m_before);
}

void TomlTextCommand::redo()
{
    if (m_clientPath.isEmpty())
        m_document->replaceText(m_after);
    else
        m_document->replaceClientText(m_clientPath, m_after);
}

bool TomlTextCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const TomlTextCommand *>(other); // same id() implies same type
    m_after = next->m_after;
    // A merge that lands back on the original text would leave an empty step; QUndoStack
    // drops commands that report obsolete.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace tbds::ui
