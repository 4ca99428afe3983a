// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/defects/defectclient.h"

#include <QThreadPool>

#include <memory>

namespace tbds::defects {

namespace jsonl {
struct ClientState;
} // namespace jsonl

/**
 * The file-based backend (contract §6): one folder per project below `defects_path`, defects
 * as one JSON object per line in the project's `*.jsonl` file, UDF definitions in
 * `UserDefinedAttributes.json`.
 *
 * Wire-compatible with the reference's JsonlDefectClient, with its data-integrity bugs fixed
 * (DESIGN.md "Wire fixes", contract §10.2): project names cannot leave `defects_path`; every
 * read-modify-write holds a per-project lock (in-process mutex + QLockFile); rewrites are
 * atomic and keep lines they cannot parse verbatim; appends never glue two records; ids are
 * never reused (a high-water mark survives deletes); the TestBench user's password is neither
 * stored nor returned; the per-project `readonly` override is honoured; the alphabetically
 * first `*.jsonl` file is the store.
 *
 * File work runs on a small pool owned by the client, so the caller's event loop never waits
 * for the disk. Destroying the client waits for running operations.
 */
class JsonlDefectClient final : public DefectClient
{
public:
    /** Uses `config.jsonl` (must be set) and copies what it needs; `config` may go away. */
    explicit JsonlDefectClient(const config::ServiceConfig &config);
    ~JsonlDefectClient() override;
    JsonlDefectClient(const JsonlDefectClient &) = delete;
    JsonlDefectClient &operator=(const JsonlDefectClient &) = delete;

    [[nodiscard]] QFuture<Outcome<Settings>> settings() override;
    [[nodiscard]] QFuture<Outcome<bool>> checkLogin(const std::optional<QString> &project) override;
    [[nodiscard]] QFuture<Outcome<QStringList>> projects() override;
    [[nodiscard]] QFuture<Outcome<ControlFields>> controlFields(const std::optional<QString> &project) override;
    [[nodiscard]] QFuture<Outcome<QList<UserDefinedAttribute>>>
    userDefinedAttributes(const std::optional<QString> &project) override;
    [[nodiscard]] QFuture<Outcome<ProtocolledDefectSet>> defects(const QString &project,
                                                                 const SyncContext &context) override;
    [[nodiscard]] QFuture<Outcome<ProtocolledDefectSet>> batch(const QString &project,
                                                               const BatchDefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<ProtocolledString>> create(const QString &project,
                                                             const DefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<Protocol>> update(const QString &project, const QString &defectId,
                                                    const DefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<Protocol>> remove(const QString &project, const QString &defectId,
                                                    const DefectRequest &request) override;
    [[nodiscard]] QFuture<Outcome<DefectWithAttributes>> extended(const QString &project, const QString &defectId,
                                                                  const SyncContext &context) override;
    [[nodiscard]] QFuture<Outcome<Results>> correct(const QString &project, const Results &results) override;
    [[nodiscard]] bool supportsChangesTimestamps() const override;

    /** The pool the file work runs on (4 threads; the engine may tune it). */
    [[nodiscard]] QThreadPool &threadPool() { return m_pool; }

private:
    template<typename T, typename Work> QFuture<Outcome<T>> run(Work work);

    /** Immutable after construction and shared with queued work, which may outlive no client. */
    std::shared_ptr<const jsonl::ClientState> m_shared;
    QThreadPool m_pool;
};

} // namespace tbds::defects
