// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tbds::jira {

/**
 * Atlassian Document Format ↔ plain text, for descriptions and comments on Cloud REST v3
 * (contract §7). TestBench only knows plain text, so the conversion aims at readable text and
 * at lossless round trips of text:
 *
 * - text → ADF: blank lines separate blocks; a block whose every line starts with "- " or "* "
 *   becomes a bullet list, "1. " … an ordered list, anything else a paragraph whose single line
 *   breaks become hardBreak nodes. Empty text nodes are never emitted (the schema forbids them).
 * - ADF → text: blocks are separated by one blank line, hardBreak is a line break, list items
 *   get "- " / "N. ", mentions their "@Name" text, emoji their text, cards their URL, dates an
 *   ISO date, tables tab-separated cells, rules "---"; unknown nodes contribute their children.
 *
 * text → ADF → text returns the text with line ends normalised and trailing blanks trimmed.
 */
class Adf
{
public:
    [[nodiscard]] static QJsonObject fromPlainText(const QString &text);
    [[nodiscard]] static QString toPlainText(const QJsonValue &document);
    /** True for an ADF document object ({"type":"doc", ...}). */
    [[nodiscard]] static bool isDocument(const QJsonValue &value);
};

} // namespace tbds::jira
