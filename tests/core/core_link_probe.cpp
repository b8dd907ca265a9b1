// Uses swcore and nothing else; tests/core/check_core_deps.cmake checks
// which shared libraries this program ended up needing.
#include "core/net/Endpoint.h"
#include "core/text/TextCodec.h"

int main()
{
    const Endpoint e{QHostAddress(QHostAddress::LocalHost), 8000};
    return TextCodec::encodings().isEmpty() || e.toString().isEmpty() ? 1 : 0;
}
