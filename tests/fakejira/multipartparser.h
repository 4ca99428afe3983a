// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace tbds::fakejira {

/** Minimal RFC 7578 multipart/form-data reader for attachment uploads. */
class MultipartParser
{
public:
    struct Part
    {
        QByteArray name; ///< form field name from Content-Disposition
        QByteArray filename; ///< empty for non-file parts
        QByteArray contentType;
        QByteArray data;
    };

    /** nullopt when the content type is not multipart/form-data or the body is malformed. */
    [[nodiscard]] static std::optional<QList<Part>> parse(const QByteArray &contentType, const QByteArray &body);
};

} // namespace tbds::fakejira
