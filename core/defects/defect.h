// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/datetime.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/login.h"
#include "core/defects/userdefinedfield.h"
#include "core/defects/validation.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace tbds::defects {

/**
 * `Defect` (contract §3.4). The derivatives below add their id fields by inheritance, which
 * mirrors the pydantic class hierarchy and therefore its field order in errors and output.
 *
 * Str255 fields (title, reporter, status, classification, priority) are truncated when read and
 * again when written, so a defect built in code (e.g. from a Jira issue) cannot break the rule.
 */
struct Defect
{
    std::optional<QString> title;
    std::optional<QString> description;
    std::optional<QString> reporter;
    QString status;
    QString classification;
    QString priority;
    /** Default `[]` when omitted; an explicit null stays null. */
    std::optional<QList<UserDefinedFieldProperties>> userDefinedFields = QList<UserDefinedFieldProperties> {};
    /** Always aware once read from JSON; an invalid value is written as null. */
    DateTime lastEdited;
    /** Default `[]` when omitted; an explicit null stays null. */
    std::optional<QStringList> references = QStringList {};
    Login principal;

    [[nodiscard]] static std::optional<Defect> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    /** Reads the Defect fields of `object` into `out` (used by the derivatives). */
    static void readFields(const QJsonObject &object, ValidationContext &ctx, Defect &out);
    /** Writes the Defect fields as key/value pairs into an already open object. */
    void writeFields(JsonWriter &writer) const;

    friend bool operator==(const Defect &, const Defect &) = default;
};

/** `DefectWithID` = Defect + `id` (any string, `""` included). */
struct DefectWithID : Defect
{
    QString id;

    [[nodiscard]] static std::optional<DefectWithID> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const DefectWithID &, const DefectWithID &) = default;
};

/** `DefectWithLocalPk` = Defect + `localPk` (TestBench's key; the DMS id does not exist yet). */
struct DefectWithLocalPk : Defect
{
    QString localPk;

    [[nodiscard]] static std::optional<DefectWithLocalPk> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const DefectWithLocalPk &, const DefectWithLocalPk &) = default;
};

/** `KnownDefect` = DefectWithID + `localPk`. */
struct KnownDefect : DefectWithID
{
    QString localPk;

    [[nodiscard]] static std::optional<KnownDefect> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const KnownDefect &, const KnownDefect &) = default;
};

/** Ordered `dict[str, str]`: output keeps insertion order, as Python dicts do. */
using StringPairs = QList<std::pair<QString, QString>>;

/** `DefectWithAttributes` = DefectWithID + `attributes` (required object of strings). */
struct DefectWithAttributes : DefectWithID
{
    StringPairs attributes;

    [[nodiscard]] static std::optional<DefectWithAttributes> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const DefectWithAttributes &, const DefectWithAttributes &) = default;
};

} // namespace tbds::defects
