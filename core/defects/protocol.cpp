// SPDX-License-Identifier: Apache-2.0
#include "core/defects/protocol.h"

namespace tbds::defects {

namespace {

std::optional<QList<ProtocolEntry>> readEntries(const QJsonValue &value, ValidationContext &ctx)
{
    return readList(value, ctx, &ProtocolEntry::fromJson);
}

std::optional<KeyedProtocolEntries> readKeyed(const QJsonValue &value, ValidationContext &ctx)
{
    return readMap(value, ctx, readEntries);
}

void writeEntries(JsonWriter &writer, const QList<ProtocolEntry> &entries)
{
    writeModelList(writer, entries);
}

void writeKeyed(JsonWriter &writer, const KeyedProtocolEntries &group)
{
    writer.beginObject();
    for (const auto &[key, entries] : group) {
        writer.key(key);
        writeEntries(writer, entries);
    }
    writer.endObject();
}

} // namespace

const QStringList &protocolCodeNames()
{
    static const QStringList kNames = {
        QStringLiteral("READ_ACCESS_ERROR"),    QStringLiteral("INSERT_ACCESS_ERROR"),
        QStringLiteral("INSERT_ERROR"),         QStringLiteral("INSERT_SUCCESS"),
        QStringLiteral("PUBLISH_ACCESS_ERROR"), QStringLiteral("PUBLISH_ERROR"),
        QStringLiteral("PUBLISH_SUCCESS"),      QStringLiteral("IMPORT_ERROR"),
        QStringLiteral("IMPORT_SUCCESS"),       QStringLiteral("UPDATE_ERROR"),
        QStringLiteral("UPDATE_SUCCESS"),       QStringLiteral("INVALID_FIELDS"),
        QStringLiteral("INVALID_ATTRIBUTES"),   QStringLiteral("DEFECT_NOT_FOUND"),
        QStringLiteral("PROJECT_NOT_FOUND"),    QStringLiteral("NO_DEFECT_FOUND"),
        QStringLiteral("NO_VALID_LICENSE"),     QStringLiteral("NO_FREE_LICENSE"),
        QStringLiteral("LICENSE_EXPIRED"),      QStringLiteral("LICENSE_PROBLEM"),
        QStringLiteral("INSERT_WARNING"),       QStringLiteral("IMPORT_WARNING"),
    };
    return kNames;
}

QString protocolCodeName(ProtocolCode code)
{
    return protocolCodeNames().at(static_cast<qsizetype>(code));
}

std::optional<ProtocolCode> protocolCodeFromName(const QString &name)
{
    const qsizetype index = protocolCodeNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return static_cast<ProtocolCode>(index);
}

std::optional<ProtocolEntry> ProtocolEntry::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("ProtocolEntry"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    ProtocolEntry entry;
    readOptionalField(*object, QStringLiteral("code"), ctx, entry.code,
                      [](const QJsonValue &value, ValidationContext &c) {
                          return readEnum<ProtocolCode>(value, c, protocolCodeNames());
                      });
    readOptionalField(*object, QStringLiteral("message"), ctx, entry.message, readString);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return entry;
}

void ProtocolEntry::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"code");
    if (code)
        writer.string(protocolCodeName(*code));
    else
        writer.null();
    writer.key(u"message").string(message);
    writer.endObject();
}

void Protocol::append(KeyedProtocolEntries &group, const QString &key, ProtocolEntry entry)
{
    for (auto &[existingKey, entries] : group) {
        if (existingKey == key) {
            entries.append(std::move(entry));
            return;
        }
    }
    group.append({ key, QList<ProtocolEntry> { std::move(entry) } });
}

QList<ProtocolEntry> Protocol::entriesFor(const KeyedProtocolEntries &group, const QString &key)
{
    for (const auto &[existingKey, entries] : group) {
        if (existingKey == key)
            return entries;
    }
    return {};
}

void Protocol::addSuccess(const QString &key, ProtocolCode code, const QString &message)
{
    append(successes, key, { code, message });
}

void Protocol::addWarning(const QString &key, ProtocolCode code, const QString &message)
{
    append(warnings, key, { code, message });
}

void Protocol::addError(const QString &key, ProtocolCode code, const QString &message)
{
    append(errors, key, { code, message });
}

void Protocol::addGeneralWarning(ProtocolCode code, const QString &message)
{
    generalWarnings.append({ code, message });
}

void Protocol::addGeneralError(ProtocolCode code, const QString &message)
{
    generalErrors.append({ code, message });
}

void Protocol::merge(const Protocol &other)
{
    for (const auto &[key, entries] : other.successes) {
        for (const ProtocolEntry &entry : entries)
            append(successes, key, entry);
    }
    for (const auto &[key, entries] : other.warnings) {
        for (const ProtocolEntry &entry : entries)
            append(warnings, key, entry);
    }
    for (const auto &[key, entries] : other.errors) {
        for (const ProtocolEntry &entry : entries)
            append(errors, key, entry);
    }
    generalWarnings += other.generalWarnings;
    generalErrors += other.generalErrors;
}

bool Protocol::isEmpty() const
{
    return successes.isEmpty() && warnings.isEmpty() && errors.isEmpty() && generalWarnings.isEmpty()
        && generalErrors.isEmpty();
}

std::optional<Protocol> Protocol::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("Protocol"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    Protocol protocol;
    // The reference model gives every member a default (empty); null is not accepted.
    const auto readKeyedField = [&](const QString &key, KeyedProtocolEntries &out) {
        if (object->contains(key))
            readRequiredField(*object, key, ctx, out, readKeyed);
    };
    const auto readListField = [&](const QString &key, QList<ProtocolEntry> &out) {
        if (object->contains(key))
            readRequiredField(*object, key, ctx, out, readEntries);
    };
    readKeyedField(QStringLiteral("successes"), protocol.successes);
    readKeyedField(QStringLiteral("warnings"), protocol.warnings);
    readKeyedField(QStringLiteral("errors"), protocol.errors);
    readListField(QStringLiteral("generalWarnings"), protocol.generalWarnings);
    readListField(QStringLiteral("generalErrors"), protocol.generalErrors);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return protocol;
}

void Protocol::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"successes");
    writeKeyed(writer, successes);
    writer.key(u"warnings");
    writeKeyed(writer, warnings);
    writer.key(u"errors");
    writeKeyed(writer, errors);
    writer.key(u"generalWarnings");
    writeEntries(writer, generalWarnings);
    writer.key(u"generalErrors");
    writeEntries(writer, generalErrors);
    writer.endObject();
}

std::optional<ProtocolledDefectSet> ProtocolledDefectSet::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("ProtocolledDefectSet"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    ProtocolledDefectSet set;
    readRequiredField(
        *object, QStringLiteral("value"), ctx, set.value,
        [](const QJsonValue &value, ValidationContext &c) { return readList(value, c, &DefectWithID::fromJson); });
    readRequiredField(*object, QStringLiteral("protocol"), ctx, set.protocol, &Protocol::fromJson);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return set;
}

void ProtocolledDefectSet::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"value");
    writeModelList(writer, value);
    writer.key(u"protocol");
    protocol.writeJson(writer);
    writer.endObject();
}

std::optional<ProtocolledString> ProtocolledString::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("ProtocolledString"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    ProtocolledString result;
    readRequiredField(*object, QStringLiteral("value"), ctx, result.value, readString);
    readRequiredField(*object, QStringLiteral("protocol"), ctx, result.protocol, &Protocol::fromJson);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return result;
}

void ProtocolledString::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"value").string(value);
    writer.key(u"protocol");
    protocol.writeJson(writer);
    writer.endObject();
}

} // namespace tbds::defects
