// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/defect.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace tbds::defects {

/** `ProtocolCode` (contract §3.6); protocolCodeName() gives the wire spelling. */
enum class ProtocolCode {
    ReadAccessError,
    InsertAccessError,
    InsertError,
    InsertSuccess,
    PublishAccessError,
    PublishError,
    PublishSuccess,
    ImportError,
    ImportSuccess,
    UpdateError,
    UpdateSuccess,
    InvalidFields,
    InvalidAttributes,
    DefectNotFound,
    ProjectNotFound,
    NoDefectFound,
    NoValidLicense,
    NoFreeLicense,
    LicenseExpired,
    LicenseProblem,
    InsertWarning,
    ImportWarning,
};

/** `READ_ACCESS_ERROR` etc. */
[[nodiscard]] QString protocolCodeName(ProtocolCode code);
[[nodiscard]] std::optional<ProtocolCode> protocolCodeFromName(const QString &name);
/** All wire names in declaration order. */
[[nodiscard]] const QStringList &protocolCodeNames();

/** One protocol line; both parts are nullable in the model but always set by the service. */
struct ProtocolEntry
{
    std::optional<ProtocolCode> code;
    std::optional<QString> message;

    [[nodiscard]] static std::optional<ProtocolEntry> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const ProtocolEntry &, const ProtocolEntry &) = default;
};

/** Entries grouped by key (usually a defect id), in insertion order like a Python dict. */
using KeyedProtocolEntries = QList<std::pair<QString, QList<ProtocolEntry>>>;

/**
 * `Protocol` (contract §3.6): how soft failures and successes travel in a 200 response.
 * All five members are always written, so an empty protocol is
 * `{"successes":{},"warnings":{},"errors":{},"generalWarnings":[],"generalErrors":[]}`.
 */
struct Protocol
{
    KeyedProtocolEntries successes;
    KeyedProtocolEntries warnings;
    KeyedProtocolEntries errors;
    QList<ProtocolEntry> generalWarnings;
    QList<ProtocolEntry> generalErrors;

    /** Appends to the list under `key` (a key may collect several entries). */
    void addSuccess(const QString &key, ProtocolCode code, const QString &message);
    void addWarning(const QString &key, ProtocolCode code, const QString &message);
    void addError(const QString &key, ProtocolCode code, const QString &message);
    void addGeneralWarning(ProtocolCode code, const QString &message);
    void addGeneralError(ProtocolCode code, const QString &message);

    /** Appends all entries of `other` (keys keep their first position). */
    void merge(const Protocol &other);

    [[nodiscard]] bool isEmpty() const;
    /** True if there is any keyed or general error. */
    [[nodiscard]] bool hasErrors() const { return !errors.isEmpty() || !generalErrors.isEmpty(); }

    /** The entries under `key` in one of the keyed groups (empty if the key is absent). */
    [[nodiscard]] static QList<ProtocolEntry> entriesFor(const KeyedProtocolEntries &group, const QString &key);
    static void append(KeyedProtocolEntries &group, const QString &key, ProtocolEntry entry);

    [[nodiscard]] static std::optional<Protocol> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const Protocol &, const Protocol &) = default;
};

/** `ProtocolledDefectSet` (contract §3.7): `{"value": [DefectWithID…], "protocol": Protocol}`. */
struct ProtocolledDefectSet
{
    QList<DefectWithID> value;
    Protocol protocol;

    [[nodiscard]] static std::optional<ProtocolledDefectSet> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const ProtocolledDefectSet &, const ProtocolledDefectSet &) = default;
};

/** `ProtocolledString` (contract §3.7): `{"value": "<id or empty>", "protocol": Protocol}`. */
struct ProtocolledString
{
    QString value;
    Protocol protocol;

    [[nodiscard]] static std::optional<ProtocolledString> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const ProtocolledString &, const ProtocolledString &) = default;
};

} // namespace tbds::defects
