#pragma once

#include "core/teach/ScriptPlan.h"

#include <QString>

// Writes a ScriptPlan as the C program a student would write for it: the
// same program as PythonScriptWriter's, with the socket calls of C, the real
// addresses and ports, and only the helpers it uses, so that it builds with
// gcc -Wall -Wextra -Werror. Its comments are C (127.0.0.1:8000, not a
// Python tuple) and translated in ScriptPlan's context.
class CScriptWriter
{
public:
    static QString write(const ScriptPlan &plan);
};
