// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tbds {

/**
 * An error an administrator can read and act on.
 * `message` says what failed in plain words; `cause` carries the underlying reason
 * (OS error, parser text, HTTP status) when there is one.
 */
struct Error
{
    QString message;
    QString cause;

    [[nodiscard]] QString toString() const
    {
        return cause.isEmpty() ? message : message + QStringLiteral(": ") + cause;
    }
};

/**
 * Either a value or an Error. Callers must look at it: the type is [[nodiscard]].
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {} // NOLINT: implicit by design
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {} // NOLINT

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return std::get<0>(m_data); }
    [[nodiscard]] T &value() & { return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_data)); }
    [[nodiscard]] const Error &error() const { return std::get<1>(m_data); }

    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

private:
    std::variant<T, Error> m_data;
};

/** Result of an operation that yields nothing but can fail. */
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {} // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace tbds
