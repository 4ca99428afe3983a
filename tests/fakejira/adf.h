// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tbds::fakejira {

/**
 * Atlassian Document Format helpers for the simulator: Cloud v3 serves and accepts ADF for
 * description and textarea fields, v2 and Data Center plain (wiki) strings (jira-rest.md §7).
 */
class Adf
{
public:
    /** One paragraph per line block; single newlines become `hardBreak` nodes. */
    [[nodiscard]] static QJsonObject fromText(const QString &text);
    /** Flattens a document as jira-rest.md §7 recommends (mention → attrs.text, ...). */
    [[nodiscard]] static QString toText(const QJsonObject &doc);
    /**
     * Schema checks real Cloud applies to a written document: `type: doc`, `version: 1`,
     * `content` array, known node types, non-empty `text` in text nodes. Returns an empty
     * string when valid, else the reason.
     */
    [[nodiscard]] static QString validate(const QJsonValue &doc);
};

} // namespace tbds::fakejira
