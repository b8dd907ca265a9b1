#pragma once

#include "core/teach/ScriptPlan.h"

#include <QString>

// Writes a ScriptPlan as the Python 3 program a student would write for it:
// a server loops over accept() and reads each connection until b'', a
// client sends what was typed and prints what comes back, every receive is
// printed, framing is struct.pack/struct.unpack with a receive-exactly loop
// or a buffer split at the delimiter, and timeouts make it end on its own.
// Its comments are translated in ScriptPlan's context, shared with the C
// writer.
class PythonScriptWriter
{
public:
    static QString write(const ScriptPlan &plan);
};
