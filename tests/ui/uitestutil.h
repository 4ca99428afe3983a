// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace tbds::test {

/** Copies resources/samples/jsonl into `dir` and returns the path of its config.toml. */
[[nodiscard]] QString copyJsonlSample(const QString &dir);

/** Copies a folder tree; false when any file could not be copied. */
[[nodiscard]] bool copyTree(const QString &from, const QString &to);

} // namespace tbds::test
